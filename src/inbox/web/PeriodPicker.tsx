import * as React from 'react';
import { Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import { VIETNAM_UTC_OFFSET_MS, startOfUtcDay } from '../../domain/period';
import { planName } from '../../domain/planName';
import { compareQuarters, openingQuarter, planQuarters, type Quarter } from '../../domain/planTime';
import type { Profile } from '../../domain/schema/profile';
import { DEFAULT_PROFILE_ID, getProfile } from '../../profiles';
import { LangContext, useT, type Strings } from './i18n';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  year: { width: '7rem' },
  yearField: { maxWidth: '100%' },
});

const S = {
  yearOutside: {
    vi: 'Kế hoạch {plan} gồm từ quý {fq}/{fy} đến quý {lq}/{ly}.',
    en: 'Plan {plan} runs from Q{fq} {fy} to Q{lq} {ly}.',
  },
} satisfies Strings<string>;

export type PeriodValue = Quarter;

/** Today's date in Vietnam, as the UTC-midnight day the domain's period functions take. */
export function todayInVietnam(now: Date = new Date()): Date {
  return startOfUtcDay(new Date(now.getTime() + VIETNAM_UTC_OFFSET_MS));
}

/** The quarter a page opens on for a plan (`openingQuarter`: the period due today under the
 *  plan's rule, as the pane opens on, kept inside the plan's quarters). An unknown plan falls
 *  back to the default one. */
export function duePeriod(profileId: string | null | undefined, now: Date = new Date()): PeriodValue {
  const profile = getProfile(profileId ?? '') ?? getProfile(DEFAULT_PROFILE_ID)!;
  return openingQuarter(profile, todayInVietnam(now));
}

/** The quarter nearest to `q` among those the plan offers (itself when it is one of them). */
export function clampToPlan(profile: Profile, q: PeriodValue, now: Date = new Date()): PeriodValue {
  const range = planQuarters(profile, todayInVietnam(now));
  if (!range) return q;
  if (compareQuarters(q, range.first) < 0) return range.first;
  if (compareQuarters(q, range.last) > 0) return range.last;
  return q;
}

/**
 * Year and quarter of the plan, plus whatever else the page puts before them (the staff's plan).
 * Only the plan's quarters up to the one under way are offered: a year outside them is said in
 * words next to the field and never reaches the page.
 */
export function PeriodPicker(props: {
  profile: Profile;
  value: PeriodValue;
  onChange: (value: PeriodValue) => void;
  labels: { year: string; quarter: string };
  /** Now, for tests; the browser's clock otherwise. */
  now?: Date;
  children?: React.ReactNode;
}): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const { value, onChange, profile } = props;
  const range = planQuarters(profile, todayInVietnam(props.now));
  const years = range ? { from: range.first.year, to: range.last.year } : { from: 2000, to: 2100 };
  // The typed text is kept apart from the value: "2", "20", "202" are steps towards a year.
  const [yearText, setYearText] = React.useState(String(value.year));
  React.useEffect(() => setYearText(String(value.year)), [value.year]);
  const typed = Number(yearText);
  const outside = range !== null && yearText.length >= 4 && (!Number.isInteger(typed) || typed < years.from || typed > years.to);
  const quarters = [1, 2, 3, 4].filter((q) => !range || (compareQuarters({ year: value.year, quarter: q }, range.first) >= 0 && compareQuarters({ year: value.year, quarter: q }, range.last) <= 0));
  const hint = range
    ? t('yearOutside', { plan: planName(profile, lang), fq: range.first.quarter, fy: range.first.year, lq: range.last.quarter, ly: range.last.year })
    : undefined;
  return (
    <div className={styles.row}>
      {props.children}
      <Field label={props.labels.year} className={styles.yearField} validationState={outside ? 'warning' : 'none'} validationMessage={outside ? hint : undefined}>
        <Input
          className={styles.year}
          type="number"
          inputMode="numeric"
          min={years.from}
          max={years.to}
          value={yearText}
          data-testid="period-year"
          onChange={(_, d) => {
            setYearText(d.value);
            const year = Number(d.value);
            if (Number.isInteger(year) && year >= years.from && year <= years.to) {
              onChange(range ? clampToPlan(profile, { ...value, year }, props.now) : { ...value, year });
            }
          }}
        />
      </Field>
      <Field label={props.labels.quarter}>
        <Select value={String(value.quarter)} data-testid="period-quarter" onChange={(_, d) => onChange({ ...value, quarter: Number(d.value) })}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
