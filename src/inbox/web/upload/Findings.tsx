import * as React from 'react';
import {
  Badge,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LangContext, useT } from '../i18n';
import type { Finding } from '../../../domain/finding';
import { S, SEVERITY_LABEL } from './strings';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '640px', tableLayout: 'auto' },
  message: { minWidth: '280px' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
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

/** Findings as the inbox returned them, grouped by sheet (already sorted by the rules engine):
 *  sheet, cell, rule, severity, the message in the active language, the value found. */
export function FindingsTable(props: { findings: Finding[] }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
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
              <TableCell>{f.sheet ?? '—'}</TableCell>
              <TableCell className={styles.mono}>{f.cell ?? '—'}</TableCell>
              <TableCell className={styles.mono}>{f.rule}</TableCell>
              <TableCell>
                <Badge appearance="tint" color={BADGE[f.severity] ?? 'informative'}>
                  {(SEVERITY_LABEL[f.severity] ?? { vi: f.severity, en: f.severity })[lang]}
                </Badge>
              </TableCell>
              <TableCell className={styles.message}>{lang === 'en' ? f.message_en : f.message_vi}</TableCell>
              <TableCell>{shown(f.value)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
