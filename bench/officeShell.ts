/**
 * The Office.js shell's requests (`npx tsx bench/officeShell.ts`): for registers of 500, 2,000 and
 * 10,000 people (Bắc Ninh sample with errors, support log included), what one pane operation
 * costs in Excel round trips and payload, measured by the strict fake Excel (test/excel/fakeExcel.ts),
 * which serialises each request as Office.js's RichApi message and refuses one over Excel on the
 * web's 5 MB: syncs, actions, the largest request and response, refused syncs, and the shell's
 * own JavaScript time over the fake (Excel's time is not in it). Writes its section of
 * bench/README.md.
 */
import '../src/profiles/officialAll';
import os from 'os';
import { checkWorkbook } from '../src/domain/check';
import { parseWorkbook } from '../src/domain/parse';
import { buildReport } from '../src/domain/report';
import { readReportSheet, reportCellWrites } from '../src/domain/reportSheet';
import { generateSample } from '../src/domain/sample';
import { SHEET, cellAddress, findSheet } from '../src/domain/sheet';
import { OfficeWorkbookShell } from '../src/excel/office';
import { findUnit, getProfile } from '../src/profiles';
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from '../test/excel/fakeExcel';
import { writeBenchSection } from './readme';

const SIZES = (process.env.OFFICE_BENCH_ROWS ?? '500,2000,10000').split(',').map(Number);

interface Step {
  rows: number;
  step: string;
  syncs: number;
  actions: number;
  request: number;
  response: number;
  refused: number;
  ms: number;
}

const mb = (bytes: number): string => (bytes / 1_000_000).toFixed(2);

async function main(): Promise<void> {
  const profile = getProfile('bac-ninh-2017')!;
  const unit = findUnit(profile, 'BN-TS')!;
  const steps: Step[] = [];
  for (const rows of SIZES) {
    const { spec } = generateSample({ rows, seed: 3, profile, unit, year: 2020, quarter: 3, errors: true });
    const excel = FakeExcel.blank();
    const shell = new OfficeWorkbookShell(excel.host());
    const measure = async (step: string, work: () => Promise<unknown>): Promise<void> => {
      const from = excel.syncs.length;
      const started = process.hrtime.bigint();
      await work();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const syncs = excel.syncs.slice(from);
      steps.push({
        rows,
        step,
        syncs: syncs.length,
        actions: syncs.reduce((n, s) => n + s.actions, 0),
        request: Math.max(0, ...syncs.map((s) => s.requestBytes)),
        response: Math.max(0, ...syncs.map((s) => s.responseBytes)),
        refused: syncs.filter((s) => s.error).length,
        ms,
      });
    };
    await measure('create the register (template + data)', () => shell.createTemplate(spec));
    let workbook = await shell.readWorkbook();
    await measure('read the workbook', async () => (workbook = await shell.readWorkbook()));
    const findings = checkWorkbook(workbook, { today: new Date(Date.UTC(2020, 10, 2)) }).findings.filter((f) => f.cell);
    await measure(`colour ${findings.length.toLocaleString('en-US')} findings`, () => shell.highlight(findings));
    await measure('clear the colours', () => shell.clearHighlights());
    const parsed = parseWorkbook(workbook);
    // Every person's name cell coloured (a sheet-wide finding): the fill reads' chunking at work.
    const nameCol = parsed.registry.columns.full_name as number;
    const every = parsed.registry.records.map((r) => ({ ...findings[0], cell: cellAddress(r.row0, nameCol), sheet: SHEET.registry }));
    await measure(`colour every name cell (${every.length.toLocaleString('en-US')})`, () => shell.highlight(every));
    await measure('clear those colours', () => shell.clearHighlights());
    const report = buildReport(parsed.registry.records, parsed.support.records, profile, 2020, 3);
    const writes = reportCellWrites(readReportSheet(findSheet(workbook, SHEET.report)), report, profile);
    await measure(`fill the report (${writes.length} cells)`, () => shell.writeCells(SHEET.report, writes));
    for (const s of steps.filter((x) => x.rows === rows)) console.log(`${rows} rows, ${s.step}: ${s.syncs} syncs, ${s.actions} actions, request ≤ ${mb(s.request)} MB, response ≤ ${mb(s.response)} MB, refused ${s.refused}, ${s.ms.toFixed(0)} ms`);
  }
  const load = os.loadavg()[0].toFixed(1);
  const now = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    '<!-- bench:officeShell -->',
    '## Office.js shell: round trips and payloads (bench/officeShell.ts)',
    '',
    `Measured ${now} UTC on the project box: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, shared with other jobs (load avg ${load}); Node ${process.version}.`,
    `The shell over the strict fake Excel (test/excel/fakeExcel.ts), which measures each request and response as Office.js's RichApi JSON message and refuses one over ${mb(PAYLOAD_LIMIT_BYTES)} MB as Excel on the web does. Synthetic Bắc Ninh registers with errors, support log included. "ms" is the shell's own JavaScript over the fake, not Excel's time: on Excel on the web each sync adds a network round trip.`,
    '',
    '| people | operation | syncs | actions | largest request | largest response | refused | ms |',
    '|---:|---|---:|---:|---:|---:|---:|---:|',
    ...steps.map((s) => `| ${s.rows.toLocaleString('en-US')} | ${s.step} | ${s.syncs} | ${s.actions.toLocaleString('en-US')} | ${mb(s.request)} MB | ${mb(s.response)} MB | ${s.refused} | ${s.ms.toFixed(0)} |`),
    '',
    'Target: no request or response refused at any size; the syncs of an operation do not grow with the register until its payload needs another request (reads: 200,000 cells, about 3.4 MB; fills: 8,000 cells; writes: 4.5 MB of values).',
    '<!-- /bench:officeShell -->',
  ];
  writeBenchSection('officeShell', lines.join('\n'));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
