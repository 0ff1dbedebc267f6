/**
 * Submit: errors block submission before anything is sent (the inbox checks again anyway), and
 * the clerk is told which errors and where, with a way to the Check tab; the workbook is read
 * from Excel in slices and uploaded with a progress bar; the inbox's findings are shown when it
 * refuses. An unreachable inbox puts the file in the durable queue.
 *
 * The quarter has one status, shown in one place: the inbox's answer merged with the receipts
 * just given (lib/quarterStatus.ts), each version named by its number and time.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { isSubmittable, type Finding } from '../../domain/finding';
import { todayUtc } from '../../domain/dates';
import { SHEET, findSheet } from '../../domain/sheet';
import { errorText } from '../components/errorText';
import { PeriodNotice } from '../components/PeriodNotice';
import { useQueue } from '../components/QueueWorker';
import { findingText } from '../lib/findingText';
import type { Receipt, SubmissionsState } from '../lib/inboxClient';
import { quarterView, vietnamTime, type QuarterState, type VersionView } from '../lib/quarterStatus';
import type { MessageKey } from '../i18n';
import { useGoTo } from '../navigation';
import { usePane } from '../state';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  more: { fontSize: tokens.fontSizeBase200, marginBottom: tokens.spacingVerticalXS },
  versions: { fontSize: tokens.fontSizeBase200 },
  summary: { cursor: 'pointer' },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all', color: tokens.colorNeutralForeground3 },
});

/** Errors listed on this panel before "and N more": the Check tab has them all. */
const SHOWN_ERRORS = 5;

type Step = { kind: 'idle' } | { kind: 'reading' } | { kind: 'uploading'; pct: number };
type Result =
  | { kind: 'sent'; receipt: Receipt }
  | { kind: 'refused'; findings: Finding[] }
  | { kind: 'blocked'; errors: Finding[] }
  | { kind: 'queued'; seconds: number }
  | { kind: 'error'; text: string };

const STATE_INTENT: Record<QuarterState, 'success' | 'warning' | 'info'> = {
  missing: 'info',
  submitted: 'success',
  late: 'warning',
  returned: 'warning',
  accepted: 'success',
};

export default function SubmitPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, unit, settings, services, checker, refresh, setLastCheck } = usePane();
  const goTo = useGoTo();
  const queue = useQueue();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [result, setResult] = useState<Result | null>(null);
  const [status, setStatus] = useState<SubmissionsState | null>(null);
  const [receipts, setReceipts] = useState<Receipt[]>([]);
  const token = meta ? services.tokens.get(meta.unit_code) : null;
  const inboxUrl = settings.inboxUrl;

  // The workbook may have become a register since the pane opened (Start, or typed in Excel).
  useEffect(() => {
    if (!meta) refresh().catch(() => undefined);
  }, [meta, refresh]);

  useEffect(() => {
    if (!meta || !inboxUrl || !token) return;
    let live = true;
    services.fetchSubmissions(inboxUrl, token, meta.year, meta.quarter).then((s) => live && s && setStatus(s));
    return () => {
      live = false;
    };
  }, [meta, inboxUrl, token, services, receipts]);

  // A queued file sent in the background is a version of this quarter too.
  const queued = queue.lastReceipt;
  const ownReceipts = useMemo(() => {
    const all = queued && meta && queued.year === meta.year && queued.quarter === meta.quarter && queued.unit_code === meta.unit_code ? [...receipts, queued] : receipts;
    return all;
  }, [receipts, queued, meta]);
  const view = useMemo(() => quarterView(status, ownReceipts), [status, ownReceipts]);

  if (!meta) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('entryNeedsTemplate')}</MessageBarBody>
      </MessageBar>
    );
  }

  const versionName = (v: VersionView): string => t('submitVersion', { n: v.n, time: vietnamTime(v.receivedAt) });

  const submit = async (): Promise<void> => {
    setResult(null);
    if (!inboxUrl || !token) {
      setResult({ kind: 'error', text: t(!inboxUrl && !token ? 'submitNoInbox' : !inboxUrl ? 'submitNoInboxUrl' : 'submitNoToken') });
      return;
    }
    try {
      setStep({ kind: 'reading' });
      const workbook = await refresh();
      const findings = await checker.run(workbook, todayUtc(services.now()));
      const registry = findSheet(workbook, SHEET.registry);
      setLastCheck({ findings, rows: registry ? Math.max(0, registry.rows.length - 1) : 0, at: services.now() });
      if (!isSubmittable(findings)) {
        setResult({ kind: 'blocked', errors: findings.filter((f) => f.severity === 'fatal' || f.severity === 'error') });
        return;
      }
      const bytes = await shell.getCompressedFile();
      const filename = `${meta.unit_code}-${meta.year}-Q${meta.quarter}.xlsx`;
      setStep({ kind: 'uploading', pct: 0 });
      const outcome = await services.upload({
        inboxUrl,
        token,
        bytes,
        filename,
        onProgress: (fraction) => setStep({ kind: 'uploading', pct: Math.round(fraction * 100) }),
      });
      if (outcome.kind === 'receipt') {
        setResult({ kind: 'sent', receipt: outcome.receipt });
        setReceipts((list) => [...list, outcome.receipt]);
      } else if (outcome.kind === 'refused') setResult({ kind: 'refused', findings: outcome.findings });
      else if (outcome.kind === 'unreachable') {
        const item = await services.queue.enqueue({ inboxUrl, unitCode: meta.unit_code, year: meta.year, quarter: meta.quarter, filename, bytes });
        queue.reschedule();
        setResult({ kind: 'queued', seconds: Math.round((item.nextAt - services.now().getTime()) / 1000) });
      } else {
        // 403: the access code is another unit's (the inbox refuses a workbook of another unit),
        // which is not a wrong code: the clerk is told whose register this is.
        const known = { 401: 'submitAuth', 409: 'submitLocked', 413: 'submitTooLarge' } as const;
        const key = known[outcome.status as keyof typeof known];
        const text =
          outcome.status === 403
            ? t('submitOtherUnit', { unit: unit?.name ?? meta.unit_code, code: meta.unit_code })
            : key
              ? t(key)
              : t('submitFailed', { message: lang === 'vi' ? outcome.message_vi || outcome.code : outcome.message_en || outcome.code });
        setResult({ kind: 'error', text });
      }
    } catch (error) {
      setResult({ kind: 'error', text: errorText(error, t, lang) });
    } finally {
      setStep({ kind: 'idle' });
    }
  };

  // The reason matters only while the quarter stands returned: once resubmitted, the newest
  // version is what the province looks at.
  const returned = view?.state === 'returned' ? view.versions.filter((v) => v.state === 'returned').slice(-1) : [];
  const latest = view?.latest ?? null;

  return (
    <section className={styles.stack} aria-labelledby="submit-title">
      <h2 id="submit-title" className={styles.title}>
        {t('submitTitle')}
      </h2>
      {profile && <PeriodNotice profile={profile} year={meta.year} quarter={meta.quarter} fromWorkbook />}
      {!shell.capabilities.fileAccess && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('capFileAccess')}</MessageBarBody>
        </MessageBar>
      )}
      {view && (
        <MessageBar intent={STATE_INTENT[view.state]} role="status" layout="multiline" data-testid="quarter-status">
          <MessageBarBody>
            <MessageBarTitle>{t('submitState', { quarter: meta.quarter, year: meta.year, state: t(`state_${view.state}` as MessageKey) })}</MessageBarTitle>
            {latest && <div>{t(latest.onTime ? 'submitLatestOnTime' : 'submitLatestLate', { version: versionName(latest) })}</div>}
            {returned.map((v) => (
              <div key={v.id}>{t('submitReturned', { version: versionName(v), reason: v.reason ?? t('submitNoReason') })}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Button appearance="primary" onClick={() => void submit()} disabled={step.kind !== 'idle' || !shell.capabilities.fileAccess}>
        {t('submitButton')}
      </Button>
      {step.kind !== 'idle' && (
        <Field validationState="none" validationMessage={step.kind === 'reading' ? t('submitReading') : t('submitUploading', { pct: step.pct })}>
          <ProgressBar value={step.kind === 'uploading' ? step.pct / 100 : undefined} aria-label={t('submitTitle')} />
        </Field>
      )}
      {result?.kind === 'sent' && (
        <Text role="status">{t('submitSent')}</Text>
      )}
      {result?.kind === 'blocked' && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('submitBlocked', { count: result.errors.length })}</MessageBarTitle>
            <ul className={styles.list}>
              {result.errors.slice(0, SHOWN_ERRORS).map((f, i) => (
                <li key={i}>{findingText(f, lang)}</li>
              ))}
            </ul>
            {result.errors.length > SHOWN_ERRORS && <div className={styles.more}>{t('submitMoreErrors', { count: result.errors.length - SHOWN_ERRORS })}</div>}
            <Button size="small" appearance="primary" onClick={() => goTo('check')}>
              {t('submitGoToCheck')}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === 'queued' && (
        <MessageBar intent="warning" role="status">
          <MessageBarBody>{t('submitQueued', { seconds: result.seconds })}</MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === 'error' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{result.text}</MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === 'refused' && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('submitRefused', { count: result.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').length })}</MessageBarTitle>
            <ul className={styles.list}>
              {result.findings.slice(0, 100).map((f, i) => (
                <li key={i}>{findingText(f, lang)}</li>
              ))}
            </ul>
            <Button size="small" onClick={() => goTo('check')}>
              {t('submitGoToCheck')}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {queue.count > 0 && (
        <div>
          <Text>{t('submitQueue', { count: queue.count })}</Text>{' '}
          <Button size="small" onClick={() => void queue.retryNow()}>
            {t('submitRetryNow')}
          </Button>
        </div>
      )}
      {view && view.versions.length > 0 && (
        <details className={styles.versions}>
          <summary className={styles.summary}>{t('submitVersions', { count: view.versions.length })}</summary>
          <ol className={styles.list}>
            {view.versions.map((v) => (
              <li key={v.id}>
                {versionName(v)}, {t(v.onTime ? 'submitOnTime' : 'submitLate')}: {t(`version_${v.state}` as MessageKey)}
                {v.state === 'returned' && v.reason ? ` (${v.reason})` : ''}
                <div className={styles.mono}>{t('submitReceiptId', { id: v.id, sha: v.sha256 })}</div>
              </li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
