import * as React from 'react';
import { Button, Card, Field, Input, MessageBar, MessageBarBody, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { LangContext, useT } from '../i18n';
import { getJson, type UnitInfo } from './api';
import { S } from './strings';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '480px' },
});

/** Token sign-in: the token is checked with GET /api/units/me before the page keeps it. */
export function SignIn(props: { onSignedIn: (token: string, unit: UnitInfo) => void }): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
  const [token, setToken] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await getJson<UnitInfo>('/api/units/me', token.trim());
      if (res.status === 200) props.onSignedIn(token.trim(), res.body);
      else setError(t('badToken'));
    } catch {
      setError(t('network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <form className={styles.form} onSubmit={submit} lang={lang}>
        <Title3 as="h2">{t('signIn')}</Title3>
        <Field label={t('token')} hint={t('tokenHint')} required>
          <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} data-testid="unit-token" autoComplete="off" />
        </Field>
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        <Button appearance="primary" type="submit" disabled={busy || token.trim() === ''} data-testid="unit-sign-in">
          {t('signInButton')}
        </Button>
      </form>
    </Card>
  );
}
