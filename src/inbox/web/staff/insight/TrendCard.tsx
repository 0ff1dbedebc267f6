import * as React from 'react';
import { Button, Card, MessageBar, MessageBarBody, Spinner, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import type { Trends } from '../../../../domain/trends';
import { LangContext, errorText, useT } from '../../i18n';
import { getJson, periodQuery, type PeriodArgs } from './api';
import type { MapUnit } from './MapCard';
import { IS } from './strings';

/** The charting library (recharts) and the charts are their own chunk, fetched on first open. */
const TrendCharts = React.lazy(() => import(/* webpackChunkName: "trends" */ './TrendCharts'));

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
});

/** Trends of the main indicators over the last 8 quarters, opened on demand. */
export function TrendCard(props: { period: PeriodArgs; units: MapUnit[]; department: string; version: number }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [open, setOpen] = React.useState(false);
  const [trends, setTrends] = React.useState<Trends | null>(null);
  // The failed answer's body (null when the request itself failed); its text follows the language.
  const [failure, setFailure] = React.useState<{ body: unknown } | null>(null);
  const { profile, year, quarter } = props.period;

  React.useEffect(() => {
    if (!open) return;
    let live = true;
    setTrends(null);
    setFailure(null);
    getJson<Trends>(`/api/staff/insight/trends?${periodQuery({ profile, year, quarter })}`).then(
      (res) => {
        if (!live) return;
        if (res.status === 200 && res.body) setTrends(res.body);
        else setFailure({ body: res.body });
      },
      () => live && setFailure({ body: null }),
    );
    return () => {
      live = false;
    };
  }, [open, profile, year, quarter, props.version]);
  const error = failure ? errorText(failure.body, lang, IS.failed) : null;

  return (
    <Card className={styles.card} data-testid="trends" id="xu-huong">
      <Title3 as="h2">{t('trendTitle')}</Title3>
      <Text size={200}>{t('trendHow')}</Text>
      {!open && (
        <div>
          <Button onClick={() => setOpen(true)} data-testid="trends-open">
            {t('trendOpen')}
          </Button>
        </div>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {open && !trends && !error && <Spinner size="small" label={t('trendLoading')} />}
      {open && trends && (
        <React.Suspense fallback={<Spinner size="small" label={t('loading')} />}>
          <TrendCharts trends={trends} period={props.period} units={props.units} department={props.department} />
        </React.Suspense>
      )}
    </Card>
  );
}
