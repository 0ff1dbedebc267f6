import * as React from 'react';
import { LangContext, useT, type Strings } from '../../i18n';
import { COUNT_LABEL, STATE_LABEL } from '../strings';
import type { PeriodArgs } from './api';
import type { MapUnit } from './MapCard';
import { IS } from './strings';

/**
 * The quarter view as a one-page A4 summary a director can sign (print only): the letterhead of
 * Decree 30/2020/NĐ-CP (the province's People's Committee over the department, the national
 * motto, place and date; `GET /api/staff/letterhead`, the same as the consolidated workbook's),
 * key figures, the map (when opened) and every unit under its state, then the signature blocks.
 * Every printed text is 8 pt or more, and the whole fits one A4 page up to the largest province
 * (168 communes) with the map open. On screen none of this shows; in print the page's controls,
 * the wide table, the findings panels and the administration section are left out. The trend
 * card's own button prints the trend charts instead (`html[data-print="trends"]`), small counts shown as `<5` by default.
 */
const PRINT_CSS = `
@media screen { .vr-print-only, .vr-print-trends { display: none !important; } }
@media print {
  html:not([data-print="trends"]) [data-testid="trends"] { display: none !important; }
  @page { size: A4 portrait; margin: 12mm; }
  html, body, #root, #root > *, .fui-FluentProvider > div { background: #fff !important; height: auto !important; min-height: 0 !important; }
  main { padding: 0 !important; margin: 0 !important; gap: 2mm !important; }
  header, [data-testid="period-grid"], [data-testid="outliers"], [data-testid="duplicates"], [data-testid="htcds-export"],
  [data-testid="staff-message"], [data-testid="admin-panel"], button, [data-testid="map-hint"] { display: none !important; }
  main > div:first-child, main > .fui-Card:first-child { display: none !important; }
  main > .fui-Card { box-shadow: none !important; border: none !important; padding: 0 !important; break-inside: avoid; }
  main > .fui-Card:has([data-testid="period-stats"]) { display: none !important; }
  [data-testid="map-card"] h2 { display: none; }
  [data-testid="map-figure"] { flex-wrap: nowrap !important; gap: 4mm !important; }
  [data-testid="province-map"] { width: auto !important; height: 78mm !important; max-width: 115mm !important; }
  [data-testid="map-legend"] { font-size: 8pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .vr-print-only { font-size: 10pt; color: #000; }
  .vr-print-only h1 { font-size: 13pt; margin: 0 0 2mm; text-align: center; }
  .vr-print-only .vr-head { display: flex; justify-content: space-between; align-items: flex-start; margin: 0 0 4mm; font-size: 10pt; }
  .vr-print-only .vr-head > div { display: flex; flex-direction: column; align-items: center; text-align: center; }
  .vr-print-only .vr-head .vr-issuer, .vr-print-only .vr-head .vr-motto2 { font-weight: bold; text-decoration: underline; text-underline-offset: 2pt; }
  .vr-print-only .vr-head .vr-motto { font-weight: bold; }
  .vr-print-only .vr-head .vr-place { font-style: italic; margin-top: 1mm; }
  .vr-print-only .vr-figures { display: flex; flex-wrap: wrap; gap: 1mm 5mm; margin: 1mm 0 2mm; }
  .vr-print-only .vr-units { font-size: 8.5pt; line-height: 1.25; margin: 2mm 0; }
  .vr-print-only .vr-units.vr-units-long { font-size: 8pt; line-height: 1.2; }
  main:has(.vr-units-long) [data-testid="province-map"] { max-height: 62mm; }
  /* A long list leaves less room for the map: the legend beside it goes wide and in two columns, so it is no taller than the map. */
  main:has(.vr-units-long) [data-testid="map-figure"] > div:last-child { flex: 0 1 72mm !important; min-width: 0 !important; }
  main:has(.vr-units-long) [data-testid="map-legend"] { display: grid !important; grid-template-columns: 1fr 1fr; column-gap: 2mm; }
  .vr-print-only .vr-units p { margin: 0 0 1.5mm; }
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
  .vr-print-trends table { width: 100%; table-layout: fixed; font-size: 8pt; }
  .vr-print-trends table caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .vr-print-trends h2 { font-size: 9pt; margin: 1mm 0 0; }
  .vr-print-trends table thead th:first-child { width: 78mm; }
  .vr-print-trends table th, .vr-print-trends table td { line-height: 1.15; }
  .vr-print-trends table th, .vr-print-trends table td { padding: 0.2mm 1mm !important; }
  .vr-print-trends table tbody th { min-width: 0 !important; }
  .vr-print-trends .vr-print-note { font-size: 8pt; margin: 1mm 0; }
}`;

export function PrintStyles(): React.ReactElement {
  return <style>{PRINT_CSS}</style>;
}

const STATE_ORDER = ['missing', 'late', 'returned', 'submitted', 'accepted'];

const PS: Strings<'place' | 'date'> = {
  place: { vi: '{p}, ngày {d} tháng {m} năm {y}', en: '{p}, {d}/{m}/{y}' },
  date: { vi: 'Ngày {d} tháng {m} năm {y}', en: 'Date: {d}/{m}/{y}' },
};

interface LetterheadView {
  parent: string;
  issuer: string;
  motto: [string, string];
  place: string;
}

/** The inbox's letterhead for the plan, fetched once per plan (null until it answers or when it cannot). */
function useLetterhead(profile: string): LetterheadView | null {
  const [head, setHead] = React.useState<LetterheadView | null>(null);
  React.useEffect(() => {
    let live = true;
    setHead(null);
    fetch(`/api/staff/letterhead?profile=${encodeURIComponent(profile)}`, { credentials: 'same-origin' }).then(
      async (res) => {
        const body = res.ok ? ((await res.json().catch(() => null)) as LetterheadView | null) : null;
        if (live) setHead(body);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [profile]);
  return head;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function PrintHeader(props: { period: PeriodArgs; units: MapUnit[]; department: string }): React.ReactElement {
  const t = useT(IS);
  const p = useT(PS);
  const lang = React.useContext(LangContext);
  const head = useLetterhead(props.period.profile);
  const today = new Date();
  const counts: Record<string, number> = {};
  for (const u of props.units) counts[u.state] = (counts[u.state] ?? 0) + 1;
  return (
    <section className="vr-print-only" data-testid="print-header">
      <div className="vr-head" data-testid="print-letterhead">
        <div>
          <span>{head?.parent ?? ''}</span>
          <span className="vr-issuer">{head?.issuer ?? props.department.toLocaleUpperCase('vi')}</span>
        </div>
        <div>
          <span className="vr-motto">{head?.motto[0] ?? 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'}</span>
          <span className="vr-motto2">{head?.motto[1] ?? 'Độc lập - Tự do - Hạnh phúc'}</span>
          <span className="vr-place">
            {head ? p('place', { p: head.place, d: pad(today.getDate()), m: pad(today.getMonth() + 1), y: today.getFullYear() }) : p('date', { d: pad(today.getDate()), m: pad(today.getMonth() + 1), y: today.getFullYear() })}
          </span>
        </div>
      </div>
      <h1>{t('printTitle', { q: props.period.quarter, y: props.period.year })}</h1>
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

/** Units from which the list prints at 8 pt and the map a little lower, so the page still holds
 *  the signatures (Hồ Chí Minh's 168 communes with the map open). */
const LONG_LIST = 100;

/** Every unit under its state, as running text: 8.5 pt, or 8 pt for a long list. */
export function PrintUnits(props: { units: MapUnit[] }): React.ReactElement {
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const byState = new Map<string, MapUnit[]>();
  for (const u of props.units) byState.set(u.state, [...(byState.get(u.state) ?? []), u]);
  const states = [...STATE_ORDER.filter((s) => byState.has(s)), ...[...byState.keys()].filter((s) => !STATE_ORDER.includes(s))];
  return (
    <section className="vr-print-only" data-testid="print-units">
      <div className={props.units.length > LONG_LIST ? 'vr-units vr-units-long' : 'vr-units'}>
        {states.map((s) => (
          <p key={s} data-state={s}>
            <b>
              {(STATE_LABEL[s] ?? { vi: s, en: s })[lang]} ({byState.get(s)!.length}):
            </b>{' '}
            {byState
              .get(s)!
              .map((u) => `${u.unit_code} ${u.unit_name}`)
              .join(', ')}
          </p>
        ))}
      </div>
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
