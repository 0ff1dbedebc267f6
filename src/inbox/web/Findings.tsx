import * as React from 'react';
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../../domain/finding';
import { findingText } from './findingText';
import { LangContext, useT, type Strings } from './i18n';
import { useNarrow } from './useNarrow';

const S = {
  findings: { vi: 'Kết quả kiểm tra', en: 'Check results' },
  sheet: { vi: 'Trang tính', en: 'Sheet' },
  cell: { vi: 'Ô', en: 'Cell' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  severity: { vi: 'Mức độ', en: 'Severity' },
  message: { vi: 'Nội dung', en: 'Message' },
  value: { vi: 'Giá trị', en: 'Value' },
} satisfies Strings<string>;

export const SEVERITY_LABEL: Record<string, { vi: string; en: string }> = {
  fatal: { vi: 'Không dùng được', en: 'Fatal' },
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Ghi chú', en: 'Note' },
};

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '640px', tableLayout: 'auto' },
  // Sheet names, cells and rule IDs are read as one piece: never broken ("REG-/01").
  nowrap: { whiteSpace: 'nowrap' },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
  message: { minWidth: '280px' },
  rule: { whiteSpace: 'nowrap', color: tokens.colorNeutralForeground3 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  place: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  text: { overflowWrap: 'break-word' },
});

const BADGE: Record<string, 'danger' | 'warning' | 'informative' | 'severe'> = {
  fatal: 'severe',
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Findings in the order the rules engine gives them: words first (severity and the message in the
 * active language), then where (sheet, cell), the value found, and the rule ID last. Under 480 px
 * each finding is a card, so nothing is squeezed into a column one word wide.
 */
export function FindingsTable(props: { findings: Finding[]; label?: string }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const narrow = useNarrow(480);
  const label = props.label ?? t('findings');
  const severity = (f: Finding) => (
    <Badge appearance="tint" className={styles.badge} color={BADGE[f.severity] ?? 'informative'}>
      {(SEVERITY_LABEL[f.severity] ?? { vi: f.severity, en: f.severity })[lang]}
    </Badge>
  );

  if (narrow) {
    return (
      <ul className={styles.list} aria-label={label} data-testid="findings-cards">
        {props.findings.map((f, i) => (
          <li key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} className={styles.card} data-rule={f.rule} data-cell={f.cell ?? ''}>
            <div className={styles.head}>
              {severity(f)}
              {(f.sheet || f.cell) && (
                <Text size={200} className={styles.place} data-testid="finding-place">
                  {[f.sheet, f.cell ? `${t('cell')} ${f.cell}` : null].filter(Boolean).join(' · ')}
                </Text>
              )}
            </div>
            <Text className={styles.text}>{findingText(f, lang)}</Text>
            {shown(f.value) !== '' && (
              <Text size={200} className={styles.text}>
                {t('value')}: {shown(f.value)}
              </Text>
            )}
            <Text size={200} className={styles.rule} data-testid="finding-rule">
              {t('rule')} {f.rule}
            </Text>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className={styles.wrap}>
      <Table className={styles.table} aria-label={label} data-testid="findings-table" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.nowrap}>{t('severity')}</TableHeaderCell>
            <TableHeaderCell>{t('message')}</TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('sheet')}</TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('cell')}</TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('value')}</TableHeaderCell>
            <TableHeaderCell className={styles.nowrap}>{t('rule')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.findings.map((f, i) => (
            <TableRow key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} data-rule={f.rule} data-cell={f.cell ?? ''}>
              <TableCell className={styles.nowrap}>{severity(f)}</TableCell>
              <TableCell className={styles.message}>{findingText(f, lang)}</TableCell>
              <TableCell className={styles.nowrap}>{f.sheet ?? '—'}</TableCell>
              <TableCell className={styles.nowrap}>{f.cell ?? '—'}</TableCell>
              <TableCell>{shown(f.value)}</TableCell>
              <TableCell className={styles.rule}>{f.rule}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
