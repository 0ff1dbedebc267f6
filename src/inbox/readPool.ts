import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError, type UserErrorCode } from '../domain/errors';
import type { WorkbookModel } from '../domain/sheet';
import { readWorkbookBuffer } from '../xlsx/read';
import { HttpError } from './auth';
import { busyFor } from './readDelay';
import type { InboxContext } from './storage/types';

export interface ReadPoolOptions {
  /** Worker threads (`VR_INBOX_READ_WORKERS`, default 1): stored workbooks read at once. */
  size: number;
  /** Reads waiting for a worker beyond which a new one is refused with 503 (`VR_INBOX_READ_QUEUE`, default 8). */
  maxQueue: number;
  /** Time limit on reading one stored workbook (`VR_INBOX_READ_TIMEOUT_MS`, default 20 s). */
  timeoutMs: number;
  /** Heap cap of each worker, MB (`VR_INBOX_READ_HEAP_MB`, default 512). */
  heapMb: number;
  /** Tests only: each read first keeps its worker busy this long, standing in for a slow workbook. */
  delayMs?: number;
}

export const DEFAULT_READ_OPTIONS: ReadPoolOptions = { size: 1, maxQueue: 8, timeoutMs: 20_000, heapMb: 512 };

interface Task {
  id: number;
  bytes: Uint8Array;
  label: string;
  resolve: (m: WorkbookModel) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  online: boolean;
  timer: NodeJS.Timeout | null;
}

/** The answer when every reader is busy and the queue is full. */
export function readersBusy(): HttpError {
  return new HttpError(
    503,
    'readers_busy',
    'Máy chủ đang đọc nhiều sổ đã lưu cho các yêu cầu tổng hợp, xu hướng hoặc xuất tệp khác; hãy thử lại sau ít phút.',
    'The server is busy reading stored workbooks for other consolidations, trends or exports; try again in a few minutes.',
    {},
    { 'retry-after': '30' },
  );
}

/** The answer for a stored workbook that could not be read within the limit or the memory cap. */
export function unreadable(label: string, why: 'timeout' | 'memory', limitMs: number): HttpError {
  const seconds = Math.max(1, Math.round(limitMs / 1000));
  const vi = why === 'timeout' ? `đọc quá ${seconds} giây nên đã bị dừng` : 'cần quá nhiều bộ nhớ nên đã bị dừng';
  const en = why === 'timeout' ? `took more than ${seconds} seconds to read and was stopped` : 'needed too much memory and was stopped';
  return new HttpError(
    422,
    'stored_workbook_unreadable',
    `Sổ đã lưu ${label} ${vi}. Hãy trả lại bản nộp này cho đơn vị (yêu cầu lưu lại bằng Excel rồi nộp lại) rồi tổng hợp/xuất lại.`,
    `The stored workbook ${label} ${en}. Return this submission to its unit (ask them to save it again in Excel and resubmit), then consolidate/export again.`,
    { unreadable: [label] },
  );
}

/**
 * Stored workbooks are read again for the consolidated workbook, trends, the HTCDS export and
 * other staff downloads. Reading .xlsx is CPU work, and a workbook that is slow to read (one
 * that finished its upload check just under the limit) would hold the event loop, so every
 * other request, for as long as it takes, every time. A small pool of worker threads reads them
 * instead: a bounded queue (503 with Retry-After when full), a time limit per workbook (past it
 * the worker is replaced and the request answered 422 naming the workbook) and a heap cap per
 * worker (a workbook past it kills one worker, not the server).
 */
export class ReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  /** Workers start on the first read, not with the server: most processes never consolidate. */
  constructor(readonly options: ReadPoolOptions) {}

  private spawn(): Slot {
    const ts = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `readWorker.${ts ? 'ts' : 'js'}`), {
      execArgv: ts ? ['--require', 'tsx/cjs'] : [],
      workerData: { delayMs: this.options.delayMs ?? 0 },
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    const slot: Slot = { worker, task: null, online: false, timer: null };
    worker.on('message', (msg: { id?: number; ready?: boolean; model?: WorkbookModel; error?: { message: string; code?: string; message_vi?: string; message_en?: string } }) => {
      if (msg.ready) {
        slot.online = true;
        if (slot.task) this.arm(slot);
        return;
      }
      const task = slot.task;
      slot.task = null;
      this.disarm(slot);
      if (task && task.id === msg.id) {
        if (msg.model) task.resolve(ownDates(msg.model));
        else if (msg.error?.message_vi && msg.error.message_en) task.reject(new UserError((msg.error.code ?? 'bad_file') as UserErrorCode, msg.error.message_vi, msg.error.message_en));
        else task.reject(new Error(msg.error?.message ?? 'read failed'));
      }
      this.pump();
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`read worker exited with ${code}`));
    });
    worker.unref();
    return slot;
  }

  private arm(slot: Slot): void {
    this.disarm(slot);
    const task = slot.task;
    if (!task) return;
    slot.timer = setTimeout(() => {
      if (slot.task !== task) return;
      slot.task = null;
      task.reject(unreadable(task.label, 'timeout', this.options.timeoutMs));
      this.replace(slot, new Error('read timed out'));
    }, this.options.timeoutMs);
    slot.timer.unref();
  }

  private disarm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private replace(slot: Slot, error: Error): void {
    const task = slot.task;
    slot.task = null;
    this.disarm(slot);
    // A worker that dies mid-read ran out of its heap (or crashed on the file): name the workbook.
    if (task) task.reject(/ERR_WORKER_OUT_OF_MEMORY|exited/.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`) ? unreadable(task.label, 'memory', this.options.timeoutMs) : error);
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    const busy = this.slots.filter((s) => s.task).length;
    const size = Math.max(1, this.options.size);
    for (let i = busy; i < Math.min(size, busy + this.queue.length) && this.slots.length < size; i += 1) {
      if (this.slots.length - busy >= this.queue.length) break;
      this.slots.push(this.spawn());
    }
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage({ id: task.id, bytes: task.bytes, displayName: task.label }, [task.bytes.buffer as ArrayBuffer]);
      if (slot.online) this.arm(slot);
    }
  }

  /** Reads one workbook's bytes on a worker; 503 (`readers_busy`) when the queue is full,
   *  unless `bounded` is false (the insight digests: one read per stored version, then cached). */
  read(bytes: Buffer, label: string, bounded = true): Promise<WorkbookModel> {
    if (this.closed) return Promise.reject(new Error('read pool closed'));
    const idle = this.slots.length < Math.max(1, this.options.size) || this.slots.some((s) => !s.task);
    if (bounded && !idle && this.queue.length >= this.options.maxQueue) return Promise.reject(readersBusy());
    // A copy the worker owns (transferred, not cloned again).
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes: own, label, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) this.disarm(slot);
    for (const task of this.queue.splice(0)) task.reject(new Error('read pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * The model as this thread's own values: a message's dates are made by the runtime's structured
 * clone, and a date from another context fails `instanceof Date` (the rules' date checks) where
 * the reader runs in a sandbox of its own (a test runner's, an embedding host's). O(cells).
 */
function ownDates(model: WorkbookModel): WorkbookModel {
  for (const sheet of model.sheets) {
    for (const row of sheet.rows) {
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const v = row[c] as unknown;
        if (v !== null && typeof v === 'object' && !(v instanceof Date) && Object.prototype.toString.call(v) === '[object Date]') row[c] = new Date((v as Date).getTime());
      }
    }
  }
  return model;
}

/** Reads a stored workbook (decrypted by the file store) on the read pool when there is one, else inline. */
export async function readStored(ctx: Pick<InboxContext, 'files' | 'readers'> & { config?: Pick<InboxContext['config'], 'readers'> }, fileKey: string, label: string, bounded = true): Promise<WorkbookModel> {
  const bytes = await ctx.files.read(fileKey);
  if (ctx.readers) return ctx.readers.read(bytes, label, bounded);
  busyFor(ctx.config?.readers.delayMs ?? 0);
  return readWorkbookBuffer(bytes);
}

