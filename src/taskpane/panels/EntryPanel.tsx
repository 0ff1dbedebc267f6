/**
 * Entry: one form for every registry column, grouped as the plan reads (person, receipt,
 * verification, child protection, support); dropdowns from the code lists; the case ID is
 * generated; inline messages come from the same row rules as Check (`checkRegistryRow`).
 * Writes one row at the columns the sheet really has (reordered columns still work).
 *
 * The form is long (≈ 2,300 px at 320 px wide), so its actions sit in a bar that stays at the
 * bottom of the pane, and a check moves the focus to the first field in error, scrolled into
 * view. The browser's own validation is off (`noValidate`): its bubbles speak the browser's
 * language ("Please fill out this field."), the pane's messages speak the clerk's.
 */
import '../../profiles/officialAll';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Field, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { checkRegistryRow } from '../../domain/check';
import { CODE_LISTS, matchCode } from '../../domain/codes';
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
const FORM_COLUMNS = GROUPS.flatMap((group) => REGISTRY_COLUMNS.filter((c) => c.group === group && c.key !== 'case_id'));

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
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  // Stays in view at the bottom of the pane while the clerk scrolls the long form.
  bar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
    marginRight: `calc(-1 * ${tokens.spacingHorizontalM})`,
    marginBottom: `calc(-1 * ${tokens.spacingHorizontalM})`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', columnGap: tokens.spacingHorizontalS },
});

interface Loaded {
  records: RegistryRecord[];
  columns: TableLayout<RegistryKey>['columns'];
  nextRow0: number;
}

const emptyForm = (): FormValues => ({ nationality: 'Việt Nam' });
const NO_FINDINGS: Finding[] = [];
const isError = (f: Finding): boolean => f.severity === 'error' || f.severity === 'fatal';

/** The code key of a typed code value (`Người nước ngoài bị mua bán…` -> `foreign_victim`). */
function codeKey(list: keyof typeof CODE_LISTS, value: string | undefined): string | null {
  if (!value) return null;
  const m = matchCode(CODE_LISTS[list], value);
  return m.ok ? m.code.key : null;
}

export default function EntryPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, meta, profile, unit, refresh, services } = usePane();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  /** Set by a check: after the render that shows the messages, focus the field. */
  const [focusField, setFocusField] = useState<{ key: RegistryKey | 'top' } | null>(null);

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

  useEffect(() => {
    if (!focusField || !formRef.current) return;
    const form = formRef.current;
    const target =
      focusField.key === 'top'
        ? form.querySelector<HTMLElement>('[data-field="full_name"]')
        : form.querySelector<HTMLElement>(`[data-field="${focusField.key}"]`);
    // A group of checkboxes (the needs) is focused on its first box.
    const focusable = target && !target.matches('input, select, textarea') ? target.querySelector<HTMLElement>('input, select') : target;
    (focusable ?? target)?.focus({ preventScroll: true });
    (target ?? focusable)?.scrollIntoView?.({ block: 'center' });
    if (focusField.key === 'top') form.scrollIntoView?.({ block: 'start' });
    setFocusField(null);
  }, [focusField]);

  const onFieldChange = useCallback((key: RegistryKey, value: string) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    // A message under this field was about the value before: it goes as soon as the clerk edits
    // the field (the next check says what still holds), and the count in the bar follows. With
    // none left the row counts as unchecked, never as "no errors".
    setFindings((prev) => {
      if (!prev) return prev;
      const rest = prev.filter((f) => f.field !== key);
      if (rest.length === prev.length) return prev;
      return rest.length > 0 ? rest : null;
    });
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

  /** Checks the row, shows each finding under its field and moves to the first field in error
   *  (or with a warning when there is no error). */
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
    const errors = result.findings.filter(isError);
    const warnings = result.findings.filter((f) => !isError(f));
    const first = FORM_COLUMNS.find((c) => (errors.length > 0 ? errors : warnings).some((f) => f.field === c.key));
    if (first) setFocusField({ key: first.key });
    // The bar's count comes from the findings themselves (below); an older notice goes.
    setNotice(null);
    return result.findings;
  };

  const save = async (force: boolean): Promise<void> => {
    if (!loaded) return;
    const found = checkRow();
    if (found.some(isError) && !force) return;
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
      // The next case starts at the top of the form.
      setFocusField({ key: 'top' });
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
  const errorCount = (findings ?? []).filter(isError).length;
  const warningCount = (findings ?? []).length - errorCount;
  const hasErrors = errorCount > 0;
  const channel = codeKey('receipt_channel', values.receipt_channel);
  const nationality = codeKey('nationality', values.nationality);
  const foreign = channel === 'foreign_victim' || (nationality !== null && nationality !== 'VN');

  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-label={t('navEntry')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
    >
      <div className={styles.head}>
        <Field label={t('entryCaseId')}>
          <output aria-live="polite" data-testid="case-id">
            {caseId}
          </output>
        </Field>
        <Button
          size="small"
          appearance="subtle"
          onClick={() => {
            setValues(emptyForm());
            setFindings(null);
            setNotice(null);
            setFocusField({ key: 'top' });
          }}
        >
          {t('entryClear')}
        </Button>
      </div>
      {GROUPS.map((group) => (
        <fieldset key={group} className={styles.fieldset}>
          <legend className={styles.legend}>{t(`entryGroup_${group}` as MessageKey)}</legend>
          {FORM_COLUMNS.filter((c) => c.group === group).map((column) => (
            <EntryField
              key={column.key}
              column={column}
              value={values[column.key] ?? ''}
              onChange={onFieldChange}
              findings={byField.get(column.key) ?? NO_FINDINGS}
              profile={profile}
              unit={unit}
              foreign={column.kind === 'commune' && foreign}
              channel={column.kind === 'multi' ? channel : null}
            />
          ))}
        </fieldset>
      ))}
      <div className={styles.bar} data-testid="entry-actions">
        {findings && findings.length === 0 && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{t('entryNoErrors')}</MessageBarBody>
          </MessageBar>
        )}
        {findings && findings.length > 0 && (
          <MessageBar intent="warning" role="status" layout="multiline" data-testid="entry-count">
            <MessageBarBody>{errorCount > 0 ? t('entryHasErrors', { count: errorCount }) : t('entryHasWarnings', { count: warningCount })}</MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'} layout="multiline">
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
        </div>
      </div>
    </form>
  );
}
