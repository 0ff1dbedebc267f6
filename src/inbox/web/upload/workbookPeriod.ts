/**
 * The unit, plan and period a workbook says it is for (`_meta`, docs/workbook.md), read in the
 * browser before upload, so the page can say up front that another unit's workbook, or a Q3/2020
 * one, is not the Q3/2026 report selected. Only the small `_meta` part is read; anything unreadable gives null
 * (the inbox still checks the whole file and says what is wrong).
 */
import type JSZip from 'jszip';

export interface WorkbookPeriod {
  year: number;
  quarter: number;
  unit_code: string | null;
  /** The plan (`_meta` profile id). */
  profile: string | null;
}

const META_SHEET = '_meta';

function parseXml(text: string): Document {
  return new DOMParser().parseFromString(text, 'application/xml');
}

function byTag(node: Document | Element, tag: string): Element[] {
  return Array.from(node.getElementsByTagNameNS('*', tag));
}

/** `worksheets/sheet4.xml` or `/xl/worksheets/sheet4.xml` → `xl/worksheets/sheet4.xml`. */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

async function text(zip: JSZip, name: string): Promise<string | null> {
  const file = zip.file(name);
  return file ? file.async('string') : null;
}

/** Column A key → column B value of the `_meta` sheet. */
async function metaValues(zip: JSZip): Promise<Map<string, string> | null> {
  const [workbookXml, relsXml] = await Promise.all([text(zip, 'xl/workbook.xml'), text(zip, 'xl/_rels/workbook.xml.rels')]);
  if (!workbookXml || !relsXml) return null;
  const sheet = byTag(parseXml(workbookXml), 'sheet').find((s) => s.getAttribute('name') === META_SHEET);
  const relId = sheet ? Array.from(sheet.attributes).find((a) => a.localName === 'id')?.value : undefined;
  const rel = relId ? byTag(parseXml(relsXml), 'Relationship').find((r) => r.getAttribute('Id') === relId) : undefined;
  const target = rel?.getAttribute('Target');
  const sheetXml = target ? await text(zip, partPath(target)) : null;
  if (!sheetXml) return null;
  const sharedXml = await text(zip, 'xl/sharedStrings.xml');
  const shared = sharedXml ? byTag(parseXml(sharedXml), 'si').map((si) => byTag(si, 't').map((t) => t.textContent ?? '').join('')) : [];

  const cellText = (c: Element): string => {
    const type = c.getAttribute('t');
    if (type === 'inlineStr') return byTag(c, 't').map((t) => t.textContent ?? '').join('');
    const v = byTag(c, 'v')[0]?.textContent ?? '';
    return type === 's' ? (shared[Number(v)] ?? '') : v;
  };
  const values = new Map<string, string>();
  for (const row of byTag(parseXml(sheetXml), 'row')) {
    const cells = new Map<string, string>();
    for (const c of byTag(row, 'c')) cells.set((c.getAttribute('r') ?? '').replace(/\d+$/, ''), cellText(c));
    const key = cells.get('A')?.trim().toLowerCase();
    if (key && !values.has(key)) values.set(key, (cells.get('B') ?? '').trim());
  }
  return values;
}

/** The workbook's own period, or null when the file is not a readable template workbook. */
export async function readWorkbookPeriod(bytes: ArrayBuffer | Uint8Array): Promise<WorkbookPeriod | null> {
  try {
    const { default: JSZipImpl } = await import(/* webpackChunkName: "jszip" */ 'jszip');
    const values = await metaValues(await JSZipImpl.loadAsync(bytes));
    const year = Number(values?.get('year'));
    const quarter = Number(values?.get('quarter'));
    if (!Number.isInteger(year) || !Number.isInteger(quarter) || quarter < 1 || quarter > 4) return null;
    return { year, quarter, unit_code: values?.get('unit_code') || null, profile: values?.get('profile') || null };
  } catch {
    return null;
  }
}

/** Reads a chosen file (the browser's File) without uploading it. */
export async function readFilePeriod(file: Blob): Promise<WorkbookPeriod | null> {
  const bytes = await new Promise<ArrayBuffer | null>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result instanceof ArrayBuffer ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsArrayBuffer(file);
  });
  return bytes ? readWorkbookPeriod(bytes) : null;
}
