/**
 * The fake Excel is held to what Excel does (Office.js reference and "Error handling with the
 * application-specific JavaScript APIs"): if it were kinder, the shell's tests would pass where
 * the pane fails in a clerk's Excel.
 */
import { coerceWrite } from './fake/coerce';
import { FakeExcel, FakeOfficeError, FakeSettings, PAYLOAD_LIMIT_BYTES } from './fakeExcel';

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as FakeOfficeError).code;
  }
}

function excelWithData(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Data', [
    ['a', 'b'],
    [1, 2],
  ]);
  excel.addSheet('_meta', [['template', 'vn-ctt-registry']], 'VeryHidden');
  return excel;
}

describe('fake Excel: loading', () => {
  it('needs a load of each property and a sync before it can be read (PropertyNotLoaded, per property)', async () => {
    const excel = excelWithData();
    await excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      sheets.load('items/name');
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Data', '_meta']);
      // Only the name was loaded: the visibility is not there.
      expect(() => sheets.items[1].visibility).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      const range = sheets.items[0].getRange('A1:B2').load('values');
      await context.sync();
      expect(range.values).toEqual([['a', 'b'], [1, 2]]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(() => range.rowIndex).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      const used = sheets.items[0].getUsedRange().load('rowCount');
      await context.sync();
      expect(used.rowCount).toBe(2);
      expect(() => used.columnIndex).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('reads a loaded value as it was at the sync, and a value it set as it was set', async () => {
    const excel = excelWithData();
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Data').getRange('A2').load('values');
      await context.sync();
      range.values = [['001182579803']];
      expect(range.values).toEqual([['001182579803']]);
      range.load('values');
      await context.sync();
      expect(range.values).toEqual([[1182579803]]);
    });
  });
});

describe('fake Excel: errors at sync, as Excel raises them', () => {
  it('a missing sheet fails at sync (ItemNotFound), not at getItem; getItemOrNullObject answers isNullObject', async () => {
    const excel = excelWithData();
    await excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItem('Nope');
      missing.getRange('A1').values = [['x']];
      expect(await codeOf(context.sync())).toBe('ItemNotFound');
      const maybe = context.workbook.worksheets.getItemOrNullObject('nope');
      const there = context.workbook.worksheets.getItemOrNullObject('data');
      expect(() => maybe.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(maybe.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
    });
    expect(excel.failedSyncs.map((s) => s.error)).toEqual(['ItemNotFound']);
  });

  it('checks a new sheet’s name at sync: 31 characters, no [ ] : * ? / \\, unique in any case', async () => {
    for (const [name, code] of [
      ['x'.repeat(32), 'InvalidArgument'],
      ['Sổ/theo dõi', 'InvalidArgument'],
      ['a[1]', 'InvalidArgument'],
      ["'quoted'", 'InvalidArgument'],
      ['DATA', 'ItemAlreadyExists'],
    ] as const) {
      const excel = excelWithData();
      await excel.run(async (context) => {
        context.workbook.worksheets.add(name);
        expect(excel.sheets).toHaveLength(2); // nothing happens before the sync
        expect(await codeOf(context.sync())).toBe(code);
      });
      expect(excel.sheets).toHaveLength(2);
    }
  });

  it('does what ran before a failing action, and nothing after it (a request is no transaction)', async () => {
    const excel = excelWithData();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      ws.getRange('C1').values = [['first']];
      ws.getRange('A1:B1').values = [['too', 'many', 'values']];
      ws.getRange('D1').values = [['after']];
      expect(await codeOf(context.sync())).toBe('InvalidArgument');
    });
    expect(excel.value('Data', 'C1')).toBe('first');
    expect(excel.value('Data', 'D1')).toBe('');
  });

  it('refuses a request over 5 MB before running any of it, and a response over 5 MB after', async () => {
    const excel = excelWithData();
    const big = Array.from({ length: 60_000 }, (_, i) => [`Nguyễn Thị Hoa, phường Đông Ngàn ${i}`, 'Đã xác định là nạn nhân']);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1:B60000').values = big;
      expect(await codeOf(context.sync())).toBe('RequestPayloadSizeLimitExceeded');
    });
    expect(excel.value('Data', 'A1')).toBe('a');
    // Written in two halves it goes through; read back in one piece it is too large to return.
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      ws.getRange('A1:B30000').values = big.slice(0, 30_000);
      await context.sync();
      ws.getRange('A30001:B60000').values = big.slice(30_000);
      await context.sync();
      const all = ws.getRange('A1:B60000').load('values');
      expect(await codeOf(context.sync())).toBe('ResponsePayloadSizeLimitExceeded');
      expect(() => all.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
    expect(excel.syncs.map((s) => s.error)).toEqual(['RequestPayloadSizeLimitExceeded', undefined, undefined, 'ResponsePayloadSizeLimitExceeded']);
    expect(excel.syncs[1].requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(excel.syncs[3].responseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    // Excel desktop has no such limit.
    const desktop = new FakeExcel({ platform: 'desktop' });
    desktop.addSheet('Data');
    await desktop.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1:B60000').values = big;
      await context.sync();
    });
    expect(desktop.value('Data', 'A60000')).toBe(big[59_999][0]);
  });

  it('fails every request while the clerk is typing in a cell', async () => {
    const excel = excelWithData();
    excel.editing = true;
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('A1').values = [['x']];
      expect(await codeOf(context.sync())).toBe('InvalidOperationInCellEditMode');
    });
    expect(excel.value('Data', 'A1')).toBe('a');
  });
});

describe('fake Excel: requirement sets', () => {
  it('answers isSetSupported for its level and fails a newer member at sync with ApiNotFound', async () => {
    const excel = new FakeExcel({ api: '1.7' });
    excel.addSheet('Data');
    expect(excel.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(excel.isSetSupported('ExcelApi', '1.8')).toBe(false);
    expect(excel.isSetSupported('ExcelApi', '1.10')).toBe(false);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      ws.freezePanes.freezeRows(1); // 1.7: fine
      await context.sync();
      ws.getRange('A2:A10').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } }; // 1.8
      expect(await codeOf(context.sync())).toBe('ApiNotFound');
      ws.pageLayout.paperSize = 'A4'; // 1.9
      expect(await codeOf(context.sync())).toBe('ApiNotFound');
    });
    const old = new FakeExcel({ api: '1.1' });
    old.addSheet('Data');
    old.addSheet('Other');
    await old.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      ws.visibility = 'Hidden'; // setting it is 1.2
      expect(await codeOf(context.sync())).toBe('ApiNotFound');
      ws.getRange('A1').format.columnWidth = 100; // 1.2
      expect(await codeOf(context.sync())).toBe('ApiNotFound');
      ws.getUsedRange(true).load('address'); // valuesOnly is 1.2
      expect(await codeOf(context.sync())).toBe('ApiNotFound');
      ws.getUsedRange().load('address');
      await context.sync();
    });
  });
});

describe('fake Excel: values, formats and fills per cell', () => {
  it('stores values as Excel does under each number format', () => {
    expect(coerceWrite('001182579803', 'General')).toEqual({ kind: 'value', value: 1182579803 });
    expect(coerceWrite('001182579803', '@')).toEqual({ kind: 'value', value: '001182579803' });
    expect(coerceWrite("'001182579803", 'General')).toEqual({ kind: 'value', value: '001182579803' });
    expect(coerceWrite('4.10', 'General')).toEqual({ kind: 'value', value: 4.1 });
    expect(coerceWrite('1,234,567', 'General')).toEqual({ kind: 'value', value: 1234567 });
    expect(coerceWrite('50%', 'General')).toEqual({ kind: 'value', value: 0.5, numberFormat: '0%' });
    expect(coerceWrite('1234567890123456789', 'General')).toEqual({ kind: 'value', value: 1234567890123450000 });
    expect(coerceWrite('TRUE', 'General')).toEqual({ kind: 'value', value: true });
    expect(coerceWrite('2020-08-10', 'General')).toEqual({ kind: 'value', value: 44053, numberFormat: 'yyyy-mm-dd' });
    expect(coerceWrite('8/10/2020', 'dd/mm/yyyy')).toEqual({ kind: 'value', value: 44053 });
    // Day-first text is not a date to Office.js's locale-neutral values: it stays text.
    expect(coerceWrite('31/08/2020', 'dd/mm/yyyy')).toEqual({ kind: 'value', value: '31/08/2020' });
    expect(coerceWrite('=HYPERLINK("x")', 'General')).toEqual({ kind: 'formula', formula: '=HYPERLINK("x")' });
    expect(coerceWrite('=HYPERLINK("x")', '@')).toEqual({ kind: 'value', value: '=HYPERLINK("x")' });
    expect(coerceWrite('+84 912 345 678', 'General').kind).toBe('formula');
    expect(coerceWrite('-5', 'General')).toEqual({ kind: 'value', value: -5 });
    expect(coerceWrite('Nguyễn Thị Hoa', 'General')).toEqual({ kind: 'value', value: 'Nguyễn Thị Hoa' });
    expect(coerceWrite(12, '@')).toEqual({ kind: 'value', value: 12 });
    expect(coerceWrite('', 'General')).toEqual({ kind: 'clear' });
  });

  it('keeps number formats and fills per cell, applies a 1×1 array to a whole range and leaves null cells alone', async () => {
    const excel = excelWithData();
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      ws.getRange('C1:C3').numberFormat = [['@']];
      ws.getRange('D1:E1').numberFormat = [['dd/mm/yyyy', null]];
      ws.getRange('C1:D1').values = [['007', '007']];
      ws.getRange('A1').format.fill.color = '#00b050';
      const formats = ws.getRange('C1:E1').load('numberFormat');
      const one = ws.getRange('A1').format.fill.load('color');
      const mixed = ws.getRange('A1:B1').format.fill.load('color');
      const blank = ws.getRange('B1').format.fill.load('color');
      await context.sync();
      expect(formats.numberFormat).toEqual([['@', 'dd/mm/yyyy', 'General']]);
      expect(one.color).toBe('#00B050');
      expect(mixed.color).toBeNull();
      expect(blank.color).toBe('#FFFFFF');
      ws.getRange('A1').format.fill.color = null as unknown as string;
      expect(await codeOf(context.sync())).toBe('InvalidArgument');
    });
    expect(excel.value('Data', 'C1')).toBe('007');
    expect(excel.value('Data', 'D1')).toBe(7);
    expect(excel.numberFormat('Data', 'C3')).toBe('@');
  });

  it('counts formatted cells in the used range, and only values with valuesOnly', async () => {
    const excel = new FakeExcel();
    excel.addSheet('S', [['x']]);
    await excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A2:A2000').numberFormat = [['@']];
      const all = ws.getUsedRange().load('rowCount');
      const values = ws.getUsedRange(true).load('rowCount');
      await context.sync();
      expect(all.rowCount).toBe(2000);
      expect(values.rowCount).toBe(1);
    });
  });
});

describe('fake Excel: document settings', () => {
  it('keeps only what saveAsync saved, and a save can fail', async () => {
    const settings = new FakeSettings();
    const save = (): Promise<string> => new Promise((resolve) => settings.saveAsync((r) => resolve(r.status)));
    settings.set('a', '1');
    expect(await save()).toBe('succeeded');
    settings.set('a', '2');
    settings.failNextSave();
    expect(await save()).toBe('failed');
    expect(settings.get('a')).toBe('2');
    expect(settings.persisted('a')).toBe('1');
    settings.reopen();
    expect(settings.get('a')).toBe('1');
    expect(settings.get('missing')).toBeNull();
  });
});
