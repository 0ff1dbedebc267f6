import * as React from 'react';
import { Button, Card, Field, Input, MessageBar, MessageBarBody, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { LangContext, errorText, useT } from '../i18n';
import { staffApi, type StaffSession } from './api';
import { S } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '420px' },
});

export function Login(props: { onSignedIn: (session: StaffSession) => void }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [user, setUser] = React.useState('');
  const [password, setPassword] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await staffApi.login(user.trim(), password);
      if (res.status === 200 && res.body?.csrf_token) props.onSignedIn(res.body);
      // 429: slowed after repeated failures; say so (and for how long), not "wrong password".
      else setError(res.status === 429 ? errorText(res.body, lang, S.badLogin) : t('badLogin'));
    } catch {
      setError(t('network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <form className={styles.form} onSubmit={submit}>
        <Title3 as="h2">{t('signIn')}</Title3>
        <Field label={t('user')} required>
          <Input value={user} onChange={(_, d) => setUser(d.value)} autoComplete="username" data-testid="staff-user" />
        </Field>
        <Field label={t('password')} required>
          <Input type="password" value={password} onChange={(_, d) => setPassword(d.value)} autoComplete="current-password" data-testid="staff-password" />
        </Field>
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" type="submit" disabled={busy || !user || !password} data-testid="staff-sign-in">
          {t('signInButton')}
        </Button>
      </form>
    </Card>
  );
}
