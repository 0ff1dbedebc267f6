/**
 * The Excel versions offices really have: perpetual Office 2016 answers ExcelApi 1.1, 2019
 * 1.7, LTSC 2021 1.14, LTSC 2024 1.17. Every Office.js member the shell (`src/excel/`) uses is
 * looked up in @types/office-js (`[Api set: ExcelApi x.y]`); one above 1.1 must sit under a
 * capability check (`can.X` / `capabilities.X`) whose own requirement covers it. Then the shell
 * runs a clerk's work (template, a case, a support row, check, colouring, report) against the
 * counting fake Excel at each of the four levels, in a constant number of syncs.
 */
import '../../src/profiles/officialAll';
import path from 'path';
import ts from 'typescript';
import { checkWorkbook } from '../../src/domain/check';
import { parseWorkbook } from '../../src/domain/parse';
import { buildReport } from '../../src/domain/report';
import { readReportSheet, reportCellWrites } from '../../src/domain/reportSheet';
import { SHEET, findSheet } from '../../src/domain/sheet';
import { buildTemplate } from '../../src/domain/template';
import { OfficeWorkbookShell, detectCapabilities } from '../../src/excel/office';
import type { ShellCapabilities } from '../../src/excel/shell';
import { findUnit, getProfile } from '../../src/profiles';
import { checkSupportRow, supportFormToCells, supportPlace, supportWrites } from '../../src/taskpane/lib/supportRow';
import { formToCells } from '../../src/taskpane/lib/entryRow';
import { loadProvince } from '../../src/profiles/officialList';
import { FakeExcel } from './fakeExcel';

const ROOT = path.resolve(__dirname, '../..');
const EXCEL_DIR = path.join(ROOT, 'src/excel');
const OFFICE_DTS = path.join('@types', 'office-js', 'index.d.ts');
const OFFICE_LEVELS = { 'Office 2016': '1.1', 'Office 2019': '1.7', 'Office LTSC 2021': '1.14', 'Office LTSC 2024': '1.17' } as const;

const num = (v: string): number => {
  const [a, b] = v.split('.').map(Number);
  return a * 1000 + b;
};

interface Use {
  member: string;
  where: string;
  version: string;
  guard: string | null;
}

/** The ExcelApi version detectCapabilities asks for each capability ('' for a non-Excel check). */
function capabilityVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  const keys = Object.keys(detectCapabilities({ isSetSupported: () => true })) as (keyof ShellCapabilities)[];
  for (const key of keys) {
    // With only `version` supported, the capability that asked for it is the one that turns on.
    out[key] = '';
    for (const version of ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10']) {
      const on = detectCapabilities({ isSetSupported: (_name, v) => v === version });
      if (on[key]) out[key] = version;
    }
  }
  return out;
}

function officeUses(): Use[] {
  const files = ts.sys.readDirectory(EXCEL_DIR, ['.ts']);
  const program = ts.createProgram(files, { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, types: ['office-js', 'node'], skipLibCheck: true });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(EXCEL_DIR)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const symbol = checker.getSymbolAtLocation(node.name);
        for (const decl of symbol?.declarations ?? []) {
          const source = decl.getSourceFile();
          if (!source.fileName.endsWith(OFFICE_DTS)) continue;
          const comments = ts.getLeadingCommentRanges(source.text, decl.getFullStart()) ?? [];
          const doc = comments.map((c) => source.text.slice(c.pos, c.end)).join('\n');
          const m = /\[Api set: ExcelApi ([\d.]+)(?: for reading [^;]*; ([\d.]+) for setting it)?/.exec(doc);
          if (!m) continue;
          const isWrite = ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
          const version = isWrite && m[2] ? m[2] : m[1];
          const { line } = file.getLineAndCharacterOfPosition(node.getStart());
          uses.push({ member: node.name.text, where: `${path.basename(file.fileName)}:${line + 1}`, version, guard: guardOf(node) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return uses;
}

/** The capability named by an enclosing `if (can.X …)` / `cond && …` / `cond ? … :`. */
function guardOf(node: ts.Node): string | null {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    let condition: ts.Expression | null = null;
    if (ts.isIfStatement(parent) && parent.thenStatement === child) condition = parent.expression;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child) condition = parent.condition;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child) condition = parent.left;
    const m = condition && /\b(?:can|capabilities)\.(\w+)/.exec(condition.getText());
    if (m) return m[1];
  }
  return null;
}

describe('Office.js requirement sets', () => {
  const caps = capabilityVersions();
  const uses = officeUses();

  it('finds the shell’s Office.js members and their requirement sets', () => {
    expect(caps).toEqual({ dropdowns: '1.8', freezePanes: '1.7', formatting: '1.2', printLayout: '1.9', fileAccess: '' });
    expect(uses.length).toBeGreaterThan(20);
    const newer = new Set(uses.filter((u) => num(u.version) > num('1.1')).map((u) => `${u.member} ${u.version}`));
    expect(newer).toEqual(
      new Set([
        'rule 1.8', 'dataValidation 1.8', 'columnWidth 1.2', 'visibility 1.2', 'freezeRows 1.7', 'freezePanes 1.7', 'merge 1.2', 'rowHeight 1.2',
        'pageLayout 1.9', 'paperSize 1.9', 'orientation 1.9', 'zoom 1.9', 'centerHorizontally 1.9', 'setPrintTitleRows 1.9', 'headersFooters 1.9',
        'defaultForAllPages 1.9', 'centerFooter 1.9', 'leftMargin 1.9', 'rightMargin 1.9', 'topMargin 1.9', 'bottomMargin 1.9', 'headerMargin 1.9',
        'footerMargin 1.9',
      ]),
    );
    // Members known to be newer than 1.1 are recognised as such.
    expect(uses.find((u) => u.member === 'freezeRows')?.version).toBe('1.7');
    expect(uses.find((u) => u.member === 'dataValidation')?.version).toBe('1.8');
  });

  it('uses nothing above ExcelApi 1.1 without a capability check that covers it', () => {
    const unguarded = uses
      .filter((u) => num(u.version) > num('1.1'))
      .filter((u) => !u.guard || !caps[u.guard] || num(caps[u.guard]) < num(u.version))
      .map((u) => `${u.where} ${u.member} needs ExcelApi ${u.version}${u.guard ? ` (guard ${u.guard} = ${caps[u.guard] || 'none'})` : ''}`);
    expect(unguarded).toEqual([]);
  });
});

/** The plans a clerk's quarter runs on: a seed plan's district, and today's commune (vn-2025:
 *  Phường Nha Trang, Khánh Hoà, whose official code has no letter, so Excel would make it a
 *  number if the shell let it). */
const PLANS = [
  { plan: 'bac-ninh-2017', unit: 'BN-TS', province: null, year: 2020, commune: 'Phường Đông Ngàn' },
  { plan: 'vn-2025', unit: '22366', province: '56', year: 2025, commune: 'Phường Nha Trang' },
] as const;

describe.each(Object.entries(OFFICE_LEVELS).flatMap(([office, level]) => PLANS.map((p) => [office, level, p.plan, p] as const)))(
  'a clerk’s quarter on %s (ExcelApi %s), plan %s',
  (_office, level, _plan, p) => {
    it('creates the register, enters a case and a support row, checks, colours and fills the report in a constant number of syncs, with no request Excel refuses', async () => {
      if (p.province) await loadProvince(p.province);
      const profile = getProfile(p.plan)!;
      const unit = findUnit(profile, p.unit)!;
      const excel = new FakeExcel({ api: level });
      const shell = new OfficeWorkbookShell(excel.host());
      const today = new Date(Date.UTC(p.year, 10, 2));
      const d = (dm: string): string => `${dm}/${p.year}`;
      expect(shell.capabilities.dropdowns).toBe(num(level) >= num('1.8'));
      expect(shell.capabilities.freezePanes).toBe(num(level) >= num('1.7'));

      const created = await shell.createTemplate(buildTemplate(profile, unit, p.year, 3, today.toISOString()));
      expect(created.skipped.includes('dropdowns')).toBe(num(level) < num('1.8'));
      expect(created.skipped.includes('printLayout')).toBe(num(level) < num('1.9'));

      // A case, as the entry form writes it, with a citizen ID that starts with its province code.
      let parsed = parseWorkbook(await shell.readWorkbook());
      expect(parsed.meta?.unit_code).toBe(unit.code);
      const caseId = `${unit.code}-${p.year}-0001`;
      const cells = formToCells({
        full_name: 'Lò Thị Mai', sex: 'Nữ', birth_date: '2005', nationality: 'Việt Nam', commune: p.commune, id_number: '001182579803',
        received_date: d('10/08'), receipt_channel: 'Trao trả chính thức', destination: 'Trung Quốc', purpose: 'Kết hôn/làm vợ trái pháp luật',
        verification_status: 'Đã xác định là nạn nhân', verification_date: d('15/08'), verifying_agency: 'Bộ đội Biên phòng',
        protection: 'Có nhu cầu - đã bảo vệ', child_referral: 'Có', child_referral_date: d('20/08'), consent_share: 'Có', support_needs: 'Y tế',
        case_id: caseId,
      });
      const row0 = (parsed.registry.headerRow0 ?? 0) + 1;
      await shell.writeCells(SHEET.registry, Object.entries(parsed.registry.columns).map(([key, col0]) => ({ row0, col0: col0 as number, value: cells[key as keyof typeof cells] ?? null })));

      // A support row, as the support form writes it: one read, one write.
      const before = excel.syncs.length;
      const workbook = await shell.readWorkbook();
      parsed = parseWorkbook(workbook);
      expect(parsed.registry.records[0]).toMatchObject({ case_id: caseId, id_number: '001182579803' });
      const place = supportPlace(parsed)!;
      const support = supportFormToCells({ case_id: caseId, type: 'Y tế', date: d('25/08'), amount: '500.000', provider: 'Trạm y tế' });
      expect(checkSupportRow(workbook, place, support, today)).toEqual([]);
      await shell.writeCells(SHEET.support, supportWrites(place, support));
      expect(excel.syncs.length - before).toBeLessThanOrEqual(4);

      // Check, colour, fill the report, check again: the report findings are gone.
      const first = checkWorkbook(await shell.readWorkbook(), { today }).findings;
      expect(first.some((f) => f.sheet === SHEET.report)).toBe(true);
      expect(first.filter((f) => f.rule === 'REG-09' || f.rule === 'REG-11' || f.rule.startsWith('FMT-0'))).toEqual([]);
      await shell.highlight(first);
      parsed = parseWorkbook(await shell.readWorkbook());
      expect(parsed.support.records).toHaveLength(1);
      const report = buildReport(parsed.registry.records, parsed.support.records, profile, p.year, 3);
      const values = readReportSheet(findSheet(await shell.readWorkbook(), SHEET.report));
      await shell.writeCells(SHEET.report, reportCellWrites(values, report, profile));
      await shell.clearHighlights();
      const after = checkWorkbook(await shell.readWorkbook(), { today }).findings;
      expect(after.filter((f) => f.severity === 'error' || f.severity === 'fatal')).toEqual([]);
      expect(excel.failedSyncs).toEqual([]);
    });
  },
);
