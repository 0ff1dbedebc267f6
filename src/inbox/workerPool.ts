import path from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** What a task settles to: a value, or the error it is rejected with. */
export type Outcome<Out> = { value: Out } | { error: Error };

/** One kind of work done on worker threads: the worker module, and how its messages read. */
export interface WorkerJob<In, Out> {
  /** The worker module beside this one (`judgeWorker`); run as TypeScript under ts-jest or tsx. */
  file: string;
  /** What the pool is called in its own errors (`judge`, `read`). */
  name: string;
  workerData?: unknown;
  /** Heap cap of each worker, MB: a task past it kills its worker, not the server. */
  heapMb: number;
  /** The message that hands `input` to a worker, and the buffers it transfers. */
  post(id: number, input: In): { message: unknown; transfer?: TransferListItem[] };
  /** The worker's answer to a task. */
  answer(message: Record<string, unknown>): Outcome<Out>;
  /** A task past the time limit (its worker is replaced). */
  timedOut(input: In, limitMs: number): Outcome<Out>;
  /** A task whose worker died under it (out of memory, a crash). */
  died(input: In, error: Error, limitMs: number): Error;
}

interface Task<In, Out> {
  id: number;
  input: In;
  resolve: (o: Out) => void;
  reject: (e: Error) => void;
}

interface Slot<In, Out> {
  worker: Worker;
  task: Task<In, Out> | null;
  /** The worker has loaded its code: a task's time limit runs from then, not from its boot. */
  online: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * A small pool of worker threads, one task per worker at a time: a queue, a time limit per task
 * from the moment a loaded worker starts it (past it the worker is terminated and replaced), a
 * heap cap per worker, and a worker that dies replaced. The upload check (judgePool.ts) and the
 * reading of stored workbooks (readPool.ts) are two jobs on it.
 */
export class WorkerPool<In, Out> {
  private readonly slots: Slot<In, Out>[] = [];
  private readonly queue: Task<In, Out>[] = [];
  private nextId = 1;
  private closed = false;

  /** `eager`: start every worker now (the upload check); else on first use (most processes never read). */
  constructor(
    private readonly job: WorkerJob<In, Out>,
    readonly size: number,
    public timeoutMs: number,
    eager: boolean,
  ) {
    if (eager) for (let i = 0; i < size; i += 1) this.slots.push(this.spawn());
  }

  /** A worker is free, or one more may be started. */
  get idle(): boolean {
    return this.slots.length < Math.max(1, this.size) || this.slots.some((s) => !s.task);
  }

  /** Tasks waiting for a worker. */
  get waiting(): number {
    return this.queue.length;
  }

  run(input: In): Promise<Out> {
    if (this.closed) return Promise.reject(new Error(`${this.job.name} pool closed`));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) this.disarm(slot);
    for (const task of this.queue.splice(0)) task.reject(new Error(`${this.job.name} pool closed`));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot<In, Out> {
    // Under ts-jest/tsx this file is TypeScript: the worker loads it through tsx's require hook.
    const ts = __filename.endsWith('.ts');
    const worker = new Worker(path.join(__dirname, `${this.job.file}.${ts ? 'ts' : 'js'}`), {
      execArgv: ts ? ['--require', 'tsx/cjs'] : [],
      workerData: this.job.workerData,
      resourceLimits: { maxOldGenerationSizeMb: this.job.heapMb },
    });
    const slot: Slot<In, Out> = { worker, task: null, online: false, timer: null };
    worker.on('message', (msg: Record<string, unknown>) => {
      if (msg.ready) {
        slot.online = true;
        if (slot.task) this.arm(slot);
        return;
      }
      const task = slot.task;
      slot.task = null;
      this.disarm(slot);
      if (task && task.id === msg.id) settle(task, this.job.answer(msg));
      this.pump();
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed) this.replace(slot, new Error(`${this.job.name} worker exited with ${code}`));
    });
    worker.unref();
    return slot;
  }

  private arm(slot: Slot<In, Out>): void {
    this.disarm(slot);
    const task = slot.task;
    if (!task) return;
    slot.timer = setTimeout(() => {
      if (slot.task !== task) return;
      slot.task = null;
      settle(task, this.job.timedOut(task.input, this.timeoutMs));
      this.replace(slot, new Error(`${this.job.name} timed out`));
    }, this.timeoutMs);
    slot.timer.unref();
  }

  private disarm(slot: Slot<In, Out>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }

  private replace(slot: Slot<In, Out>, error: Error): void {
    const task = slot.task;
    slot.task = null;
    this.disarm(slot);
    if (task) task.reject(this.job.died(task.input, error, this.timeoutMs));
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    this.slots[i] = this.spawn();
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    // Start workers as tasks wait, up to the pool's size.
    const size = Math.max(1, this.size);
    while (this.slots.length < size && this.slots.filter((s) => !s.task).length < this.queue.length) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      const { message, transfer } = this.job.post(task.id, task.input);
      slot.worker.postMessage(message, transfer);
      if (slot.online) this.arm(slot);
    }
  }
}

function settle<In, Out>(task: Task<In, Out>, outcome: Outcome<Out>): void {
  if ('error' in outcome) task.reject(outcome.error);
  else task.resolve(outcome.value);
}
