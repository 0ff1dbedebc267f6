/**
 * `Xã/Phường cư trú` for a unit of the official list (vn-2025): the residence may be any commune
 * of the country (docs/profiles.md), so the field is a text box with a search over the whole list that
 * forgives missing diacritics (`tan hiep`). The list loads on demand, once, the first time the clerk
 * types; the unit's own province comes first and is written as a bare name, any other commune with
 * its province after a comma (`Phường Tân Hiệp, Hồ Chí Minh`), exactly the form REG-08 accepts.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Unit } from '../../domain/schema/profile';
import { allLoadedUnits, isListComplete, loadAllProvinces, type OfficialUnit } from '../../profiles/officialList';
import { searchUnits } from '../../profiles/unitSearch';
import { searchExample } from '../lib/examples';

const TEXT = {
  hint: { vi: 'Gõ tên xã, phường (không dấu cũng được, ví dụ: {example}); xã ở tỉnh khác ghi kèm tên tỉnh.', en: 'Type the commune (diacritics optional, e.g. {example}); a commune of another province is written with its province.' },
  loading: { vi: 'Đang tải danh sách xã, phường…', en: 'Loading the communes…' },
  failed: { vi: 'Không tải được danh sách xã, phường; vẫn có thể gõ tên đầy đủ.', en: 'Could not load the communes; the full name can still be typed.' },
  none: { vi: 'Không có xã, phường nào khớp.', en: 'No commune matches.' },
} as const;

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  option: { justifyContent: 'flex-start', textAlign: 'left', whiteSpace: 'normal', maxWidth: '100%', minWidth: 0 },
});

/** What the cell gets for a unit: the bare name in the unit's own province, else `name, province`. */
export function communeText(found: OfficialUnit, ownProvince: string | undefined): string {
  return found.province_code === ownProvince ? found.unit_name : `${found.unit_name}, ${found.province_name}`;
}

export interface CommuneFieldProps {
  unit: Unit;
  value: string;
  set: (value: string) => void;
  lang: 'vi' | 'en';
  field: Omit<React.ComponentProps<typeof Field>, 'children'>;
  /** Guidance for this person, said before the general hint (e.g. where a foreigner is staying). */
  extraHint?: string;
}

export function CommuneField({ unit, value, set, lang, field, extraHint }: CommuneFieldProps): React.JSX.Element {
  const styles = useStyles();
  const own = unit.province_code;
  const [state, setState] = useState<'idle' | 'loading' | 'ready' | 'failed'>(isListComplete() ? 'ready' : 'idle');
  const [open, setOpen] = useState(false);
  const query = value.trim();

  useEffect(() => {
    if (state !== 'idle' || query.length < 2) return;
    setState('loading');
    loadAllProvinces().then(
      () => setState('ready'),
      () => setState('failed'),
    );
  }, [state, query]);

  const matches = useMemo(() => {
    if (state !== 'ready' || !open || query.length < 2) return [];
    const found = searchUnits(
      Array.from(allLoadedUnits(), (u) => ({ ...u, code: u.unit_code, name: u.unit_name })),
      query.split(',')[0],
      200,
    );
    // The unit's own province first: a bare name is looked up there first (REG-08).
    return [...found.filter((u) => u.province_code === own), ...found.filter((u) => u.province_code !== own)].slice(0, 8);
  }, [state, open, query, own]);

  return (
    <Field {...field} hint={[extraHint, TEXT.hint[lang].replace('{example}', searchExample(unit.name))].filter(Boolean).join(' ')}>
      <Input
        value={value}
        onChange={(_, data) => {
          set(data.value);
          setOpen(true);
        }}
        data-field="commune"
        autoComplete="off"
      />
      {state === 'loading' && <Text size={200}>{TEXT.loading[lang]}</Text>}
      {state === 'failed' && <Text size={200}>{TEXT.failed[lang]}</Text>}
      {open && state === 'ready' && query.length >= 2 && matches.length === 0 && <Text size={200}>{TEXT.none[lang]}</Text>}
      {matches.length > 0 && (
        <ul className={styles.list} aria-label={typeof field.label === 'string' ? field.label : undefined} data-testid="commune-matches">
          {matches.map((u) => {
            const text = communeText(u, own);
            return (
              <li key={u.unit_code}>
                <Button
                  size="small"
                  appearance="subtle"
                  className={styles.option}
                  onClick={() => {
                    set(text);
                    setOpen(false);
                  }}
                >
                  {text}
                </Button>
              </li>
            );
          })}
        </ul>
      )}
    </Field>
  );
}
