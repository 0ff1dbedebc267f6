import * as React from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatMoney, formatNumber, formatPercent } from '../../domain/format';
import type { ReportFigureKey } from '../../domain/model';
import type { ReportView, ReportViewRow, ViewValue } from '../../domain/reportView';
import { LangContext, useT, type Strings } from './i18n';
import { useNarrow } from './useNarrow';

const S = {
  caption: { vi: 'Báo cáo quý {q}/{y} như trong sổ', en: 'Quarterly report Q{q} {y} as in the workbook' },
  code: { vi: 'Mã', en: 'Code' },
  label: { vi: 'Chỉ tiêu', en: 'Indicator' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  empty: { vi: '(trống)', en: '(empty)' },
  missingRow: { vi: 'Sổ không có dòng này', en: 'Not in the workbook' },
} satisfies Strings<string>;

const FIGURES: { key: Exclude<ReportFigureKey, 'amount'> | 'amount'; vi: string; en: string }[] = [
  { key: 'total', vi: 'Tổng số', en: 'Total' },
  { key: 'male', vi: 'Nam', en: 'Male' },
  { key: 'female', vi: 'Nữ', en: 'Female' },
  { key: 'under16', vi: 'Dưới 16', en: 'Under 16' },
  { key: 'age16to18', vi: '16 - dưới 18', en: '16 to under 18' },
  { key: 'adult', vi: 'Từ 18 trở lên', en: '18 and over' },
  { key: 'unknown_age', vi: 'Chưa rõ', en: 'Age unknown' },
  { key: 'amount', vi: 'Kinh phí (đồng)', en: 'Funds (dong)' },
];

/** The report's parts, by the first number of the row code. */
const SECTIONS: Record<string, { vi: string; en: string }> = {
  '1': { vi: '1. Tiếp nhận', en: '1. Reception' },
  '2': { vi: '2. Xác minh, xác định nạn nhân', en: '2. Verification and identification' },
  '3': { vi: '3. Nạn nhân được xác định theo mục đích bị mua bán', en: '3. Identified victims by purpose' },
  '4': { vi: '4. Số người được hỗ trợ theo loại hỗ trợ', en: '4. Persons supported, by type of support' },
  '5': { vi: '5. Người dưới 18 tuổi', en: '5. Persons under 18' },
  '6': { vi: '6. Chỉ số kết quả', en: '6. Result indicators' },
  '7': { vi: '7. Đánh giá chung', en: '7. Overall assessment' },
};

const useStyles = makeStyles({
  box: { overflowX: 'auto', maxWidth: '100%', '@media print': { overflowX: 'visible' } },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    minWidth: '960px',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' },
    '& thead th': { textAlign: 'right', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
    '& tbody th': { textAlign: 'left', fontWeight: tokens.fontWeightRegular, minWidth: '15rem' },
    // On paper the whole table fits the page's width (a scrolling box would print cut off).
    '@media print': {
      minWidth: 0,
      fontSize: '8pt',
      lineHeight: 1.25,
      '& thead th': { whiteSpace: 'normal' },
      '& tbody th': { minWidth: 0 },
      '& th, & td': { paddingLeft: '1mm', paddingRight: '1mm' },
    },
  },
  num: { textAlign: 'right', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  codeCell: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  section: { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold, textAlign: 'left' },
  notes: { minWidth: '12rem', maxWidth: '22rem', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', color: tokens.colorNeutralForeground2, '@media print': { minWidth: 0 } },
  caption: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  // The phone layout: one block per row, its figures as label–value pairs.
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionHead: { marginTop: tokens.spacingVerticalS, marginBottom: 0 },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  pairs: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(8rem, 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** A figure as shown: numbers in the page's language, a percent row's total as a percentage,
 *  text (a typed `—` or `8/10`) as it is, an empty cell as an empty cell. */
function figureText(row: ReportViewRow, key: ReportFigureKey, value: ViewValue, lang: 'vi' | 'en'): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (row.kind === 'percent' && key === 'total') return formatPercent(value, lang);
  if (key === 'amount') return formatMoney(value, lang).replace(/ (đồng|dong)$/, '');
  return formatNumber(value, lang);
}

const sectionOf = (code: string): string => code.split('.')[0];

/**
 * The quarterly report of a submission, read-only, with the figures exactly as the workbook holds
 * them: a table on a wide screen, one block per row on a phone (no column to scroll to).
 */
export function ReportTable(props: { report: ReportView; year: number; quarter: number }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const narrow = useNarrow(720);
  const caption = t('caption', { q: props.quarter, y: props.year });
  const label = (r: ReportViewRow) => (lang === 'en' ? r.label_en : r.label_vi);

  if (narrow) {
    const sections = [...new Set(props.report.rows.map((r) => sectionOf(r.code)))];
    return (
      <div className={styles.list} role="group" aria-label={caption} data-testid="report-rows">
        {sections.map((section) => (
          <section key={section} className={styles.list} aria-label={SECTIONS[section]?.[lang]}>
            {SECTIONS[section] && (
              <Text as="h4" weight="semibold" className={styles.sectionHead}>
                {SECTIONS[section][lang]}
              </Text>
            )}
            <ul className={styles.list}>
              {props.report.rows
                .filter((r) => sectionOf(r.code) === section)
                .map((r) => {
                  const figures = FIGURES.filter((f) => r.figures[f.key] !== null);
                  return (
                    <li key={r.code} className={styles.item} data-testid={`report-row-${r.code}`}>
                      <Text weight="semibold">
                        {r.code}. {label(r)}
                      </Text>
                      {!r.present && <Text className={styles.muted}>{t('missingRow')}</Text>}
                      {r.present && r.kind !== 'text' && figures.length === 0 && <Text className={styles.muted}>{t('empty')}</Text>}
                      {figures.length > 0 && (
                        <dl className={styles.pairs}>
                          {figures.map((f) => (
                            <div key={f.key} className={styles.pair}>
                              <dt className={styles.dt}>{f[lang]}</dt>
                              <dd className={styles.dd}>{figureText(r, f.key, r.figures[f.key], lang)}</dd>
                            </div>
                          ))}
                        </dl>
                      )}
                      {r.notes && <Text className={r.kind === 'text' ? styles.text : `${styles.text} ${styles.muted}`}>{r.notes}</Text>}
                      {r.present && r.kind === 'text' && !r.notes && <Text className={styles.muted}>{t('empty')}</Text>}
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
      </div>
    );
  }

  let last = '';
  return (
    <div className={styles.box} role="region" aria-label={caption} tabIndex={0}>
      <table className={styles.table} data-testid="report-table">
        <caption className={styles.caption}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" style={{ textAlign: 'left' }}>
              {t('code')}
            </th>
            <th scope="col" style={{ textAlign: 'left' }}>
              {t('label')}
            </th>
            {FIGURES.map((f) => (
              <th scope="col" key={f.key}>
                {f[lang]}
              </th>
            ))}
            <th scope="col" style={{ textAlign: 'left' }}>
              {t('notes')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.report.rows.map((r) => {
            const section = sectionOf(r.code);
            const head = section !== last ? SECTIONS[section] : undefined;
            last = section;
            return (
              <React.Fragment key={r.code}>
                {head && (
                  <tr>
                    <th scope="colgroup" colSpan={FIGURES.length + 3} className={styles.section}>
                      {head[lang]}
                    </th>
                  </tr>
                )}
                <tr data-testid={`report-row-${r.code}`}>
                  <td className={styles.codeCell}>{r.code}</td>
                  <th scope="row">
                    {label(r)}
                    {!r.present && <div className={styles.muted}>{t('missingRow')}</div>}
                  </th>
                  {r.kind === 'text' ? (
                    <td colSpan={FIGURES.length + 1} className={styles.text}>
                      {r.notes ?? <span className={styles.muted}>{t('empty')}</span>}
                    </td>
                  ) : (
                    <>
                      {FIGURES.map((f) => (
                        <td key={f.key} className={styles.num}>
                          {figureText(r, f.key, r.figures[f.key], lang)}
                        </td>
                      ))}
                      <td className={styles.notes}>{r.notes ?? ''}</td>
                    </>
                  )}
                </tr>
              </React.Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
