/**
 * Settings: language (remembered in the workbook's document settings), inbox address (also per
 * workbook) and the unit token (this computer only: a token inside the submitted workbook would
 * leak to everyone who opens the file). The plan and the unit are the open register's own
 * (`_meta`), shown as they are; without a register, they are the defaults Start will offer.
 */
import React, { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { todayUtc } from '../../domain/dates';
import { plansByDate } from '../../domain/planTime';
import { PROFILES, findUnit, getProfile, provinceName } from '../../profiles';
import type { Language } from '../i18n';
import { errorText } from '../components/errorText';
import { PlanPicker, firstUnitOf } from '../components/PlanPicker';
import { UnitPicker } from '../components/UnitPicker';
import { planLabel } from '../lib/planLabel';
import { usePane } from '../state';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export default function SettingsPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, settings, saveSettings, meta, services } = usePane();
  const plans = plansByDate(PROFILES, todayUtc(services.now()));
  const [language, setLanguage] = useState<Language>(settings.language ?? lang);
  const [profileId, setProfileId] = useState(meta?.profile ?? settings.profile ?? plans[0].id);
  const profile = getProfile(profileId) ?? plans[0];
  const [unitCode, setUnitCode] = useState(meta?.unit_code ?? settings.unit ?? firstUnitOf(profile));
  const [inboxUrl, setInboxUrl] = useState(settings.inboxUrl ?? '');
  const [token, setToken] = useState(() => services.tokens.get(unitCode) ?? '');
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const save = async (): Promise<void> => {
    try {
      // The open register's unit is the one its token belongs to; without one, the unit chosen here.
      const code = meta ? meta.unit_code : (findUnit(profile, unitCode)?.code ?? (unitCode || undefined));
      if (token.trim() && code) services.tokens.set(code, token.trim());
      await saveSettings({ ...settings, language, profile: meta ? meta.profile : profile.id, unit: code, inboxUrl: inboxUrl.trim() || undefined });
      setNotice({ intent: 'success', text: language === lang ? t('settingsSaved') : language === 'vi' ? 'Đã lưu cài đặt cho sổ này.' : 'Settings saved for this workbook.' });
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    }
  };

  const workbookProfile = meta ? getProfile(meta.profile) : undefined;

  return (
    <form
      className={styles.form}
      aria-label={t('navSettings')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label={t('settingsLanguage')}>
        <RadioGroup value={language} onChange={(_, data) => setLanguage(data.value as Language)} layout="horizontal">
          <Radio value="vi" label="Tiếng Việt" />
          <Radio value="en" label="English" />
        </RadioGroup>
      </Field>
      {meta ? (
        <>
          <Field label={t('startProfile')} hint={t('settingsFromWorkbook')}>
            <Text data-testid="settings-plan">{workbookProfile ? planLabel(workbookProfile, lang) : meta.profile}</Text>
          </Field>
          <Field label={t('startUnit')}>
            <Text data-testid="settings-unit">
              {t('settingsUnit', {
                unit: meta.unit_name,
                code: meta.unit_code,
                province: workbookProfile ? provinceName(workbookProfile, meta.province_code) : meta.province_code,
              })}
            </Text>
          </Field>
        </>
      ) : (
        <>
          <PlanPicker
            label={t('startProfile')}
            plans={plans}
            value={profile.id}
            lang={lang}
            onChange={(id) => {
              setProfileId(id);
              setUnitCode(firstUnitOf(getProfile(id) ?? profile));
            }}
          />
          <UnitPicker
            key={profile.id}
            profile={profile}
            value={unitCode}
            onChange={(code) => {
              setUnitCode(code);
              setToken(services.tokens.get(code) ?? '');
            }}
            lang={lang}
            label={t('startUnit')}
          />
        </>
      )}
      <Field label={t('settingsInbox')}>
        <Input type="url" value={inboxUrl} placeholder="https://…" onChange={(_, data) => setInboxUrl(data.value)} />
      </Field>
      <Field label={t('settingsToken')} hint={t('settingsTokenNote')}>
        <Input type="password" value={token} autoComplete="off" onChange={(_, data) => setToken(data.value)} />
      </Field>
      <Button appearance="primary" type="submit">
        {t('settingsSave')}
      </Button>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
