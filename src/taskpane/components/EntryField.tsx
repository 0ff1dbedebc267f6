/**
 * One registry column as a form field: a dropdown for code lists and communes, checkboxes for
 * support needs, text otherwise; findings of the row rules for this column appear under it, in
 * the pane's language, words first and the rule's ID after.
 */
import React, { useId } from 'react';
import { Checkbox, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CODE_LISTS } from '../../domain/codes';
import { isOfficialUnit } from '../../domain/communes';
import { UNKNOWN_BIRTH, isUnknownBirth } from '../../domain/dates';
import type { Finding } from '../../domain/finding';
import { needTypes } from '../../domain/rules/sup';
import type { Profile, Unit } from '../../domain/schema/profile';
import type { ColumnSpec, RegistryKey } from '../../domain/schema/registry';
import { exampleBirthDate, exampleBirthYear, exampleDate } from '../lib/examples';
import { fieldMessage } from '../lib/findingText';
import { NEEDS_SEPARATOR, splitNeedsText, type FormValues } from '../lib/entryRow';
import { usePane } from '../state';
import { CommuneField } from './CommuneField';

export type { FormValues };

export interface EntryFieldProps {
  column: ColumnSpec<RegistryKey>;
  value: string;
  onChange: (key: RegistryKey, value: string) => void;
  findings: Finding[];
  profile: Profile;
  unit: Unit;
  /** The person is a foreign national or a foreign victim: the residence field says what to write. */
  foreign: boolean;
  /** The receipt channel's code key (`foreign_victim`, …): which support types can be needed. */
  channel: string | null;
}

const useStyles = makeStyles({
  birth: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
});

/** Memoised: typing in one field re-renders only that field, not the whole form. */
export const EntryField = React.memo(function EntryField({ column, value, onChange, findings, profile, unit, foreign, channel }: EntryFieldProps): React.JSX.Element {
  const { t, lang, services } = usePane();
  const styles = useStyles();
  const today = services.now();
  const label = lang === 'vi' ? column.header_vi : column.header_en;
  const severe = findings.some((f) => f.severity === 'error' || f.severity === 'fatal');
  const message = findings.map((f) => fieldMessage(f, lang)).join(' ');
  const fieldProps = {
    label,
    required: column.required === 'yes',
    validationState: findings.length === 0 ? ('none' as const) : severe ? ('error' as const) : ('warning' as const),
    validationMessage: message || undefined,
  };
  const set = (v: string): void => onChange(column.key, v);

  if (column.kind === 'commune') {
    const hint = foreign ? t('entryCommuneForeign') : undefined;
    if (isOfficialUnit(unit)) return <CommuneField unit={unit} value={value} set={set} lang={lang} field={fieldProps} extraHint={hint} />;
    return (
      <Field {...fieldProps} hint={hint}>
        <Select value={value} onChange={(_, data) => set(data.value)} data-field={column.key}>
          <option value="">{t('entryChoose')}</option>
          {unit.communes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  if (column.kind === 'code') {
    const options = CODE_LISTS[column.codeList ?? 'yes_no'].map((c) => ({ value: c.vi, text: lang === 'vi' || c.vi === c.en ? c.vi : `${c.vi} (${c.en})` }));
    return (
      <Field {...fieldProps}>
        <Select value={value} onChange={(_, data) => set(data.value)} data-field={column.key}>
          <option value="">{t('entryChoose')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.text}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  if (column.kind === 'multi') {
    return <NeedsField column={column} label={label} value={value} set={set} profile={profile} channel={channel} message={message} state={fieldProps.validationState} />;
  }
  if (column.kind === 'birth') {
    const unknown = isUnknownBirth(value);
    return (
      <div className={styles.birth}>
        <Field {...fieldProps} hint={t('entryBirthHint', { example: exampleBirthDate(today), year: exampleBirthYear(today) })}>
          <Input value={value} inputMode="numeric" disabled={unknown} onChange={(_, data) => set(data.value)} data-field={column.key} />
        </Field>
        <Checkbox label={t('entryBirthUnknown')} checked={unknown} onChange={(_, data) => set(data.checked === true ? UNKNOWN_BIRTH : '')} />
      </div>
    );
  }
  const hint = column.kind === 'date' ? t('entryDateHint', { example: exampleDate(today) }) : undefined;
  return (
    <Field {...fieldProps} hint={hint}>
      <Input
        value={value}
        type={column.kind === 'int' ? 'number' : 'text'}
        min={column.kind === 'int' ? 0 : undefined}
        inputMode={column.kind === 'date' ? 'numeric' : undefined}
        onChange={(_, data) => set(data.value)}
        data-field={column.key}
      />
    </Field>
  );
});

const useNeedsStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS },
  hint: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

interface NeedsFieldProps {
  column: ColumnSpec<RegistryKey>;
  label: string;
  value: string;
  set: (value: string) => void;
  profile: Profile;
  channel: string | null;
  message: string;
  state: 'none' | 'error' | 'warning';
}

/**
 * Support needs: one checkbox per support type the person can receive under the plan's law (the
 * same table as the support log, `needTypes`), so every need can be met. A type ticked before the
 * receipt channel made it unavailable stays shown, marked, to be unticked. Not inside a Fluent
 * `Field`: a Field hands its one control id and label to every control in it, so all the
 * checkboxes would share an id and a label ("Y tế" would tick another need).
 */
function NeedsField({ column, label, value, set, profile, channel, message, state }: NeedsFieldProps): React.JSX.Element {
  const styles = useNeedsStyles();
  const { t, lang } = usePane();
  const base = useId();
  const chosen = splitNeedsText(value);
  const open = needTypes(profile, { receipt_channel: channel });
  const openKeys = new Set(open.map((type) => type.key));
  const all = needTypes(profile, { receipt_channel: null });
  const shown = all.filter((type) => openKeys.has(type.key) || chosen.includes(type.vi));
  const foreign = channel === 'foreign_victim';
  const lawKey = profile.law === 'law-2024' ? 'law_2024' : 'law_2011';
  return (
    <fieldset className={styles.group} data-field={column.key} aria-describedby={`${base}-hint${message ? ` ${base}-msg` : ''}`}>
      <legend className={styles.legend}>
        <Text weight="regular">{label}</Text>
      </legend>
      <Text id={`${base}-hint`} size={200} className={styles.hint}>
        {foreign ? t('entryNeedsForeign', { law: t(lawKey) }) : t('entryNeedsHint')}
      </Text>
      {shown.map((type) => {
        const closed = !openKeys.has(type.key);
        const text = lang === 'vi' ? type.vi : `${type.vi} (${type.en})`;
        return (
          <Checkbox
            key={type.key}
            id={`${base}-${type.key}`}
            label={closed ? `${text} — ${t('entryNeedClosed')}` : text}
            checked={chosen.includes(type.vi)}
            onChange={(_, data) => {
              // Kept in the law's order (the report's rows 4.x), whatever order they were ticked in.
              const next = all.filter((x) => (x.vi === type.vi ? data.checked === true : chosen.includes(x.vi))).map((x) => x.vi);
              set(next.join(NEEDS_SEPARATOR));
            }}
          />
        );
      })}
      {message && (
        <Text id={`${base}-msg`} size={200} className={state === 'error' ? styles.error : styles.warning}>
          {message}
        </Text>
      )}
    </fieldset>
  );
}
