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
import { nextQuarter } from '../../../domain/period';
import { saveResponse } from '../download';
import { LangContext, errorText, formatDateTime, useT } from '../i18n';
import { PeriodPicker, duePeriod, type PeriodValue } from '../PeriodPicker';
import { FindingsTable } from './Findings';
import { getProfile } from '../../../profiles';
import { PlanYearsNotice, profileLabel } from '../plan';
import { ReceiptCard } from './Receipt';
import { SignIn } from './SignIn';
import { UploadCard } from './UploadCard';
import { TOKEN_KEY, authHeaders, getJson, uploadWorkbook, type QuarterStatus, type UnitInfo, type UploadOutcome } from './api';
import { S, STATE_LABEL } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

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
  const profile = unit ? getProfile(unit.profile) : undefined;

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
    try {
      const result = await uploadWorkbook(file, token, setProgress);
      setOutcome(result);
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
    }
  };

  const latest = status?.versions[status.versions.length - 1];
  const state = status?.state ?? 'missing';
  const next = nextQuarter(period.year, period.quarter);
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
          <Text data-testid="unit-plan">
            {t('profile')}: {profileLabel(profile)}
          </Text>
        )}
        <PeriodPicker value={period} onChange={choosePeriod} labels={{ year: t('year'), quarter: t('quarter') }} />
        {profile && <PlanYearsNotice profile={profile} year={period.year} />}
      </Card>

      <Card className={styles.card} aria-live="polite">
        <Title3 as="h2">{t('status', { q: period.quarter, y: period.year })}</Title3>
        <div className={styles.row}>
          <Badge appearance="filled" color={STATE_COLOR[state] ?? 'informative'} data-testid="quarter-state" data-state={state}>
            {(STATE_LABEL[state] ?? { vi: state, en: state })[lang]}
          </Badge>
          {latest && <Text>{formatDateTime(latest.received_at)}</Text>}
        </div>
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
          {state === 'accepted' && (
            <Button appearance="primary" onClick={() => download('rollover', next)} data-testid="download-next">
              {t('rollover', { q: next.quarter, y: next.year })}
            </Button>
          )}
        </div>
        <Text size={200}>{t('rolloverHint')}</Text>
      </Card>

      <UploadCard period={period} onPeriodChange={choosePeriod} progress={progress} onSend={(f) => void send(f)} />

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
      {outcome?.kind === 'receipt' && <ReceiptCard outcome={outcome} />}
      {outcome?.kind === 'findings' && (
        <Card className={styles.card}>
          <MessageBar intent="error" role="alert" data-testid="refused">
            <MessageBarBody>
              <MessageBarTitle>{t('refused', { n: outcome.summary.error + outcome.summary.fatal })}</MessageBarTitle>
            </MessageBarBody>
          </MessageBar>
          <FindingsTable findings={outcome.findings} />
        </Card>
      )}
    </>
  );
}
