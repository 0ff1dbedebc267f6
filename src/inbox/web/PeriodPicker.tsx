import * as React from 'react';
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { VIETNAM_UTC_OFFSET_MS, periodDue, startOfUtcDay } from '../../domain/period';
import { DEFAULT_PROFILE_ID, getProfile } from '../../profiles';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  year: { width: '7rem' },
});

export interface PeriodValue {
  year: number;
  quarter: number;
}

/** The period a unit is due to report on now under the plan's period rule (`periodDue`, the same
 *  rule as the pane), on today's date in Vietnam. An unknown plan falls back to the default one. */
export function duePeriod(profileId: string | null | undefined, now: Date = new Date()): PeriodValue {
  const profile = getProfile(profileId ?? '') ?? getProfile(DEFAULT_PROFILE_ID)!;
  return periodDue(profile, startOfUtcDay(new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS)));
}

/** Year and quarter inputs, plus whatever else the page puts before them (the staff's plan). */
export function PeriodPicker(props: {
  value: PeriodValue;
  onChange: (value: PeriodValue) => void;
  labels: { year: string; quarter: string };
  children?: React.ReactNode;
}): React.ReactElement {
  const styles = useStyles();
  const { value, onChange } = props;
  // The typed text is kept apart from the value: "2", "20", "202" are steps towards a year.
  const [yearText, setYearText] = React.useState(String(value.year));
  React.useEffect(() => setYearText(String(value.year)), [value.year]);
  return (
    <div className={styles.row}>
      {props.children}
      <Field label={props.labels.year}>
        <Input
          className={styles.year}
          type="number"
          min={2000}
          max={2100}
          value={yearText}
          data-testid="period-year"
          onChange={(_, d) => {
            setYearText(d.value);
            const year = Number(d.value);
            if (Number.isInteger(year) && year >= 2000 && year <= 2100) onChange({ ...value, year });
          }}
        />
      </Field>
      <Field label={props.labels.quarter}>
        <Select value={String(value.quarter)} data-testid="period-quarter" onChange={(_, d) => onChange({ ...value, quarter: Number(d.value) })}>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
