/**
 * Office's document settings: the pane's settings and the clerk's remembered fills are kept in
 * the workbook. `set`/`remove` change an in-memory copy; only `saveAsync` writes it into the
 * workbook, and it can fail (a read-only file, a full disk): the clerk is told, in both languages.
 */
import { UserError } from '../domain/errors';

/** Document settings as Office.js offers them (saved inside the workbook). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  remove(name: string): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

/** A JSON value kept under `key`, or `fallback` when absent or unreadable. */
export function readJsonSetting<T>(settings: DocumentSettings, key: string, fallback: T): T {
  const raw = settings.get(key);
  if (typeof raw !== 'string') return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

/** Saves the settings into the workbook; a failure is the clerk's message. */
export function saveDocumentSettings(settings: DocumentSettings): Promise<void> {
  return new Promise((resolve, reject) =>
    settings.saveAsync((result) =>
      result.status === 'failed'
        ? reject(
            new UserError(
              'excel_failed',
              `Excel không lưu được cài đặt vào sổ làm việc (${result.error?.message ?? 'không rõ lý do'}). Hãy lưu tệp (Ctrl+S), kiểm tra tệp không ở chế độ chỉ đọc, rồi thử lại.`,
              `Excel could not save the settings into the workbook (${result.error?.message ?? 'no reason given'}). Save the file (Ctrl+S), make sure it is not read-only, and try again.`,
            ),
          )
        : resolve(),
    ),
  );
}
