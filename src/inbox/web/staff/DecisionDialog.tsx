import * as React from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useT } from '../i18n';
import type { TrackingUnit } from './api';
import { S } from './strings';

export type Decision<U extends { unit_name: string } = TrackingUnit> = { kind: 'return' | 'accept'; unit: U };

/**
 * One styled dialog for both decisions on a submission: "Trả lại" asks for the reason the unit
 * will read, "Chấp nhận" says that the quarter is locked afterwards. Both name the unit and the
 * quarter, so staff see what they are about to do before doing it.
 */
export function DecisionDialog<U extends { unit_name: string }>(props: {
  decision: Decision<U> | null;
  period: { year: number; quarter: number };
  busy: boolean;
  onCancel: () => void;
  onConfirm: (decision: Decision<U>, reason: string) => void;
}): React.ReactElement {
  const t = useT(S);
  const [reason, setReason] = React.useState('');
  const { decision, period } = props;
  React.useEffect(() => setReason(''), [decision]);
  const returning = decision?.kind === 'return';
  const vars = { unit: decision?.unit.unit_name ?? '', q: period.quarter, y: period.year };
  return (
    <Dialog open={decision !== null} onOpenChange={(_, d) => !d.open && props.onCancel()}>
      <DialogSurface data-testid="decision-dialog">
        <DialogBody>
          <DialogTitle>{t(returning ? 'returnTitle' : 'acceptTitle', vars)}</DialogTitle>
          <DialogContent>
            {returning ? (
              <Field label={t('returnReason')} required>
                <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" data-testid="return-reason-input" />
              </Field>
            ) : (
              <Text>{t('confirmAccept', vars)}</Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onCancel} data-testid="decision-cancel">
              {t('cancel')}
            </Button>
            <Button
              appearance="primary"
              disabled={props.busy || (returning && reason.trim() === '')}
              data-testid={returning ? 'return-confirm' : 'accept-confirm'}
              onClick={() => decision && props.onConfirm(decision, reason.trim())}
            >
              {t(returning ? 'return' : 'accept')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
