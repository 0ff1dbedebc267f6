import * as React from 'react';
import {
  Badge,
  Button,
  Card,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { deadlineOf, nextQuarter } from '../../../domain/period';
import { inPlanQuarters } from '../../../domain/planTime';
import { saveResponse } from '../download';
import { FindingsTable } from '../Findings';
import { LangContext, countOf, errorText, findingCounts, formatDay, useT, versionName } from '../i18n';
import { PeriodPicker, duePeriod, todayInVietnam, type PeriodValue } from '../PeriodPicker';
import { getProfile } from '../../../profiles';
import { planName, planTitle } from '../plan';
import { ReceiptCard } from './Receipt';
import { SignIn } from './SignIn';
import { UploadCard } from './UploadCard';
import { TOKEN_KEY, authHeaders, getJson, uploadWorkbook, type QuarterStatus, type UnitInfo, type UploadOutcome } from './api';
import { S, STATE_LABEL } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  outcome: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, scrollMarginTop: tokens.spacingVerticalM, outlineStyle: 'none' },
  // Room below a short answer, so it can be scrolled to the top of the screen.
  answered: { minHeight: 'calc(100vh - 2rem)' },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    alignItems: 'center',
    margin: 0,
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: 'anywhere' },
});

/** The deadline of a quarter, `20/12/2026`. */
function deadlineText(profile: Parameters<typeof deadlineOf>[0], q: PeriodValue): string {
  return formatDay(deadlineOf(profile, q.year, q.quarter).toISOString());
}

const STATE_COLOR: Record<string, 'informative' | 'success' | 'warning' | 'danger' | 'subtle'> = {
  missing: 'subtle',
  submitted: 'informative',
  late: 'warning',
  returned: 'danger',
  accepted: 'success',
};

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function UploadApp(): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [token, setToken] = React.useState<string | null>(readToken);
  const [unit, setUnit] = React.useState<UnitInfo | null>(null);
  const [period, setPeriod] = React.useState<PeriodValue>(() => duePeriod(null));
  const [status, setStatus] = React.useState<QuarterStatus | null>(null);
  const [progress, setProgress] = React.useState<number | null>(null);
  const [outcome, setOutcome] = React.useState<UploadOutcome | null>(null);
  const [message, setMessage] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [duplicate, setDuplicate] = React.useState(false);
  const profile = unit ? getProfile(unit.profile) : undefined;
  // After an upload the answer is brought into view and focused (on a phone it is below the fold).
  const outcomeRef = React.useRef<HTMLDivElement>(null);
  const [answered, setAnswered] = React.useState(0);
  React.useEffect(() => {
    if (answered === 0) return;
    const el = outcomeRef.current;
    if (!el) return;
    el.scrollIntoView({ block: 'start', behavior: 'auto' });
    el.focus({ preventScroll: true });
  }, [answered]);

  // The page opens on the period the unit is due to report on under its plan (as the pane does).
  React.useEffect(() => {
    if (unit) setPeriod(duePeriod(unit.profile));
  }, [unit]);

  const choosePeriod = (p: PeriodValue) => {
    setPeriod(p);
    setOutcome(null);
    setNotice(null);
  };

  const signOut = React.useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    setToken(null);
    setUnit(null);
  }, []);

  // A token kept from earlier in this tab: check it is still valid.
  React.useEffect(() => {
    if (!token || unit) return;
    getJson<UnitInfo>('/api/units/me', token).then(
      (res) => (res.status === 200 ? setUnit(res.body) : signOut()),
      () => setMessage(t('network')),
    );
  }, [token, unit, signOut, t]);

  const loadStatus = React.useCallback(async () => {
    if (!token || !unit) return;
    const res = await getJson<QuarterStatus>(`/api/units/me/submissions?year=${period.year}&quarter=${period.quarter}`, token);
    setStatus(res.status === 200 ? res.body : null);
  }, [token, unit, period]);

  React.useEffect(() => {
    loadStatus().catch(() => setMessage(t('network')));
  }, [loadStatus, t]);

  if (!token || !unit) {
    return (
      <SignIn
        onSignedIn={(tok, info) => {
          sessionStorage.setItem(TOKEN_KEY, tok);
          setToken(tok);
          setUnit(info);
        }}
      />
    );
  }

  const download = async (kind: 'template' | 'rollover', target: PeriodValue = period) => {
    setMessage(null);
    try {
      const res = await fetch(`/api/units/me/${kind}?year=${target.year}&quarter=${target.quarter}`, { headers: authHeaders(token) });
      if (res.ok) await saveResponse(res, `${unit.unit_code}-${target.year}-Q${target.quarter}.xlsx`);
      else setMessage(errorText(await res.json().catch(() => null), lang, kind === 'rollover' ? S.noAccepted : S.failed));
    } catch {
      setMessage(t('network'));
    }
  };

  const send = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) {
      setMessage(t('notXlsx'));
      return;
    }
    setMessage(null);
    setNotice(null);
    setOutcome(null);
    setProgress(0);
    const before = new Set(status?.versions.map((v) => v.id) ?? []);
    try {
      const result = await uploadWorkbook(file, token, setProgress);
      setOutcome(result);
      setDuplicate(result.kind === 'receipt' && before.has(result.receipt.id));
      if (result.kind === 'receipt' && (result.receipt.year !== period.year || result.receipt.quarter !== period.quarter)) {
        // The inbox files a workbook under its own period: follow it, and say so.
        setPeriod({ year: result.receipt.year, quarter: result.receipt.quarter });
        setNotice(t('filedUnder', { wq: result.receipt.quarter, wy: result.receipt.year, q: period.quarter, y: period.year }));
      }
      if (result.kind === 'error') {
        if (result.status === 401) signOut();
        setMessage(errorText(result.body, lang, S.failed));
      }
      await loadStatus();
    } catch {
      setMessage(t('network'));
    } finally {
      setProgress(null);
      setAnswered((n) => n + 1);
    }
  };

  const latest = status?.versions[status.versions.length - 1];
  const state = status?.state ?? 'missing';
  const next = nextQuarter(period.year, period.quarter);
  const nextInPlan = profile ? inPlanQuarters(profile, next, todayInVietnam()) : false;
  return (
    <>
      <Card className={styles.card}>
        <div className={styles.row}>
          <Title3 as="h2" data-testid="unit-name">
            {unit.unit_name} ({unit.unit_code})
          </Title3>
          <Button appearance="subtle" onClick={signOut}>
            {t('signOut')}
          </Button>
        </div>
        {profile && (
          <Text data-testid="unit-plan" title={planTitle(profile, lang)}>
            {t('profile')}: {planName(profile, lang)}
          </Text>
        )}
        {profile && <PeriodPicker profile={profile} value={period} onChange={choosePeriod} labels={{ year: t('year'), quarter: t('quarter') }} />}
      </Card>

      <Card className={styles.card} aria-live="polite">
        <Title3 as="h2">{t('status', { q: period.quarter, y: period.year })}</Title3>
        <dl className={styles.dl} data-testid="quarter-facts">
          <dt className={styles.dt}>{t('stateLabel')}</dt>
          <dd className={styles.dd}>
            <Badge appearance="filled" color={STATE_COLOR[state] ?? 'informative'} data-testid="quarter-state" data-state={state}>
              {(STATE_LABEL[state] ?? { vi: state, en: state })[lang]}
            </Badge>
          </dd>
          {latest && (
            <>
              <dt className={styles.dt}>{t('latestVersion')}</dt>
              <dd className={styles.dd} data-testid="quarter-latest">
                {versionName({ version: status!.versions.length, received_at: latest.received_at }, lang)}
              </dd>
            </>
          )}
          {profile && (
            <>
              <dt className={styles.dt}>{t('deadlineLabel')}</dt>
              <dd className={styles.dd} data-testid="quarter-deadline">
                {deadlineText(profile, period)}
              </dd>
            </>
          )}
        </dl>
        {latest?.state === 'returned' && (
          <MessageBar intent="warning" data-testid="return-reason">
            <MessageBarBody>{t('returnReason', { reason: latest.return_reason ?? '' })}</MessageBarBody>
          </MessageBar>
        )}
      </Card>

      <Card className={styles.card}>
        <Title3 as="h2">{t('downloads')}</Title3>
        <div className={styles.row}>
          <Button onClick={() => download('template')} data-testid="download-template">
            {t('blank', { q: period.quarter, y: period.year })}
          </Button>
          <Button onClick={() => download('rollover')} data-testid="download-rollover">
            {t('rollover', { q: period.quarter, y: period.year })}
          </Button>
          {state === 'accepted' && nextInPlan && (
            <Button appearance="primary" onClick={() => download('rollover', next)} data-testid="download-next">
              {t('rollover', { q: next.quarter, y: next.year })}
            </Button>
          )}
        </div>
        <Text size={200}>{t('rolloverHint')}</Text>
      </Card>

      {profile && (
        <UploadCard unit={unit} profile={profile} period={period} onPeriodChange={choosePeriod} progress={progress} onSend={(f) => void send(f)} />
      )}

      <div ref={outcomeRef} tabIndex={-1} className={message || notice || outcome ? `${styles.outcome} ${styles.answered}` : styles.outcome} data-testid="upload-outcome">
        {message && (
          <MessageBar intent="error" role="alert" data-testid="upload-message">
            <MessageBarBody>{message}</MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="warning" data-testid="filed-under">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        {outcome?.kind === 'receipt' && <ReceiptCard outcome={outcome} profile={profile} token={token} duplicate={duplicate} />}
        {outcome?.kind === 'findings' && (
          <Card className={styles.card}>
            <MessageBar intent="error" role="alert" data-testid="refused">
              <MessageBarBody>
                <MessageBarTitle>{t('refused', { errors: countOf(outcome.summary.error + outcome.summary.fatal, { vi: 'lỗi', en: 'error' }, lang) })}</MessageBarTitle>
                {findingCounts({ ...outcome.summary, error: outcome.summary.error + outcome.summary.fatal }, lang)}
              </MessageBarBody>
            </MessageBar>
            <FindingsTable findings={outcome.findings} />
          </Card>
        )}
      </div>
    </>
  );
}
