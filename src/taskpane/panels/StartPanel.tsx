/**
 * Start: recognise the open register from `_meta`, or create a new one in the open workbook
 * from the plan profile's template (the same spec `vr new` writes).
 */
import React, { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { todayUtc } from '../../domain/dates';
import { periodDue } from '../../domain/period';
import { plansByDate } from '../../domain/planTime';
import { buildTemplate } from '../../domain/template';
import { PROFILES, findUnit, getProfile } from '../../profiles';
import { CAPABILITY_MESSAGE } from '../lib/capabilities';
import { errorText } from '../components/errorText';
import { PeriodNotice } from '../components/PeriodNotice';
import { PlanPicker, firstUnitOf } from '../components/PlanPicker';
import { UnitPicker } from '../components/UnitPicker';
import { planLabel } from '../lib/planLabel';
import { usePane } from '../state';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', columnGap: tokens.spacingHorizontalS },
});

export default function StartPanel({ onCreated }: { onCreated?: () => void }): React.JSX.Element {
  const styles = useStyles();
  const pane = usePane();
  const { t, meta, shell, settings, services, lang } = pane;
  const now = services.now();
  // The plan in force today first, and chosen unless this workbook's settings name another.
  const plans = plansByDate(PROFILES, todayUtc(now));
  const [profileId, setProfileId] = useState(settings.profile ?? plans[0].id);
  const profile = getProfile(profileId) ?? plans[0];
  const [unitCode, setUnitCode] = useState(settings.unit && findUnit(profile, settings.unit) ? (findUnit(profile, settings.unit)?.code ?? '') : firstUnitOf(profile));
  // Opens on the period now due under the plan's period rule (the staff and upload pages do too).
  const due = periodDue(profile, todayUtc(now));
  const [year, setYear] = useState(String(due.year));
  const [quarter, setQuarter] = useState(String(due.quarter));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  if (meta) {
    const known = getProfile(meta.profile);
    return (
      <div className={styles.form}>
        <MessageBar intent="success">
          <MessageBarBody>
            {t('startRecognised', {
              unit: meta.unit_name,
              code: meta.unit_code,
              quarter: meta.quarter,
              year: meta.year,
              profile: known ? planLabel(known, lang) : meta.profile,
            })}
          </MessageBarBody>
        </MessageBar>
        {known && <PeriodNotice profile={known} year={meta.year} quarter={meta.quarter} fromWorkbook />}
        <Button onClick={() => pane.refresh()}>{t('startReread')}</Button>
      </div>
    );
  }

  const create = async (): Promise<void> => {
    const unit = findUnit(profile, unitCode) ?? (profile.unit_list === 'vn-official' ? undefined : profile.units[0]);
    if (!unit) {
      setMessage({ intent: 'error', text: lang === 'en' ? 'Choose the province, then the commune.' : 'Hãy chọn tỉnh, rồi chọn xã, phường.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const spec = buildTemplate(profile, unit, Number(year), Number(quarter), now.toISOString());
      const result = await shell.createTemplate(spec);
      await pane.saveSettings({ ...settings, profile: profile.id, unit: unit.code });
      await pane.refresh();
      // Features this Excel lacks were skipped; CapabilityNotice above says which and why.
      const skipped = result.skipped.map((key) => t(CAPABILITY_MESSAGE[key]));
      setMessage({ intent: 'success', text: skipped.length > 0 ? `${t('startCreated')} ${t('capOff')} ${skipped.join(' ')}` : t('startCreated') });
      onCreated?.();
    } catch (error) {
      setMessage({ intent: 'error', text: errorText(error, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void create();
      }}
    >
      <Text>{t('startNotTemplate')}</Text>
      <PlanPicker
        label={t('startProfile')}
        plans={plans}
        value={profile.id}
        lang={lang}
        onChange={(id) => {
          setProfileId(id);
          const next = getProfile(id) ?? profile;
          setUnitCode(firstUnitOf(next));
          const nextDue = periodDue(next, todayUtc(now));
          setYear(String(nextDue.year));
          setQuarter(String(nextDue.quarter));
        }}
      />
      <UnitPicker
        key={profile.id}
        profile={profile}
        value={unitCode}
        onChange={setUnitCode}
        lang={lang}
        label={t('startUnit')}
        hint={profile.units_sample ? t('startSampleNote') : undefined}
      />
      <div className={styles.row}>
        <Field label={t('startYear')}>
          <Input type="number" value={year} min={2000} max={2100} onChange={(_, data) => setYear(data.value)} />
        </Field>
        <Field label={t('startQuarter')}>
          <Select value={quarter} onChange={(_, data) => setQuarter(data.value)}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <PeriodNotice profile={profile} year={Number(year)} quarter={Number(quarter)} fromWorkbook={false} />
      <Button appearance="primary" type="submit" disabled={busy}>
        {t('startCreate')}
      </Button>
      {message && (
        <MessageBar intent={message.intent} role={message.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
