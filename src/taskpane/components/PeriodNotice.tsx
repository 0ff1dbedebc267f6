/**
 * Says up front, in words, when the plan's years, the workbook's period and the period now due
 * disagree (e.g. the Bắc Ninh 2017–2020 plan with quarter 3/2026), before a clerk spends a
 * quarter entering cases into the wrong register.
 */
import React from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { todayUtc } from '../../domain/dates';
import { inPlanYears, periodDue } from '../../domain/period';
import type { Profile } from '../../domain/schema/profile';
import { planLabel, planYears } from '../lib/planLabel';
import { usePane } from '../state';

export interface PeriodNoticeProps {
  profile: Profile;
  year: number;
  quarter: number;
  /** True when the period is the open workbook's own (`_meta`), false when being chosen. */
  fromWorkbook: boolean;
}

export function PeriodNotice({ profile, year, quarter, fromWorkbook }: PeriodNoticeProps): React.JSX.Element | null {
  const { t, lang, services } = usePane();
  if (!Number.isInteger(year) || year < 1900 || !Number.isInteger(quarter)) return null;
  const due = periodDue(profile, todayUtc(services.now()));
  const lines: string[] = [];
  if (!inPlanYears(profile, year)) lines.push(t('periodOutsidePlan', { plan: planLabel(profile, lang), years: planYears(profile), year }));
  if (due.year !== year || due.quarter !== quarter) {
    lines.push(t(fromWorkbook ? 'periodWorkbookNotDue' : 'periodChosenNotDue', { year, quarter, dueYear: due.year, dueQuarter: due.quarter }));
  }
  if (lines.length === 0) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="period-notice">
      <MessageBarBody>{lines.join(' ')}</MessageBarBody>
    </MessageBar>
  );
}
