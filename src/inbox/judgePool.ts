import { judgeBytes, type JudgeInput, type JudgeOutput } from './judge';
import { WorkerPool } from './workerPool';

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
  private readonly pool: WorkerPool<JudgeInput, JudgeOutput>;

  constructor(size: number, heapMb = 512, timeoutMs = DEFAULT_CHECK_TIMEOUT_MS) {
    this.pool = new WorkerPool<JudgeInput, JudgeOutput>(
      {
        file: 'judgeWorker',
        name: 'judge',
        heapMb,
        post: (id, input) => ({ message: { id, input } }),
        answer: (msg) => (msg.output ? { value: msg.output as JudgeOutput } : { error: new Error(typeof msg.error === 'string' ? msg.error : 'judge failed') }),
        timedOut: (input, limitMs) => ({ value: checkTimeout(input, limitMs) }),
        died: (_input, error) => error,
      },
      size,
      timeoutMs,
      true,
    );
  }

  /** Time limit on one check, from the moment a loaded worker starts it. */
  get timeoutMs(): number {
    return this.pool.timeoutMs;
  }

  set timeoutMs(ms: number) {
    this.pool.timeoutMs = ms;
  }

  judge(input: JudgeInput): Promise<JudgeOutput> {
    return this.pool.run(input);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Judges on the pool when there is one, else inline (tests, `judgeWorkers: 0`). */
export function judge(pool: JudgePool | null, input: JudgeInput): Promise<JudgeOutput> {
  return pool ? pool.judge(input) : judgeBytes(input);
}
