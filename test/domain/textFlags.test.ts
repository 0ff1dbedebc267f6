/**
 * FMT-05 (legacy encoding), FMT-06 (formula injection) and FMT-08 (unsafe text) look only at the
 * rows the parse marked as holding a text one of them objects to (src/domain/textFlags.ts). The
 * marks must never hide a finding: a check of the marked tables finds exactly what a scan of
 * every row finds.
 */
import fc from 'fast-check';
import '../../src/profiles/officialAll';
import { checkParsed } from '../../src/domain/check';
import { parseWorkbook, type ParsedWithCells } from '../../src/domain/parse';
import { specToWorkbook } from '../../src/domain/sample';
import type { CellValue } from '../../src/domain/sheet';
import { rowNeedsTextCheck, textNeedsCheck, textRowsOf } from '../../src/domain/textFlags';
import { sample, sheetOf } from '../cli/helpers';

const TODAY = new Date(Date.UTC(2025, 11, 1));

describe('textNeedsCheck: exactly the texts FMT-05, FMT-06 or FMT-08 object to', () => {
  test.each([
    ['legacy TCVN3 (FMT-05)', 'NguyÔn V¨n A', true],
    ['legacy VNI (FMT-05)', 'Nguyeãn Vaên B', true],
    ['a formula start (FMT-06)', '=1+1', true],
    ['a leading minus (FMT-06)', '-', true],
    ['a control character (FMT-08)', 'a\u0001b', true],
    ['a lone surrogate (FMT-08)', 'x\uD800y', true],
    ["over Excel's 32,767 characters (FMT-08)", 'y'.repeat(32_768), true],
    ['Unicode Vietnamese with Latin-1 letters', 'Đã xác định là nạn nhân', false],
    ['a name', 'Nguyễn Thị Hà', false],
    ['an emoji (a valid surrogate pair)', 'Hoa 🌸', false],
    ['tab, line feed and carriage return inside', 'a\tb\nc\rd', false],
  ])('%s', (_what, text, expected) => {
    expect(textNeedsCheck(text)).toBe(expected);
  });

  test('a row is marked when any of its cells in the table columns needs a check', () => {
    const cols = Int32Array.from([0, 2, -1]);
    expect(rowNeedsTextCheck(['Nguyễn Thị Hà', '=x', 'Có'], cols)).toBe(false); // '=x' is no table column
    expect(rowNeedsTextCheck(['Nguyễn Thị Hà', null, '=x'], cols)).toBe(true);
    // The same text again (remembered): the same verdict.
    expect(rowNeedsTextCheck(['=x'], Int32Array.from([0]))).toBe(true);
    expect(rowNeedsTextCheck([12, new Date(0), true], cols)).toBe(false);
  });
});

test('a cell is marked exactly when FMT-05, FMT-06 or FMT-08 would object to its text, for any text', () => {
  // The row scan decides most cells in one pass over their characters, without the rules' own
  // functions; it must never call a text clean that one of them objects to (a hidden finding),
  // nor mark one none of them does. Texts drawn from every UTF-16 code unit, Vietnamese and the
  // Latin-1 letters the legacy encodings use, formula starts and controls.
  const unit = fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('Ô', '¨', 'ã', 'ê', 'ễ', 'đ', '\u0301', '=', '+', '-', '@', '\t', '\n', '\r', '\u0001', '\uD83C\uDF38', ' ', 'a'),
  );
  const text = fc.array(unit, { maxLength: 24 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(text, (t) => rowNeedsTextCheck([t], Int32Array.from([0])) === (t !== '' && textNeedsCheck(t))),
    { numRuns: 3000 },
  );
  expect(rowNeedsTextCheck(['y'.repeat(32_768)], Int32Array.from([0]))).toBe(true);
  expect(rowNeedsTextCheck(['y'.repeat(32_767)], Int32Array.from([0]))).toBe(false);
});

const TRICKY: CellValue[] = ['NguyÔn V¨n A', 'Nguyeãn Vaên B', '=1+1', '+84', '@x', '\tabc', 'a\u0001b', 'x\uD800y', 'y'.repeat(40_000), 'nu', 'Có', 'Trong nước'];

/** The same tables in fresh arrays: no marks, so FMT's scan visits every row. */
function unmarked(parsed: ParsedWithCells): ParsedWithCells {
  return { ...parsed, registry: { ...parsed.registry, records: [...parsed.registry.records] }, support: { ...parsed.support, records: [...parsed.support.records] } };
}

test.each([
  ['bac-ninh-2017', 'BN-TS', 2020],
  ['vn-2025', '22366', 2025],
])('the marked rows hold every FMT-05/06/08 finding a full scan finds (%s)', (profile, unit, year) => {
  const { spec } = sample(200, 11, true, profile, unit, year, 3);
  let n = 0;
  for (const name of ['Sổ theo dõi', 'Hỗ trợ']) {
    const rows = sheetOf(spec, name).rows;
    // Every column gets some of the tricky texts, code-list columns included.
    for (let r = 1; r < rows.length; r++) for (let c = 0; c < rows[r].length; c++) if ((r * 31 + c * 7) % 97 === 0) rows[r][c] = TRICKY[n++ % TRICKY.length];
  }
  const parsed = parseWorkbook(specToWorkbook(spec));
  const marks = textRowsOf(parsed.registry.records);
  expect(marks).not.toBeNull();
  expect(marks!.length).toBeLessThan(parsed.registry.records.length / 2);
  const text = (p: ParsedWithCells) => JSON.stringify(checkParsed(p, { today: TODAY, only: ['FMT-05', 'FMT-06', 'FMT-08'] }).findings);
  const full = text(unmarked(parsed));
  expect(text(parsed)).toBe(full);
  for (const rule of ['FMT-05', 'FMT-06', 'FMT-08']) expect(full).toContain(`"rule":"${rule}"`);
});
