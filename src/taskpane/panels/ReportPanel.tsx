/**
 * Report: computes the quarterly report from the registry and support log (`buildReport`, the
 * same function RPT-01 compares with) and writes it into `Báo cáo quý`. Where the clerk had
 * typed figures that differ, both are shown side by side and nothing is overwritten until the
 * clerk says so.
 */
import React, { useEffect, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { formatNumber } from '../../domain/format';
import { buildReport } from '../../domain/report';
import { exclusionSummary } from '../../domain/reportExcluded';
import { readReportSheet, reportCellWrites, reportDifferences, type ReportDifference } from '../../domain/reportSheet';
import { parseWorkbook } from '../../domain/parse';
import { SHEET, findSheet, isBlank } from '../../domain/sheet';
import type { CellWrite } from '../../excel/shell';
import { errorText } from '../components/errorText';
import { usePane } from '../state';
import ReportExcluded, { type ExcludedLine } from './ReportExcluded';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  table: { fontSize: tokens.fontSizeBase200 },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
});

interface Plan {
  writes: CellWrite[];
  differences: ReportDifference[];
  summary: { received: number; identified: number; minors: number };
  excluded: ExcludedLine[];
}

function shown(value: unknown, lang: 'vi' | 'en'): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'number' ? formatNumber(value, lang) : String(value);
}

export default function ReportPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, refresh, lastCheck, refreshHighlights } = usePane();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  // The workbook may have become a register since the pane opened (Start, or typed in Excel).
  useEffect(() => {
    if (!meta) refresh().catch(() => undefined);
  }, [meta, refresh]);

  if (!meta || !profile) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('entryNeedsTemplate')}</MessageBarBody>
      </MessageBar>
    );
  }

  const write = async (writes: CellWrite[]): Promise<void> => {
    await shell.writeCells(SHEET.report, writes);
    // The report now equals the register: colours left on its cells by an earlier check go.
    await refreshHighlights((lastCheck?.findings ?? []).filter((f) => f.sheet !== SHEET.report));
    setPlan(null);
    setNotice({ intent: 'success', text: t('reportFilled', { count: writes.length, quarter: meta.quarter, year: meta.year }) });
  };

  const compute = async (): Promise<void> => {
    setBusy(true);
    setNotice(null);
    try {
      const workbook = await refresh();
      const parsed = parseWorkbook(workbook);
      const report = buildReport(parsed.registry.records, parsed.support.records, profile, meta.year, meta.quarter);
      const values = readReportSheet(findSheet(workbook, SHEET.report));
      const writes = reportCellWrites(values, report, profile);
      // Only figures the clerk actually typed need a decision; empty cells are simply filled.
      const differences = reportDifferences(values, report).filter((d) => !isBlank(d.typed));
      const summary = {
        received: report.counts['1']?.total ?? 0,
        identified: report.counts['2.1']?.total ?? 0,
        minors: report.counts['5.1']?.total ?? 0,
      };
      const excluded = exclusionSummary(report.excluded);
      if (differences.length === 0) {
        await write(writes);
        setPlan({ writes: [], differences: [], summary, excluded });
      } else {
        setPlan({ writes, differences, summary, excluded });
      }
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.stack} aria-labelledby="report-title">
      <h2 id="report-title" className={styles.title}>
        {t('navReport')} {meta.quarter}/{meta.year}
      </h2>
      <Button appearance="primary" onClick={() => void compute()} disabled={busy}>
        {t('reportFill')}
      </Button>
      <Text size={200}>{t('reportManualNote')}</Text>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {plan && <Text>{t('reportSummary', plan.summary)}</Text>}
      {plan && <ReportExcluded lines={plan.excluded} lang={lang} />}
      {plan && plan.differences.length > 0 && (
        <>
          <MessageBar intent="warning" role="status">
            <MessageBarBody>{t('reportDiffTitle')}</MessageBarBody>
          </MessageBar>
          <Table size="extra-small" className={styles.table} aria-label={t('reportDiffTitle')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('reportDiffCode')}</TableHeaderCell>
                <TableHeaderCell>{t('reportDiffColumn')}</TableHeaderCell>
                <TableHeaderCell>{t('reportDiffTyped')}</TableHeaderCell>
                <TableHeaderCell>{t('reportDiffComputed')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.differences.map((d) => (
                <TableRow key={`${d.code}-${d.key}`}>
                  <TableCell>{d.code}</TableCell>
                  <TableCell>{d.column}</TableCell>
                  <TableCell className={styles.number}>{shown(d.typed, lang)}</TableCell>
                  <TableCell className={styles.number}>{shown(d.computed, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Button
            onClick={() => {
              setBusy(true);
              write(plan.writes)
                .then(() => setPlan({ ...plan, writes: [], differences: [] }))
                .catch((error) => setNotice({ intent: 'error', text: errorText(error, t, lang) }))
                .finally(() => setBusy(false));
            }}
            disabled={busy}
          >
            {t('reportOverwrite')}
          </Button>
        </>
      )}
    </section>
  );
}
