import * as React from 'react';
import {
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
  makeStaticStyles,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { formatPercent } from '../../../domain/format';
import { LangContext, errorText, formatDay, useT } from '../i18n';
import { PeriodPicker, duePeriod, type PeriodValue } from '../PeriodPicker';
import { planName, planTitle, plansOffered } from '../plan';
import { PeriodGrid } from './PeriodGrid';
import { SubmissionView } from './SubmissionView';
import { useSubmissionRoute } from './useSubmissionRoute';
import { InsightPanels } from './insight/InsightPanels';
import type { PeriodArgs } from './insight/api';
import { AdminPanel } from './admin/AdminPanel';
import { ChangePassword } from './ChangePassword';
import { consolidatedUrl, staffApi, type StaffSession, type Tracking, type TrackingUnit } from './api';
import { Login } from './Login';
import { COUNT_LABEL, S, STATE_LABEL } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  account: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  stats: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  stat: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  view: { order: -1, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  jump: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
});

const VIEW_ROOT = 'vr-submission-view';
const useViewStyles = makeStaticStyles(`html[data-viewing] main > :not(.${VIEW_ROOT}) { display: none !important; }`);

/** The panels below the table (a province's table can be 100+ rows long). */
const JUMPS = [
  ['ban-do', 'jumpMap'],
  ['xu-huong', 'jumpTrends'],
  ['bat-thuong', 'jumpOutliers'],
  ['trung-nguoi', 'jumpDuplicates'],
  ['chia-se', 'jumpExport'],
] as const;

export function StaffApp(): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [session, setSession] = React.useState<StaffSession | null>(null);
  const [checked, setChecked] = React.useState(false);
  // The plans this inbox has units for first, the plan in force today first among them.
  const [inUse, setInUse] = React.useState<string[] | null>(null);
  const offered = React.useMemo(() => plansOffered(inUse), [inUse]);
  const plans = offered.all;
  const [profile, setProfile] = React.useState(() => plans[0].id);
  // Once a person picks a plan, the page no longer picks one for them.
  const picked = React.useRef(false);
  const [period, setPeriod] = React.useState<PeriodValue>(() => duePeriod(profile));
  const [tracking, setTracking] = React.useState<Tracking | null>(null);
  const [message, setMessage] = React.useState<{ intent: 'error' | 'success'; text: string } | null>(null);
  // The quarter the tracking shown was loaded for; the insight panels follow it.
  const [loaded, setLoaded] = React.useState<{ profile: string; year: number; quarter: number; n: number } | null>(
    null,
  );
  /** OUT-01 figures per unit (not yet confirmed) for a quarter, shown beside each submission. */
  const [outliers, setOutliers] = React.useState<{ byUnit: Record<string, number>; period: PeriodArgs } | null>(null);
  const onOutliers = React.useCallback(
    (byUnit: Record<string, number>, at: PeriodArgs) => setOutliers({ byUnit, period: at }),
    [],
  );
  const sameQuarter = (a: PeriodArgs, b: PeriodArgs | null) =>
    b !== null && a.profile === b.profile && a.year === b.year && a.quarter === b.quarter;
  const route = useSubmissionRoute();
  const plan = plans.find((p) => p.id === profile) ?? plans[0];

  /** Another plan or quarter: what was said about the last one no longer applies. */
  const choose = (nextProfile: string, nextPeriod: PeriodValue) => {
    setProfile(nextProfile);
    setPeriod(nextPeriod);
    setMessage(null);
  };

  // An existing session cookie (page reload) is reused; the CSRF token comes with /me.
  React.useEffect(() => {
    staffApi.me().then(
      (res) => {
        if (res.status === 200 && res.body?.csrf_token) setSession(res.body);
        setChecked(true);
      },
      () => setChecked(true),
    );
  }, []);

  const load = React.useCallback(async () => {
    const res = await staffApi.tracking(profile, period.year, period.quarter);
    if (res.status === 401) setSession(null);
    else if (res.status === 200) {
      setTracking(res.body);
      setLoaded((prev) => ({ profile, year: period.year, quarter: period.quarter, n: (prev?.n ?? 0) + 1 }));
    } else setMessage({ intent: 'error', text: errorText(res.body, lang, S.failed) });
  }, [profile, period, lang]);

  React.useEffect(() => {
    if (session) load().catch(() => setMessage({ intent: 'error', text: t('network') }));
  }, [session, load, t]);

  React.useEffect(() => {
    if (!session) return;
    staffApi.plans().then(
      (res) => res.status === 200 && res.body && setInUse(res.body.plans),
      () => undefined,
    );
  }, [session]);

  // The inbox's own plans are known: open on the first of them, unless a plan was picked.
  React.useEffect(() => {
    if (!picked.current && plans[0].id !== profile) choose(plans[0].id, duePeriod(plans[0].id));
  }, [plans]); // eslint-disable-line react-hooks/exhaustive-deps

  // An open submission hides the rest of the page, which stays mounted so the map and charts
  // need not load again.
  useViewStyles();
  React.useEffect(() => {
    const root = document.documentElement;
    if (route.id) root.dataset.viewing = 'submission';
    else delete root.dataset.viewing;
    return () => void delete root.dataset.viewing;
  }, [route.id]);

  // Back from a submission: focus returns to its link in the quarter's table.
  const lastViewed = React.useRef<string | null>(null);
  React.useEffect(() => {
    if (route.id) {
      lastViewed.current = route.id;
      return;
    }
    const id = lastViewed.current;
    lastViewed.current = null;
    if (id) document.querySelector<HTMLElement>(`[data-view="${id}"]`)?.focus();
  }, [route.id]);

  if (!checked) return <Spinner />;
  if (!session) return <Login onSignedIn={setSession} />;

  const afterDecision = async (
    res: { status: number; body: unknown },
    done: 'accepted' | 'returned',
    u: TrackingUnit,
  ) => {
    if (res.status === 200)
      setMessage({ intent: 'success', text: t(done, { unit: u.unit_name, q: period.quarter, y: period.year }) });
    else setMessage({ intent: 'error', text: errorText(res.body, lang, S.failed) });
    await load();
  };
  const onReturn = async (u: TrackingUnit, reason: string) =>
    afterDecision(await staffApi.returnVersion(u.submission_id!, reason, session.csrf_token), 'returned', u);
  const onAccept = async (u: TrackingUnit) =>
    afterDecision(await staffApi.accept(u.submission_id!, session.csrf_token), 'accepted', u);

  return (
    <>
      <Card className={styles.card}>
        <div className={styles.row}>
          <Text>{t('signedInAs', { user: session.user })}</Text>
          {/* The account's two actions stay together (on a phone they wrapped one under the other). */}
          <div className={styles.account}>
            <ChangePassword
              session={session}
              onChanged={(s, text) => {
                setSession(s);
                setMessage({ intent: 'success', text });
              }}
            />
            <Button
              appearance="subtle"
              onClick={async () => {
                await staffApi.logout(session.csrf_token).catch(() => undefined);
                setSession(null);
                setTracking(null);
              }}
            >
              {t('signOut')}
            </Button>
          </div>
        </div>
        <PeriodPicker
          profile={plan}
          value={period}
          onChange={(p) => choose(profile, p)}
          labels={{ year: t('year'), quarter: t('quarter') }}
        >
          <Field label={t('profile')}>
            <Select
              value={profile}
              title={planTitle(plan, lang)}
              onChange={(_, d) => {
                picked.current = true;
                choose(d.value, duePeriod(d.value));
              }}
              data-testid="period-profile"
            >
              {[
                { key: 'own', label: t('plansOwn'), list: offered.own },
                { key: 'other', label: offered.own.length > 0 ? t('plansOther') : '', list: offered.other },
              ]
                .filter((g) => g.list.length > 0)
                .map((g) => {
                  const options = g.list.map((p) => (
                    <option key={p.id} value={p.id} title={planTitle(p, lang)}>
                      {planName(p, lang)}
                    </option>
                  ));
                  return g.label ? (
                    <optgroup key={g.key} label={g.label}>
                      {options}
                    </optgroup>
                  ) : (
                    <React.Fragment key={g.key}>{options}</React.Fragment>
                  );
                })}
            </Select>
          </Field>
        </PeriodPicker>
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => void load()} data-testid="period-load">
            {t('load')}
          </Button>
          <Link
            href={consolidatedUrl(profile, period.year, period.quarter)}
            download
            data-testid="download-consolidated"
          >
            {t('consolidated')}
          </Link>
        </div>
      </Card>

      {message && (
        <MessageBar
          intent={message.intent}
          role={message.intent === 'error' ? 'alert' : 'status'}
          data-testid="staff-message"
        >
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}

      {tracking && (
        <Card className={styles.card}>
          <Title3 as="h2">{t('grid', { q: period.quarter, y: period.year })}</Title3>
          {tracking.period && (
            <Text data-testid="period-deadline">
              {t('deadline', {
                start: formatDay(tracking.period.start),
                end: formatDay(tracking.period.end),
                deadline: formatDay(tracking.period.deadline),
              })}
              {tracking.period.deadline_assumed ? t('deadlineAssumed') : ''}
            </Text>
          )}
          <div className={styles.stats} data-testid="period-stats">
            {Object.entries(tracking.counts ?? {}).map(([state, n]) => (
              <Text key={state} className={styles.stat}>
                {(COUNT_LABEL[state] ?? STATE_LABEL[state] ?? { vi: state, en: state })[lang]}: <b>{n}</b>
              </Text>
            ))}
            <Text className={styles.stat}>
              {t('completeness')}: <b>{formatPercent(tracking.completeness_pct, lang)}</b>
            </Text>
            <Text className={styles.stat}>
              {t('timeliness')}: <b>{formatPercent(tracking.timeliness_pct, lang)}</b>
            </Text>
          </div>
          <nav aria-label={t('jumpTo')} className={styles.jump} data-testid="jump-nav">
            <Text weight="semibold">{t('jumpTo')}:</Text>
            {JUMPS.map(([anchor, key]) => (
              <Link key={anchor} href={`#${anchor}`}>
                {t(key)}
              </Link>
            ))}
          </nav>
          <PeriodGrid
            units={tracking.units}
            caption={t('grid', { q: period.quarter, y: period.year })}
            period={period}
            outliers={outliers && sameQuarter(outliers.period, loaded) ? outliers.byUnit : undefined}
            onReturn={onReturn}
            onAccept={onAccept}
          />
        </Card>
      )}
      {tracking && loaded && (
        <InsightPanels
          period={loaded}
          csrf={session.csrf_token}
          units={tracking.units}
          version={loaded.n}
          onOutliers={onOutliers}
        />
      )}
      {session.role === 'admin' && (
        <AdminPanel csrf={session.csrf_token} me={session.user} onSignedOut={() => setSession(null)} />
      )}
      {route.id && (
        // Last in the page (the print layout counts on the quarter's cards coming first), shown first.
        <div className={`${styles.view} ${VIEW_ROOT}`}>
          <SubmissionView
            id={route.id}
            csrf={session.csrf_token}
            onBack={route.close}
            onOpen={route.open}
            onDecided={() => void load()}
            onLoaded={(at) => {
              // Opened from an address (a reload, a link from a colleague) for another quarter:
              // the table underneath, and "Back to quarter …", are that quarter's.
              if (at.profile === profile && at.year === period.year && at.quarter === period.quarter) return;
              picked.current = true;
              choose(at.profile, { year: at.year, quarter: at.quarter });
            }}
          />
        </div>
      )}
    </>
  );
}
