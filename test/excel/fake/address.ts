/** A1 addresses as Excel accepts them in `getRange`: `B3`, `$B$3`, `A3:W503`, whole rows `5:6`,
 *  whole columns `A:C`, optionally after a sheet name (`'Sổ theo dõi'!A3:W503`). */
import { FakeOfficeError } from './errors';

export const MAX_ROW0 = 1_048_575;
export const MAX_COL0 = 16_383;

export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

function column0(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function letters(col0: number): string {
  let n = col0 + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Splits `'Sheet name'!A1:B2` into the sheet (unquoted, `''` -> `'`) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

export function parseBox(address: string): Box {
  const { local } = splitSheet(address.trim());
  const parts = local.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) throw new FakeOfficeError('InvalidArgument', `Not a range address: "${address}".`);
  const ends = parts.map((p) => {
    const cell = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(p);
    if (cell) return { r: Number(cell[2]) - 1, c: column0(cell[1]), kind: 'cell' as const };
    const row = /^\$?(\d{1,7})$/.exec(p);
    if (row) return { r: Number(row[1]) - 1, c: -1, kind: 'row' as const };
    const col = /^\$?([A-Za-z]{1,3})$/.exec(p);
    if (col) return { r: -1, c: column0(col[1]), kind: 'col' as const };
    throw new FakeOfficeError('InvalidArgument', `Not a range address: "${address}".`);
  });
  const [a, b = a] = ends;
  if (a.kind !== b.kind) throw new FakeOfficeError('InvalidArgument', `Not a range address: "${address}".`);
  if (a.kind === 'cell' && parts.length === 1 && ends.length === 1) {
    // a single cell
  } else if (a.kind !== 'cell' && parts.length === 1) {
    throw new FakeOfficeError('InvalidArgument', `Not a range address: "${address}".`);
  }
  const box: Box =
    a.kind === 'row'
      ? { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: 0, c1: MAX_COL0 }
      : a.kind === 'col'
        ? { r0: 0, r1: MAX_ROW0, c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) }
        : { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
  if (box.r0 < 0 || box.c0 < 0 || box.r1 > MAX_ROW0 || box.c1 > MAX_COL0) throw new FakeOfficeError('InvalidArgument', `Outside the sheet: "${address}".`);
  return box;
}

/** The address Excel reports: `Sheet!A1:B2`, `Sheet!5:6` for whole rows, quoted when needed. */
export function formatBox(sheet: string, box: Box): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  let local: string;
  if (box.c0 === 0 && box.c1 === MAX_COL0) local = `${box.r0 + 1}:${box.r1 + 1}`;
  else if (box.r0 === 0 && box.r1 === MAX_ROW0) local = `${letters(box.c0)}:${letters(box.c1)}`;
  else {
    const a = `${letters(box.c0)}${box.r0 + 1}`;
    const b = `${letters(box.c1)}${box.r1 + 1}`;
    local = a === b ? a : `${a}:${b}`;
  }
  return `${quoted}!${local}`;
}

export function cellCount(box: Box): number {
  return (box.r1 - box.r0 + 1) * (box.c1 - box.c0 + 1);
}

export function overlaps(a: Box, b: Box): boolean {
  return a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
}
