import * as React from 'react';
import { Button, Checkbox, Field, Link, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatPercent } from '../../../../domain/format';
import {
  cellText,
  publishTrends,
  SMALL_NOTE,
  trendQuarterLabel,
  type PublishedCell,
  type TrendGroup,
  type TrendQuarter,
  type TrendRowDef,
  type Trends,
} from '../../../../domain/trends';
import { LangContext, useT, type Lang } from '../../i18n';
import { useNarrow } from '../../useNarrow';
import { periodQuery, type PeriodArgs } from './api';
import type { MapUnit } from './MapCard';
import { IS } from './strings';

/** Line colours, distinguishable on screen and in print (Fluent's palette, darker shades). */
const COLOURS = ['#0f6cbd', '#c50f1f', '#107c10', '#8764b8', '#ca5010', '#038387', '#4f6bed', '#986f0b', '#e3008c', '#5c2e91'];

const GROUPS: { group: TrendGroup; title: 'trendPeople' | 'trendSupport' | 'trendPercent' }[] = [
  { group: 'people', title: 'trendPeople' },
  { group: 'support', title: 'trendSupport' },
  { group: 'percent', title: 'trendPercent' },
];

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  scope: { minWidth: 0, maxWidth: '100%', flex: '1 1 240px' },
  buttons: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  // The chart above its table: side by side, eight quarters and their labels did not fit and the
  // table opened scrolled, its first quarter cut off.
  pair: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  chart: { width: '100%', maxWidth: '760px', minWidth: 0, height: '240px' },
  tableBox: { minWidth: 0, maxWidth: '100%', overflowX: 'auto' },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    width: '100%',
    '& th, & td': { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
    '& td': { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
    '& thead th': { textAlign: 'right', whiteSpace: 'nowrap' },
    '& tbody th': { textAlign: 'left', fontWeight: tokens.fontWeightRegular, minWidth: '180px', maxWidth: '320px' },
    // The labels stay in view while the quarters scroll on a narrow screen.
    '& tbody th, & thead th:first-child': { position: 'sticky', left: 0, backgroundColor: tokens.colorNeutralBackground1, zIndex: 1 },
  },
  // The group's heading above the chart names the table for sighted readers.
  caption: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  swatch: { display: 'inline-block', width: '10px', height: '10px', borderRadius: '2px', marginRight: tokens.spacingHorizontalXS, verticalAlign: 'baseline' },
  note: { color: tokens.colorNeutralForeground3 },
  // The phone layout: one block per indicator, its label whole on top, the quarters below it.
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: tokens.spacingVerticalS, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  itemLabel: { fontWeight: tokens.fontWeightSemibold },
  quarters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  quarter: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  quarterLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase100, whiteSpace: 'nowrap' },
  quarterValue: { margin: 0, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
});

/** On a narrow screen the table scrolls: it starts at the newest quarters, the ones that matter,
 *  and goes back there when the box changes width (a rotated phone, a resized window). */
function useScrollToNewest(): React.RefCallback<HTMLDivElement> {
  const observer = React.useRef<ResizeObserver | null>(null);
  return React.useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    el.scrollLeft = el.scrollWidth;
    if (typeof ResizeObserver !== 'undefined') {
      observer.current = new ResizeObserver(() => (el.scrollLeft = el.scrollWidth));
      observer.current.observe(el);
    }
  }, []);
}

/** The table's scrolling box: a labelled region a keyboard can reach and scroll. */
function TableBox(props: { label: string; children: React.ReactNode }): React.ReactElement {
  const styles = useStyles();
  const ref = useScrollToNewest();
  return (
    <div className={styles.tableBox} role="region" aria-label={props.label} tabIndex={0} ref={ref}>
      {props.children}
    </div>
  );
}

const dataKey = (code: string): string => `r${code.replace(/\./g, '_')}`;

/** A legend-friendly label: the row code and its label without the "Được hỗ trợ: " lead. */
function shortLabel(r: TrendRowDef, lang: Lang): string {
  const label = lang === 'vi' ? r.label_vi : r.label_en;
  return `${r.code}. ${label.replace(/^(Được hỗ trợ|Supported): /, '')}`;
}

interface ChartProps {
  rows: TrendRowDef[];
  cells: Record<string, PublishedCell[]>;
  quarters: TrendQuarter[];
  percent: boolean;
  /** Draws the `<5` band (print with small counts hidden). */
  band: boolean;
  ariaLabel: string;
  /** Fixed size for print; otherwise the chart fills its box. */
  size?: { width: number; height: number };
}

function TrendChart(p: ChartProps): React.ReactElement {
  const lang = React.useContext(LangContext);
  const t = useT(IS);
  const data = p.quarters.map((q, i) => {
    const point: Record<string, string | number | null> = { label: trendQuarterLabel(q, lang) };
    for (const r of p.rows) {
      const c = p.cells[r.code][i];
      point[dataKey(r.code)] = c.kind === 'value' ? c.value : null;
    }
    return point;
  });
  const fmt = (v: unknown) => (typeof v === 'number' ? (p.percent ? formatPercent(v, lang) : formatNumber(v, lang)) : '—');
  const chart = (
    // The chart is one image for assistive technology (its numbers are the table beside it), so
    // recharts' own keyboard layer, a focusable inside that image, is off.
    <LineChart data={data} margin={{ top: 8, right: 28, bottom: 4, left: 0 }} accessibilityLayer={false} {...(p.size ?? {})}>
      <CartesianGrid stroke="#e0e0e0" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" padding={{ left: 14, right: 14 }} />
      <YAxis
        allowDecimals={false}
        width={p.percent ? 44 : 36}
        tick={{ fontSize: 11 }}
        domain={p.percent ? [0, 100] : [0, 'auto']}
        tickFormatter={(v: number) => (p.percent ? `${v}%` : formatNumber(v, lang))}
      />
      {p.band && <ReferenceArea y1={0} y2={5} ifOverflow="extendDomain" fill="#d1d1d1" fillOpacity={0.5} label={{ value: `<5 (${t('trendSmallBand')})`, position: 'insideBottomLeft', fontSize: 10 }} />}
      {!p.size && <Tooltip formatter={(v: unknown) => fmt(v)} />}
      {p.rows.map((r, i) => (
        <Line
          key={r.code}
          type="linear"
          dataKey={dataKey(r.code)}
          name={shortLabel(r, lang)}
          stroke={COLOURS[i % COLOURS.length]}
          strokeWidth={2}
          dot={{ r: 3 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
  return (
    <div role="img" aria-label={p.ariaLabel} data-testid={p.size ? 'trend-chart-print' : 'trend-chart'}>
      {p.size ? chart : <ResponsiveContainer width="100%" height={240}>{chart}</ResponsiveContainer>}
    </div>
  );
}

function TrendTable(p: {
  rows: TrendRowDef[];
  cells: Record<string, PublishedCell[]>;
  quarters: TrendQuarter[];
  caption: string;
  accepted: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const lang = React.useContext(LangContext);
  const t = useT(IS);
  return (
    <table className={styles.table} data-testid="trend-table">
      <caption className={styles.caption}>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col" style={{ textAlign: 'left' }}>
            {t('indicator')}
          </th>
          {p.quarters.map((q) => (
            <th scope="col" key={`${q.year}-${q.quarter}`}>
              {trendQuarterLabel(q, lang)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r, i) => (
          <tr key={r.code}>
            <th scope="row">
              <span className={styles.swatch} style={{ background: COLOURS[i % COLOURS.length] }} aria-hidden="true" />
              {shortLabel(r, lang)}
            </th>
            {p.cells[r.code].map((c, j) => (
              <td key={j}>{cellText(c, r.kind, lang)}</td>
            ))}
          </tr>
        ))}
        {p.accepted && (
          <tr>
            <th scope="row">
              <i>{t('trendAccepted')}</i>
            </th>
            {p.quarters.map((q) => (
              <td key={`${q.year}-${q.quarter}`}>
                <i>{formatNumber(q.accepted, lang)}</i>
              </td>
            ))}
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The table's rows on a phone: each indicator a block, its label in full and its eight quarters
 *  as a 4 × 2 grid of quarter and value, so nothing is cut off or scrolled out of sight. */
function TrendList(p: { rows: TrendRowDef[]; cells: Record<string, PublishedCell[]>; quarters: TrendQuarter[]; caption: string; accepted: boolean }): React.ReactElement {
  const styles = useStyles();
  const lang = React.useContext(LangContext);
  const t = useT(IS);
  const block = (key: string, label: React.ReactNode, values: string[], swatch?: string) => (
    <li key={key} className={styles.item} data-testid="trend-list-row">
      <span className={styles.itemLabel}>
        {swatch && <span className={styles.swatch} style={{ background: swatch }} aria-hidden="true" />}
        {label}
      </span>
      <dl className={styles.quarters}>
        {p.quarters.map((q, j) => (
          <div key={`${q.year}-${q.quarter}`} className={styles.quarter}>
            <dt className={styles.quarterLabel}>{trendQuarterLabel(q, lang)}</dt>
            <dd className={styles.quarterValue}>{values[j]}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
  return (
    <ul className={styles.list} aria-label={p.caption} data-testid="trend-list">
      {p.rows.map((r, i) => block(r.code, shortLabel(r, lang), p.cells[r.code].map((c) => cellText(c, r.kind, lang)), COLOURS[i % COLOURS.length]))}
      {p.accepted && block('accepted', <i>{t('trendAccepted')}</i>, p.quarters.map((q) => formatNumber(q.accepted, lang)))}
    </ul>
  );
}

/** The three charts with their tables, for the province or one unit; print and download. */
export default function TrendCharts(props: { trends: Trends; period: PeriodArgs; units: MapUnit[]; department: string }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const { trends } = props;
  const [scope, setScope] = React.useState('');
  const [mask, setMask] = React.useState(true);
  const narrow = useNarrow(600);

  const screen = React.useMemo(() => publishTrends(trends, { mask: false }), [trends]);
  const printed = React.useMemo(() => publishTrends(trends, { mask }), [trends, mask]);
  const names = new Map(props.units.map((u) => [u.unit_code, u.unit_name]));
  const unitCodes = [...new Set([...props.units.map((u) => u.unit_code), ...trends.units.map((u) => u.unit_code ?? '')])].sort();
  const scopeName = scope ? `${scope} ${names.get(scope) ?? ''}`.trim() : t('trendProvince');
  const cellsOf = (pub: typeof screen) => (scope ? pub.units.find((u) => u.unit_code === scope)?.cells ?? null : pub.province);
  const screenCells = cellsOf(screen);
  const printCells = cellsOf(printed);
  const q = trends.quarters;
  const from = q.length ? trendQuarterLabel(q[0], lang) : '';
  const to = q.length ? trendQuarterLabel(q[q.length - 1], lang) : '';
  const anyAccepted = q.some((x) => x.accepted > 0);
  // Quarters with figures that are not final yet: the printout and the download show `…` there.
  const openQuarters = q.filter((x) => x.accepted > 0 && !x.closed).length;
  const downloadUrl = `/api/staff/export/trends.xlsx?${periodQuery(props.period)}&small=${mask ? 'mask' : 'show'}&lang=${lang}`;

  const printTrends = () => {
    const root = document.documentElement;
    root.dataset.print = 'trends';
    const done = () => {
      delete root.dataset.print;
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };

  const groups = GROUPS.map((g) => ({ ...g, rows: trends.rows.filter((r) => r.group === g.group) })).filter((g) => g.rows.length > 0);

  return (
    <>
      <div className={styles.group}>
        <div className={styles.controls}>
          <Field label={t('trendScope')} className={styles.scope}>
            <Select value={scope} onChange={(_e, d) => setScope(d.value)} data-testid="trend-scope">
              <option value="">{t('trendProvince')}</option>
              {unitCodes.map((code) => (
                <option key={code} value={code}>
                  {`${code} ${names.get(code) ?? ''}`.trim()}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <Checkbox checked={mask} onChange={(_e, d) => setMask(Boolean(d.checked))} label={t('trendMask')} data-testid="trend-mask" />
        {mask && openQuarters > 0 && (
          <Text size={200} className={styles.note} data-testid="trend-open-quarters">
            {t('trendOpenQuarters', { n: openQuarters })}
          </Text>
        )}
        {!mask && (
          <MessageBar intent="warning" data-testid="trend-unmasked">
            <MessageBarBody>{t('trendUnmasked')}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.buttons}>
          <Button onClick={printTrends} disabled={!anyAccepted} data-testid="trend-print">
            {t('trendPrint')}
          </Button>
          <Link href={downloadUrl} download data-testid="trend-download">
            {t('trendDownload')}
          </Link>
        </div>
      </div>

      {!anyAccepted && (
        <MessageBar intent="info" data-testid="trend-none">
          <MessageBarBody>{t('trendNoData')}</MessageBarBody>
        </MessageBar>
      )}
      {anyAccepted && !screenCells && (
        <MessageBar intent="info" data-testid="trend-unit-none">
          <MessageBarBody>{t('trendUnitNoData', { unit: scopeName })}</MessageBarBody>
        </MessageBar>
      )}
      {anyAccepted &&
        screenCells &&
        groups.map((g) => {
          const title = t(g.title);
          return (
            <section key={g.group} className={styles.group} data-testid={`trend-${g.group}`}>
              <Text as="h3" weight="semibold" size={400}>
                {title} · {scopeName}
              </Text>
              <div className={styles.pair}>
                <div className={styles.chart}>
                  <TrendChart
                    rows={g.rows}
                    cells={screenCells}
                    quarters={q}
                    percent={g.group === 'percent'}
                    band={false}
                    ariaLabel={t('trendChartAria', { title, scope: scopeName, from, to })}
                  />
                </div>
                {narrow ? (
                  <TrendList rows={g.rows} cells={screenCells} quarters={q} caption={t('trendTable', { title })} accepted={!scope} />
                ) : (
                  <TableBox label={t('trendTable', { title })}>
                    <TrendTable rows={g.rows} cells={screenCells} quarters={q} caption={t('trendTable', { title })} accepted={!scope} />
                  </TableBox>
                )}
              </div>
            </section>
          );
        })}
      {anyAccepted && (
        <section className="vr-print-trends" data-testid="trend-print-view">
          <div className="vr-print-dept">{props.department.toUpperCase()}</div>
          <h1>{t('trendPrintTitle', { from, to })}</h1>
          <div className="vr-print-scope">{scopeName}</div>
          {printCells ? (
            groups.map((g) => {
              const title = t(g.title);
              return (
                <div key={g.group} className="vr-print-pair">
                  <h2>{title}</h2>
                  <TrendChart
                    rows={g.rows}
                    cells={printCells}
                    quarters={q}
                    percent={g.group === 'percent'}
                    band={mask && g.group !== 'percent'}
                    ariaLabel={t('trendChartAria', { title, scope: scopeName, from, to })}
                    size={{ width: 700, height: 115 }}
                  />
                  <TrendTable rows={g.rows} cells={printCells} quarters={q} caption={title} accepted={!scope} />
                </div>
              );
            })
          ) : (
            <p>{t('trendUnitNoData', { unit: scopeName })}</p>
          )}
          <p className="vr-print-note">{mask ? SMALL_NOTE[lang] : t('trendUnmasked')}</p>
          <p className="vr-print-note">{t('trendHow')}</p>
        </section>
      )}
    </>
  );
}
