/**
 * Office's document settings and `Document.getFileAsync`, as the fake models them (Common API,
 * any Excel that runs the pane). `get`/`set`/`remove` work on an in-memory copy; only
 * `saveAsync` writes them into the workbook, and it can fail. `reopen()` is the workbook closed
 * and opened again: what was not saved is gone.
 */
import type { DocumentSettings } from '../../../src/excel/office';

type SaveResult = { status: 'succeeded' | 'failed'; error?: { code: number; name: string; message: string } };

const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export class FakeSettings implements DocumentSettings {
  private live = new Map<string, unknown>();
  private saved = new Map<string, unknown>();
  private failures: string[] = [];
  saves = 0;

  /** The next save fails with this message (Office reports an error code and a message). */
  failNextSave(message = 'The settings could not be saved. (Internal Error)'): void {
    this.failures.push(message);
  }

  get(name: string): unknown {
    return this.live.has(name) ? copy(this.live.get(name)) : null;
  }

  set(name: string, value: unknown): void {
    if (typeof value === 'function') throw new TypeError('A setting cannot hold a function.');
    this.live.set(name, copy(value));
  }

  remove(name: string): void {
    this.live.delete(name);
  }

  saveAsync(callback?: (result: SaveResult) => void): void {
    const failure = this.failures.shift();
    setTimeout(() => {
      if (failure !== undefined) {
        callback?.({ status: 'failed', error: { code: 5001, name: 'Internal Error', message: failure } });
        return;
      }
      this.saves += 1;
      this.saved = new Map([...this.live].map(([k, v]) => [k, copy(v)]));
      callback?.({ status: 'succeeded' });
    }, 0);
  }

  /** What the workbook holds now: the settings as last saved. */
  persisted(name: string): unknown {
    return this.saved.has(name) ? copy(this.saved.get(name)) : null;
  }

  /** The workbook closed and opened again. */
  reopen(): void {
    this.live = new Map([...this.saved].map(([k, v]) => [k, copy(v)]));
  }
}
