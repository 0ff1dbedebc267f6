/**
 * The Office.js shell over the strict fake Excel (fakeExcel.ts): each test names the rule of
 * Excel it holds the shell to (loads per property, 5 MB per request and per response, values
 * coerced by number format, errors at sync) and the batching rule (a constant number of syncs).
 */
import type { Finding } from '../../src/domain/finding';
import { BIRTH_FORMAT } from '../../src/domain/dates';
import { SHEET, cellAddress } from '../../src/domain/sheet';
import { REGISTRY_COLUMNS } from '../../src/domain/schema/registry';
import { FILL_CELLS_PER_REQUEST, OfficeWorkbookShell, officeHost } from '../../src/excel/office';
import { buildTemplate } from '../../src/domain/template';
import { findUnit, getProfile } from '../../src/profiles';
import { loadProvince } from '../../src/profiles/officialList';
import { HIGHLIGHT_FILL, HIGHLIGHT_STORE_KEY, SETTINGS_KEY, type CellWrite, type TemplateSpec } from '../../src/excel/shell';
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from './fakeExcel';

const HEADERS = REGISTRY_COLUMNS.map((c) => c.header_vi);

function registryRows(n: number, text = 'Nguyễn Thị Hoa'): unknown[][] {
  const rows: unknown[][] = [HEADERS];
  for (let i = 0; i < n; i++) rows.push(HEADERS.map((_, c) => (c === 0 ? `BN-TS-2020-${String(i + 1).padStart(4, '0')}` : c === 3 ? 36000 + (i % 3000) : `${text} ${c}`)));
  return rows;
}

function excelWith(rows: number, text?: string): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet(SHEET.registry, registryRows(rows, text));
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


describe('OfficeWorkbookShell.readWorkbook', () => {
  it('reads every sheet with its visibility in the same three syncs for 10 and for 5,000 rows (loads the names, visibility and used-range indexes it reads)', async () => {
    const counts: number[] = [];
    for (const n of [10, 5_000]) {
      const excel = excelWith(n);
      const model = await new OfficeWorkbookShell(excel.host()).readWorkbook();
      counts.push(excel.syncs.length);
      const registry = model.sheets.find((s) => s.name === SHEET.registry);
      expect(registry?.rows).toHaveLength(n + 1);
      expect(registry?.rows[1][3]).toBe(36000);
      expect(model.sheets.find((s) => s.name === SHEET.meta)?.visibility).toBe('veryHidden');
      expect(excel.failedSyncs).toEqual([]);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(3);
  });

  it('keeps a blank sheet blank and places an offset used range at its real cells', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Trống');
    excel.addSheet('Lệch', [[], [], [], [], [null, null, 'x']]);
    const model = await new OfficeWorkbookShell(excel.host()).readWorkbook();
    expect(model.sheets[0].rows).toEqual([]);
    expect(model.sheets[1].rows[4][2]).toBe('x');
    expect(model.sheets[1].rows[0]).toEqual([]);
  });

  it('reads a register too large for one 5 MB response in several requests, none of them refused (read chunking)', async () => {
    // 30,000 rows × 23 columns of short Vietnamese text (about 20 bytes a cell, as a real
    // register): about 14 MB of values.
    const excel = excelWith(30_000);
    const model = await new OfficeWorkbookShell(excel.host()).readWorkbook();
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.syncs.length).toBeGreaterThan(3);
    for (const sync of excel.syncs) expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    const registry = model.sheets.find((s) => s.name === SHEET.registry)!;
    expect(registry.rows).toHaveLength(30_001);
    expect(registry.rows[30_000][0]).toBe('BN-TS-2020-30000');
  }, 120_000);

  it('reads again in halves a slice whose values come back over 5 MB (long notes), losing nothing', async () => {
    const excel = new FakeExcel();
    const long = 'Ghi chú dài về hoàn cảnh của người được hỗ trợ. '.repeat(40);
    excel.addSheet(SHEET.registry, [HEADERS, ...Array.from({ length: 3000 }, (_, i) => HEADERS.map((_, c) => (c === 22 ? `${i} ${long}` : `x${c}`)))]);
    const model = await new OfficeWorkbookShell(excel.host()).readWorkbook();
    expect(excel.failedSyncs.map((s) => s.error)).toEqual(['ResponsePayloadSizeLimitExceeded']);
    const rows = model.sheets[0].rows;
    expect(rows).toHaveLength(3001);
    expect(String(rows[3000][22]).startsWith('2999 ')).toBe(true);
  }, 60_000);
});

describe('OfficeWorkbookShell.writeCells', () => {
  it('writes 10 and 10,000 rows with the same number of syncs', async () => {
    const counts: number[] = [];
    for (const n of [10, 10_000]) {
      const excel = excelWith(0);
      const writes: CellWrite[] = [];
      for (let r = 1; r <= n; r++) for (let c = 0; c < HEADERS.length; c++) writes.push({ row0: r, col0: c, value: `v${c}` });
      await new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, writes);
      counts.push(excel.syncs.length);
      expect(excel.value(SHEET.registry, `W${n + 1}`)).toBe('v22');
    }
    expect(counts).toEqual([1, 1]);
  });

  it('splits a 50,000-row write into requests Excel on the web accepts, losing nothing (write chunking)', async () => {
    const excel = excelWith(0);
    const writes: CellWrite[] = [];
    for (let r = 1; r <= 50_000; r++)
      for (let c = 0; c < HEADERS.length; c++) writes.push({ row0: r, col0: c, value: `Phường Đồng Nguyên, thị xã Từ Sơn ${r}` });
    await new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, writes);
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.syncs.length).toBeGreaterThan(1);
    expect(excel.value(SHEET.registry, 'A50001')).toBe('Phường Đồng Nguyên, thị xã Từ Sơn 50000');
    expect(excel.value(SHEET.registry, 'W25000')).toBe('Phường Đồng Nguyên, thị xã Từ Sơn 24999');
  }, 120_000);

  it('lands text as text: an ID keeps its leading zeros, 4.10 stays 4.10, formula-like text never runs (FMT-06)', async () => {
    const excel = excelWith(0);
    await new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, [
      { row0: 1, col0: 6, value: '001182579803' },
      { row0: 2, col0: 6, value: '012345678' },
      { row0: 1, col0: 9, value: new Date(Date.UTC(2020, 6, 1)) },
      { row0: 1, col0: 22, value: '=HYPERLINK("http://x")' },
      { row0: 2, col0: 22, value: '+84 912 345 678' },
      { row0: 3, col0: 22, value: '4.10' },
      { row0: 4, col0: 22, value: 'Nguyễn Thị Hoa' },
      { row0: 1, col0: 1, value: null },
    ]);
    expect(excel.value(SHEET.registry, 'G2')).toBe('001182579803');
    expect(excel.value(SHEET.registry, 'G3')).toBe('012345678');
    expect(excel.value(SHEET.registry, 'J2')).toBe(44013);
    expect(excel.value(SHEET.registry, 'W2')).toBe('=HYPERLINK("http://x")');
    expect(excel.cell(SHEET.registry, 'W2')?.formula).toBeUndefined();
    expect(excel.value(SHEET.registry, 'W3')).toBe('+84 912 345 678');
    expect(excel.value(SHEET.registry, 'W4')).toBe('4.10');
    expect(excel.numberFormat(SHEET.registry, 'G2')).toBe('@');
    // Plain words need no Text format.
    expect(excel.numberFormat(SHEET.registry, 'W5')).toBe('General');
    expect(excel.value(SHEET.registry, 'B2')).toBe('');
    expect(excel.syncs).toHaveLength(1);
  });

  it('says which sheet is missing when the clerk renamed it, in both languages', async () => {
    const excel = excelWith(0);
    await expect(new OfficeWorkbookShell(excel.host()).writeCells(SHEET.support, [{ row0: 1, col0: 0, value: 'x' }])).rejects.toMatchObject({
      code: 'excel_failed',
      message_vi: expect.stringContaining(`"${SHEET.support}"`),
      message_en: expect.stringContaining('renamed or deleted'),
    });
  });

  it('asks the clerk to finish typing in a cell when Excel is in cell edit mode', async () => {
    const excel = excelWith(0);
    excel.editing = true;
    await expect(new OfficeWorkbookShell(excel.host()).writeCells(SHEET.registry, [{ row0: 1, col0: 0, value: 'x' }])).rejects.toMatchObject({
      code: 'excel_busy',
      message_vi: expect.stringContaining('Enter'),
    });
  });
});

describe('OfficeWorkbookShell.highlight', () => {
  it('highlights and clears 10 and 5,000 findings in the same syncs, giving back the clerk’s fills', async () => {
    const counts: number[][] = [];
    for (const n of [10, 5_000]) {
      const excel = excelWith(n);
      excel.paint(SHEET.registry, 'B2', '#00B050');
      const shell = new OfficeWorkbookShell(excel.host());
      await shell.highlight(findingsFor(n));
      const afterHighlight = excel.syncs.length;
      expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe(HIGHLIGHT_FILL.warning);
      expect(excel.cell(SHEET.registry, 'B3')?.fill).toBe(HIGHLIGHT_FILL.error);
      expect(excel.settings.persisted(HIGHLIGHT_STORE_KEY)).toContain('#00B050');
      // The clerk recolours a highlighted cell: clearing must keep that new colour.
      excel.paint(SHEET.registry, 'B4', '#7030A0');
      await shell.clearHighlights();
      counts.push([afterHighlight, excel.syncs.length - afterHighlight]);
      expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe('#00B050');
      expect(excel.cell(SHEET.registry, 'B3')?.fill).toBeUndefined();
      expect(excel.cell(SHEET.registry, 'B4')?.fill).toBe('#7030A0');
      expect(excel.settings.get(HIGHLIGHT_STORE_KEY)).toBeNull();
      expect(excel.failedSyncs).toEqual([]);
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]).toEqual([2, 3]);
  });

  it('colours 20,000 cells in requests Excel on the web accepts (fill chunking)', async () => {
    const excel = excelWith(20_000);
    const shell = new OfficeWorkbookShell(excel.host());
    expect(await shell.highlight(findingsFor(20_000))).toBe(20_000);
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.syncs).toHaveLength(2 * Math.ceil(20_000 / FILL_CELLS_PER_REQUEST));
    expect(excel.cell(SHEET.registry, 'B20001')?.fill).toBe(HIGHLIGHT_FILL.error);
    await shell.clearHighlights();
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.cell(SHEET.registry, 'B20001')?.fill).toBeUndefined();
  }, 120_000);

  it('highlighting twice remembers the clerk’s fill, not its own colour', async () => {
    const excel = excelWith(3);
    excel.paint(SHEET.registry, 'B2', '#00B050');
    const shell = new OfficeWorkbookShell(excel.host());
    await shell.highlight(findingsFor(1));
    await shell.highlight(findingsFor(1));
    await shell.clearHighlights();
    expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe('#00B050');
  });

  it('colours nothing when the workbook cannot remember the clerk’s fills (settings not saved), and says so', async () => {
    const excel = excelWith(3);
    excel.paint(SHEET.registry, 'B2', '#00B050');
    excel.settings.failNextSave('Disk full');
    const shell = new OfficeWorkbookShell(excel.host());
    await expect(shell.highlight(findingsFor(2))).rejects.toMatchObject({ code: 'excel_failed', message_vi: expect.stringContaining('Disk full') });
    expect(excel.cell(SHEET.registry, 'B2')?.fill).toBe('#00B050');
    expect(excel.cell(SHEET.registry, 'B3')?.fill).toBeUndefined();
    expect(excel.settings.get(HIGHLIGHT_STORE_KEY)).toBeNull();
  });

  it('clears the colours of the sheets still there when the clerk deleted one', async () => {
    const excel = excelWith(3);
    excel.addSheet(SHEET.support, [['Mã hồ sơ'], ['x']]);
    const shell = new OfficeWorkbookShell(excel.host());
    await shell.highlight([...findingsFor(1), { ...findingsFor(1)[0], sheet: SHEET.support, cell: 'A2' }]);
    excel.book.sheets = excel.book.sheets.filter((s) => s.name !== SHEET.support);
    await shell.clearHighlights();
    expect(excel.cell(SHEET.registry, 'B2')?.fill).toBeUndefined();
    expect(excel.settings.get(HIGHLIGHT_STORE_KEY)).toBeNull();
  });
});

describe('OfficeWorkbookShell: selection and settings', () => {
  it('selects a cell on its sheet in one sync', async () => {
    const excel = excelWith(3);
    await new OfficeWorkbookShell(excel.host()).selectCell(SHEET.registry, 'C3');
    expect(excel.syncs).toHaveLength(1);
    expect(excel.activeSheet).toBe(SHEET.registry);
    expect(excel.selection).toEqual({ sheet: SHEET.registry, address: 'C3' });
  });

  it('says a cell on the very hidden _meta sheet cannot be shown, instead of failing', async () => {
    const excel = excelWith(3);
    await expect(new OfficeWorkbookShell(excel.host()).selectCell(SHEET.meta, 'B2')).rejects.toMatchObject({ code: 'excel_failed', message_en: expect.stringContaining('hidden sheet') });
  });

  it('remembers settings in the document settings, saved into the workbook', async () => {
    const excel = new FakeExcel();
    const shell = new OfficeWorkbookShell(excel.host());
    await shell.saveSettings({ profile: 'vn-2025', unit: 'BN-P-TS', language: 'en' });
    excel.settings.reopen();
    expect(await shell.readSettings()).toEqual({ profile: 'vn-2025', unit: 'BN-P-TS', language: 'en' });
    expect(excel.settings.saves).toBe(1);
  });

  it('says, in both languages, when Excel could not save the settings', async () => {
    const excel = new FakeExcel();
    excel.settings.failNextSave('Read-only');
    const shell = new OfficeWorkbookShell(excel.host());
    await expect(shell.saveSettings({ language: 'en' })).rejects.toMatchObject({ code: 'excel_failed', message_vi: expect.stringContaining('Read-only'), message_en: expect.stringContaining('Read-only') });
    expect(excel.settings.persisted(SETTINGS_KEY)).toBeNull();
  });
});

const SPEC: TemplateSpec = {
  sheets: [
    { name: SHEET.guide, visibility: 'visible', rows: [['Hướng dẫn'], ['- Cột có dấu * là bắt buộc']] },
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
      textColumns: [{ col0: 6, fromRow0: 3, toRow0: 502 }],
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
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.sheets.map((s) => s.name)).toEqual([SHEET.guide, SHEET.registry, SHEET.codes, SHEET.meta]);
    expect(excel.tables).toEqual([expect.objectContaining({ name: 'SoTheoDoi', box: { r0: 2, c0: 0, r1: 502, c1: 22 } })]);
    expect(excel.sheet(SHEET.registry).frozenRows).toBe(3);
    expect(excel.cell(SHEET.registry, 'C4')?.validation).toEqual({ list: { inCellDropDown: true, source: "='Danh mục'!$A$2:$A$3" } });
    expect(excel.numberFormat(SHEET.registry, 'D503')).toBe(BIRTH_FORMAT);
    expect(excel.numberFormat(SHEET.registry, 'J503')).toBe('dd/mm/yyyy');
    expect(excel.numberFormat(SHEET.registry, 'G503')).toBe('@');
    expect(excel.cell(SHEET.registry, 'A3')?.bold).toBe(true);
    // A guide line starting with "-" is text, not a formula.
    expect(excel.value(SHEET.guide, 'A2')).toBe('- Cột có dấu * là bắt buộc');
    expect(excel.sheet(SHEET.meta).visibility).toBe('VeryHidden');
    expect(excel.activeSheet).toBe(SHEET.registry);
  });

  it('on Excel 2019 (ExcelApi 1.7) skips dropdowns and page set-up, says so, and sends nothing Excel would refuse', async () => {
    const excel = new FakeExcel({ api: '1.7' });
    const shell = new OfficeWorkbookShell(excel.host());
    expect(shell.capabilities.dropdowns).toBe(false);
    const result = await shell.createTemplate(SPEC);
    expect(result.skipped).toEqual(['dropdowns', 'printLayout']);
    expect(excel.failedSyncs).toEqual([]);
    expect(excel.cell(SHEET.registry, 'C4')?.validation).toBeUndefined();
    expect(excel.tables).toHaveLength(1);
    expect(excel.sheet(SHEET.registry).page).toEqual({});
    expect(excel.syncs).toHaveLength(2);
  });

  it('dresses the report as the .xlsx writer does, and prints every visible sheet on A4 one page wide with vr new’s margins', async () => {
    const profile = getProfile('bac-ninh-2017')!;
    const spec = buildTemplate(profile, findUnit(profile, 'BN-TS')!, 2020, 3, '2020-11-02T00:00:00.000Z');
    const excel = new FakeExcel();
    const result = await new OfficeWorkbookShell(excel.host()).createTemplate(spec);
    expect(result.skipped).toEqual([]);
    expect(excel.syncs).toHaveLength(3);
    expect(excel.failedSyncs).toEqual([]);

    const reportSpec = spec.sheets.find((x) => x.name === SHEET.report)!;
    const dress = reportSpec.dress!;
    const report = excel.sheet(SHEET.report);
    expect(report.merges).toHaveLength(dress.merges.length);
    const motto = dress.styles.find((st) => reportSpec.rows[st.row0]?.[st.col0] === 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')!;
    expect(excel.cell(SHEET.report, cellAddress(motto.row0, motto.col0))).toMatchObject({ bold: true, horizontalAlignment: 'Center' });
    const table = dress.borders[0];
    expect(excel.cell(SHEET.report, cellAddress(table.row1, table.col1))?.borders).toMatchObject({ EdgeBottom: 'Continuous', EdgeRight: 'Continuous' });
    for (const h of dress.rowHeights) expect(report.rowHeights.get(h.row0)).toBe(h.height);
    expect(report.page).toEqual({
      paperSize: 'A4',
      orientation: 'Landscape', // the report's dress: A4 landscape (docs/workbook.md)
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      leftMargin: 36,
      rightMargin: 28.8,
      topMargin: 43.2,
      bottomMargin: 43.2,
      headerMargin: 21.6,
      footerMargin: 21.6,
      printTitleRows: `${dress.print.titleRows0![0] + 1}:${dress.print.titleRows0![1] + 1}`,
      centerFooter: 'Trang &P/&N',
    });
    const registrySpec = spec.sheets.find((x) => x.name === SHEET.registry)!;
    expect(excel.sheet(SHEET.registry).page).toMatchObject({ paperSize: 'A4', orientation: 'Landscape', printTitleRows: `${registrySpec.table!.headerRow0 + 1}:${registrySpec.table!.headerRow0 + 1}` });
    // The guide prints portrait, one page wide, its long lines wrapped; hidden sheets are not printed.
    expect(excel.sheet(SHEET.guide).page).toMatchObject({ paperSize: 'A4', orientation: 'Portrait', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(excel.cell(SHEET.guide, 'A1')?.wrapText).toBe(true);
    expect(excel.sheet(SHEET.meta).page).toEqual({});
    // Row codes stay text: under law-2024 `4.10` would otherwise read as 4.1 (row 4.1's twin).
    expect(excel.numberFormat(SHEET.report, cellAddress(reportSpec.textColumns![0].toRow0, 0))).toBe('@');
  });

  it('keeps a vn-2025 unit code with its leading zero in _meta and in the report (codes stay text)', async () => {
    await loadProvince('24');
    const profile = getProfile('vn-2025')!;
    const spec = buildTemplate(profile, findUnit(profile, 'BN-P-TS')!, 2025, 3, '2025-10-02T00:00:00.000Z');
    const excel = new FakeExcel();
    await new OfficeWorkbookShell(excel.host()).createTemplate(spec);
    expect(excel.value(SHEET.meta, 'B4')).toBe('09367');
    expect(excel.value(SHEET.meta, 'B6')).toBe('24');
    expect(excel.numberFormat(SHEET.registry, 'A2')).toBe('@');
    expect(excel.numberFormat(SHEET.support, 'A2')).toBe('@');
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
  let uninstall: () => void;
  let excel: FakeExcel;
  beforeEach(() => {
    excel = excelWith(3);
    uninstall = excel.install();
  });
  afterEach(() => uninstall());

  it('hands over the workbook as .xlsx through Office’s own entry points, and closes the file', async () => {
    const shell = new OfficeWorkbookShell(officeHost());
    const progress: number[] = [];
    const bytes = await shell.getCompressedFile((p) => progress.push(p.loaded));
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(excel.filesOpen).toBe(0);
    // Three files in a row: each one is closed, or Office would refuse the third.
    await shell.getCompressedFile();
    await shell.getCompressedFile();
    expect(excel.filesOpen).toBe(0);
  });

  it('reads every slice in order, reports progress and closes the file', async () => {
    const slices = [[1, 2, 3], [4, 5]];
    let closed = 0;
    const progress: number[] = [];
    const host = excel.host();
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

  it('closes the file when a slice fails, and says so in both languages', async () => {
    let closed = 0;
    const host = excel.host();
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
    await expect(new OfficeWorkbookShell(host).getCompressedFile()).rejects.toMatchObject({ code: 'excel_failed', message_vi: expect.stringContaining('boom') });
    expect(closed).toBe(1);
  });
});
