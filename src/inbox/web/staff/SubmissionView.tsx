import * as React from 'react';
import {
  Badge,
  Button,
  Card,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { FindingsTable } from '../Findings';
import { ReportTable } from '../ReportTable';
import { LangContext, errorText, findingCounts, formatDateTime, formatDay, useT, versionName } from '../i18n';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { fileUrl, staffApi, type SubmissionReview, type VersionInfo } from './api';
import { S, VERSION_STATE_LABEL } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0, '@media print': { boxShadow: 'none' } },
  heading: { ...typographyStyles.title3, margin: 0, outlineOffset: '4px', '@media print': { outlineStyle: 'none' } },
  // Links that lead elsewhere on screen mean nothing on paper.
  screenOnly: { '@media print': { display: 'none' } },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: tokens.spacingVerticalXXS },
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: 'anywhere', '@media (max-width: 480px)': { marginBottom: tokens.spacingVerticalS } },
  reason: { whiteSpace: 'pre-wrap' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  version: { maxWidth: '100%' },
  muted: { color: tokens.colorNeutralForeground3 },
  h3: { margin: 0 },
});

type Unit = { unit_name: string };

/**
 * One stored version, read-only, in the browser (docs/inbox.md): who sent it and when, its state
 * against the deadline, every finding (words first, then sheet, cell and rule) and the quarterly
 * report as the workbook holds it. Reachable from the quarter's table by a link (`#ban-nop/<id>`),
 * so the browser's Back returns to the table; the heading takes focus when it opens.
 */
export function SubmissionView(props: {
  id: string;
  csrf: string;
  onBack: () => void;
  onOpen: (id: string) => void;
  /** After a return or an accept: the quarter's table reloads. */
  onDecided: () => void;
  /** The submission's plan and quarter, once known: the page underneath follows them. */
  onLoaded?: (at: { profile: string; year: number; quarter: number }) => void;
}): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [review, setReview] = React.useState<SubmissionReview | null>(null);
  const [failure, setFailure] = React.useState<{ body: unknown } | null>(null);
  const [decision, setDecision] = React.useState<Decision<Unit> | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [message, setMessage] = React.useState<{ intent: 'success' | 'error'; body: unknown; done?: 'accepted' | 'returned' } | null>(null);
  const [n, setN] = React.useState(0);
  const heading = React.useRef<HTMLHeadingElement>(null);
  // The page's latest callback, without fetching again when the page re-renders.
  const onLoaded = React.useRef(props.onLoaded);
  onLoaded.current = props.onLoaded;

  React.useEffect(() => {
    let live = true;
    setReview(null);
    setFailure(null);
    staffApi.review(props.id).then(
      (res) => {
        if (!live) return;
        if (res.status === 200 && res.body) {
          setReview(res.body);
          onLoaded.current?.({ profile: res.body.profile, year: res.body.year, quarter: res.body.quarter });
        } else setFailure({ body: res.body });
      },
      () => live && setFailure({ body: null }),
    );
    return () => {
      live = false;
    };
  }, [props.id, n]);

  React.useEffect(() => setMessage(null), [props.id]);

  // Focus follows the view: the heading once the submission is shown, so a keyboard or screen
  // reader user starts at its top.
  React.useEffect(() => {
    if (review) heading.current?.focus();
  }, [review?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const back = (
    <Link className={styles.screenOnly} href="#" onClick={(e) => (e.preventDefault(), props.onBack())} data-testid="view-back">
      {review ? t('viewBack', { q: review.quarter, y: review.year }) : t('viewBackPlain')}
    </Link>
  );

  if (failure) {
    return (
      <Card className={styles.card} data-testid="submission-view">
        {back}
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{errorText(failure.body, lang, S.viewFailed)}</MessageBarBody>
        </MessageBar>
      </Card>
    );
  }
  if (!review) {
    return (
      <Card className={styles.card} data-testid="submission-view">
        {back}
        <Spinner size="small" label={t('viewLoading')} />
      </Card>
    );
  }

  const v = review.version;
  const latest = review.versions[review.versions.length - 1];
  const decidable = v.state === 'submitted' && latest?.id === v.id;
  const unit = `${review.unit_name} (${review.unit_code})`;
  const first = review.versions[0] ?? v;
  const stateOf = (x: VersionInfo) => (VERSION_STATE_LABEL[x.state] ?? { vi: x.state, en: x.state })[lang];
  const facts: { key: string; label: string; value: React.ReactNode }[] = [
    // With several versions the chooser above names the one shown.
    ...(review.versions.length > 1 ? [] : [{ key: 'version', label: t('viewVersion'), value: versionName(v, lang) }]),
    {
      key: 'state',
      label: t('viewVersionState'),
      value: (
        <Badge appearance="filled" color={v.state === 'accepted' ? 'success' : v.state === 'returned' ? 'danger' : 'informative'} data-testid="view-state">
          {stateOf(v)}
        </Badge>
      ),
    },
    { key: 'deadline', label: t('viewDeadline'), value: `${formatDay(review.deadline)}${review.deadline_assumed ? t('deadlineAssumed') : ''}` },
    { key: 'timeliness', label: t('viewTimeliness'), value: first.on_time ? t('viewOnTime') : t('viewLate') },
  ];
  if (review.filename) facts.push({ key: 'file', label: t('viewFile'), value: review.filename });
  if (v.return_reason) facts.push({ key: 'reason', label: t('reason'), value: <span className={styles.reason}>{v.return_reason}</span> });
  if (v.decided_by) facts.push({ key: 'decided', label: t('viewDecided'), value: t('viewDecidedText', { by: v.decided_by, at: formatDateTime(v.decided_at) }) });

  const decide = async (d: Decision<Unit>, reason: string) => {
    setBusy(true);
    try {
      const res = d.kind === 'return' ? await staffApi.returnVersion(v.id, reason, props.csrf) : await staffApi.accept(v.id, props.csrf);
      setMessage(res.status === 200 ? { intent: 'success', body: null, done: d.kind === 'return' ? 'returned' : 'accepted' } : { intent: 'error', body: res.body });
      setDecision(null);
      setN((x) => x + 1);
      props.onDecided();
    } finally {
      setBusy(false);
    }
  };
  const report = review.report;

  return (
    <>
      <Card className={styles.card} data-testid="submission-view">
        {back}
        <h2 ref={heading} tabIndex={-1} className={styles.heading} data-testid="view-title">
          {t('viewTitle', { unit, q: review.quarter, y: review.year })}
        </h2>
        {review.versions.length > 1 && (
          <Field label={t('viewVersion')} className={styles.version}>
            <Select value={v.id} onChange={(_, d) => props.onOpen(d.value)} data-testid="view-versions">
              {review.versions.map((x) => (
                <option key={x.id} value={x.id}>
                  {`${versionName(x, lang)} · ${stateOf(x)}`}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <dl className={styles.dl} data-testid="view-facts">
          {facts.map((f) => (
            <React.Fragment key={f.key}>
              <dt className={styles.dt}>{f.label}</dt>
              <dd className={styles.dd} data-testid={`fact-${f.key}`}>
                {f.value}
              </dd>
            </React.Fragment>
          ))}
        </dl>
        <div className={styles.row}>
          <Link className={styles.screenOnly} href={fileUrl(v.id)} download data-testid="view-download">
            {t('viewDownload')}
          </Link>
          {decidable && (
            <>
              <Button disabled={busy} onClick={() => setDecision({ kind: 'return', unit: { unit_name: review.unit_name } })} data-testid="view-return">
                {t('return')}
              </Button>
              <Button appearance="primary" disabled={busy} onClick={() => setDecision({ kind: 'accept', unit: { unit_name: review.unit_name } })} data-testid="view-accept">
                {t('accept')}
              </Button>
            </>
          )}
        </div>
        {message && (
          <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'} data-testid="view-message">
            <MessageBarBody>
              {message.done ? t(message.done, { unit: review.unit_name, q: review.quarter, y: review.year }) : errorText(message.body, lang, S.failed)}
            </MessageBarBody>
          </MessageBar>
        )}
      </Card>

      <Card className={styles.card} data-testid="view-findings">
        <Title3 as="h3" className={styles.h3}>
          {t('viewFindings')}
        </Title3>
        <Text>
          <b>{findingCounts({ ...review.summary, error: review.summary.fatal + review.summary.error }, lang)}</b>
        </Text>
        <Text size={200} className={styles.muted}>
          {t('viewFindingsHow')}
        </Text>
        {review.findings.length > 0 ? <FindingsTable findings={review.findings} label={t('viewFindings')} /> : <Text>{t('viewNoFindings')}</Text>}
      </Card>

      <Card className={styles.card} data-testid="view-report">
        <Title3 as="h3" className={styles.h3}>
          {t('viewReport')}
        </Title3>
        <Text size={200} className={styles.muted}>
          {t('viewReportHow')}
        </Text>
        {report && (report.header.preparer || report.header.prepared_date) && (
          <dl className={styles.dl}>
            <dt className={styles.dt}>{t('viewPreparer')}</dt>
            <dd className={styles.dd}>{report.header.preparer ?? '—'}</dd>
            <dt className={styles.dt}>{t('viewPrepared')}</dt>
            <dd className={styles.dd}>{report.header.prepared_date ?? '—'}</dd>
          </dl>
        )}
        {!report || !report.found ? (
          <MessageBar intent="warning">
            <MessageBarBody>{t('viewNoReport')}</MessageBarBody>
          </MessageBar>
        ) : (
          <>
            {!report.filled && (
              <MessageBar intent="warning">
                <MessageBarBody>{t('viewNotFilled')}</MessageBarBody>
              </MessageBar>
            )}
            <ReportTable report={report} year={review.year} quarter={review.quarter} />
          </>
        )}
      </Card>

      <DecisionDialog
        decision={decision}
        period={{ year: review.year, quarter: review.quarter }}
        busy={busy}
        onCancel={() => setDecision(null)}
        onConfirm={(d, reason) => void decide(d, reason)}
      />
    </>
  );
}
