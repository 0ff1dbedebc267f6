import type { Finding } from '../../src/domain/finding';
import { BIRTH_FORMAT } from '../../src/domain/dates';
import { SHEET } from '../../src/domain/sheet';
import { REGISTRY_COLUMNS } from '../../src/domain/schema/registry';
import { OfficeWorkbookShell } from '../../src/excel/office';
import { buildTemplate } from '../../src/domain/template';
import { findUnit, getProfile } from '../../src/profiles';
import { HIGHLIGHT_FILL, HIGHLIGHT_STORE_KEY, type CellWrite, type TemplateSpec } from '../../src/excel/shell';
import { FakeExcel, FakeSettings } from './fakeExcel';

const FIVE_MB = 5 * 1024 * 1024;
const HEADERS = REGISTRY_COLUMNS.map((c) => c.header_vi);

function registryRows(n: number, text = 'Nguyễn Thị Hoa'): unknown[][] {
  const rows: unknown[][] = [HEADERS];
  for (let i = 0; i < n; i++) rows.push(HEADERS.map((_, c) => (c === 0 ? `BN-TS-2020-${String(i + 1).padStart(4, '0')}` : c === 3 ? 36000 + (i % 3000) : `${text} ${c}`)));
  return rows;
}

function excelWith(rows: number): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet(SHEET.registry, registryRows(rows));
  excel.addSheet(SHEET.meta, [['template', 'vn-ctt-registry'], ['template_version', 1]], 'VeryHidden');
  return excel;
}

function findingsFor(rows: number): Finding[] {
  return Array.from({ length: rows }, (_, i) => ({
    rule: 'REG-01',
    severity: i % 2 ? 'error' : 'warning',
    sheet: SHEET.registry,
    cell: `B${i + 2}`,
    row: i + 2,
    column: 'B',
    field: 'full_name',
    value: null,
    message_vi: 'Thiếu họ tên',
    message_en: 'Missing name',
  }));
}

describe('OfficeWorkbookShell', () => {
  it('reads every sheet in the same three syncs for 10 and for 10,000 rows', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const excel = excelWith(n);
      const model = await new OfficeWorkbookShell(excel.host()).readWorkbook();
      counts.push(excel.syncs.length);
      const registry = model.sheets.find((s) => s.name === SHEET.registry);
      expect(registry?.rows).toHaveLength(n + 1);
      expect(registry?.rows[1][3]).toBe(36000);
      expect(model.sheets.find((s) => s.name === SHEET.meta)?.visibility).toBe('veryHidden');
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it('keeps a blank sheet blank and places an offset used range at its real cells', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Trống');
    const offset = excel.addSheet('Lệch');
    offset.cells.set('4,2', { value: 'x', fill: null });
    const model = await new OfficeWorkbookShell(excel.host()).readWorkbook();
    expect(model.sheets[0].rows).toEqual([]);
    expect(model.sheets[1].rows[4][2]).toBe('x');
    expect(model.sheets[1].rows[0]).toEqual([]);
  });

  it('writes 10 and 10,000 rows with the same number of syncs', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const excel = excelWith(0);
      const writes: CellWrite[] = [];
      for (let r = 1; r <= n; r++) for (let c = 0; c < HEADERS.length; c++) writes.push({ row0: r, col0: c, value: `v${c}` });
      await new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, writes);
      counts.push(excel.syncs.length);
      expect(excel.cell(SHEET.registry, `W${n + 1}`)?.value).toBe('v22');
    }
    expect(counts).toEqual([1, 1]);
  });

  it('splits a 50,000-row write into requests each under 5 MB, losing nothing', async () => {
    const excel = excelWith(0);
    const writes: CellWrite[] = [];
    for (let r = 1; r <= 50_000; r++)
      for (let c = 0; c < HEADERS.length; c++) writes.push({ row0: r, col0: c, value: `Phường Đồng Nguyên, thị xã Từ Sơn ${r}` });
    await new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, writes);
    expect(excel.syncs.length).toBeGreaterThan(1);
    for (const sync of excel.syncs) expect(sync.requestBytes).toBeLessThan(FIVE_MB);
    expect(excel.cell(SHEET.registry, 'A50001')?.value).toBe('Phường Đồng Nguyên, thị xã Từ Sơn 50000');
    expect(excel.cell(SHEET.registry, 'W25000')?.value).toBe('Phường Đồng Nguyên, thị xã Từ Sơn 24999');
  });

  it('writes dates as serials and formula-like text as text', async () => {
    const excel = excelWith(0);
    await new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, [
      { row0: 1, col0: 9, value: new Date(Date.UTC(2020, 6, 1)) },
      { row0: 1, col0: 22, value: '=HYPERLINK("http://x")' },
      { row0: 1, col0: 1, value: null },
    ]);
    expect(excel.cell(SHEET.registry, 'J2')?.value).toBe(44013);
    expect(excel.cell(SHEET.registry, 'W2')?.value).toBe('\'=HYPERLINK("http://x")');
    expect(excel.cell(SHEET.registry, 'B2')?.value).toBe('');
  });

  it('highlights and clears 10 and 10,000 findings in the same syncs, giving back the clerk\u2019s fills', async () => {
    const counts: number[][] = [];
    for (const n of [10, 10_000]) {
      const excel = excelWith(n);
      excel.cell(SHEET.registry, 'B2')!.fill = '#00B050';
      const settings = new FakeSettings();
      const shell = new OfficeWorkbookShell(excel.host(settings));
      await shell.highlight(findingsFor(n));
      const afterHighlight = excel.syncs.length;
      expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe(HIGHLIGHT_FILL.warning);
      expect(excel.cell(SHEET.registry, 'B3')?.fill).toBe(HIGHLIGHT_FILL.error);
      expect(settings.get(HIGHLIGHT_STORE_KEY)).toContain('#00B050');
      // The clerk recolours a highlighted cell: clearing must keep that new colour.
      excel.cell(SHEET.registry, 'B4')!.fill = '#7030A0';
      await shell.clearHighlights();
      counts.push([afterHighlight, excel.syncs.length - afterHighlight]);
      expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe('#00B050');
      expect(excel.cell(SHEET.registry, 'B3')?.fill).toBeNull();
      expect(excel.cell(SHEET.registry, 'B4')?.fill).toBe('#7030A0');
      expect(settings.get(HIGHLIGHT_STORE_KEY)).toBeNull();
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]).toEqual([2, 2]);
  });

  it('highlighting twice remembers the clerk\u2019s fill, not its own colour', async () => {
    const excel = excelWith(3);
    excel.cell(SHEET.registry, 'B2')!.fill = '#00B050';
    const shell = new OfficeWorkbookShell(excel.host());
    await shell.highlight(findingsFor(1));
    await shell.highlight(findingsFor(1));
    await shell.clearHighlights();
    expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe('#00B050');
  });

  it('selects a cell on its sheet in one sync', async () => {
    const excel = excelWith(3);
    await new OfficeWorkbookShell(excel.host()).selectCell(SHEET.registry, 'C3');
    expect(excel.syncs).toHaveLength(1);
    expect(excel.active).toBe(SHEET.registry);
    expect(excel.selected).toBe(`${SHEET.registry}!2,2`);
  });

  it('remembers settings in the document settings', async () => {
    const settings = new FakeSettings();
    const shell = new OfficeWorkbookShell(new FakeExcel().host(settings));
    await shell.saveSettings({ profile: 'vn-2025', unit: 'BN-P-TS', language: 'en' });
    expect(await shell.readSettings()).toEqual({ profile: 'vn-2025', unit: 'BN-P-TS', language: 'en' });
    expect(settings.saves).toBe(1);
  });
});

const SPEC: TemplateSpec = {
  sheets: [
    { name: SHEET.guide, visibility: 'visible', rows: [['Hướng dẫn']] },
    {
      name: SHEET.registry,
      visibility: 'visible',
      rows: [['Sổ theo dõi'], [], HEADERS],
      columnWidths: REGISTRY_COLUMNS.map((c) => c.width),
      freezeRows: 3,
      boldRows: [2],
      table: { name: 'SoTheoDoi', headerRow0: 2, firstCol0: 0, lastCol0: HEADERS.length - 1, lastRow0: 502 },
      validations: [{ col0: 2, fromRow0: 3, toRow0: 502, listFormula: "='Danh mục'!$A$2:$A$3" }],
      dateColumns: [{ col0: 3, fromRow0: 3, toRow0: 502, numFmt: BIRTH_FORMAT }, { col0: 9, fromRow0: 3, toRow0: 502, numFmt: 'dd/mm/yyyy' }],
    },
    { name: SHEET.codes, visibility: 'visible', rows: [['Giới tính'], ['Nam'], ['Nữ']] },
    { name: SHEET.meta, visibility: 'veryHidden', rows: [['template', 'vn-ctt-registry']] },
  ],
};

describe('OfficeWorkbookShell.createTemplate', () => {
  it('creates sheets, table, dropdowns, formats and hides _meta in two syncs, and sets up printing in a third', async () => {
    const excel = new FakeExcel();
    const result = await new OfficeWorkbookShell(excel.host()).createTemplate(SPEC);
    expect(result.skipped).toEqual([]);
    expect(excel.syncs).toHaveLength(3);
    expect(excel.sheets.map((s) => s.name)).toEqual([SHEET.guide, SHEET.registry, SHEET.codes, SHEET.meta]);
    const registry = excel.sheets[1];
    expect(registry.tables[0]).toEqual({ name: 'SoTheoDoi', address: `'${SHEET.registry}'!A3:W503` });
    expect(registry.frozenRows).toBe(3);
    expect(excel.cell(SHEET.registry, 'C4')?.validation).toEqual({ list: { inCellDropDown: true, source: "='Danh mục'!$A$2:$A$3" } });
    expect(excel.cell(SHEET.registry, 'D503')?.numberFormat).toBe(BIRTH_FORMAT);
    expect(excel.cell(SHEET.registry, 'J503')?.numberFormat).toBe('dd/mm/yyyy');
    expect(excel.cell(SHEET.registry, 'A3')?.bold).toBe(true);
    expect(excel.sheets[3].visibility).toBe('VeryHidden');
    expect(excel.active).toBe(SHEET.registry);
  });

  it('skips dropdowns (and says so) when the host lacks ExcelApi 1.8', async () => {
    const excel = new FakeExcel();
    const shell = new OfficeWorkbookShell(excel.host(new FakeSettings(), { ExcelApi: '1.7' }));
    expect(shell.capabilities.dropdowns).toBe(false);
    const result = await shell.createTemplate(SPEC);
    expect(result.skipped).toEqual(['dropdowns', 'printLayout']);
    expect(excel.cell(SHEET.registry, 'C4')?.validation).toBeUndefined();
    expect(excel.sheets[1].tables).toHaveLength(1);
    // No page layout below ExcelApi 1.9, and no request for it.
    expect(excel.sheets[1].page).toEqual({});
    expect(excel.syncs).toHaveLength(2);
  });

  it('dresses the report as the .xlsx writer does, and prints every visible sheet on A4 one page wide', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const spec = buildTemplate(profile, findUnit(profile, 'BN-TS')!, 2020, 3, '2020-11-02T00:00:00.000Z');
    const excel = new FakeExcel();
    const result = await new OfficeWorkbookShell(excel.host()).createTemplate(spec);
    expect(result.skipped).toEqual([]);
    expect(excel.syncs).toHaveLength(3);
    for (const sync of excel.syncs) expect(sync.requestBytes).toBeLessThan(FIVE_MB);

    const reportSpec = spec.sheets.find((x) => x.name === SHEET.report)!;
    const dress = reportSpec.dress!;
    const report = excel.sheets.find((x) => x.name === SHEET.report)!;
    // Every merge, style and bordered cell of the dress is on the sheet.
    expect(report.merges).toHaveLength(dress.merges.length);
    const motto = dress.styles.find((st) => reportSpec.rows[st.row0]?.[st.col0] === 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')!;
    const mottoCell = report.cells.get(`${motto.row0},${motto.col0}`)!;
    expect(mottoCell).toMatchObject({ bold: true, horizontalAlignment: 'Center' });
    const table = dress.borders[0];
    const corner = report.cells.get(`${table.row1},${table.col1}`)!;
    expect([...corner.borders!]).toEqual(expect.arrayContaining(['EdgeBottom', 'EdgeRight']));
    for (const h of dress.rowHeights) expect(report.rowHeights.get(h.row0)).toBe(h.height);
    expect(report.page).toEqual({
      paperSize: 'A4',
      orientation: 'Portrait',
      zoom: { horizontalFitToPages: 1 },
      centerHorizontally: true,
      printTitleRows: `${dress.print.titleRows0![0] + 1}:${dress.print.titleRows0![1] + 1}`,
      centerFooter: 'Trang &P/&N',
    });
    const registrySpec = spec.sheets.find((x) => x.name === SHEET.registry)!;
    const registry = excel.sheets.find((x) => x.name === SHEET.registry)!;
    expect(registry.page).toMatchObject({ paperSize: 'A4', orientation: 'Landscape', printTitleRows: `${registrySpec.table!.headerRow0 + 1}:${registrySpec.table!.headerRow0 + 1}` });
    // The guide is A4 only, as `vr new` writes it; hidden sheets are not printed.
    expect(excel.sheets.find((x) => x.name === SHEET.guide)!.page).toEqual({ paperSize: 'A4' });
    expect(excel.sheets.find((x) => x.name === SHEET.meta)!.page).toEqual({});
  });

  it('keeps the register when the host refuses the print set-up, and says so', async () => {
    const excel = new FakeExcel();
    const host = excel.host();
    let runs = 0;
    const run = host.run;
    host.run = (batch) => (++runs === 2 ? Promise.reject(new Error('InvalidArgument')) : run(batch));
    const result = await new OfficeWorkbookShell(host).createTemplate(SPEC);
    expect(result.skipped).toEqual(['printLayout']);
    expect(excel.sheets.map((x) => x.name)).toEqual([SHEET.guide, SHEET.registry, SHEET.codes, SHEET.meta]);
  });

  it('refuses to overwrite a sheet the workbook already has', async () => {
    const excel = new FakeExcel();
    excel.addSheet(SHEET.registry, [['x']]);
    await expect(new OfficeWorkbookShell(excel.host()).createTemplate(SPEC)).rejects.toMatchObject({ code: 'bad_argument' });
    expect(excel.sheets).toHaveLength(1);
  });
});

describe('OfficeWorkbookShell.getCompressedFile', () => {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).Office = {
      FileType: { Compressed: 'compressed' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    };
  });

  it('reads every slice in order, reports progress and closes the file', async () => {
    const slices = [[1, 2, 3], [4, 5]];
    let closed = 0;
    const progress: number[] = [];
    const host = new FakeExcel().host();
    host.getFileAsync = (_type, options, callback) => {
      expect(options.sliceSize).toBeLessThanOrEqual(4_194_304);
      callback({
        status: 'succeeded',
        value: {
          size: 5,
          sliceCount: 2,
          getSliceAsync: (i: number, cb: (r: unknown) => void) => cb({ status: 'succeeded', value: { data: slices[i] } }),
          closeAsync: (cb: () => void) => {
            closed++;
            cb();
          },
        },
      } as unknown as Office.AsyncResult<Office.File>);
    };
    const bytes = await new OfficeWorkbookShell(host).getCompressedFile((p) => progress.push(p.loaded));
    expect([...bytes]).toEqual([1, 2, 3, 4, 5]);
    expect(progress).toEqual([3, 5]);
    expect(closed).toBe(1);
  });

  it('closes the file when a slice fails', async () => {
    let closed = 0;
    const host = new FakeExcel().host();
    host.getFileAsync = (_type, _options, callback) =>
      callback({
        status: 'succeeded',
        value: {
          size: 5,
          sliceCount: 1,
          getSliceAsync: (_i: number, cb: (r: unknown) => void) => cb({ status: 'failed', error: { message: 'boom' } }),
          closeAsync: (cb: () => void) => {
            closed++;
            cb();
          },
        },
      } as unknown as Office.AsyncResult<Office.File>);
    await expect(new OfficeWorkbookShell(host).getCompressedFile()).rejects.toThrow('boom');
    expect(closed).toBe(1);
  });
});
