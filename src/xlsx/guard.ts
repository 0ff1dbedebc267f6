/**
 * Guards run before any .xlsx is parsed: a clerk may pick the wrong file (an old .xls, a CSV
 * export, a password-protected copy) and the inbox receives files from outside. Each failure is
 * one bilingual line naming the file and what to do, never a stack trace; a zip bomb is refused
 * from its central directory before anything is inflated.
 */
import { promises as fs } from 'fs';
import * as yauzl from 'yauzl';
import { UserError } from '../domain/errors';
import { sheetRefs, workbookXml, type SheetRef } from './fastRead';

export interface GuardOptions {
  /** Largest accepted file, in bytes (default 50 MB; env `VR_MAX_FILE_MB`). */
  maxBytes?: number;
  /** Largest total uncompressed size of all zip entries (default 40 × maxBytes). */
  maxUncompressedBytes?: number;
  /** Largest compression ratio of one entry bigger than 1 MB uncompressed (default 200). */
  maxRatio?: number;
  /** Name to show in messages (the inbox passes the uploaded file name). */
  displayName?: string;
}

const MB = 1024 * 1024;

export function defaultMaxBytes(): number {
  const fromEnv = Number(process.env.VR_MAX_FILE_MB);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? Math.round(fromEnv * MB) : 50 * MB;
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** An encrypted OOXML file is an OLE2 container with an `EncryptionInfo` stream (MS-OFFCRYPTO). */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

export type FileKind = 'zip' | 'encrypted' | 'ole2' | 'text' | 'unknown';

export function sniffKind(buf: Buffer): FileKind {
  if (buf.length >= 4 && (buf.subarray(0, 4).equals(ZIP_MAGIC) || buf.subarray(0, 4).equals(EMPTY_ZIP_MAGIC))) return 'zip';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE2_MAGIC)) {
    return buf.includes(ENCRYPTION_INFO) ? 'encrypted' : 'ole2';
  }
  const head = buf.subarray(0, Math.min(buf.length, 4096));
  if (head.length > 0 && !head.includes(0)) return 'text';
  return 'unknown';
}

function name(file: string, opts: GuardOptions): string {
  return opts.displayName ?? file;
}

/** Refuses anything that is not an .xlsx (zip) file, with the reason and the fix. */
export function assertXlsxBytes(buf: Buffer, displayName: string): void {
  const kind = sniffKind(buf);
  if (kind === 'zip') return;
  if (kind === 'encrypted') {
    throw new UserError(
      'encrypted',
      `Tệp ${displayName} được đặt mật khẩu: hãy mở bằng Excel, gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại.`,
      `${displayName} is password-protected: open it in Excel, remove the password (File > Info > Protect Workbook) and save it.`,
    );
  }
  if (kind === 'ole2') {
    throw new UserError(
      'xls_format',
      `Tệp ${displayName} là định dạng Excel 97-2003 (.xls): hãy mở bằng Excel và lưu lại dạng .xlsx (Sổ làm việc Excel).`,
      `${displayName} is an Excel 97-2003 (.xls) file: open it in Excel and save it as .xlsx (Excel Workbook).`,
    );
  }
  if (kind === 'text' || /\.(csv|txt|tsv)$/i.test(displayName)) {
    throw new UserError(
      'csv_format',
      `Tệp ${displayName} là tệp văn bản/CSV, không phải .xlsx: hãy dùng mẫu sổ theo dõi (vr new) và dán dữ liệu vào đó.`,
      `${displayName} is a text/CSV file, not .xlsx: use the registry template (vr new) and paste the data into it.`,
    );
  }
  throw new UserError(
    'not_xlsx',
    `Tệp ${displayName} không phải tệp Excel .xlsx: hãy chọn đúng tệp sổ theo dõi.`,
    `${displayName} is not an Excel .xlsx file: choose the registry workbook.`,
  );
}

function corrupt(displayName: string): UserError {
  return new UserError(
    'corrupt',
    `Tệp ${displayName} bị hỏng hoặc không đọc được: hãy mở bằng Excel, lưu lại, hoặc dùng bản sao lưu.`,
    `${displayName} is damaged or unreadable: open it in Excel and save it again, or use a backup.`,
  );
}

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** Reads the zip central directory only (nothing is inflated). */
export function listZipEntries(buf: Buffer, displayName: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(corrupt(displayName));
      const entries: ZipEntryInfo[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', () => reject(corrupt(displayName)));
      zip.readEntry();
    });
  });
}

function zipBomb(displayName: string, total: number, ratio?: number): UserError {
  const vi = ratio === undefined ? '' : `, tỉ lệ nén ${Math.round(ratio)}:1`;
  const en = ratio === undefined ? '' : `, ratio ${Math.round(ratio)}:1`;
  return new UserError(
    'zip_bomb',
    `Tệp ${displayName} giải nén ra quá lớn (${Math.round(total / MB)} MB${vi}): tệp không bình thường, không mở; hãy kiểm tra nguồn tệp.`,
    `${displayName} would inflate to too much data (${Math.round(total / MB)} MB${en}): refused as abnormal; check where the file came from.`,
  );
}

/** Two or more sheets of workbook.xml point to one worksheet part: Excel never writes that, and
 *  a reader would inflate and scan the part once per sheet (a thousand sheets on one 1 MB part
 *  is a gigabyte of work from a few kilobytes). */
export function sharedPartError(displayName: string, sheets?: number): UserError {
  return new UserError(
    'shared_part',
    `Tệp ${displayName} có ${sheets ? `${sheets} ` : 'nhiều '}sheet cùng trỏ tới một phần dữ liệu: Excel không tạo ra tệp như vậy, tệp bị từ chối trước khi đọc. Hãy mở bằng Excel, lưu lại thành tệp .xlsx mới rồi nộp lại.`,
    `${displayName} has ${sheets ? `${sheets} ` : 'several '}sheets pointing to one data part: Excel never writes such a file, so it was refused before reading. Open it in Excel, save it as a new .xlsx and submit again.`,
  );
}

/**
 * What reading will inflate: every part once, and a worksheet part once per sheet that
 * references it (the reader scans it per sheet).
 */
export function inflatedBudget(entries: ZipEntryInfo[], refs: SheetRef[]): number {
  const perRef = new Map<string, number>();
  for (const ref of refs) if (ref.part) perRef.set(ref.part, (perRef.get(ref.part) ?? 0) + 1);
  let total = 0;
  for (const entry of entries) total += entry.uncompressedSize * Math.max(1, perRef.get(entry.name) ?? 0);
  return total;
}

/** Refuses a zip whose declared inflated size or compression ratio is out of proportion, or
 *  whose sheets share a worksheet part; only the central directory, workbook.xml and its
 *  relationships are read. */
export async function assertSafeZip(buf: Buffer, opts: GuardOptions & { displayName: string }): Promise<ZipEntryInfo[]> {
  const maxBytes = opts.maxBytes ?? defaultMaxBytes();
  const maxTotal = opts.maxUncompressedBytes ?? maxBytes * 40;
  const maxRatio = opts.maxRatio ?? 200;
  const entries = await listZipEntries(buf, opts.displayName);
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (total > maxTotal || (entry.uncompressedSize > MB && ratio > maxRatio)) throw zipBomb(opts.displayName, total, ratio);
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw new UserError(
      'not_xlsx',
      `Tệp ${opts.displayName} là tệp nén nhưng không phải sổ làm việc Excel (.xlsx): hãy chọn đúng tệp.`,
      `${opts.displayName} is a zip archive but not an Excel workbook (.xlsx): choose the right file.`,
    );
  }
  let refs: SheetRef[];
  try {
    const { workbook, rels } = await workbookXml(buf);
    refs = sheetRefs(workbook, rels);
  } catch {
    throw corrupt(opts.displayName);
  }
  const seen = new Map<string, number>();
  for (const ref of refs) if (ref.part) seen.set(ref.part, (seen.get(ref.part) ?? 0) + 1);
  const shared = [...seen.values()].filter((n) => n > 1);
  if (shared.length > 0) throw sharedPartError(opts.displayName, shared.reduce((a, b) => a + b, 0));
  const budget = inflatedBudget(entries, refs);
  if (budget > maxTotal) throw zipBomb(opts.displayName, budget);
  return entries;
}

/** Reads a file the user named, refusing a missing path, a folder or an oversized file. */
export async function readInputBuffer(file: string, opts: GuardOptions = {}): Promise<Buffer> {
  const shown = name(file, opts);
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new UserError(
      'file_missing',
      `Không tìm thấy tệp ${shown}: kiểm tra lại đường dẫn và tên tệp.`,
      `File not found: ${shown}; check the path and file name.`,
    );
  }
  if (!stat.isFile()) {
    throw new UserError(
      'not_a_file',
      `${shown} là thư mục, không phải tệp: hãy chỉ ra tệp .xlsx trong thư mục đó.`,
      `${shown} is a folder, not a file: name the .xlsx file inside it.`,
    );
  }
  assertSize(stat.size, shown, opts);
  try {
    return await fs.readFile(file);
  } catch {
    throw new UserError(
      'not_a_file',
      `Không đọc được tệp ${shown}: kiểm tra quyền đọc tệp.`,
      `Cannot read ${shown}: check you have permission to read it.`,
    );
  }
}

export function assertSize(size: number, displayName: string, opts: GuardOptions = {}): void {
  const maxBytes = opts.maxBytes ?? defaultMaxBytes();
  if (size > maxBytes) {
    throw new UserError(
      'too_large',
      `Tệp ${displayName} lớn ${Math.ceil(size / MB)} MB, vượt giới hạn ${Math.round(maxBytes / MB)} MB: hãy xóa các sheet/ảnh không cần thiết, hoặc đặt VR_MAX_FILE_MB lớn hơn.`,
      `${displayName} is ${Math.ceil(size / MB)} MB, over the ${Math.round(maxBytes / MB)} MB limit: remove unneeded sheets/images, or set VR_MAX_FILE_MB higher.`,
    );
  }
}

/** Every guard on bytes already in memory (inbox uploads, files read by `readInputBuffer`). */
export async function guardXlsxBuffer(buf: Buffer, opts: GuardOptions = {}): Promise<ZipEntryInfo[]> {
  const shown = opts.displayName ?? 'tệp / file';
  assertSize(buf.length, shown, opts);
  assertXlsxBytes(buf, shown);
  return assertSafeZip(buf, { ...opts, displayName: shown });
}
