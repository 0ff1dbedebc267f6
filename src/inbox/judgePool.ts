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
}

/**
 * Reading a workbook and running every rule is CPU work (≈0.3–1 s for 1,000 rows, mostly the
 * .xlsx read): on the event loop it would stall every other request, staff pages included.
 * A small pool of worker threads does it instead, one upload per worker at a time, so the
 * server uses every core and stays responsive. Each worker's heap is capped, so a hostile file
 * that slips past the zip guards kills one worker (the upload gets a 500), not the server.
 */
export class JudgePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(size: number, private readonly heapMb = 512) {
    for (let i = 0; i < size; i += 1) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // Under ts-jest/tsx this file is TypeScript: the worker loads it through tsx's require hook.
    const ts = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `judgeWorker.${ts ? 'ts' : 'js'}`), {
      execArgv: ts ? ['--require', 'tsx/cjs'] : [],
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, task: null };
    worker.on('message', (msg: { id: number; output?: JudgeOutput; error?: string }) => {
      const task = slot.task;
      slot.task = null;
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

  private replace(slot: Slot, error: Error): void {
    const task = slot.task;
    slot.task = null;
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
    for (const task of this.queue.splice(0)) task.reject(new Error('judge pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Judges on the pool when there is one, else inline (tests, `judgeWorkers: 0`). */
export function judge(pool: JudgePool | null, input: JudgeInput): Promise<JudgeOutput> {
  return pool ? pool.judge(input) : judgeBytes(input);
}
