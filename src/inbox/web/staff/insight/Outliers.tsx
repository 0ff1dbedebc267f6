import * as React from 'react';
import {
  Badge,
  Button,
  Card,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { formatNumber } from '../../../../domain/format';
import { LangContext, formatDateTime, useT } from '../../i18n';
import { useNarrow } from '../../useNarrow';
import { useCardListStyles } from '../cardList';
import { insightApi, type PeriodArgs, type UnitOutliersView } from './api';
import { IS } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  unit: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  wrap: { overflowX: 'auto' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  confirmed: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** OUT-01 beside each submission: the figure, the median and the accepted quarters behind it. */
export function Outliers(props: {
  period: PeriodArgs;
  csrf: string;
  names: Record<string, string>;
  version: number;
  onLoaded?: (byUnit: Record<string, number>, period: PeriodArgs) => void;
}): React.ReactElement {
  const styles = useStyles();
  const cardList = useCardListStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [units, setUnits] = React.useState<UnitOutliersView[] | null>(null);
  const [error, setError] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const narrow = useNarrow();
  const nf = { format: (n: number) => formatNumber(n, lang) };
  const { profile, year, quarter } = props.period;
  // Read through a ref: a new callback from the parent must not refetch.
  const onLoaded = React.useRef(props.onLoaded);
  onLoaded.current = props.onLoaded;

  const load = React.useCallback(async () => {
    setError(false);
    const res = await insightApi.outliers({ profile, year, quarter });
    if (res.status === 200) {
      setUnits(res.body.units);
      const byUnit = Object.fromEntries(res.body.units.filter((u) => !u.confirmed).map((u) => [u.unit_code, u.outliers.length]));
      onLoaded.current?.(byUnit, { profile, year, quarter });
    } else setError(true);
  }, [profile, year, quarter]);

  React.useEffect(() => {
    load().catch(() => setError(true));
  }, [load, props.version]);

  const confirm = async (u: UnitOutliersView) => {
    if (!window.confirm(t('confirmAsk', { unit: props.names[u.unit_code] ?? u.unit_code }))) return;
    setBusy(true);
    try {
      await insightApi.confirm(u.submission_id, props.csrf);
      await load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={styles.card} data-testid="outliers" id="bat-thuong">
      <Title3 as="h2">{t('outliersTitle')}</Title3>
      <Text size={200}>{t('outliersHow')}</Text>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t('failed')}</MessageBarBody>
        </MessageBar>
      )}
      {units === null && !error && <Text>{t('loading')}</Text>}
      {units?.length === 0 && <Text data-testid="outliers-none">{t('outliersNone')}</Text>}
      {units?.map((u) => (
        <section key={u.unit_code} className={styles.unit} data-testid={`outliers-${u.unit_code}`} id={`bat-thuong-${u.unit_code}`} aria-label={props.names[u.unit_code] ?? u.unit_code}>
          <div className={styles.head}>
            <Text weight="semibold">
              {props.names[u.unit_code] ?? u.unit_code} ({u.unit_code})
            </Text>
            {u.confirmed ? (
              <Text className={styles.confirmed} data-testid="outliers-confirmed">
                ✓ {t('confirmed', { by: u.confirmed.by, at: formatDateTime(u.confirmed.at) })}
              </Text>
            ) : (
              <Button size="small" disabled={busy} onClick={() => void confirm(u)} data-testid="outliers-confirm">
                {t('confirm')}
              </Button>
            )}
          </div>
          {narrow ? (
            <ul className={cardList.list}>
              {u.outliers.map((o) => (
                <li key={o.row} className={cardList.item}>
                  <Text weight="semibold">
                    {o.row}. {lang === 'en' ? o.label_en : o.label_vi}{' '}
                    <Badge appearance="outline" color={o.kind === 'spike' ? 'warning' : 'danger'}>
                      {t(o.kind)}
                    </Badge>
                  </Text>
                  <Text>
                    {t('thisQuarter')}: <b>{nf.format(o.value)}</b> · {t('median')}: {nf.format(o.median)}
                  </Text>
                  <Text size={200}>
                    {t('history')}: {o.history.map((h) => `${t('quarterShort', { q: h.quarter, y: h.year })}: ${nf.format(h.value)}`).join(' · ')}
                  </Text>
                </li>
              ))}
            </ul>
          ) : (
            <div className={styles.wrap}>
              <Table size="small" aria-label={`${t('outliersTitle')}: ${u.unit_code}`}>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{t('row')}</TableHeaderCell>
                    <TableHeaderCell>{t('indicator')}</TableHeaderCell>
                    <TableHeaderCell>{t('thisQuarter')}</TableHeaderCell>
                    <TableHeaderCell>{t('median')}</TableHeaderCell>
                    <TableHeaderCell>{t('history')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {u.outliers.map((o) => (
                    <TableRow key={o.row}>
                      <TableCell>{o.row}</TableCell>
                      <TableCell>
                        {lang === 'en' ? o.label_en : o.label_vi}{' '}
                        <Badge appearance="outline" color={o.kind === 'spike' ? 'warning' : 'danger'}>
                          {t(o.kind)}
                        </Badge>
                      </TableCell>
                      <TableCell className={styles.num}>
                        <b>{nf.format(o.value)}</b>
                      </TableCell>
                      <TableCell className={styles.num}>{nf.format(o.median)}</TableCell>
                      <TableCell>{o.history.map((h) => `${t('quarterShort', { q: h.quarter, y: h.year })}: ${nf.format(h.value)}`).join(' · ')}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </section>
      ))}
    </Card>
  );
}
