import * as React from 'react';
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  year: { width: '7rem' },
});

export interface PeriodValue {
  year: number;
  quarter: number;
}

/** The quarter that has just ended: the one a unit reports on (due after the period end). */
export function defaultPeriod(now: Date = new Date()): PeriodValue {
  const q = Math.floor(now.getMonth() / 3) + 1;
  return q === 1 ? { year: now.getFullYear() - 1, quarter: 4 } : { year: now.getFullYear(), quarter: q - 1 };
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
