import { parentPort } from 'node:worker_threads';
import { judgeBytes, type JudgeInput } from './judge';

/** Worker-thread entry: judges one upload per message (see judgePool.ts). */
parentPort?.on('message', (msg: { id: number; input: JudgeInput }) => {
  judgeBytes(msg.input).then(
    (output) => parentPort!.postMessage({ id: msg.id, output }),
    (error: Error) => parentPort!.postMessage({ id: msg.id, error: error.message }),
  );
});

/** Loaded: the pool starts a task's time limit from here, not from the thread's boot. */
parentPort?.postMessage({ ready: true });
