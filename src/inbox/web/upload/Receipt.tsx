import * as React from 'react';
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../../../domain/finding';
import { deadlineOf } from '../../../domain/period';
import type { Profile } from '../../../domain/schema/profile';
import { FindingsTable } from '../Findings';
import { LangContext, findingCounts, useT, versionName } from '../i18n';
import { getJson, type UploadOutcome } from './api';
import { S } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 480px)': { columnGap: tokens.spacingHorizontalM },
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, minWidth: 0 },
  code: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // Long codes break only between their groups, never inside one.
  value: { overflowWrap: 'normal', wordBreak: 'normal' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const pad = (n: number): string => String(n).padStart(2, '0');
const dayText = (d: Date): string => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;

/** The warnings and notes of a stored version: the receipt only counts them, the inbox lists
 *  them on request (GET /api/units/me/submissions/:id/review). */
function useNotBlocking(id: string, token: string, wanted: boolean): { findings: Finding[] | null; failed: boolean } {
  const [state, setState] = React.useState<{ findings: Finding[] | null; failed: boolean }>({ findings: null, failed: false });
  React.useEffect(() => {
    if (!wanted) return;
    let live = true;
    setState({ findings: null, failed: false });
    getJson<{ findings?: Finding[] }>(`/api/units/me/submissions/${encodeURIComponent(id)}/review`, token).then(
      (res) => live && setState(res.status === 200 && Array.isArray(res.body?.findings) ? { findings: res.body.findings, failed: false } : { findings: null, failed: true }),
      () => live && setState({ findings: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [id, token, wanted]);
  return state;
}

/** `ab12…` in groups of `size`, with a break opportunity (no visible space) between groups, so
 *  a selection still copies the exact value. */
function grouped(value: string, size: number): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  for (let i = 0; i < value.length; i += size) {
    if (i > 0) out.push(<wbr key={`b${i}`} />);
    out.push(value.slice(i, i + size));
  }
  return out;
}

/** A UUID breaks after its hyphens. */
function hyphenated(value: string): React.ReactNode[] {
  return value.split('-').flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, `-${part}`]));
}

function CopyButton(props: { value: string; testId: string }): React.ReactElement | null {
  const t = useT(S);
  const [copied, setCopied] = React.useState(false);
  if (typeof navigator === 'undefined' || !navigator.clipboard) return null;
  return (
    <Button
      size="small"
      appearance="subtle"
      data-testid={props.testId}
      onClick={() =>
        navigator.clipboard.writeText(props.value).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? t('copied') : t('copy')}
    </Button>
  );
}

/**
 * The inbox's receipt, one labelled fact per line: the receipt ID and the SHA-256 wrap at their
 * natural breaks and can be copied whole; the version is named by number and time; the deadline
 * is a date and the timeliness its own fact; every warning and note is listed with its cell and
 * words (they did not block the upload, but the clerk should see them).
 */
export function ReceiptCard(props: { outcome: Extract<UploadOutcome, { kind: 'receipt' }>; profile: Profile | undefined; token: string; duplicate?: boolean }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const r = props.outcome.receipt;
  const notBlocking = r.summary.warning + r.summary.info;
  const { findings, failed } = useNotBlocking(r.id, props.token, notBlocking > 0);
  // What the clerk needs first (the check's verdict, the version, the deadline), then the codes
  // to quote: on a phone the warnings below stay close to the top.
  const items: { key: string; label: string; value: React.ReactNode; testId?: string }[] = [
    { key: 'summary', label: t('summary'), testId: 'receipt-summary', value: findingCounts(r.summary, lang) },
    { key: 'version', label: t('version'), testId: 'receipt-version', value: versionName(r, lang) },
    { key: 'quarter', label: t('period'), value: t('quarterOf', { q: r.quarter, y: r.year }) },
  ];
  if (props.profile) items.push({ key: 'deadline', label: t('deadlineLabel'), testId: 'receipt-deadline', value: dayText(deadlineOf(props.profile, r.year, r.quarter)) });
  items.push(
    { key: 'onTime', label: t('timeliness'), testId: 'receipt-timeliness', value: r.on_time ? t('onTime') : t('late') },
    {
      key: 'id',
      label: t('receiptId'),
      testId: 'receipt-id',
      value: (
        <span className={styles.code}>
          <span className={styles.value}>{hyphenated(r.id)}</span>
          <CopyButton value={r.id} testId="copy-id" />
        </span>
      ),
    },
    {
      key: 'sha',
      label: t('sha'),
      testId: 'receipt-sha',
      value: (
        <span className={styles.code}>
          <span className={styles.value}>{grouped(r.sha256, 8)}</span>
          <CopyButton value={r.sha256} testId="copy-sha" />
        </span>
      ),
    },
  );
  return (
    <Card className={styles.card} data-testid="receipt" role="status">
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{t('receipt')}</MessageBarTitle>
          {props.duplicate && <span data-testid="receipt-duplicate">{t('duplicate')}</span>}
        </MessageBarBody>
      </MessageBar>
      <dl className={styles.dl}>
        {items.map((item) => (
          <React.Fragment key={item.key}>
            <dt className={styles.dt}>{item.label}</dt>
            <dd className={styles.dd} data-testid={item.testId}>
              {item.value}
            </dd>
          </React.Fragment>
        ))}
      </dl>
      {notBlocking > 0 && (
        <section className={styles.section} aria-label={t('notBlocking')} data-testid="receipt-findings">
          <Text weight="semibold">{t('notBlocking')}</Text>
          {findings && <FindingsTable findings={findings} label={t('notBlocking')} />}
          {!findings && !failed && <Spinner size="tiny" label={t('loadingFindings')} />}
          {failed && (
            <MessageBar intent="warning">
              <MessageBarBody>{t('findingsFailed')}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
    </Card>
  );
}
