import * as React from 'react';
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LangContext, formatDateTime, useT } from '../i18n';
import { fileUrl, type TrackingUnit } from './api';
import { S, STATE_LABEL } from './strings';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto' },
  table: { minWidth: '760px', tableLayout: 'auto' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
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

export function PeriodGrid(props: {
  units: TrackingUnit[];
  caption: string;
  onReturn: (unit: TrackingUnit, reason: string) => Promise<void>;
  onAccept: (unit: TrackingUnit) => Promise<void>;
}): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [returning, setReturning] = React.useState<TrackingUnit | null>(null);
  const [reason, setReason] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const decide = async (run: () => Promise<void>) => {
    setBusy(true);
    try {
      await run();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.wrap}>
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
          {props.units.map((u) => {
            const decidable = u.submission_id !== null && (u.state === 'submitted' || u.state === 'late');
            return (
              <TableRow key={u.unit_code} data-testid={`unit-row-${u.unit_code}`} data-state={u.state}>
                <TableCell className={styles.mono}>{u.unit_code}</TableCell>
                <TableCell>{u.unit_name}</TableCell>
                <TableCell>
                  <Badge appearance="filled" color={STATE_COLOR[u.state] ?? 'informative'} data-testid="unit-state">
                    {(STATE_LABEL[u.state] ?? { vi: u.state, en: u.state })[lang]}
                  </Badge>
                </TableCell>
                <TableCell>{formatDateTime(u.received_at)}</TableCell>
                <TableCell>{versionCount(u.versions)}</TableCell>
                <TableCell>{u.return_reason ?? ''}</TableCell>
                <TableCell>
                  <div className={styles.actions}>
                    {u.submission_id && (
                      <Link href={fileUrl(u.submission_id)} download data-testid="download-version">
                        {t('download')}
                      </Link>
                    )}
                    {decidable && (
                      <>
                        <Button size="small" disabled={busy} onClick={() => { setReason(''); setReturning(u); }} data-testid="return-open">
                          {t('return')}
                        </Button>
                        <Button
                          size="small"
                          appearance="primary"
                          disabled={busy}
                          data-testid="accept"
                          onClick={() => {
                            if (window.confirm(t('confirmAccept', { unit: u.unit_name }))) void decide(() => props.onAccept(u));
                          }}
                        >
                          {t('accept')}
                        </Button>
                      </>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Dialog open={returning !== null} onOpenChange={(_, d) => !d.open && setReturning(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('returnTitle', { unit: returning?.unit_name ?? '' })}</DialogTitle>
            <DialogContent>
              <Field label={t('returnReason')} required>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" data-testid="return-reason-input" />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setReturning(null)}>{t('cancel')}</Button>
              <Button
                appearance="primary"
                disabled={busy || reason.trim() === ''}
                data-testid="return-confirm"
                onClick={() => {
                  const unit = returning;
                  if (!unit) return;
                  void decide(async () => {
                    await props.onReturn(unit, reason.trim());
                    setReturning(null);
                  });
                }}
              >
                {t('return')}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
