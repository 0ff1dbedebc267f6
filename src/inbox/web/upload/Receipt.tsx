import * as React from 'react';
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { LangContext, formatDateTime, useT } from '../i18n';
import { formatNumber } from '../../../domain/format';
import type { UploadOutcome } from './api';
import { S } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  dl: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', rowGap: tokens.spacingVerticalXXS },
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, '@media (max-width: 480px)': { marginBottom: tokens.spacingVerticalS } },
  code: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  // Long codes break only between their groups, never inside one.
  value: { overflowWrap: 'normal', wordBreak: 'normal' },
});

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

/** The inbox's receipt: labelled fields in the page's font; the receipt ID and the SHA-256
 *  wrap at their natural breaks and can be copied whole. */
export function ReceiptCard(props: { outcome: Extract<UploadOutcome, { kind: 'receipt' }> }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const r = props.outcome.receipt;
  const items: { key: string; label: string; value: React.ReactNode; testId?: string }[] = [
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
    { key: 'at', label: t('receivedAt'), value: formatDateTime(r.received_at) },
    { key: 'quarter', label: t('period'), value: t('quarterOf', { q: r.quarter, y: r.year }) },
    { key: 'onTime', label: t('deadlineLabel'), value: r.on_time ? t('onTime') : t('late') },
    { key: 'version', label: t('version'), value: formatNumber(r.version, lang) },
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
    { key: 'summary', label: t('summary'), value: t('summaryText', { error: r.summary.error, warning: r.summary.warning, info: r.summary.info }) },
  ];
  return (
    <Card className={styles.card} data-testid="receipt" role="status">
      <MessageBar intent="success">
        <MessageBarBody>
          <MessageBarTitle>{t('receipt')}</MessageBarTitle>
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
    </Card>
  );
}
