/**
 * Choosing the reporting unit. For a profile over the official list (vn-2025): the province,
 * then the commune, with a search box that forgives missing diacritics (`tu son` finds
 * `Phường Từ Sơn`); a province's units load on demand (one small chunk each), so the pane's first
 * screen does not carry 3,321 names. Other profiles: their own short list.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { Field, Input, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Profile } from '../../domain/schema/profile';
import { OFFICIAL_LIST, loadProvince, officialUnit, type ProvinceUnits } from '../../profiles/officialList';
import { searchUnits } from '../../profiles/unitSearch';
import { searchExample } from '../lib/examples';

const TEXT = {
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  provincePick: { vi: '— Chọn tỉnh, thành phố —', en: '— Choose a province —' },
  search: { vi: 'Tìm xã, phường (gõ không dấu cũng được)', en: 'Find the commune (diacritics optional)' },
  searchPlaceholder: { vi: 'ví dụ: {example}', en: 'e.g. {example}' },
  unit: { vi: 'Xã, phường, đặc khu', en: 'Commune' },
  unitPick: { vi: '— Chọn xã, phường —', en: '— Choose a commune —' },
  loading: { vi: 'Đang tải danh sách xã, phường…', en: 'Loading the communes…' },
  loadFailed: { vi: 'Không tải được danh sách xã, phường; kiểm tra mạng rồi chọn lại tỉnh.', en: 'Could not load the communes; check the connection and choose the province again.' },
  none: { vi: 'Không có xã, phường nào khớp "{q}".', en: 'No commune matches "{q}".' },
  count: { vi: '{n}/{total} xã, phường', en: '{n} of {total} communes' },
  source: { vi: 'Danh mục đơn vị hành chính áp dụng từ {date}.', en: 'Official list of administrative units in force from {date}.' },
} as const;

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS, minWidth: 0 },
  select: { minWidth: 0, maxWidth: '100%' },
});

export interface UnitPickerProps {
  profile: Profile;
  value: string;
  onChange: (code: string) => void;
  lang: 'vi' | 'en';
  /** Label and hint of the plain list (profiles with their own unit list). */
  label: string;
  hint?: string;
}

const day = (iso: string): string => iso.split('-').reverse().join('/');

export function UnitPicker(props: UnitPickerProps): React.JSX.Element {
  const styles = useStyles();
  const { profile, value, onChange, lang } = props;
  const tx = (key: keyof typeof TEXT, params: Record<string, string | number> = {}): string =>
    TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

  const [provinceCode, setProvinceCode] = useState(() => officialUnit(value)?.province_code ?? '');
  const [province, setProvince] = useState<ProvinceUnits | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');
  const [query, setQuery] = useState('');

  useEffect(() => {
    if (profile.unit_list !== 'vn-official' || !provinceCode) return;
    let live = true;
    setState('loading');
    loadProvince(provinceCode).then(
      (p) => {
        if (!live) return;
        setProvince(p);
        setState('idle');
      },
      () => live && setState('failed'),
    );
    return () => {
      live = false;
    };
  }, [profile.unit_list, provinceCode]);

  const units = useMemo(() => (province ? province.units.map(([code, name]) => ({ code, name })) : []), [province]);
  const shown = useMemo(() => (query.trim() ? searchUnits(units, query, units.length) : units), [units, query]);

  if (profile.unit_list !== 'vn-official') {
    return (
      <Field label={props.label} hint={props.hint}>
        <Select className={styles.select} value={value} onChange={(_, data) => onChange(data.value)}>
          {profile.units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} ({u.code})
            </option>
          ))}
        </Select>
      </Field>
    );
  }

  return (
    <div className={styles.wrap} data-testid="unit-picker">
      <Field label={tx('province')}>
        <Select
          className={styles.select}
          value={provinceCode}
          data-testid="unit-picker-province"
          onChange={(_, data) => {
            setProvinceCode(data.value);
            setProvince(null);
            setQuery('');
            onChange('');
          }}
        >
          <option value="">{tx('provincePick')}</option>
          {OFFICIAL_LIST.provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} ({p.code})
            </option>
          ))}
        </Select>
      </Field>
      {provinceCode && (
        <>
          <Field label={tx('search')}>
            <Input
              value={query}
              placeholder={units.length > 0 ? tx('searchPlaceholder', { example: searchExample(units[0].name) }) : undefined}
              data-testid="unit-picker-search"
              disabled={!province}
              onChange={(_, data) => {
                setQuery(data.value);
                const first = data.value.trim() ? searchUnits(units, data.value, 1)[0] : undefined;
                if (first) onChange(first.code);
              }}
            />
          </Field>
          <Field
            label={tx('unit')}
            hint={province ? `${tx('count', { n: shown.length, total: units.length })}. ${tx('source', { date: day(OFFICIAL_LIST.in_force_from) })}` : undefined}
            validationState={state === 'failed' || (province && shown.length === 0) ? 'error' : 'none'}
            validationMessage={state === 'failed' ? tx('loadFailed') : province && shown.length === 0 ? tx('none', { q: query }) : undefined}
          >
            {state === 'loading' && !province ? (
              <Text>{tx('loading')}</Text>
            ) : (
              <Select className={styles.select} value={value} data-testid="unit-picker-unit" onChange={(_, data) => onChange(data.value)}>
                <option value="">{tx('unitPick')}</option>
                {shown.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name} ({u.code})
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </>
      )}
    </div>
  );
}
