/** The plan (profile) picker of the Start and Settings tabs: the plans in the order given (the
 *  plan in force today first), each named in words, with its full title on hover. */
import React from 'react';
import { Field, Select } from '@fluentui/react-components';
import type { Profile } from '../../domain/schema/profile';
import type { Language } from '../i18n';
import { planLabel, planTitle } from '../lib/planLabel';

export function PlanPicker(props: { label: string; plans: readonly Profile[]; value: string; lang: Language; onChange: (id: string) => void }): React.JSX.Element {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, data) => props.onChange(data.value)}>
        {props.plans.map((p) => (
          <option key={p.id} value={p.id} title={planTitle(p, props.lang)}>
            {planLabel(p, props.lang)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The unit a plan's picker starts on: its own first unit, or none for the official list (the clerk searches). */
export function firstUnitOf(profile: Profile): string {
  return profile.unit_list === 'vn-official' ? '' : profile.units[0].code;
}
