/**
 * One contract, every shell the pane runs on: the Office.js shell over the strict fake Excel at
 * ExcelApi 1.1, 1.7, 1.14 and 1.17, and the browser preview's workbook. Each runs a seed plan's
 * district and today's commune (vn-2025, Phường Nha Trang, Khánh Hoà, whose unit code is all
 * digits). The rules: a new register is the template (codes formatted as Text); what the pane
 * reads is what Office.js delivers; what it writes lands as written (an ID keeps its zeros);
 * a value Excel already made a number is named at its cell; colours come and go without losing
 * the clerk's own; settings stay with the workbook; the file handed over reads back the same;
 * and the number of Excel round trips does not grow with the register.
 */
import '../../src/profiles/officialAll';
import { checkWorkbook } from '../../src/domain/check';
import type { Finding } from '../../src/domain/finding';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport } from '../../src/domain/report';
import { REPORT_LAYOUT, readReportSheet, reportCellWrites } from '../../src/domain/reportSheet';
import { generateSample } from '../../src/domain/sample';
import { SHEET, SHEET_ORDER, cellAddress, findSheet } from '../../src/domain/sheet';
import { HIGHLIGHT_FILL } from '../../src/excel/shell';
import { findUnit, getProfile } from '../../src/profiles';
import { loadProvince } from '../../src/profiles/officialList';
import { readWorkbookBuffer } from '../../src/xlsx/read';
import { ALL_SHELLS, type ShellUnderTest } from './shellHandles';

const PLANS = [
  { plan: 'bac-ninh-2017', unit: 'BN-TS', province: null, year: 2020 },
  { plan: 'vn-2025', unit: '22366', province: '56', year: 2025 },
] as const;
type Plan = (typeof PLANS)[number];

beforeAll(() => loadProvince('56'));

async function sample(h: ShellUnderTest, p: Plan, rows: number, errors = false): Promise<void> {
  const profile = getProfile(p.plan)!;
  const { spec } = generateSample({ rows, seed: 11, profile, unit: findUnit(profile, p.unit)!, year: p.year, quarter: 3, errors });
  await h.shell.createTemplate(spec);
}

const today = (p: Plan) => new Date(Date.UTC(p.year, 10, 2));

/** The report's figures computed from the register, as the Report panel writes them. */
async function reportWrites(h: ShellUnderTest, p: Plan) {
  const workbook = await h.readWorkbook();
  const parsed = parseWorkbook(workbook);
  const profile = getProfile(p.plan)!;
  const report = buildReport(parsed.registry.records, parsed.support.records, profile, p.year, 3);
  return { writes: reportCellWrites(readReportSheet(findSheet(workbook, SHEET.report)), report, profile), report };
}

/** The address of a registry column's cell on the record's row. */
async function registryCell(h: ShellUnderTest, key: 'case_id' | 'id_number' | 'full_name', record = 0): Promise<string> {
  const parsed = parseWorkbook(await h.readWorkbook());
  return cellAddress(parsed.registry.records[record].row0, parsed.registry.columns[key] as number);
}

describe.each(ALL_SHELLS.flatMap(([label, make]) => PLANS.map((p) => [label, p.plan, make, p] as const)))('workbook shell contract: %s, plan %s', (_label, _plan, make, p) => {
  it('creates the template: sheets in order, _meta hidden where Excel can hide it, codes and IDs formatted as Text', async () => {
    const h = make();
    await sample(h, p, 5);
    expect(h.sheetNames().filter((n) => SHEET_ORDER.includes(n))).toEqual(SHEET_ORDER);
    expect(h.visibility(SHEET.meta)).toBe(h.shell.capabilities.formatting ? 'veryHidden' : 'visible');
    const parsed = parseWorkbook(await h.readWorkbook());
    expect(parsed.meta).toMatchObject({ profile: p.plan, unit_code: findUnit(getProfile(p.plan)!, p.unit)!.code, year: p.year, quarter: 3 });
    const { registry, support } = parsed;
    for (const key of ['case_id', 'id_number'] as const) expect(h.numberFormat(SHEET.registry, cellAddress(1500, registry.columns[key] as number))).toBe('@');
    expect(h.numberFormat(SHEET.support, cellAddress(1500, support.columns.case_id as number))).toBe('@');
    expect(h.numberFormat(SHEET.registry, cellAddress(1500, registry.columns.full_name as number))).toBe('General');
    expect(h.numberFormat(SHEET.report, cellAddress(REPORT_LAYOUT.headerRows0.unit_code, REPORT_LAYOUT.valueCol0))).toBe('@');
    expect(h.numberFormat(SHEET.report, cellAddress(parsed.report.rows['4.1'], REPORT_LAYOUT.columns.code))).toBe('@');
    expect(h.numberFormat(SHEET.meta, 'B4')).toBe('@');
    expect(h.failedSyncs()).toEqual([]);
  });

  it('reads what Office.js delivers: dates as serial numbers, numbers as numbers, text as text, no trailing blank rows', async () => {
    const h = make();
    await sample(h, p, 8);
    const workbook = await h.readWorkbook();
    const parsed = parseWorkbook(workbook);
    const first = parsed.registry.records[0];
    const registry = workbook.sheets.find((s) => s.name === SHEET.registry)!;
    expect(typeof registry.rows[first.row0][parsed.registry.columns.received_date as number]).toBe('number');
    expect(typeof registry.rows[first.row0][parsed.registry.columns.case_id as number]).toBe('string');
    expect(registry.rows).toHaveLength(parsed.registry.records.at(-1)!.row0 + 1);
    expect(parsed.registry.records).toHaveLength(8);
  });

  it('writes text as text (an ID keeps its zeros, formula-like text stays text), dates as serials, blank as empty', async () => {
    const h = make();
    await sample(h, p, 3);
    const parsed = parseWorkbook(await h.readWorkbook());
    const row0 = parsed.registry.records[2].row0;
    const c = parsed.registry.columns;
    await h.shell.writeCells(SHEET.registry, [
      { row0, col0: c.id_number as number, value: '001182579803' },
      { row0, col0: c.notes as number, value: '=HYPERLINK("http://x")' },
      { row0, col0: c.received_date as number, value: new Date(Date.UTC(p.year, 7, 10)) },
      { row0, col0: c.address as number, value: null },
    ]);
    expect(h.value(SHEET.registry, cellAddress(row0, c.id_number as number))).toBe('001182579803');
    expect(h.value(SHEET.registry, cellAddress(row0, c.notes as number))).toBe('=HYPERLINK("http://x")');
    expect(h.numberFormat(SHEET.registry, cellAddress(row0, c.notes as number))).toBe('@');
    expect(typeof h.value(SHEET.registry, cellAddress(row0, c.received_date as number))).toBe('number');
    expect(h.value(SHEET.registry, cellAddress(row0, c.address as number))).toBeNull();
    const record = parseWorkbook(await h.readWorkbook()).registry.records[2];
    expect(record.id_number).toBe('001182579803');
    expect(record.received_date?.getTime()).toBe(Date.UTC(p.year, 7, 10));
    expect(h.failedSyncs()).toEqual([]);
  });

  it('fills the report from the register: figures land as numbers, row codes stay text, and the check finds the report and the register agree (RPT-01…05)', async () => {
    const h = make();
    await sample(h, p, 30);
    const values = readReportSheet(findSheet(await h.readWorkbook(), SHEET.report));
    const total = values.columns.total as number;
    // A fresh quarter: every figure blank.
    for (const row0 of Object.values(values.rows)) for (let c = total; c <= total + 7; c++) h.put(SHEET.report, cellAddress(row0 as number, c), null);
    const rpt = (findings: Finding[]) => findings.filter((f) => /^RPT-0[1-5]$/.test(f.rule));
    expect(rpt(checkWorkbook(await h.readWorkbook(), { today: today(p) }).findings).length).toBeGreaterThan(0);
    const { writes, report } = await reportWrites(h, p);
    await h.shell.writeCells(SHEET.report, writes);
    expect(h.value(SHEET.report, cellAddress(values.rows['1'], total))).toBe(report.counts['1'].total);
    expect(typeof h.value(SHEET.report, cellAddress(values.rows['1'], total))).toBe('number');
    const code41 = cellAddress(values.rows['4.1'], REPORT_LAYOUT.columns.code);
    expect([h.value(SHEET.report, code41), h.numberFormat(SHEET.report, code41)]).toEqual(['4.1', '@']);
    expect(rpt(checkWorkbook(await h.readWorkbook(), { today: today(p) }).findings)).toEqual([]);
    expect(h.failedSyncs()).toEqual([]);
  });

  it('names at its cell an ID and a case ID Excel already turned into numbers (REG-09, REG-11), in the pane and in the file it hands over', async () => {
    const h = make();
    await sample(h, p, 4);
    const id = await registryCell(h, 'id_number', 1);
    const caseCell = await registryCell(h, 'case_id', 3);
    h.put(SHEET.registry, id, 1182579803);
    h.put(SHEET.registry, caseCell, 42);
    const check = (findings: Finding[]) => findings.filter((f) => (f.rule === 'REG-09' || f.rule === 'REG-11') && f.sheet === SHEET.registry);
    const inPane = check(checkWorkbook(await h.readWorkbook(), { today: today(p) }).findings);
    expect(inPane.map((f) => [f.rule, f.cell])).toEqual(expect.arrayContaining([['REG-09', id], ['REG-11', caseCell]]));
    expect(inPane.find((f) => f.cell === id)?.message_vi).toContain('001182579803');
    expect(inPane.find((f) => f.cell === caseCell)?.message_en).toContain('Excel turned the case ID into the number 42');
    const uninstall = h.excel?.install();
    try {
      const file = await readWorkbookBuffer(Buffer.from(await h.shell.getCompressedFile()));
      const inFile = check(checkWorkbook(file, { today: today(p) }).findings);
      expect(inFile.map((f) => [f.rule, f.cell, f.message_vi])).toEqual(inPane.map((f) => [f.rule, f.cell, f.message_vi]));
    } finally {
      uninstall?.();
    }
  });

  it('hands over a file that reads back to the same findings, and closes it', async () => {
    const h = make();
    await sample(h, p, 25, true);
    const before = checkWorkbook(await h.readWorkbook(), { today: today(p) }).findings;
    const uninstall = h.excel?.install();
    try {
      const model = await readWorkbookBuffer(Buffer.from(await h.shell.getCompressedFile()));
      const key = (f: Finding) => `${f.rule} ${f.sheet} ${f.cell}`;
      expect(checkWorkbook(model, { today: today(p) }).findings.map(key).sort()).toEqual(before.map(key).sort());
      expect(h.excel?.filesOpen ?? 0).toBe(0);
    } finally {
      uninstall?.();
    }
  });

  it('colours findings by severity, then gives every cell its own fill back', async () => {
    const h = make();
    await sample(h, p, 6);
    const name = await registryCell(h, 'full_name', 0);
    const other = await registryCell(h, 'full_name', 1);
    h.paint(SHEET.registry, name, '#00B050');
    const finding = (cell: string, severity: Finding['severity']): Finding => ({ rule: 'REG-01', severity, sheet: SHEET.registry, cell, row: null, column: null, field: null, value: null, message_vi: '', message_en: '' });
    expect(await h.shell.highlight([finding(name, 'warning'), finding(name, 'error'), finding(other, 'warning')])).toBe(2);
    expect(h.fill(SHEET.registry, name)).toBe(HIGHLIGHT_FILL.error);
    expect(h.fill(SHEET.registry, other)).toBe(HIGHLIGHT_FILL.warning);
    await h.shell.clearHighlights();
    expect(h.fill(SHEET.registry, name)).toBe('#00B050');
    expect(h.fill(SHEET.registry, other)).toBeNull();
    expect(h.failedSyncs()).toEqual([]);
  });

  it('selects a finding’s cell on its sheet, and keeps the pane’s settings with the workbook', async () => {
    const h = make();
    await sample(h, p, 2);
    await h.shell.selectCell(SHEET.support, 'B2');
    expect(h.selection()).toEqual({ sheet: SHEET.support, address: 'B2' });
    await h.shell.saveSettings({ profile: p.plan, unit: p.unit, language: 'en', inboxUrl: 'https://inbox.example' });
    h.excel?.settings.reopen();
    expect(await h.shell.readSettings()).toEqual({ profile: p.plan, unit: p.unit, language: 'en', inboxUrl: 'https://inbox.example' });
  });

  it('makes as many Excel round trips for a register of 20 rows as for one of 2,000 (create, read, write a case, colour, clear, fill the report)', async () => {
    const trips: number[][] = [];
    for (const rows of [20, 2_000]) {
      const h = make();
      const counts: number[] = [];
      const step = async (work: () => Promise<unknown>) => {
        const before = h.syncs();
        await work();
        counts.push(h.syncs() - before);
      };
      await step(() => sample(h, p, rows, true));
      const parsed = parseWorkbook(await h.readWorkbook());
      await step(() => h.readWorkbook());
      const last = parsed.registry.records.at(-1)!;
      await step(() => h.shell.writeCells(SHEET.registry, [{ row0: last.row0 + 1, col0: parsed.registry.columns.id_number as number, value: '001182579803' }]));
      const findings = checkWorkbook(await h.readWorkbook(), { today: today(p) }).findings.filter((f) => f.cell);
      expect(findings.length).toBeGreaterThan(10);
      await step(() => h.shell.highlight(findings.slice(0, 50)));
      await step(() => h.shell.clearHighlights());
      const { writes } = await reportWrites(h, p);
      await step(() => h.shell.writeCells(SHEET.report, writes));
      expect(h.failedSyncs()).toEqual([]);
      trips.push(counts);
    }
    expect(trips[1]).toEqual(trips[0]);
  }, 120_000);
});
