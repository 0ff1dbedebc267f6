import * as React from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { inPlanYears } from '../../domain/period';
import type { Profile } from '../../domain/schema/profile';
import { useT, type Strings } from './i18n';

const S = {
  outside: {
    vi: 'Năm {y} nằm ngoài thời gian của kế hoạch này ({from}–{to}); kiểm tra lại năm hoặc kế hoạch đã chọn.',
    en: 'Year {y} is outside this plan’s years ({from}–{to}); check the year or the plan selected.',
  },
} satisfies Strings<string>;

/** A plan as a person names it: the province and the plan's years (`Bắc Ninh, 2017–2020`), not
 *  the internal id. */
export function profileLabel(profile: Pick<Profile, 'province' | 'years'>): string {
  return `${profile.province}, ${profile.years.from}–${profile.years.to}`;
}

/** The plan a staff page opens on: the first whose years hold the year now due, else the first. */
export function currentProfileId(profiles: readonly Profile[], due: (id: string) => { year: number }): string {
  return (profiles.find((p) => inPlanYears(p, due(p.id).year)) ?? profiles[0]).id;
}

/** Said up front when the selected year lies outside the plan's years (FMT-07 on the workbook). */
export function PlanYearsNotice(props: { profile: Pick<Profile, 'years'>; year: number }): React.ReactElement | null {
  const t = useT(S);
  if (inPlanYears(props.profile, props.year)) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="plan-years">
      <MessageBarBody>{t('outside', { y: props.year, from: props.profile.years.from, to: props.profile.years.to })}</MessageBarBody>
    </MessageBar>
  );
}
