/**
 * Entry: one form for every registry column, grouped as the plan reads (person, receipt,
 * verification, child protection, support); dropdowns from the code lists; the case ID is
 * generated; inline messages come from the same row rules as Check (`checkRegistryRow`).
 * Writes one row at the columns the sheet really has (reordered columns still work).
 */
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { checkRegistryRow } from '../../domain/check';
import type { Finding } from '../../domain/finding';
import { parseWorkbook } from '../../domain/parse';
import { REGISTRY_COLUMNS, type ColumnSpec, type RegistryKey } from '../../domain/schema/registry';
import { SHEET, type CellValue } from '../../domain/sheet';
import { newCaseId } from '../../domain/template';
import { todayUtc } from '../../domain/dates';
import type { RegistryRecord, TableLayout } from '../../domain/model';
import type { CellWrite } from '../../excel/shell';
import { errorText } from '../components/errorText';
import { EntryField, type FormValues } from '../components/EntryField';
import { formToCells } from '../lib/entryRow';
import type { MessageKey } from '../i18n';
import { usePane } from '../state';

const GROUPS: ColumnSpec<RegistryKey>['group'][] = ['person', 'receipt', 'verification', 'child', 'support'];

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

interface Loaded {
  records: RegistryRecord[];
  columns: TableLayout<RegistryKey>['columns'];
  nextRow0: number;
}

const emptyForm = (): FormValues => ({ nationality: 'Việt Nam' });
const NO_FINDINGS: Finding[] = [];

export default function EntryPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, unit, refresh, services } = usePane();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (): Promise<void> => {
    const workbook = await refresh();
    const parsed = parseWorkbook(workbook);
    const header = parsed.registry.headerRow0 ?? 0;
    const last = parsed.registry.records.reduce((max, r) => Math.max(max, r.row0), header);
    setLoaded({ records: parsed.registry.records, columns: parsed.registry.columns, nextRow0: last + 1 });
  };

  useEffect(() => {
    load().catch((error) => setNotice({ intent: 'error', text: errorText(error, t, lang) }));
    // Load once per open of the panel; `load` changes identity every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onFieldChange = useCallback((key: RegistryKey, value: string) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    // "Đã ghi hồ sơ …" is about the case before; it must not sit under the next one.
    setNotice((prev) => (prev?.intent === 'success' ? null : prev));
  }, []);

  const caseId = useMemo(
    () => (meta && loaded ? newCaseId(meta.unit_code, meta.year, loaded.records.map((r) => r.case_id)) : ''),
    [meta, loaded],
  );

  if (!meta || !profile || !unit) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('entryNeedsTemplate')}</MessageBarBody>
      </MessageBar>
    );
  }

  const cells = (): Partial<Record<RegistryKey, CellValue>> => formToCells({ ...values, case_id: caseId });

  const checkRow = (): Finding[] => {
    if (!loaded) return [];
    const result = checkRegistryRow(cells(), {
      profile,
      unit,
      meta,
      today: todayUtc(services.now()),
      row0: loaded.nextRow0,
      columns: loaded.columns,
      others: loaded.records,
    });
    setFindings(result.findings);
    setNotice((prev) => (prev?.intent === 'success' ? null : prev));
    return result.findings;
  };

  const save = async (force: boolean): Promise<void> => {
    if (!loaded) return;
    const found = checkRow();
    const errors = found.filter((f) => f.severity === 'error' || f.severity === 'fatal');
    if (errors.length > 0 && !force) {
      setNotice({ intent: 'warning', text: t('entryHasErrors', { count: errors.length }) });
      return;
    }
    setBusy(true);
    try {
      const row = cells();
      const writes: CellWrite[] = [];
      for (const [key, col0] of Object.entries(loaded.columns) as [RegistryKey, number][]) {
        writes.push({ row0: loaded.nextRow0, col0, value: row[key] ?? null });
      }
      await shell.writeCells(SHEET.registry, writes);
      setNotice({ intent: 'success', text: t('entrySaved', { id: caseId, row: loaded.nextRow0 + 1 }) });
      setValues(emptyForm());
      setFindings(null);
      await load();
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    } finally {
      setBusy(false);
    }
  };

  const byField = new Map<string, Finding[]>();
  for (const f of findings ?? []) {
    const key = f.field ?? '';
    byField.set(key, [...(byField.get(key) ?? []), f]);
  }
  const hasErrors = (findings ?? []).some((f) => f.severity === 'error' || f.severity === 'fatal');

  return (
    <form
      className={styles.form}
      aria-label={t('navEntry')}
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
    >
      <Field label={t('entryCaseId')}>
        <output aria-live="polite" data-testid="case-id">
          {caseId}
        </output>
      </Field>
      {GROUPS.map((group) => (
        <fieldset key={group} className={styles.fieldset}>
          <legend className={styles.legend}>{t(`entryGroup_${group}` as MessageKey)}</legend>
          {REGISTRY_COLUMNS.filter((c) => c.group === group && c.key !== 'case_id').map((column) => (
            <EntryField
              key={column.key}
              column={column}
              value={values[column.key] ?? ''}
              onChange={onFieldChange}
              findings={byField.get(column.key) ?? NO_FINDINGS}
              profile={profile}
              unit={unit}
            />
          ))}
        </fieldset>
      ))}
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
          {t('entrySave')}
        </Button>
        {hasErrors && (
          <Button onClick={() => void save(true)} disabled={busy}>
            {t('entrySaveAnyway')}
          </Button>
        )}
        <Button
          appearance="subtle"
          onClick={() => {
            setValues(emptyForm());
            setFindings(null);
            setNotice(null);
          }}
        >
          {t('entryClear')}
        </Button>
      </div>
    </form>
  );
}
