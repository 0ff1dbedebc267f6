import * as React from 'react';
import { LangContext, useT } from '../../i18n';
import { COUNT_LABEL, STATE_LABEL } from '../strings';
import type { PeriodArgs } from './api';
import type { MapUnit } from './MapCard';
import { IS } from './strings';

/**
 * The quarter view as a one-page A4 summary a director can sign (print only): the inbox's
 * header, key figures, the map (when opened) and every unit with its state, then the signature
 * blocks of Decree 30/2020/NĐ-CP. On screen none of this shows; in print the page's controls,
 * the wide table and the findings panels are left out. The trend card's own button prints the
 * trend charts instead (`html[data-print="trends"]`), small counts shown as `<5` by default.
 */
const PRINT_CSS = `
@media screen { .vr-print-only, .vr-print-trends { display: none !important; } }
@media print {
  html:not([data-print="trends"]) [data-testid="trends"] { display: none !important; }
  @page { size: A4 portrait; margin: 12mm; }
  html, body, #root, #root > *, .fui-FluentProvider > div { background: #fff !important; height: auto !important; min-height: 0 !important; }
  main { padding: 0 !important; margin: 0 !important; gap: 2mm !important; }
  header, [data-testid="period-grid"], [data-testid="outliers"], [data-testid="duplicates"], [data-testid="htcds-export"],
  [data-testid="staff-message"], button, [data-testid="map-hint"] { display: none !important; }
  main > div:first-child, main > .fui-Card:first-child { display: none !important; }
  main > .fui-Card { box-shadow: none !important; border: none !important; padding: 0 !important; break-inside: avoid; }
  main > .fui-Card:has([data-testid="period-stats"]) { display: none !important; }
  [data-testid="map-card"] h2 { display: none; }
  [data-testid="map-figure"] { flex-wrap: nowrap !important; gap: 4mm !important; }
  [data-testid="province-map"] { width: auto !important; height: 78mm !important; max-width: 115mm !important; }
  [data-testid="map-legend"] { font-size: 8pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .vr-print-only { font-size: 9pt; color: #000; }
  .vr-print-only h1 { font-size: 13pt; margin: 0 0 2mm; text-align: center; }
  .vr-print-only .vr-figures { display: flex; flex-wrap: wrap; gap: 1mm 5mm; margin: 1mm 0 2mm; }
  .vr-print-only .vr-units { columns: 3; column-gap: 4mm; font-size: 6.5pt; line-height: 1.2; margin: 2mm 0; padding: 0; list-style: none; }
  .vr-print-only .vr-units li { break-inside: avoid; }
  .vr-print-only .vr-sign { display: flex; justify-content: space-between; margin-top: 3mm; text-align: center; break-inside: avoid; }
  .vr-print-only .vr-sign > div { width: 45%; min-height: 20mm; }
  html[data-print="trends"] main > :not([data-testid="trends"]) { display: none !important; }
  html[data-print="trends"] [data-testid="trends"] > :not(.vr-print-trends) { display: none !important; }
  .vr-print-trends { font-size: 8pt; color: #000; }
  .vr-print-trends h1 { font-size: 12pt; margin: 1mm 0; text-align: center; }
  .vr-print-trends .vr-print-dept { font-weight: bold; }
  .vr-print-trends .vr-print-scope { text-align: center; font-weight: bold; margin-bottom: 2mm; }
  .vr-print-trends .vr-print-pair { break-inside: avoid; margin-bottom: 2mm; }
  .vr-print-trends svg { max-width: 100%; height: auto; }
  .vr-print-trends table { width: 100%; table-layout: fixed; font-size: 7pt; }
  .vr-print-trends table caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .vr-print-trends h2 { font-size: 9pt; margin: 1mm 0 0; }
  .vr-print-trends table thead th:first-child { width: 78mm; }
  .vr-print-trends table th, .vr-print-trends table td { line-height: 1.15; }
  .vr-print-trends table th, .vr-print-trends table td { padding: 0.2mm 1mm !important; }
  .vr-print-trends table tbody th { min-width: 0 !important; }
  .vr-print-trends .vr-print-note { font-size: 7pt; margin: 1mm 0; }
}`;

export function PrintStyles(): React.ReactElement {
  return <style>{PRINT_CSS}</style>;
}

const STATE_ORDER = ['missing', 'late', 'returned', 'submitted', 'accepted'];

export function PrintHeader(props: { period: PeriodArgs; units: MapUnit[]; department: string }): React.ReactElement {
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const counts: Record<string, number> = {};
  for (const u of props.units) counts[u.state] = (counts[u.state] ?? 0) + 1;
  return (
    <section className="vr-print-only" data-testid="print-header">
      <h1>{t('printTitle', { q: props.period.quarter, y: props.period.year })}</h1>
      <div>{props.department}</div>
      <div className="vr-figures">
        <span>
          {COUNT_LABEL.expected[lang]}: <b>{props.units.length}</b>
        </span>
        {STATE_ORDER.map((s) => (
          <span key={s}>
            {STATE_LABEL[s][lang]}: <b>{counts[s] ?? 0}</b>
          </span>
        ))}
      </div>
    </section>
  );
}

export function PrintUnits(props: { units: MapUnit[] }): React.ReactElement {
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const today = new Date();
  return (
    <section className="vr-print-only" data-testid="print-units">
      <ul className="vr-units">
        {props.units.map((u) => (
          <li key={u.unit_code}>
            {u.unit_code} {u.unit_name}: {(STATE_LABEL[u.state] ?? { vi: u.state, en: u.state })[lang]}
          </li>
        ))}
      </ul>
      <div>{t('printDate', { d: today.getDate(), m: today.getMonth() + 1, y: today.getFullYear() })}</div>
      <div className="vr-sign">
        <div>
          <b>{t('printPreparer')}</b>
          <br />
          <i>{t('printSignName')}</i>
        </div>
        <div>
          <b>{t('printHead')}</b>
          <br />
          <i>{t('printSignSeal')}</i>
        </div>
      </div>
    </section>
  );
}
