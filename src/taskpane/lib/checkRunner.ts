/**
 * Runs the same `checkWorkbook` as the CLI and the inbox, off the pane's main thread when a
 * Web Worker is available (a 10,000-row register must not freeze the pane), inline otherwise
 * (old webviews, tests) after yielding once so the progress bar paints.
 */
import type { Finding } from '../../domain/finding';
import type { WorkbookModel } from '../../domain/sheet';

export interface CheckRunner {
  run(workbook: WorkbookModel, today: Date): Promise<Finding[]>;
  /** Milliseconds the last check itself took (in the worker), for the benchmark. */
  lastCheckMs?: number;
}

export interface CheckRequest {
  id: number;
  workbook: WorkbookModel;
  today: string;
}

export type CheckReply = { id: number; findings: Finding[]; ms?: number } | { id: number; error: string };

/** The rules load lazily: they are not needed to paint the pane. */
export const inlineChecker: CheckRunner = {
  async run(workbook, today) {
    // The check reads the whole official list (REG-08 accepts a commune of any province).
    const [{ checkWorkbook }, { PANE_FILL_HINT }] = await Promise.all([import('../../domain/check'), import('./fillHint'), import('../../profiles/officialAll')]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return checkWorkbook(workbook, { today, fillHint: PANE_FILL_HINT }).findings;
  },
};

/** A checker that posts the workbook to `check.worker.js`; falls back to inline when the
 *  worker cannot start (file:// pages, missing Worker). */
export function workerChecker(url: string): CheckRunner {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (f: Finding[]) => void; reject: (e: Error) => void }>();
  const start = (): Worker | null => {
    if (worker) return worker;
    if (typeof Worker === 'undefined') return null;
    try {
      worker = new Worker(url);
    } catch {
      return null;
    }
    worker.onmessage = (event: MessageEvent<CheckReply>) => {
      const reply = event.data;
      const waiter = pending.get(reply.id);
      if (!waiter) return;
      pending.delete(reply.id);
      if ('error' in reply) waiter.reject(new Error(reply.error));
      else {
        runner.lastCheckMs = reply.ms;
        waiter.resolve(reply.findings);
      }
    };
    worker.onerror = (event) => {
      for (const waiter of pending.values()) waiter.reject(new Error(event.message || 'check worker failed'));
      pending.clear();
      worker = null;
    };
    return worker;
  };
  const runner: CheckRunner = {
    run(workbook, today) {
      const w = start();
      if (!w) return inlineChecker.run(workbook, today);
      const id = nextId++;
      return new Promise<Finding[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: CheckRequest = { id, workbook, today: today.toISOString() };
        w.postMessage(request);
      });
    },
  };
  return runner;
}
