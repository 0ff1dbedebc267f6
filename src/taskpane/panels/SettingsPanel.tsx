/**
 * Settings: plan profile, unit and language (remembered in the workbook's document settings),
 * inbox address (also per workbook) and the unit token (this computer only: a token inside the
 * submitted workbook would leak to everyone who opens the file).
 */
import React, { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DEFAULT_PROFILE_ID, PROFILES, findUnit, getProfile } from '../../profiles';
import type { Language } from '../i18n';
import { errorText } from '../components/errorText';
import { planLabel, planTitle } from '../lib/planLabel';
import { usePane } from '../state';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
});

export default function SettingsPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, settings, saveSettings, meta, services } = usePane();
  const [language, setLanguage] = useState<Language>(settings.language ?? lang);
  const [profileId, setProfileId] = useState(meta?.profile ?? settings.profile ?? DEFAULT_PROFILE_ID);
  const profile = getProfile(profileId) ?? PROFILES[0];
  const [unitCode, setUnitCode] = useState(meta?.unit_code ?? settings.unit ?? profile.units[0].code);
  const [inboxUrl, setInboxUrl] = useState(settings.inboxUrl ?? '');
  const [token, setToken] = useState(() => services.tokens.get(unitCode) ?? '');
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const locked = meta !== null;

  const save = async (): Promise<void> => {
    try {
      const unit = findUnit(profile, unitCode) ?? profile.units[0];
      if (token.trim()) services.tokens.set(unit.code, token.trim());
      await saveSettings({ ...settings, language, profile: profile.id, unit: unit.code, inboxUrl: inboxUrl.trim() || undefined });
      setNotice({ intent: 'success', text: language === lang ? t('settingsSaved') : language === 'vi' ? 'Đã lưu cài đặt cho sổ này.' : 'Settings saved for this workbook.' });
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    }
  };

  return (
    <form
      className={styles.form}
      aria-label={t('navSettings')}
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
      <Field label={t('startProfile')}>
        <Select value={profile.id} disabled={locked} onChange={(_, data) => {
          setProfileId(data.value);
          setUnitCode((getProfile(data.value) ?? profile).units[0].code);
        }}>
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id} title={planTitle(p, lang)}>
              {planLabel(p, lang)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('startUnit')}>
        <Select value={unitCode} disabled={locked} onChange={(_, data) => {
          setUnitCode(data.value);
          setToken(services.tokens.get(data.value) ?? '');
        }}>
          {profile.units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name} ({u.code})
            </option>
          ))}
        </Select>
      </Field>
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
      {locked && <Text size={200}>{meta ? `${meta.unit_name} (${meta.unit_code})` : ''}</Text>}
    </form>
  );
}
