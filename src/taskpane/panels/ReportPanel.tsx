/**
 * Report: computes the quarterly report from the registry and support log (`buildReport`, the
 * same function RPT-01 compares with) and writes it into `Báo cáo quý`, with the header's period
 * and date. Every press follows the register: the figures the pane wrote before are brought up
 * to date; a figure someone typed that differs from the register is kept and shown beside the
 * computed one until the clerk decides (lib/reportPlan.ts); the hand-entered parts (6.4, 6.5,
 * 7.x, the preparer) are never written, and the panel says which are still empty.
 */
import React, { useEffect, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
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
import { todayUtc } from '../../domain/dates';
import { formatNumber } from '../../domain/format';
import { buildReport } from '../../domain/report';
import { exclusionSummary } from '../../domain/reportExcluded';
import { formatPercent, readReportSheet } from '../../domain/reportSheet';
import type { ReportSheetValues } from '../../domain/model';
import { parseWorkbook } from '../../domain/parse';
import { PERCENT_CODES } from '../../domain/report';
import { SHEET, findSheet, type CellValue } from '../../domain/sheet';
import { errorText } from '../components/errorText';
import { planReportFill, rememberOverwrite, type ReportFillPlan } from '../lib/reportPlan';
import { usePane } from '../state';
import ReportExcluded, { type ExcludedLine } from './ReportExcluded';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  table: { fontSize: tokens.fontSizeBase200 },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  details: { fontSize: tokens.fontSizeBase200 },
  summary: { cursor: 'pointer' },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
});

interface Shown {
  plan: ReportFillPlan;
  values: ReportSheetValues;
  summary: { received: number; identified: number; minors: number };
  excluded: ExcludedLine[];
  /** The typed figures were kept (true) or overwritten (false); null while undecided. */
  typedKept: boolean | null;
}

export default function ReportPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, refresh, lastCheck, refreshHighlights, settings, saveSettings, services } = usePane();
  const [shown, setShown] = useState<Shown | null>(null);
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

  /** A figure as the clerk reads it: counts grouped, percents with one decimal. */
  const figure = (code: string, value: CellValue): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'number') return (PERCENT_CODES as readonly string[]).includes(code) ? formatPercent(value, lang) : formatNumber(value, lang);
    return String(value);
  };

  const compute = async (): Promise<void> => {
    setBusy(true);
    setNotice(null);
    try {
      const workbook = await refresh();
      const parsed = parseWorkbook(workbook);
      const report = buildReport(parsed.registry.records, parsed.support.records, profile, meta.year, meta.quarter);
      const values = readReportSheet(findSheet(workbook, SHEET.report));
      const plan = planReportFill(values, report, profile, meta, settings.reportFill, todayUtc(services.now()));
      await shell.writeCells(SHEET.report, plan.writes);
      await saveSettings({ ...settings, reportFill: plan.memory });
      // The report now follows the register: colours left on its cells by an earlier check go.
      await refreshHighlights((lastCheck?.findings ?? []).filter((f) => f.sheet !== SHEET.report));
      setShown({
        plan,
        values,
        summary: { received: report.counts['1']?.total ?? 0, identified: report.counts['2.1']?.total ?? 0, minors: report.counts['5.1']?.total ?? 0 },
        excluded: exclusionSummary(report.excluded),
        typedKept: plan.typed.length > 0 ? null : false,
      });
      setNotice({ intent: 'success', text: t('reportFilled', { count: plan.computedCount, quarter: meta.quarter, year: meta.year }) });
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  const overwrite = async (current: Shown): Promise<void> => {
    setBusy(true);
    try {
      await shell.writeCells(SHEET.report, current.plan.typedWrites);
      await saveSettings({ ...settings, reportFill: rememberOverwrite(current.plan, current.values) });
      setShown({ ...current, typedKept: false });
      setNotice({ intent: 'success', text: t('reportOverwritten', { count: current.plan.typedWrites.length }) });
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  const plan = shown?.plan;
  const handLabel = (h: ReportFillPlan['hand'][number]): string => (h.code ? `${h.code} ${lang === 'vi' ? h.label_vi : h.label_en}` : lang === 'vi' ? h.label_vi : h.label_en);
  const filledHand = plan?.hand.filter((h) => h.value !== null) ?? [];
  const emptyHand = plan?.hand.filter((h) => h.value === null) ?? [];

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
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout="multiline">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {shown && <Text>{t('reportSummary', shown.summary)}</Text>}
      {shown && <ReportExcluded lines={shown.excluded} lang={lang} />}
      {plan && plan.changed.length > 0 && (
        <details className={styles.details}>
          <summary className={styles.summary}>{t('reportChanged', { count: plan.changed.length })}</summary>
          <ul className={styles.list}>
            {plan.changed.map((c) => (
              <li key={`${c.code}-${c.column}`}>{t('reportChangedLine', { code: c.code, column: c.column, from: figure(c.code, c.from), to: figure(c.code, c.to) })}</li>
            ))}
          </ul>
        </details>
      )}
      {shown && plan && plan.typed.length > 0 && shown.typedKept !== false && (
        <>
          <MessageBar intent="warning" role="status" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('reportDiffTitle', { count: plan.typed.length })}</MessageBarTitle> {t('reportDiffWhy')}
            </MessageBarBody>
          </MessageBar>
          <Table size="extra-small" className={styles.table} aria-label={t('reportDiffTitle', { count: plan.typed.length })}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('reportDiffCode')}</TableHeaderCell>
                <TableHeaderCell>{t('reportDiffColumn')}</TableHeaderCell>
                <TableHeaderCell>{t('reportDiffTyped')}</TableHeaderCell>
                <TableHeaderCell>{t('reportDiffComputed')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.typed.map((d) => (
                <TableRow key={`${d.code}-${d.key}`}>
                  <TableCell>{d.code}</TableCell>
                  <TableCell>{d.column}</TableCell>
                  <TableCell className={styles.number}>{figure(d.code, d.typed)}</TableCell>
                  <TableCell className={styles.number}>{figure(d.code, d.computed)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {shown.typedKept === null && (
            <div className={styles.actions}>
              <Button onClick={() => void overwrite(shown)} disabled={busy}>
                {t('reportOverwrite')}
              </Button>
              <Button appearance="subtle" onClick={() => setShown({ ...shown, typedKept: true })} disabled={busy}>
                {t('reportKeepTyped')}
              </Button>
            </div>
          )}
          {shown.typedKept === true && <Text size={200}>{t('reportTypedKept')}</Text>}
        </>
      )}
      {plan && (
        <MessageBar intent={emptyHand.length > 0 ? 'info' : 'success'} layout="multiline" data-testid="report-hand">
          <MessageBarBody>
            <MessageBarTitle>{t('reportHandTitle')}</MessageBarTitle>
            <ul className={styles.list}>
              {filledHand.map((h) => (
                <li key={`kept-${h.code}-${h.label_vi}`}>{t('reportHandKept', { part: handLabel(h), value: h.value ?? '' })}</li>
              ))}
              {emptyHand.map((h) => (
                <li key={`empty-${h.code}-${h.label_vi}`}>{t('reportHandEmpty', { part: handLabel(h) })}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
