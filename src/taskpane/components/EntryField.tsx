/**
 * One registry column as a form field: a dropdown for code lists and communes, checkboxes for
 * support needs, text otherwise; findings of the row rules for this column appear under it.
 */
import React, { useId } from 'react';
import { Checkbox, Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CODE_LISTS, supportTypes } from '../../domain/codes';
import { isOfficialUnit } from '../../domain/communes';
import type { Finding } from '../../domain/finding';
import type { Profile, Unit } from '../../domain/schema/profile';
import type { ColumnSpec, RegistryKey } from '../../domain/schema/registry';
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
}

/** Memoised: typing in one field re-renders only that field, not the whole form. */
export const EntryField = React.memo(function EntryField({ column, value, onChange, findings, profile, unit }: EntryFieldProps): React.JSX.Element {
  const { t, lang } = usePane();
  const label = lang === 'vi' ? column.header_vi : column.header_en;
  const severe = findings.some((f) => f.severity === 'error' || f.severity === 'fatal');
  const message = findings.map((f) => `${f.rule}: ${lang === 'vi' ? f.message_vi : f.message_en}`).join(' ');
  const fieldProps = {
    label,
    required: column.required === 'yes',
    validationState: findings.length === 0 ? ('none' as const) : severe ? ('error' as const) : ('warning' as const),
    validationMessage: message || undefined,
  };
  const set = (v: string): void => onChange(column.key, v);

  if (column.kind === 'commune' && isOfficialUnit(unit)) {
    return <CommuneField unit={unit} value={value} set={set} lang={lang} field={fieldProps} />;
  }
  if (column.kind === 'code' || column.kind === 'commune') {
    const options =
      column.kind === 'commune'
        ? unit.communes.map((c) => ({ value: c, text: c }))
        : CODE_LISTS[column.codeList ?? 'yes_no'].map((c) => ({ value: c.vi, text: lang === 'vi' || c.vi === c.en ? c.vi : `${c.vi} (${c.en})` }));
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
    return <NeedsField column={column} label={label} value={value} set={set} profile={profile} message={message} state={fieldProps.validationState} />;
  }
  const placeholder = column.kind === 'date' ? t('entryDateHint') : column.kind === 'birth' ? t('entryBirthHint') : undefined;
  return (
    <Field {...fieldProps} hint={placeholder}>
      <Input
        value={value}
        type={column.kind === 'int' ? 'number' : 'text'}
        min={column.kind === 'int' ? 0 : undefined}
        inputMode={column.kind === 'date' || column.kind === 'birth' ? 'numeric' : undefined}
        placeholder={placeholder}
        onChange={(_, data) => set(data.value)}
        data-field={column.key}
      />
    </Field>
  );
});

const useNeedsStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

interface NeedsFieldProps {
  column: ColumnSpec<RegistryKey>;
  label: string;
  value: string;
  set: (value: string) => void;
  profile: Profile;
  message: string;
  state: 'none' | 'error' | 'warning';
}

/**
 * Support needs: one checkbox per support type of the profile's law. Not inside a Fluent
 * `Field`: a Field hands its one control id and label to every control in it, so all the
 * checkboxes would share an id and a label ("Y tế" would tick another need).
 */
function NeedsField({ column, label, value, set, profile, message, state }: NeedsFieldProps): React.JSX.Element {
  const styles = useNeedsStyles();
  const { lang } = usePane();
  const base = useId();
  const chosen = splitNeedsText(value);
  const types = supportTypes(profile.law);
  return (
    <fieldset className={styles.group} data-field={column.key} aria-describedby={message ? `${base}-msg` : undefined}>
      <legend className={styles.legend}>
        <Text weight="regular">{label}</Text>
      </legend>
      {types.map((type) => (
        <Checkbox
          key={type.key}
          id={`${base}-${type.key}`}
          label={lang === 'vi' ? type.vi : `${type.vi} (${type.en})`}
          checked={chosen.includes(type.vi)}
          onChange={(_, data) => {
            // Kept in the law's order (the report's rows 4.x), whatever order they were ticked in.
            const next = types.filter((t) => (t.vi === type.vi ? data.checked === true : chosen.includes(t.vi))).map((t) => t.vi);
            set(next.join(NEEDS_SEPARATOR));
          }}
        />
      ))}
      {message && (
        <Text id={`${base}-msg`} size={200} className={state === 'error' ? styles.error : styles.warning}>
          {message}
        </Text>
      )}
    </fieldset>
  );
}
