import * as React from 'react';
import { Badge, Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { LangContext, useT } from '../../i18n';
import { planName, planTitle, plansOffered } from '../../plan';
import type { AdminActions } from './AdminPanel';
import { adminApi, type AdminUnit } from './api';
import { useRowStyles } from './rowStyles';
import { A } from './strings';

/** Reporting units of one plan: add (token shown once), new token, deactivate / reactivate. */
export function UnitsAdmin({ actions }: { actions: AdminActions }): React.ReactElement {
  const styles = useRowStyles();
  const t = useT(A);
  const lang = React.useContext(LangContext);
  // Every plan, the one in force today first: an administrator may register a unit of any.
  const plans = React.useMemo(() => plansOffered(null).all, []);
  const [profile, setProfile] = React.useState(plans[0].id);
  const [code, setCode] = React.useState('');
  const [units, setUnits] = React.useState<AdminUnit[] | null>(null);
  const plan = plans.find((p) => p.id === profile) ?? plans[0];

  const load = React.useCallback(async () => {
    const res = await adminApi.units(profile).catch(() => null);
    setUnits(res?.status === 200 ? res.body.units : []);
  }, [profile]);
  React.useEffect(() => void load(), [load]);

  const tokenShown = (unit: string) => (body: { token: string }) => ({ title: t('tokenTitle', { unit }), note: t('tokenOnce'), secret: body.token });
  const registered = new Set((units ?? []).map((u) => u.unit_code));

  return (
    <>
      <form
        className={styles.form}
        onSubmit={async (e) => {
          e.preventDefault();
          const unit = code.trim().toUpperCase();
          if (!unit) return;
          const done = await actions.run(() => adminApi.addUnit(actions.csrf, profile, unit), { secret: tokenShown(unit) });
          if (done) setCode('');
          await load();
        }}
      >
        <Field label={t('profile')} className={styles.field}>
          <Select value={profile} onChange={(_, d) => setProfile(d.value)} data-testid="admin-profile">
            {plans.map((p) => (
              <option key={p.id} value={p.id} title={planTitle(p, lang)}>
                {planName(p, lang)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('unitCode')} hint={t('unitHint')} className={styles.field}>
          <Input value={code} onChange={(_, d) => setCode(d.value)} list="admin-unit-codes" autoComplete="off" data-testid="admin-unit-code" />
        </Field>
        <datalist id="admin-unit-codes">
          {plan.units
            .filter((u) => !registered.has(u.code))
            .slice(0, 500)
            .map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
        </datalist>
        <Button type="submit" appearance="primary" data-testid="admin-add-unit">
          {t('addUnit')}
        </Button>
      </form>
      {units && units.length === 0 && <Text>{t('noUnits')}</Text>}
      <ul className={styles.list} data-testid="admin-units">
        {(units ?? []).map((u) => (
          <li key={u.unit_code} className={styles.row}>
            <div className={styles.who}>
              <Text className={styles.code}>{u.unit_code}</Text>
              <Text>{u.unit_name}</Text>
            </div>
            <div className={styles.buttons}>
              <Badge appearance="tint" color={u.active ? 'success' : 'danger'}>
                {u.active ? t('active') : t('inactive')}
              </Badge>
              <Button
                size="small"
                onClick={async () => {
                  await actions.run(() => adminApi.rotateToken(actions.csrf, u.profile, u.unit_code), {
                    confirm: t('confirmRotate', { unit: u.unit_code }),
                    secret: tokenShown(u.unit_code),
                  });
                  await load();
                }}
              >
                {t('rotate')}
              </Button>
              <Button
                size="small"
                onClick={async () => {
                  await actions.run(() => adminApi.setUnitActive(actions.csrf, u.profile, u.unit_code, !u.active), {
                    confirm: u.active ? t('confirmDeactivateUnit', { unit: u.unit_code }) : undefined,
                  });
                  await load();
                }}
              >
                {u.active ? t('deactivate') : t('reactivate')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
