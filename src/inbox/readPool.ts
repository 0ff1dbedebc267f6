import { UserError, type UserErrorCode } from '../domain/errors';
import type { WorkbookModel } from '../domain/sheet';
import { readWorkbookBuffer } from '../xlsx/read';
import { HttpError } from './auth';
import { busyFor } from './readDelay';
import type { InboxContext } from './storage/types';
import { WorkerPool } from './workerPool';

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

interface ReadInput {
  bytes: Uint8Array;
  label: string;
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
  private readonly pool: WorkerPool<ReadInput, WorkbookModel>;

  /** Workers start on the first read, not with the server: most processes never consolidate. */
  constructor(readonly options: ReadPoolOptions) {
    this.pool = new WorkerPool<ReadInput, WorkbookModel>(
      {
        file: 'readWorker',
        name: 'read',
        workerData: { delayMs: options.delayMs ?? 0 },
        heapMb: options.heapMb,
        // The bytes are transferred, not cloned again.
        post: (id, input) => ({ message: { id, bytes: input.bytes, displayName: input.label }, transfer: [input.bytes.buffer as ArrayBuffer] }),
        answer: (msg) => {
          if (msg.model) return { value: ownDates(msg.model as WorkbookModel) };
          const error = msg.error as { message?: string; code?: string; message_vi?: string; message_en?: string } | undefined;
          if (error?.message_vi && error.message_en) return { error: new UserError((error.code ?? 'bad_file') as UserErrorCode, error.message_vi, error.message_en) };
          return { error: new Error(error?.message ?? 'read failed') };
        },
        timedOut: (input, limitMs) => ({ error: unreadable(input.label, 'timeout', limitMs) }),
        // A worker that dies mid-read ran out of its heap (or crashed on the file): name the workbook.
        died: (input, error, limitMs) =>
          /ERR_WORKER_OUT_OF_MEMORY|exited/.test(`${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`) ? unreadable(input.label, 'memory', limitMs) : error,
      },
      options.size,
      options.timeoutMs,
      false,
    );
  }

  /** Reads one workbook's bytes on a worker; 503 (`readers_busy`) when the queue is full,
   *  unless `bounded` is false (the insight digests: one read per stored version, then cached). */
  read(bytes: Buffer, label: string, bounded = true): Promise<WorkbookModel> {
    if (bounded && !this.pool.idle && this.pool.waiting >= this.options.maxQueue) return Promise.reject(readersBusy());
    // A copy the worker owns.
    const own = new Uint8Array(bytes.byteLength);
    own.set(bytes);
    return this.pool.run({ bytes: own, label });
  }

  close(): Promise<void> {
    return this.pool.close();
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

