/**
 * One registry column as a form field: a dropdown for code lists and communes, checkboxes for
 * support needs, text otherwise; findings of the row rules for this column appear under it.
 */
import React from 'react';
import { Checkbox, Field, Input, Select } from '@fluentui/react-components';
import { CODE_LISTS, supportTypes } from '../../domain/codes';
import type { Finding } from '../../domain/finding';
import type { Profile, Unit } from '../../domain/schema/profile';
import type { ColumnSpec, RegistryKey } from '../../domain/schema/registry';
import { NEEDS_SEPARATOR, splitNeedsText, type FormValues } from '../lib/entryRow';
import { usePane } from '../state';

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
    const chosen = splitNeedsText(value);
    return (
      <Field {...fieldProps}>
        <div role="group" aria-label={label} data-field={column.key}>
          {supportTypes(profile.law).map((type) => (
            <Checkbox
              key={type.key}
              label={lang === 'vi' ? type.vi : `${type.vi} (${type.en})`}
              checked={chosen.includes(type.vi)}
              onChange={(_, data) => {
                const next = data.checked ? [...chosen, type.vi] : chosen.filter((c) => c !== type.vi);
                set(next.join(NEEDS_SEPARATOR));
              }}
            />
          ))}
        </div>
      </Field>
    );
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
