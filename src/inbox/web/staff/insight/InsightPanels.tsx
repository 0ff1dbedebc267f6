import * as React from 'react';
import { LangContext } from '../../i18n';
import { Duplicates } from './Duplicates';
import { ExportCard } from './ExportCard';
import { MapCard } from './MapCard';
import { PrintHeader, PrintStyles, PrintUnits } from './PrintSummary';
import { PROFILES } from '../../../../profiles';
import { Outliers } from './Outliers';
import { TrendCard } from './TrendCard';
import type { PeriodArgs } from './api';

/** Everything the inbox adds beyond one workbook, for the chosen quarter (docs/inbox.md). */
export function InsightPanels(props: {
  period: PeriodArgs;
  csrf: string;
  units: { unit_code: string; unit_name: string; state: string }[];
  /** Bumped after a reload so the panels refetch. */
  version: number;
  /** Told how many OUT-01 figures each unit has (for the quarter's table), with their quarter. */
  onOutliers?: (byUnit: Record<string, number>, period: PeriodArgs) => void;
}): React.ReactElement {
  const lang = React.useContext(LangContext);
  const plan = PROFILES.find((p) => p.id === props.period.profile);
  const department = (lang === 'en' ? plan?.department_en : plan?.department) ?? '';
  const names = React.useMemo(() => Object.fromEntries(props.units.map((u) => [u.unit_code, u.unit_name])), [props.units]);
  return (
    <>
      <PrintStyles />
      <PrintHeader period={props.period} units={props.units} department={department} />
      <MapCard period={props.period} units={props.units} />
      <PrintUnits units={props.units} />
      <TrendCard period={props.period} units={props.units} department={department} version={props.version} />
      <Outliers period={props.period} csrf={props.csrf} names={names} version={props.version} onLoaded={props.onOutliers} />
      <Duplicates period={props.period} names={names} version={props.version} />
      <ExportCard period={props.period} />
    </>
  );
}
