import * as React from 'react';
import { Badge, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { LangContext, useT } from '../i18n';
import type { Finding } from '../../../domain/finding';
import { useNarrow } from '../useNarrow';
import { findingText } from './findingText';
import { S, SEVERITY_LABEL } from './strings';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '640px', tableLayout: 'auto' },
  // Sheet names, cells and rule IDs are read as one piece: never broken ("REG-/01").
  nowrap: { whiteSpace: 'nowrap' },
  message: { minWidth: '280px' },
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

/** Findings as the inbox returned them (already sorted by the rules engine): sheet, cell, rule,
 *  severity, the message in the active language, the value found. Under 480 px each finding is
 *  a card, so nothing is squeezed into a column one word wide. */
export function FindingsTable(props: { findings: Finding[] }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const narrow = useNarrow(480);
  const severity = (f: Finding) => (
    <Badge appearance="tint" color={BADGE[f.severity] ?? 'informative'}>
      {(SEVERITY_LABEL[f.severity] ?? { vi: f.severity, en: f.severity })[lang]}
    </Badge>
  );

  if (narrow) {
    return (
      <ul className={styles.list} aria-label={t('findings')} data-testid="findings-cards">
        {props.findings.map((f, i) => (
          <li key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} className={styles.card} data-rule={f.rule} data-cell={f.cell ?? ''}>
            <div className={styles.head}>
              {severity(f)}
              <Text weight="semibold" className={styles.nowrap}>
                {f.rule}
              </Text>
              {(f.sheet || f.cell) && (
                <Text size={200} className={styles.place}>
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
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className={styles.wrap}>
      <Table className={styles.table} aria-label={t('findings')} data-testid="findings-table" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('sheet')}</TableHeaderCell>
            <TableHeaderCell>{t('cell')}</TableHeaderCell>
            <TableHeaderCell>{t('rule')}</TableHeaderCell>
            <TableHeaderCell>{t('severity')}</TableHeaderCell>
            <TableHeaderCell>{t('message')}</TableHeaderCell>
            <TableHeaderCell>{t('value')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {props.findings.map((f, i) => (
            <TableRow key={`${f.rule}-${f.sheet}-${f.cell}-${i}`} data-rule={f.rule} data-cell={f.cell ?? ''}>
              <TableCell className={styles.nowrap}>{f.sheet ?? '—'}</TableCell>
              <TableCell className={styles.nowrap}>{f.cell ?? '—'}</TableCell>
              <TableCell className={styles.nowrap}>{f.rule}</TableCell>
              <TableCell>{severity(f)}</TableCell>
              <TableCell className={styles.message}>{findingText(f, lang)}</TableCell>
              <TableCell>{shown(f.value)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
