import { patchSheetXml } from '../../src/xlsx/sheetPatch';

const SHEET = (rows: string) => `<?xml version="1.0"?><worksheet><dimension ref="A1:C3"/><sheetData>${rows}</sheetData><pageMargins/></worksheet>`;

describe('patchSheetXml writes cells in place', () => {
  test('replaces a cell keeping its style, inserts cells and rows in order', () => {
    const xml = SHEET('<row r="1" spans="1:3"><c r="A1" s="2" t="s"><v>0</v></c><c r="C1" s="5"><v>1</v></c></row><row r="3"><c r="A3"><v>9</v></c></row>');
    const { xml: out, overwroteFormula } = patchSheetXml(xml, [
      { row0: 0, col0: 2, value: 42 },
      { row0: 0, col0: 1, value: 'Nữ & <Nam>' },
      { row0: 1, col0: 0, value: '—' },
      { row0: 4, col0: 1, value: null },
    ]);
    expect(overwroteFormula).toBe(false);
    expect(out).toContain('<row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve">Nữ &amp; &lt;Nam&gt;</t></is></c><c r="C1" s="5"><v>42</v></c></row>');
    expect(out).toContain('<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">—</t></is></c></row><row r="3"><c r="A3"><v>9</v></c></row><row r="5"><c r="B5"/></row>');
    expect(out.endsWith('</sheetData><pageMargins/></worksheet>')).toBe(true);
  });

  test('reports an overwritten formula and fills an empty sheetData', () => {
    expect(patchSheetXml(SHEET('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>'), [{ row0: 0, col0: 0, value: 3 }]).overwroteFormula).toBe(true);
    const empty = '<worksheet><sheetData/></worksheet>';
    expect(patchSheetXml(empty, [{ row0: 0, col0: 0, value: true }]).xml).toBe('<worksheet><sheetData><row r="1"><c r="A1" t="b"><v>1</v></c></row></sheetData></worksheet>');
  });
});
