/**
 * Submit: errors block submission before anything is sent (the inbox checks again anyway);
 * the workbook is read from Excel in slices and uploaded with a progress bar; the receipt or
 * the inbox's findings are shown. An unreachable inbox puts the file in the durable queue.
 */
import React, { useEffect, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { isSubmittable, summarise, type Finding } from '../../domain/finding';
import { todayUtc } from '../../domain/dates';
import { errorText } from '../components/errorText';
import { PeriodNotice } from '../components/PeriodNotice';
import { useQueue } from '../components/QueueWorker';
import type { Receipt, SubmissionsState } from '../lib/inboxClient';
import type { MessageKey } from '../i18n';
import { usePane } from '../state';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  mono: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

type Step = { kind: 'idle' } | { kind: 'reading' } | { kind: 'uploading'; pct: number };
type Result =
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'refused'; findings: Finding[] }
  | { kind: 'blocked'; count: number }
  | { kind: 'queued'; seconds: number }
  | { kind: 'error'; text: string };

export default function SubmitPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, settings, services, checker, refresh, setLastCheck } = usePane();
  const queue = useQueue();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [result, setResult] = useState<Result | null>(null);
  const [status, setStatus] = useState<SubmissionsState | null>(null);
  const [sent, setSent] = useState(0);
  const token = meta ? services.tokens.get(meta.unit_code) : null;
  const inboxUrl = settings.inboxUrl;

  // The workbook may have become a register since the pane opened (Start, or typed in Excel).
  useEffect(() => {
    if (!meta) refresh().catch(() => undefined);
  }, [meta, refresh]);

  useEffect(() => {
    if (!meta || !inboxUrl || !token) return;
    let live = true;
    services.fetchSubmissions(inboxUrl, token, meta.year, meta.quarter).then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [meta, inboxUrl, token, services, sent]);

  if (!meta) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('entryNeedsTemplate')}</MessageBarBody>
      </MessageBar>
    );
  }

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
      setLastCheck({ findings, rows: 0, at: services.now() });
      if (!isSubmittable(findings)) {
        const s = summarise(findings);
        setResult({ kind: 'blocked', count: s.fatal + s.error });
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
        setResult({ kind: 'receipt', receipt: outcome.receipt });
        setSent((n) => n + 1);
      }
      else if (outcome.kind === 'refused') setResult({ kind: 'refused', findings: outcome.findings });
      else if (outcome.kind === 'unreachable') {
        const item = await services.queue.enqueue({ inboxUrl, unitCode: meta.unit_code, year: meta.year, quarter: meta.quarter, filename, bytes });
        queue.reschedule();
        setResult({ kind: 'queued', seconds: Math.round((item.nextAt - services.now().getTime()) / 1000) });
      } else {
        const known = { 401: 'submitAuth', 403: 'submitAuth', 409: 'submitLocked', 413: 'submitTooLarge' } as const;
        const key = known[outcome.status as keyof typeof known];
        const text = key ? t(key) : t('submitFailed', { message: lang === 'vi' ? outcome.message_vi || outcome.code : outcome.message_en || outcome.code });
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
  const returned = status?.state === 'returned' ? (status.versions.filter((v) => v.state === 'returned' && v.return_reason).slice(-1) ?? []) : [];

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
      <Button appearance="primary" onClick={() => void submit()} disabled={step.kind !== 'idle' || !shell.capabilities.fileAccess}>
        {t('submitButton')}
      </Button>
      {step.kind !== 'idle' && (
        <Field validationState="none" validationMessage={step.kind === 'reading' ? t('submitReading') : t('submitUploading', { pct: step.pct })}>
          <ProgressBar value={step.kind === 'uploading' ? step.pct / 100 : undefined} aria-label={t('submitTitle')} />
        </Field>
      )}
      {result?.kind === 'receipt' && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            <span className={styles.mono}>
              {t('submitReceipt', {
                id: result.receipt.id,
                time: new Date(result.receipt.received_at).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'),
                onTime: result.receipt.on_time ? t('submitOnTime') : t('submitLate'),
                sha: result.receipt.sha256,
              })}
            </span>
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.kind === 'blocked' && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t('submitBlocked', { count: result.count })}</MessageBarBody>
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
        <>
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{t('submitRefused', { count: result.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').length })}</MessageBarBody>
          </MessageBar>
          <ul className={styles.list}>
            {result.findings.slice(0, 100).map((f, i) => (
              <li key={i}>
                {f.rule} {f.cell ?? ''}: {lang === 'vi' ? f.message_vi : f.message_en}
              </li>
            ))}
          </ul>
        </>
      )}
      {queue.count > 0 && (
        <div>
          <Text>{t('submitQueue', { count: queue.count })}</Text>{' '}
          <Button size="small" onClick={() => void queue.retryNow()}>
            {t('submitRetryNow')}
          </Button>
        </div>
      )}
      {queue.lastReceipt && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            {t('submitReceipt', {
              id: queue.lastReceipt.id,
              time: queue.lastReceipt.received_at,
              onTime: queue.lastReceipt.on_time ? t('submitOnTime') : t('submitLate'),
              sha: queue.lastReceipt.sha256,
            })}
          </MessageBarBody>
        </MessageBar>
      )}
      {status && (
        <Text>
          {t('submitState', {
            state: ['missing', 'submitted', 'late', 'returned', 'accepted'].includes(status.state) ? t(`state_${status.state}` as MessageKey) : status.state,
          })}
        </Text>
      )}
      {returned.map((v) => (
        <MessageBar key={v.id} intent="warning" role="status">
          <MessageBarBody>{t('submitReturned', { id: v.id, reason: v.return_reason ?? '' })}</MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
