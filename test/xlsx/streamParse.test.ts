/**
 * `vr validate` and the inbox read and parse a workbook in one streaming pass that keeps no grid
 * of the registry and the support log (src/xlsx/streamParse.ts). Its verdict must be the one the
 * grid path gives (read the sheet model, then `parseWorkbook`): the same records, layouts, `_meta`,
 * report and, above all, the same findings, byte for byte, on clean, faulty, messy and oddly
 * built workbooks, on an old plan and on today's (`vn-2025`).
 */
import '../../src/profiles/officialAll';
import { checkParsed } from '../../src/domain/check';
import { parseWorkbook, type ParsedWithCells } from '../../src/domain/parse';
import type { CellValue } from '../../src/domain/sheet';
import type { TemplateSheet, TemplateSpec } from '../../src/domain/template';
import { readParsedWorkbookBuffer, readWorkbookBuffer } from '../../src/xlsx/read';
import { templateToBuffer } from '../../src/xlsx/write';
import { sample, sheetOf } from '../cli/helpers';
import { makeZip, readZip } from './zip';

const TODAY = new Date(Date.UTC(2025, 11, 1));
const REG = 'Sổ theo dõi';
const SUP = 'Hỗ trợ';

/** Cells a clerk's file may hold anywhere: blanks, near misses, legacy encodings, formulas,
 *  control characters, odd dates and numbers, `|` (REG-07's key separator), a 40,000-character
 *  text, Date cells. */
const TRICKY: CellValue[] = [
  '', '   ', 'nu', 'Nữ ', 'NguyÔn V¨n A', 'Nguyeãn Vaên B', '=1+1', '+84', '-', '@x', '\tabc', 'a\u0001b', 'x\uD800y',
  '31/02/2020', '2020-13-01', '15/08/2019', '1990', 1990, 45000, -5, 2.5, 'abc', 'Trao trả chính thức', 'Trong nước',
  'Việt Nam', 'VN', 'Có', 'không', 'Chờ xác minh', 'a|b', 'Đông Ngàn', 'Xã Tân Hiệp, Hồ Chí Minh', '123456789',
  new Date(Date.UTC(2030, 0, 1)), new Date(Date.UTC(2020, 6, 1)), true, 'y'.repeat(40_000), ' BN-TS-2020-0002 ',
  'Y tế; Tâm lý', '150.000', null,
];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** A sheet without its Excel table, validations and date formats, so its rows can be moved. */
function plain(sheet: TemplateSheet): TemplateSheet {
  sheet.table = undefined;
  sheet.validations = [];
  sheet.dateColumns = [];
  return sheet;
}

type Variant = (spec: TemplateSpec) => void;

const VARIANTS: Record<string, Variant> = {
  'as written': () => undefined,
  'messy cells everywhere, duplicates, names with |': (spec) => {
    const rnd = rng(7);
    for (const name of [REG, SUP, 'Báo cáo quý']) {
      const rows = sheetOf(spec, name).rows;
      for (let r = 1; r < rows.length; r++) {
        for (let c = 0; c < rows[r].length; c++) if (rnd() < 0.12) rows[r][c] = TRICKY[Math.floor(rnd() * TRICKY.length)];
        if (name === REG && r > 5 && rnd() < 0.1) {
          const src = rows[1 + Math.floor(rnd() * (r - 1))];
          rows[r][1] = src[1];
          rows[r][3] = rnd() < 0.3 ? 1990 : src[3];
          rows[r][7] = src[7];
        }
        if (name === REG && rnd() < 0.05) rows[r][1] = `Nguyễn|${rnd() < 0.5 ? 'A' : 'B'}`;
      }
    }
  },
  'title rows above the headers': (spec) => {
    for (const name of [REG, SUP]) plain(sheetOf(spec, name)).rows.unshift(['Sổ theo dõi nạn nhân'], [], ['Đơn vị', null, 'Mã hồ sơ'], []);
  },
  'headers on the 10th row, data from the 11th': (spec) => {
    for (const name of [REG, SUP]) plain(sheetOf(spec, name)).rows.unshift(...Array.from({ length: 9 }, (_, i): CellValue[] => (i % 2 ? [] : [`tiêu đề ${i}`])));
  },
  'headers below the 10th row (not found)': (spec) => {
    plain(sheetOf(spec, REG)).rows.unshift(...Array.from({ length: 12 }, (): CellValue[] => ['x']));
  },
  'columns reversed, an unknown and a repeated column': (spec) => {
    for (const name of [REG, SUP]) {
      const sheet = plain(sheetOf(spec, name));
      const width = sheet.rows[0].length;
      sheet.rows = sheet.rows.map((row, i) => [...Array.from({ length: width }, (_, c) => row[width - 1 - c] ?? null), i === 0 ? 'Cột lạ' : `x${i}`, i === 0 ? row[1] : `dup${i}`]);
    }
  },
  'blank and whitespace rows between the data': (spec) => {
    for (const name of [REG, SUP]) {
      const sheet = plain(sheetOf(spec, name));
      const out: CellValue[][] = [];
      sheet.rows.forEach((row, i) => {
        out.push(row);
        if (i % 7 === 3) out.push([]);
        if (i % 11 === 5) out.push(row.map(() => '  '));
      });
      sheet.rows = out;
    }
  },
  'the support log first, _meta last': (spec) => {
    const meta = sheetOf(spec, '_meta');
    spec.sheets = [sheetOf(spec, SUP), ...spec.sheets.filter((s) => s !== meta && s.name !== SUP), meta];
  },
  'sheet names in other case and spacing, a second registry after the first': (spec) => {
    const reg = sheetOf(spec, REG);
    reg.name = ' SỔ THEO  DÕI';
    sheetOf(spec, SUP).name = 'hỗ trợ';
    spec.sheets.splice(spec.sheets.indexOf(reg) + 1, 0, { ...reg, name: 'Sổ theo dõi', rows: reg.rows.slice(0, 8), table: undefined, validations: [], dateColumns: [] });
  },
  'a short registry named like the real one, before it': (spec) => {
    const reg = sheetOf(spec, REG);
    spec.sheets.splice(spec.sheets.indexOf(reg), 0, { ...reg, name: 'sổ theo dõi ', rows: reg.rows.slice(0, 6), table: undefined, validations: [], dateColumns: [] });
  },
  'only the header search rows': (spec) => {
    for (const name of [REG, SUP]) plain(sheetOf(spec, name)).rows.splice(6);
  },
  'no support log, no _meta': (spec) => {
    spec.sheets = spec.sheets.filter((s) => s.name !== SUP && s.name !== '_meta');
  },
};

/** What both ways must agree on: everything but the grids the streaming pass does not keep. */
function comparable(parsed: ParsedWithCells): unknown {
  const table = (t: ParsedWithCells['registry'] | ParsedWithCells['support']) => ({
    sheet: t.sheet ? { name: t.sheet.name, visibility: t.sheet.visibility } : null,
    headerRow0: t.headerRow0,
    columns: t.columns,
    unknownColumns: t.unknownColumns,
    missing: t.missing,
    records: t.records,
  });
  return {
    meta: parsed.meta,
    metaRaw: parsed.metaRaw,
    metaCells: parsed.metaCells,
    profile: parsed.profile?.id ?? null,
    unit: parsed.unit?.code ?? null,
    registry: table(parsed.registry),
    support: table(parsed.support),
    report: parsed.report,
  };
}

async function expectSameVerdict(buf: Buffer): Promise<ParsedWithCells> {
  const grid = parseWorkbook(await readWorkbookBuffer(buf));
  const streamed = await readParsedWorkbookBuffer(buf);
  expect(comparable(streamed)).toEqual(comparable(grid));
  const findings = (p: ParsedWithCells) => JSON.stringify(checkParsed(p, { today: TODAY }).findings);
  expect(findings(streamed)).toBe(findings(grid));
  return streamed;
}

const PLANS: [string, () => TemplateSpec][] = [
  ['bac-ninh-2017 (BN-TS, 2020 Q3)', () => sample(120, 5, true).spec],
  ['vn-2025 (Phường Nha Trang 22366, Khánh Hoà, 2025 Q3)', () => sample(120, 6, true, 'vn-2025', '22366', 2025, 3).spec],
];

describe.each(PLANS)('one streaming pass gives the grid path verdict: %s', (_plan, build) => {
  test.each(Object.keys(VARIANTS))('%s', async (variant) => {
    const spec = build();
    VARIANTS[variant](spec);
    const streamed = await expectSameVerdict(await templateToBuffer(spec));
    // The registry's and the support log's rows become records as they are read: at most the
    // header search rows stay in the sheet model.
    expect(streamed.registry.sheet?.rows.length ?? 0).toBeLessThanOrEqual(10);
    expect(streamed.support.sheet?.rows.length ?? 0).toBeLessThanOrEqual(10);
  });
});

describe('rows out of order in the sheet XML (a hand-edited or damaged file)', () => {
  /** Swaps the `<row>` elements of rows `a` and `b` (1-based) of the registry's part (the
   *  template's second sheet, after the guide). */
  async function swapRows(buf: Buffer, a: number, b: number): Promise<Buffer> {
    const entries = await readZip(buf);
    const part = entries.find((e) => e.name === 'xl/worksheets/sheet2.xml');
    if (!part) throw new Error('no registry part');
    const xml = part.data.toString('utf8');
    const row = (n: number) => new RegExp(`<row r="${n}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`).exec(xml)?.[0] ?? '';
    const [ra, rb] = [row(a), row(b)];
    expect(ra && rb).toBeTruthy();
    part.data = Buffer.from(xml.replace(ra, '\u0000').replace(rb, ra).replace('\u0000', rb), 'utf8');
    return makeZip(entries);
  }

  test.each([
    ['within the header search rows', 2, 3],
    ['in the data', 40, 41],
  ])('%s: the same verdict as the grid path', async (_where, a, b) => {
    const buf = await swapRows(await templateToBuffer(sample(60, 3, true, 'vn-2025', '22366', 2025, 3).spec), a, b);
    await expectSameVerdict(buf);
  });
});
