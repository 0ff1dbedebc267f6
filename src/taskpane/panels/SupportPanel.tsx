/**
 * Support log (`Hỗ trợ`): records one support given. The person is found by case ID or name;
 * only the support types open to that person's standing under the plan's law are offered (the
 * same `eligibleTypes` SUP-02 judges by), so SUP-02 cannot be entered by mistake; the row is
 * checked by the workbook check itself before anything is written, then written in one call.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { Button, Combobox, Field, Input, MessageBar, MessageBarBody, Option, Select, makeStyles, tokens } from '@fluentui/react-components';
import { foldText, supportTypes } from '../../domain/codes';
import { parseDateCell } from '../../domain/dates';
import { todayUtc } from '../../domain/dates';
import type { Finding } from '../../domain/finding';
import type { RegistryRecord } from '../../domain/model';
import { parseWorkbook } from '../../domain/parse';
import { eligibleTypes } from '../../domain/rules/sup';
import { SHEET, type WorkbookModel } from '../../domain/sheet';
import { errorText } from '../components/errorText';
import { exampleDate } from '../lib/examples';
import { fieldMessage, findingText } from '../lib/findingText';
import { checkSupportRow, supportFormToCells, supportPlace, supportWrites, type SupportFormValues, type SupportPlace } from '../lib/supportRow';
import { usePane } from '../state';

const MAX_OPTIONS = 50;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  title: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

interface Loaded {
  workbook: WorkbookModel;
  people: RegistryRecord[];
  place: SupportPlace | null;
}

const personText = (r: RegistryRecord): string => `${r.case_id ?? ''} — ${r.full_name ?? ''}`;

export default function SupportPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, services, refresh } = usePane();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [query, setQuery] = useState('');
  const [values, setValues] = useState<SupportFormValues>({});
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (): Promise<void> => {
    const workbook = await refresh();
    const parsed = parseWorkbook(workbook);
    setLoaded({ workbook, people: parsed.registry.records.filter((r) => r.case_id), place: supportPlace(parsed) });
  };

  useEffect(() => {
    load().catch((error) => setNotice({ intent: 'error', text: errorText(error, t, lang) }));
    // Load once per open of the panel; `load` changes identity every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const matches = useMemo(() => {
    if (!loaded) return [];
    const needle = foldText(query);
    const found = needle ? loaded.people.filter((r) => foldText(personText(r)).includes(needle)) : loaded.people;
    return found.slice(0, MAX_OPTIONS);
  }, [loaded, query]);

  if (!meta || !profile) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('entryNeedsTemplate')}</MessageBarBody>
      </MessageBar>
    );
  }

  const person = loaded?.people.find((r) => r.case_id === values.case_id) ?? null;
  const typedDate = parseDateCell(values.date?.trim() || null);
  const eligible = person ? eligibleTypes(profile, person, typedDate && typedDate.ok ? typedDate.date : null) : null;
  const allTypes = supportTypes(profile.law);
  const types = eligible ? allTypes.filter((c) => eligible.types.has(c.key)) : person ? allTypes : [];
  const set = (key: keyof SupportFormValues, value: string): void => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setNotice((prev) => (prev?.intent === 'success' ? null : prev));
  };

  const checkRow = (): Finding[] => {
    if (!loaded?.place) return [];
    const found = checkSupportRow(loaded.workbook, loaded.place, supportFormToCells(values), todayUtc(services.now()));
    setFindings(found);
    setNotice((prev) => (prev?.intent === 'success' ? null : prev));
    return found;
  };

  const save = async (): Promise<void> => {
    if (!loaded?.place) return;
    const found = checkRow();
    const errors = found.filter((f) => f.severity === 'error' || f.severity === 'fatal');
    if (errors.length > 0) {
      setNotice({ intent: 'warning', text: t('supportHasErrors', { count: errors.length }) });
      return;
    }
    setBusy(true);
    try {
      const cells = supportFormToCells(values);
      await shell.writeCells(SHEET.support, supportWrites(loaded.place, cells));
      setNotice({ intent: 'success', text: t('supportSaved', { type: String(cells.type ?? ''), id: String(cells.case_id ?? ''), row: loaded.place.row0 + 1 }) });
      setValues({});
      setQuery('');
      setFindings(null);
      await load();
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  const byField = (key: string): Finding[] => (findings ?? []).filter((f) => f.field === key);
  const shown = new Set(['case_id', 'type', 'date', 'amount', 'provider', 'notes']);
  const others = (findings ?? []).filter((f) => !shown.has(f.field ?? ''));
  const fieldState = (key: string): { validationState: 'none' | 'error' | 'warning'; validationMessage?: string } => {
    const list = byField(key);
    if (list.length === 0) return { validationState: 'none' };
    const severe = list.some((f) => f.severity === 'error' || f.severity === 'fatal');
    return { validationState: severe ? 'error' : 'warning', validationMessage: list.map((f) => fieldMessage(f, lang)).join(' ') };
  };

  if (loaded && !loaded.place) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t('supportNoLog')}</MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <form
      className={styles.form}
      aria-labelledby="support-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="support-title" className={styles.title}>
        {t('navSupport')}
      </h2>
      {loaded && loaded.people.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>{t('supportNoPeople')}</MessageBarBody>
        </MessageBar>
      )}
      <Field label={t('supportPerson')} required hint={t('supportPersonHint')} {...fieldState('case_id')}>
        <Combobox
          value={query}
          selectedOptions={values.case_id ? [values.case_id] : []}
          placeholder={t('entryChoose')}
          onChange={(event) => {
            setQuery(event.target.value);
            if (values.case_id) set('case_id', '');
          }}
          onOptionSelect={(_, data) => {
            set('case_id', data.optionValue ?? '');
            setQuery(data.optionText ?? '');
          }}
          data-field="case_id"
          // The chevron is no Tab stop (Tab moves on to the date, closing the list) and is named
          // in the pane's language (Fluent's default name is the English "Open").
          expandIcon={{ tabIndex: -1, 'aria-label': t('supportOpenList') }}
        >
          {matches.length === 0 ? (
            <Option key="none" value="" text="" disabled>
              {t('supportNoMatch')}
            </Option>
          ) : (
            matches.map((r) => (
              <Option key={r.case_id as string} value={r.case_id as string} text={personText(r)}>
                {personText(r)}
              </Option>
            ))
          )}
        </Combobox>
      </Field>
      <Field label={t('supportDate')} required hint={t('entryDateHint', { example: exampleDate(services.now()) })} {...fieldState('date')}>
        <Input value={values.date ?? ''} inputMode="numeric" onChange={(_, data) => set('date', data.value)} data-field="date" />
      </Field>
      <Field
        label={t('supportType')}
        required
        hint={eligible ? t('supportTypeFor', { who: lang === 'vi' ? eligible.vi : eligible.en, law: t(profile.law === 'law-2024' ? 'law_2024' : 'law_2011') }) : person ? undefined : t('supportTypeFirst')}
        {...fieldState('type')}
      >
        <Select value={values.type ?? ''} disabled={!person} onChange={(_, data) => set('type', data.value)} data-field="type">
          <option value="">{t('entryChoose')}</option>
          {types.map((c) => (
            <option key={c.key} value={c.vi}>
              {lang === 'vi' ? c.vi : `${c.vi} (${c.en})`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('supportAmount')} {...fieldState('amount')}>
        <Input value={values.amount ?? ''} inputMode="numeric" onChange={(_, data) => set('amount', data.value)} data-field="amount" />
      </Field>
      <Field label={t('supportProvider')} {...fieldState('provider')}>
        <Input value={values.provider ?? ''} onChange={(_, data) => set('provider', data.value)} data-field="provider" />
      </Field>
      <Field label={t('supportNotes')} {...fieldState('notes')}>
        <Input value={values.notes ?? ''} onChange={(_, data) => set('notes', data.value)} data-field="notes" />
      </Field>
      {others.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {t('supportOtherFindings')}
            <ul className={styles.list}>
              {others.map((f, i) => (
                <li key={i}>{findingText(f, lang)}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {findings && findings.length === 0 && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{t('entryNoErrors')}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button onClick={() => checkRow()} disabled={!loaded}>
          {t('entryCheckRow')}
        </Button>
        <Button appearance="primary" type="submit" disabled={!loaded || busy}>
          {t('supportSave')}
        </Button>
      </div>
    </form>
  );
}
