import * as React from 'react';
import { Card, MessageBar, MessageBarBody, Tab, TabList, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { LangContext, errorText, useT } from '../../i18n';
import type { ApiResult } from '../api';
import { ConfirmDialog, SecretDialog } from './Dialogs';
import { StaffAdmin } from './StaffAdmin';
import { A } from './strings';
import { UnitsAdmin } from './UnitsAdmin';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** What the two lists share: run a change (after a confirmation when it ends sessions or stops a
 *  token), show its secret once, report the outcome. */
export interface AdminActions {
  csrf: string;
  me: string;
  run: <T>(call: () => Promise<ApiResult<T>>, opts?: { confirm?: string; secret?: (body: T) => { title: string; note: string; secret: string } }) => Promise<T | null>;
}

/** The "Quản trị" section of the staff page, shown to role `admin` only (the routes check it too). */
export function AdminPanel(props: { csrf: string; me: string; onSignedOut: () => void }): React.ReactElement {
  const styles = useStyles();
  const t = useT(A);
  const lang = React.useContext(LangContext);
  const [tab, setTab] = React.useState<'units' | 'staff'>('units');
  const [message, setMessage] = React.useState<{ intent: 'error' | 'success'; text: string } | null>(null);
  const [secret, setSecret] = React.useState<{ title: string; note: string; secret: string } | null>(null);
  const [confirm, setConfirm] = React.useState<{ text: string; resolve: (ok: boolean) => void } | null>(null);

  const run: AdminActions['run'] = async (call, opts = {}) => {
    if (opts.confirm) {
      const text = opts.confirm;
      const ok = await new Promise<boolean>((resolve) => setConfirm({ text, resolve }));
      setConfirm(null);
      if (!ok) return null;
    }
    setMessage(null);
    const res = await call().catch(() => null);
    if (!res) {
      setMessage({ intent: 'error', text: errorText(null, lang, A.failed) });
      return null;
    }
    if (res.status === 401) props.onSignedOut();
    if (res.status !== 200) {
      setMessage({ intent: 'error', text: errorText(res.body, lang, A.failed) });
      return null;
    }
    if (opts.secret) setSecret(opts.secret(res.body));
    else setMessage({ intent: 'success', text: t('saved') });
    return res.body;
  };
  const actions: AdminActions = { csrf: props.csrf, me: props.me, run };

  return (
    <Card className={styles.card} data-testid="admin-panel">
      <Title3 as="h2">{t('title')}</Title3>
      <Text>{t('intro')}</Text>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as 'units' | 'staff')}>
        <Tab value="units" data-testid="admin-tab-units">
          {t('tabUnits')}
        </Tab>
        <Tab value="staff" data-testid="admin-tab-staff">
          {t('tabStaff')}
        </Tab>
      </TabList>
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'} data-testid="admin-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
      {tab === 'units' ? <UnitsAdmin actions={actions} /> : <StaffAdmin actions={actions} />}
      {secret && <SecretDialog {...secret} onClose={() => setSecret(null)} />}
      {confirm && <ConfirmDialog text={confirm.text} onConfirm={() => confirm.resolve(true)} onCancel={() => confirm.resolve(false)} />}
    </Card>
  );
}
