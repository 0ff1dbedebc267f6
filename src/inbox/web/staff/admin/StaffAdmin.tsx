import * as React from 'react';
import { Badge, Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { useT } from '../../i18n';
import type { AdminActions } from './AdminPanel';
import { adminApi, type AdminStaff } from './api';
import { useRowStyles } from './rowStyles';
import { A } from './strings';

/** Staff accounts: add (first password shown once), reset a password, change the role,
 *  deactivate / reactivate. Each change ends the account's sessions (server side). One's own
 *  account is changed only through its password change, never locked out from here. */
export function StaffAdmin({ actions }: { actions: AdminActions }): React.ReactElement {
  const styles = useRowStyles();
  const t = useT(A);
  const [name, setName] = React.useState('');
  const [role, setRole] = React.useState<AdminStaff['role']>('staff');
  const [staff, setStaff] = React.useState<AdminStaff[] | null>(null);

  const load = React.useCallback(async () => {
    const res = await adminApi.staff().catch(() => null);
    setStaff(res?.status === 200 ? res.body.staff : []);
  }, []);
  React.useEffect(() => void load(), [load]);

  const passwordShown = (user: string) => (body: { password: string }) => ({ title: t('passwordTitle', { user }), note: t('passwordOnce'), secret: body.password });
  const roleName = (r: AdminStaff['role']) => (r === 'admin' ? t('roleAdmin') : t('roleStaff'));

  return (
    <>
      <form
        className={styles.form}
        onSubmit={async (e) => {
          e.preventDefault();
          const user = name.trim();
          if (!user) return;
          const done = await actions.run(() => adminApi.addStaff(actions.csrf, user, role), { secret: passwordShown(user) });
          if (done) setName('');
          await load();
        }}
      >
        <Field label={t('user')} className={styles.field}>
          <Input value={name} onChange={(_, d) => setName(d.value)} autoComplete="off" data-testid="admin-staff-name" />
        </Field>
        <Field label={t('role')} className={styles.field}>
          <Select value={role} onChange={(_, d) => setRole(d.value === 'admin' ? 'admin' : 'staff')} data-testid="admin-staff-role">
            <option value="staff">{t('roleStaff')}</option>
            <option value="admin">{t('roleAdmin')}</option>
          </Select>
        </Field>
        <Button type="submit" appearance="primary" data-testid="admin-add-staff">
          {t('addStaff')}
        </Button>
      </form>
      <ul className={styles.list} data-testid="admin-staff">
        {(staff ?? []).map((u) => {
          const self = u.username === actions.me;
          const other: AdminStaff['role'] = u.role === 'admin' ? 'staff' : 'admin';
          return (
            <li key={u.username} className={styles.row}>
              <div className={styles.who}>
                <Text className={styles.code}>
                  {u.username} {self ? t('you') : ''}
                </Text>
                <Text>{roleName(u.role)}</Text>
              </div>
              <div className={styles.buttons}>
                <Badge appearance="tint" color={u.active ? 'success' : 'danger'}>
                  {u.active ? t('active') : t('inactive')}
                </Badge>
                {!self && (
                  <Button
                    size="small"
                    onClick={async () => {
                      await actions.run(() => adminApi.resetPassword(actions.csrf, u.username), {
                        confirm: t('confirmReset', { user: u.username }),
                        secret: passwordShown(u.username),
                      });
                      await load();
                    }}
                  >
                    {t('resetPassword')}
                  </Button>
                )}
                {!self && (
                  <Button
                    size="small"
                    onClick={async () => {
                      await actions.run(() => adminApi.setRole(actions.csrf, u.username, other), {
                        confirm: t('confirmRole', { user: u.username, role: roleName(other) }),
                      });
                      await load();
                    }}
                  >
                    {u.role === 'admin' ? t('makeStaff') : t('makeAdmin')}
                  </Button>
                )}
                {!self && (
                  <Button
                    size="small"
                    onClick={async () => {
                      await actions.run(() => adminApi.setStaffActive(actions.csrf, u.username, !u.active), {
                        confirm: u.active ? t('confirmDeactivateStaff', { user: u.username }) : undefined,
                      });
                      await load();
                    }}
                  >
                    {u.active ? t('deactivate') : t('reactivate')}
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
