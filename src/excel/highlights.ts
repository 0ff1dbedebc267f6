/**
 * Colouring the findings' cells and giving the clerk's own fills back, over Office.js. The
 * clerk's fills are remembered in the workbook's document settings before any cell is coloured,
 * so a failed save colours nothing and no colour of the clerk's is ever lost.
 */
import type { Finding } from '../domain/finding';
import { readJsonSetting, saveDocumentSettings, type DocumentSettings } from './documentSettings';
import { HIGHLIGHT_FILL, HIGHLIGHT_STORE_KEY, type HighlightStore } from './shell';

/** Cells whose fill one request reads: each costs a range, its format, its fill and a load in
 *  the request (about 370 bytes of Office.js's message), so 8,000 stay near 3 MB. */
export const FILL_CELLS_PER_REQUEST = 8_000;

type Run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const OUR_FILLS = new Set(Object.values(HIGHLIGHT_FILL).map((c) => c.toUpperCase()));

function worstFinding(findings: readonly Finding[]): Map<string, Map<string, Finding['severity']>> {
  const order = { fatal: 0, error: 1, warning: 2, info: 3 } as const;
  const cells = new Map<string, Map<string, Finding['severity']>>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    let sheet = cells.get(f.sheet);
    if (!sheet) cells.set(f.sheet, (sheet = new Map()));
    const prev = sheet.get(f.cell);
    if (!prev || order[f.severity] < order[prev]) sheet.set(f.cell, f.severity);
  }
  return cells;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Colours each finding's cell by its worst severity: reads the clerk's fills (one sync per
 * FILL_CELLS_PER_REQUEST cells), saves them in the document settings, then colours (one sync
 * per chunk). Returns the number of cells coloured.
 */
export async function highlightCells(run: Run, settings: DocumentSettings, findings: readonly Finding[]): Promise<number> {
  const store = readJsonSetting<HighlightStore>(settings, HIGHLIGHT_STORE_KEY, {});
  const list: { sheet: string; address: string; severity: Finding['severity'] }[] = [];
  for (const [sheet, byCell] of worstFinding(findings)) for (const [address, severity] of byCell) list.push({ sheet, address, severity });
  if (list.length === 0) return 0;
  await run(async (context) => {
    // One proxy per sheet: a getItem per cell would add its own object path to each cell's
    // share of the request.
    const sheets = new Map<string, Excel.Worksheet>();
    const ws = (name: string): Excel.Worksheet => {
      let sheet = sheets.get(name);
      if (!sheet) sheets.set(name, (sheet = context.workbook.worksheets.getItem(name)));
      return sheet;
    };
    const parts = chunk(list, FILL_CELLS_PER_REQUEST);
    const fills: Excel.RangeFill[][] = [];
    for (const part of parts) {
      const loaded = part.map((c) => ws(c.sheet).getRange(c.address).format.fill.load('color'));
      await context.sync();
      part.forEach((c, i) => {
        const remembered = (store[c.sheet] ??= {});
        // A cell already coloured by us keeps the clerk's fill remembered the first time.
        if (!(c.address in remembered)) {
          const color = loaded[i].color;
          remembered[c.address] = color && !OUR_FILLS.has(color.toUpperCase()) ? color : null;
        }
      });
      fills.push(loaded);
    }
    const before = settings.get(HIGHLIGHT_STORE_KEY);
    settings.set(HIGHLIGHT_STORE_KEY, JSON.stringify(store));
    try {
      await saveDocumentSettings(settings);
    } catch (error) {
      if (before === null || before === undefined) settings.remove(HIGHLIGHT_STORE_KEY);
      else settings.set(HIGHLIGHT_STORE_KEY, before);
      throw error;
    }
    for (let p = 0; p < parts.length; p++) {
      parts[p].forEach((c, i) => (fills[p][i].color = HIGHLIGHT_FILL[c.severity]));
      await context.sync();
    }
  });
  return list.length;
}

/** Gives every coloured cell its remembered fill back: one sync for the sheet names, then two
 *  per FILL_CELLS_PER_REQUEST cells; a cell the clerk re-coloured since keeps the clerk's colour,
 *  a sheet deleted since is skipped. */
export async function clearCellHighlights(run: Run, settings: DocumentSettings): Promise<void> {
  const store = readJsonSetting<HighlightStore>(settings, HIGHLIGHT_STORE_KEY, {});
  const list: { sheet: string; address: string; original: string | null }[] = [];
  for (const [sheet, byCell] of Object.entries(store)) for (const [address, original] of Object.entries(byCell)) list.push({ sheet, address, original });
  if (list.length > 0) {
    await run(async (context) => {
      const existing = context.workbook.worksheets;
      existing.load('items/name');
      await context.sync();
      const sheets = new Map(existing.items.map((ws) => [ws.name, ws]));
      const present = list.filter((c) => sheets.has(c.sheet));
      for (const part of chunk(present, FILL_CELLS_PER_REQUEST)) {
        const fills = part.map((c) => (sheets.get(c.sheet) as Excel.Worksheet).getRange(c.address).format.fill.load('color'));
        await context.sync();
        part.forEach((c, i) => {
          const now = fills[i].color;
          if (!now || !OUR_FILLS.has(now.toUpperCase())) return;
          if (c.original === null || c.original.toUpperCase() === '#FFFFFF') fills[i].clear();
          else fills[i].color = c.original;
        });
        await context.sync();
      }
    });
  }
  settings.remove(HIGHLIGHT_STORE_KEY);
  await saveDocumentSettings(settings);
}
