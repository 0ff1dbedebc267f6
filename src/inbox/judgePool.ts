import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { judgeBytes, type JudgeInput, type JudgeOutput } from './judge';

interface Task {
  id: number;
  input: JudgeInput;
  resolve: (o: JudgeOutput) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  /** The worker has loaded its code: a task's time limit runs from then, not from its boot. */
  online: boolean;
  timer: NodeJS.Timeout | null;
}

/** Default time limit on checking one upload (setting `VR_INBOX_CHECK_TIMEOUT_MS`). */
export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

/** The answer for an upload whose check ran past the limit (the worker is replaced). */
export function checkTimeout(input: Pick<JudgeInput, 'displayName'>, limitMs: number): JudgeOutput {
  const seconds = Math.max(1, Math.round(limitMs / 1000));
  return {
    ok: false,
    status: 422,
    code: 'check_timeout',
    message_vi: `Kiểm tra tệp ${input.displayName} mất quá ${seconds} giây nên đã bị dừng; tệp chưa được nhận. Tệp có thể quá lớn hoặc bất thường: hãy xoá các sheet, dòng không cần thiết, lưu lại bằng Excel rồi nộp lại; nếu vẫn vậy, liên hệ Sở.`,
    message_en: `Checking ${input.displayName} took more than ${seconds} seconds and was stopped; the file was not received. It may be too large or abnormal: remove unneeded sheets and rows, save it again in Excel and resubmit; if it happens again, contact the province.`,
    extra: { limit_ms: limitMs },
  };
}

/**
 * Reading a workbook and running every rule is CPU work (≈0.3–1 s for 1,000 rows, mostly the
 * .xlsx read): on the event loop it would stall every other request, staff pages included.
 * A small pool of worker threads does it instead, one upload per worker at a time, so the
 * server uses every core and stays responsive. Each worker's heap is capped, so a hostile file
 * that slips past the zip guards kills one worker (the upload gets a 500), not the server; one
 * whose check runs past `timeoutMs` is refused and its worker terminated and replaced, so a
 * slow hostile file holds one worker for at most the limit.
 */
export class JudgePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  /** Time limit on one check, from the moment a loaded worker starts it. */
  timeoutMs: number;

  constructor(size: number, private readonly heapMb = 512, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS) {
    this.timeoutMs = timeoutMs;
    for (let i = 0; i < size; i += 1) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // Under ts-jest/tsx this file is TypeScript: the worker loads it through tsx's require hook.
    const ts = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `judgeWorker.${ts ? 'ts' : 'js'}`), {
      execArgv: ts ? ['--require', 'tsx/cjs'] : [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, task: null, online: false, timer: null };
    worker.on('message', (msg: { id?: number; ready?: boolean; output?: JudgeOutput; error?: string }) => {
      if (msg.ready) {
        slot.online = true;
        if (slot.task) this.arm(slot);
        return;
      }
      const task = slot.task;
      slot.task = null;
      this.disarm(slot);
      if (task && task.id === msg.id) {
        if (msg.output) task.resolve(msg.output);
        else task.reject(new Error(msg.error ?? 'judge failed'));
      }
      this.pump();
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`judge worker exited with ${code}`));
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
      task.resolve(checkTimeout(task.input, this.timeoutMs));
      this.replace(slot, new Error('judge timed out'));
    }, this.timeoutMs);
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
    task?.reject(error);
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage({ id: task.id, input: task.input });
      if (slot.online) this.arm(slot);
    }
  }

  judge(input: JudgeInput): Promise<JudgeOutput> {
    if (this.closed) return Promise.reject(new Error('judge pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) this.disarm(slot);
    for (const task of this.queue.splice(0)) task.reject(new Error('judge pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Judges on the pool when there is one, else inline (tests, `judgeWorkers: 0`). */
export function judge(pool: JudgePool | null, input: JudgeInput): Promise<JudgeOutput> {
  return pool ? pool.judge(input) : judgeBytes(input);
}
