/**
 * How the consolidated summary (`Tổng hợp`) prints: A4 landscape at a fixed scale that keeps
 * every text at 8 pt or more, the unit columns (code, name, state) and the two header rows
 * repeated on every page, and the indicator columns cut into page-wide groups at section
 * boundaries (1.x, 2.x, 3.x, 4.x, 5.x; a long section between a support type's count and
 * amount pairs). Each group is its own print range: the first carries the letterhead and the
 * title, the last the signature blocks, so the printout reads group after group, each down to
 * the province total. Pure arithmetic on column widths: no exceljs here.
 */
import type { Blocks } from '../domain/templatePrint';

/** Print scale (percent): 11 pt text prints at 8.25 pt, the title at 9.75 pt. */
export const SUMMARY_SCALE = 75;
/** Smallest font size the summary writes (points): at SUMMARY_SCALE it prints at ≥ 8 pt. */
export const SUMMARY_FONT = 11;

/** A4 landscape (841.9 × 595.3 pt) less the margins of `pageSetupOf` (0.5 + 0.4 in across,
 *  0.6 + 0.6 in down), with 5 % to spare for a renderer's rounding. */
const PAGE_WIDTH_PT = (841.9 - 0.9 * 72) * 0.95;

/** Points a column `width` characters wide takes at 100 %. A width counts the default font's
 *  digits: Calibri's are 5.25 pt in Excel, but LibreOffice without Calibri (or Carlito) measures
 *  with its fallback, whose digits are 7 pt; the wider one is assumed, so a page never overflows. */
export function columnPoints(width: number): number {
  return width * 7 + 3.75;
}

/** Text width in column units, for either font: about 1.05 units a character of body text,
 *  1.35 for bold capitals. */
export function textUnits(text: string, caps = false): number {
  return Math.ceil(text.length * (caps ? 1.35 : 1.05)) + 1;
}

/** Lines a label takes when wrapped at word boundaries in a column `width` units wide. */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width / 1.05) - 1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (used > 0 && used + 1 + word.length <= perLine) {
      used += 1 + word.length;
      continue;
    }
    if (used > 0) lines += 1;
    // A word longer than the line breaks inside itself.
    const extra = Math.ceil(word.length / perLine) - 1;
    lines += extra;
    used = word.length - extra * perLine;
  }
  return lines;
}

export interface FigureColumn {
  /** `1.1`, `4.2`, `4.2 (đồng)` */
  code: string;
  width: number;
}

export interface SummaryLayout {
  /** Column widths: code, name, state, then every figure column. */
  widths: number[];
  /** 0-based, inclusive column ranges of each printed group (the unit columns excluded). */
  groups: [number, number][];
  /** The letterhead's blocks (within the first group's page). */
  header: Blocks;
  /** The signature blocks (within the last group's page). */
  signature: Blocks;
  /** Last column (0-based) of the first page: titles are merged up to it. */
  firstPageEnd: number;
}

const section = (code: string): string => code.split(/[ .]/)[0];
const pairKey = (code: string): string => code.replace(/\s*\(đồng\)$/u, '');

/**
 * Lays the summary out. `unitWidths` are the three unit columns; `columns` the figure columns in
 * order (a support type's count column directly followed by its amount column). `header`
 * gives the widest text of each letterhead side, `signature` the widest signature title.
 */
export function summaryLayout(
  unitWidths: [number, number, number],
  columns: FigureColumn[],
  header: { left: number; right: number },
  signatureRight: number,
): SummaryLayout {
  const capacity = (PAGE_WIDTH_PT * 100) / SUMMARY_SCALE - unitWidths.reduce((n, w) => n + columnPoints(w), 0);
  // Atoms never split: one column, or a support type's count and amount.
  const atoms: { first: number; last: number; points: number; section: string }[] = [];
  columns.forEach((c, i) => {
    const col = 3 + i;
    const prev = atoms[atoms.length - 1];
    if (prev && i > 0 && pairKey(columns[i - 1].code) === pairKey(c.code)) {
      prev.last = col;
      prev.points += columnPoints(c.width);
    } else atoms.push({ first: col, last: col, points: columnPoints(c.width), section: section(c.code) });
  });
  // Whole sections while they fit; a section wider than a page is cut between atoms.
  const groups: (typeof atoms)[] = [];
  let current: typeof atoms = [];
  let used = 0;
  const flush = () => {
    if (current.length > 0) groups.push(current);
    current = [];
    used = 0;
  };
  const sections = new Map<string, typeof atoms>();
  for (const a of atoms) sections.set(a.section, [...(sections.get(a.section) ?? []), a]);
  for (const list of sections.values()) {
    const points = list.reduce((n, a) => n + a.points, 0);
    // A section that fits a page is never cut: it starts a page when the current one is too
    // full. A longer one is cut anyway, so it fills the current page first.
    if (used > 0 && used + points > capacity && points <= capacity) flush();
    for (const a of list) {
      if (used > 0 && used + a.points > capacity) flush();
      current.push(a);
      used += a.points;
    }
  }
  flush();
  // The last page carries the head of department's signature: give it room, from the page before.
  const signaturePoints = columnPoints(signatureRight);
  const width = (g: typeof atoms) => g.reduce((n, a) => n + a.points, 0);
  while (groups.length > 1) {
    const last = groups[groups.length - 1];
    const before = groups[groups.length - 2];
    if (width(last) >= signaturePoints || before.length < 2) break;
    // The page before gives its whole last section when it can (5.1 stays with 5.2), else one column.
    const tail = before.filter((a) => a.section === before[before.length - 1].section);
    const moving = tail.length < before.length && width(last) + width(tail) <= capacity ? tail : before.slice(-1);
    if (width(last) + width(moving) > capacity) break;
    before.splice(before.length - moving.length, moving.length);
    last.unshift(...moving);
  }
  const ranges = groups.map((g): [number, number] => [g[0].first, g[g.length - 1].last]);
  if (ranges.length === 0) ranges.push([3, 2]);
  const widths = [...unitWidths, ...columns.map((c) => c.width)];
  const firstPageEnd = Math.max(2, ranges[0][1]);

  // Letterhead: the left block over the unit columns (wider when the issuer's name needs it),
  // the motto at the right of the first page.
  let leftEnd = 2;
  const span = (from: number, to: number) => widths.slice(from, to + 1).reduce((n, w) => n + w, 0);
  while (leftEnd < firstPageEnd - 1 && span(0, leftEnd) < header.left) leftEnd++;
  let rightStart = firstPageEnd;
  while (rightStart > leftEnd + 1 && span(rightStart, firstPageEnd) < header.right) rightStart--;
  const lastRange = ranges[ranges.length - 1];
  const lastEnd = Math.max(2, lastRange[1]);
  let signStart = lastEnd;
  const signFloor = ranges.length > 1 ? lastRange[0] : 3;
  while (signStart > signFloor && span(signStart, lastEnd) < signatureRight) signStart--;
  return {
    widths,
    groups: ranges,
    header: { left: [0, leftEnd], right: [Math.max(leftEnd + 1, rightStart), firstPageEnd] },
    signature: { left: [0, 2], right: [Math.max(3, signStart), lastEnd] },
    firstPageEnd,
  };
}

/** 1-based column number → letters. */
export function columnLetter1(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The print ranges (A1 references, 1-based rows): the first group from the top of the sheet to
 * the total row, the middle groups from the header rows to the total row, the last down to the
 * signatures; the unit columns and header rows are the print titles.
 */
export function printRanges(layout: SummaryLayout, headerRow1: number, totalRow1: number, lastRow1: number): string[] {
  const { groups } = layout;
  return groups.map(([from, to], i) => {
    const top = i === 0 ? 1 : headerRow1;
    const bottom = i === groups.length - 1 ? lastRow1 : totalRow1;
    const left = i === 0 ? 'A' : columnLetter1(from + 1);
    return `$${left}$${top}:$${columnLetter1(Math.max(to, 2) + 1)}$${bottom}`;
  });
}

/** Printable height of A4 landscape less the margins (0.6 + 0.6 in), in sheet points at the
 *  summary's scale. */
const PAGE_HEIGHT = ((595.3 - 1.2 * 72) * 100) / SUMMARY_SCALE;

/**
 * Whether the signature blocks could be cut by a page end (the head of department's name on a
 * page of its own): the last print range's pages are counted row by row, every page repeating
 * the header rows (`titleHeight`); the range's own rows above the table (`aboveHeight`, the
 * letterhead when there is one range) take the first page's top. A renderer may fit a row more
 * or less per page than this count, so the answer is yes when either would cut.
 */
export function signatureCut(opts: { aboveHeight: number; titleHeight: number; dataRows: number; rowHeight: number; signatureRows: number }): boolean {
  const cut = (pageHeight: number): boolean => {
    const perPage = pageHeight - opts.titleHeight;
    let left = perPage - opts.aboveHeight;
    for (let i = 0; i < opts.dataRows; i++) {
      if (left < opts.rowHeight) left = perPage;
      left -= opts.rowHeight;
    }
    return left < opts.signatureRows * opts.rowHeight;
  };
  return cut(PAGE_HEIGHT) || cut(PAGE_HEIGHT * 0.94);
}
