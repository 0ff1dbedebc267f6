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
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { LangContext, errorText, useT, type Strings } from '../i18n';
import type { StaffSession } from './api';

const P = {
  open: { vi: 'Đổi mật khẩu', en: 'Change password' },
  current: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  next: { vi: 'Mật khẩu mới (ít nhất 10 ký tự)', en: 'New password (at least 10 characters)' },
  again: { vi: 'Nhập lại mật khẩu mới', en: 'New password again' },
  mismatch: { vi: 'Hai lần nhập mật khẩu mới không khớp.', en: 'The two new passwords differ.' },
  note: {
    vi: 'Sau khi đổi, mọi phiên đăng nhập khác của tài khoản này (máy khác, trình duyệt khác) kết thúc.',
    en: 'After the change, every other session of this account (other computers, other browsers) ends.',
  },
  save: { vi: 'Đổi mật khẩu', en: 'Change password' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  failed: { vi: 'Không đổi được mật khẩu; thử lại.', en: 'The password was not changed; try again.' },
  done: { vi: 'Đã đổi mật khẩu.', en: 'Password changed.' },
} satisfies Strings<string>;

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

/** A staff member changes their own password; the server ends every session of the account and
 *  answers with a fresh one for this page (new CSRF token). */
export function ChangePassword(props: { session: StaffSession; onChanged: (s: StaffSession, message: string) => void }): React.ReactElement {
  const styles = useStyles();
  const t = useT(P);
  const lang = React.useContext(LangContext);
  const [open, setOpen] = React.useState(false);
  const [current, setCurrent] = React.useState('');
  const [next, setNext] = React.useState('');
  const [again, setAgain] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const reset = () => {
    setCurrent('');
    setNext('');
    setAgain('');
    setError(null);
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (next !== again) return setError(t('mismatch'));
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/staff/password', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': props.session.csrf_token },
        body: JSON.stringify({ current, password: next }),
      });
      const body = (await res.json().catch(() => null)) as StaffSession | null;
      if (res.status === 200 && body?.csrf_token) {
        setOpen(false);
        reset();
        props.onChanged(body, t('done'));
      } else setError(errorText(body, lang, P.failed));
    } catch {
      setError(t('failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        if (!d.open) reset();
      }}
    >
      <Button appearance="subtle" onClick={() => setOpen(true)} data-testid="staff-change-password">
        {t('open')}
      </Button>
      <DialogSurface>
        <form onSubmit={submit}>
          <DialogBody>
            <DialogTitle>{t('open')}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field label={t('current')} required>
                <Input type="password" value={current} onChange={(_, d) => setCurrent(d.value)} autoComplete="current-password" data-testid="password-current" />
              </Field>
              <Field label={t('next')} required>
                <Input type="password" value={next} onChange={(_, d) => setNext(d.value)} autoComplete="new-password" data-testid="password-new" />
              </Field>
              <Field label={t('again')} required>
                <Input type="password" value={again} onChange={(_, d) => setAgain(d.value)} autoComplete="new-password" data-testid="password-again" />
              </Field>
              <MessageBar intent="info">
                <MessageBarBody>{t('note')}</MessageBarBody>
              </MessageBar>
              {error && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setOpen(false)}>{t('cancel')}</Button>
              <Button type="submit" appearance="primary" disabled={busy || !current || next.length < 10 || !again} data-testid="password-save">
                {t('save')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
