import * as React from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useT } from '../../i18n';
import { A } from './strings';

const useStyles = makeStyles({
  secret: {
    display: 'block',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase400,
    padding: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    wordBreak: 'break-all',
    userSelect: 'all',
  },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** A token or password shown once: the only place it ever appears. */
export function SecretDialog(props: { title: string; note: string; secret: string; onClose: () => void }): React.ReactElement {
  const styles = useStyles();
  const t = useT(A);
  const [copied, setCopied] = React.useState(false);
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => (d.open ? undefined : props.onClose())}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{props.note}</Text>
            <code className={styles.secret} data-testid="admin-secret">
              {props.secret}
            </code>
            {copied && <Text role="status">{t('copied')}</Text>}
          </DialogContent>
          <DialogActions>
            <Button
              onClick={() => {
                navigator.clipboard?.writeText(props.secret).then(() => setCopied(true), () => undefined);
              }}
            >
              {t('copy')}
            </Button>
            <Button appearance="primary" onClick={props.onClose} data-testid="admin-secret-close">
              {t('close')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** "Are you sure?" for a change that ends sessions or stops a token. */
export function ConfirmDialog(props: { text: string; onConfirm: () => void; onCancel: () => void }): React.ReactElement {
  const t = useT(A);
  return (
    <Dialog open onOpenChange={(_, d) => (d.open ? undefined : props.onCancel())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t('title')}</DialogTitle>
          <DialogContent>{props.text}</DialogContent>
          <DialogActions>
            <Button onClick={props.onCancel}>{t('cancel')}</Button>
            <Button appearance="primary" onClick={props.onConfirm} data-testid="admin-confirm">
              {t('confirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
