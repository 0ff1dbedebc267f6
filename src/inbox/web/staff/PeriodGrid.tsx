import * as React from 'react';
import {
  Badge,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LangContext, countOf, formatDateTime, useT, versionName } from '../i18n';
import { useNarrow } from '../useNarrow';
import { useCardListStyles } from './cardList';
import { fileUrl, type TrackingUnit } from './api';
import { DecisionDialog, type Decision } from './DecisionDialog';
import { S, STATE_LABEL } from './strings';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '960px', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  mono: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  // A long reason wraps inside a bounded column instead of widening (or squeezing) the table.
  reason: {
    minWidth: '10rem',
    maxWidth: '22rem',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    wordBreak: 'normal',
  },
  former: { color: tokens.colorNeutralForeground3 },
  itemHead: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  itemReason: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  outlier: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
});

/** State colours come from Fluent's badge palette (design tokens), never hard-coded. */
export const STATE_COLOR: Record<TrackingUnit['state'], 'subtle' | 'informative' | 'warning' | 'danger' | 'success'> = {
  missing: 'subtle',
  submitted: 'informative',
  late: 'warning',
  returned: 'danger',
  accepted: 'success',
};

function versionCount(v: TrackingUnit['versions']): number {
  return Array.isArray(v) ? v.length : Number(v) || 0;
}

/** The version that counts, named as a person names it (`Bản 2, nộp 14:05 05/12/2026`). */
function currentVersion(u: TrackingUnit): { version: number; received_at: string } | null {
  if (!u.submission_id || !u.received_at) return null;
  const found = Array.isArray(u.versions) ? (u.versions as { id?: string; version?: number }[]).find((v) => v.id === u.submission_id) : undefined;
  return { version: found?.version ?? versionCount(u.versions), received_at: u.received_at };
}

/** The link that opens a submission in the page (`#ban-nop/<id>`, StaffApp follows it). */
export function viewHref(id: string): string {
  return `#ban-nop/${id}`;
}

export function PeriodGrid(props: {
  units: TrackingUnit[];
  caption: string;
  period: { year: number; quarter: number };
  /** OUT-01 figures per unit not yet confirmed by the unit (the findings are further down). */
  outliers?: Record<string, number>;
  onReturn: (unit: TrackingUnit, reason: string) => Promise<void>;
  onAccept: (unit: TrackingUnit) => Promise<void>;
}): React.ReactElement {
  const styles = useStyles();
  const cardList = useCardListStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [decision, setDecision] = React.useState<Decision | null>(null);
  const [busy, setBusy] = React.useState(false);
  const narrow = useNarrow();

  const decide = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
    } finally {
      setBusy(false);
    }
  };

  const nameOf = (u: TrackingUnit) => (
    <>
      {u.unit_name}
      {u.former_names && u.former_names.length > 0 && (
        <span className={styles.former} data-testid={`former-${u.unit_code}`}>
          {' '}
          {t('formerName', { names: u.former_names.join(', ') })}
        </span>
      )}
    </>
  );
  const badgeOf = (u: TrackingUnit) => {
    const n = props.outliers?.[u.unit_code] ?? 0;
    return (
      <span className={styles.actions}>
        <Badge appearance="filled" color={STATE_COLOR[u.state] ?? 'informative'} data-testid="unit-state">
          {(STATE_LABEL[u.state] ?? { vi: u.state, en: u.state })[lang]}
        </Badge>
        {n > 0 && (
          <Link href={`#bat-thuong-${u.unit_code}`} className={styles.outlier} data-testid="unit-outliers">
            {t('unitOutliers', { figures: countOf(n, { vi: 'số liệu bất thường', en: 'outlying figure' }, lang) })}
          </Link>
        )}
      </span>
    );
  };
  const actionsOf = (u: TrackingUnit) => {
    const decidable = u.submission_id !== null && (u.state === 'submitted' || u.state === 'late');
    return (
      <div className={styles.actions}>
        {u.submission_id && (
          <>
            <Link href={viewHref(u.submission_id)} data-testid="view-version" data-view={u.submission_id} aria-label={t('viewAria', { unit: u.unit_name })}>
              {t('view')}
            </Link>
            <Link href={fileUrl(u.submission_id)} download data-testid="download-version">
              {t('download')}
            </Link>
          </>
        )}
        {decidable && (
          <>
            <Button
              size="small"
              disabled={busy}
              onClick={() => setDecision({ kind: 'return', unit: u })}
              data-testid="return-open"
            >
              {t('return')}
            </Button>
            <Button
              size="small"
              appearance="primary"
              disabled={busy}
              data-testid="accept"
              onClick={() => setDecision({ kind: 'accept', unit: u })}
            >
              {t('accept')}
            </Button>
          </>
        )}
      </div>
    );
  };

  const cards = (
    <ul className={cardList.list} aria-label={props.caption} data-testid="period-grid">
      {props.units.map((u) => (
        <li key={u.unit_code} className={cardList.item} data-testid={`unit-row-${u.unit_code}`} data-state={u.state}>
          <div className={styles.itemHead}>
            <span className={styles.mono}>{u.unit_code}</span>
            <b>{nameOf(u)}</b>
            {badgeOf(u)}
          </div>
          {currentVersion(u) && <span className={styles.muted}>{versionName(currentVersion(u)!, lang)}</span>}
          {u.return_reason && (
            <div className={styles.itemReason} data-testid="unit-reason">
              {t('reason')}: {u.return_reason}
            </div>
          )}
          {actionsOf(u)}
        </li>
      ))}
    </ul>
  );

  return (
    <div className={styles.wrap}>
      {narrow ? (
        cards
      ) : (
        <Table className={styles.table} aria-label={props.caption} data-testid="period-grid" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('unitCode')}</TableHeaderCell>
              <TableHeaderCell>{t('unitName')}</TableHeaderCell>
              <TableHeaderCell>{t('state')}</TableHeaderCell>
              <TableHeaderCell>{t('receivedAt')}</TableHeaderCell>
              <TableHeaderCell>{t('versions')}</TableHeaderCell>
              <TableHeaderCell>{t('reason')}</TableHeaderCell>
              <TableHeaderCell>{t('actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.units.map((u) => (
              <TableRow key={u.unit_code} data-testid={`unit-row-${u.unit_code}`} data-state={u.state}>
                <TableCell className={styles.mono}>{u.unit_code}</TableCell>
                <TableCell>{nameOf(u)}</TableCell>
                <TableCell className={styles.nowrap}>{badgeOf(u)}</TableCell>
                <TableCell className={styles.nowrap}>{formatDateTime(u.received_at)}</TableCell>
                <TableCell>{versionCount(u.versions)}</TableCell>
                <TableCell>
                  <div className={styles.reason} data-testid="unit-reason">
                    {u.return_reason ?? ''}
                  </div>
                </TableCell>
                <TableCell>{actionsOf(u)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <DecisionDialog
        decision={decision}
        period={props.period}
        busy={busy}
        onCancel={() => setDecision(null)}
        onConfirm={(d, reason) =>
          void decide(async () => {
            await (d.kind === 'return' ? props.onReturn(d.unit, reason) : props.onAccept(d.unit));
            setDecision(null);
          })
        }
      />
    </div>
  );
}
