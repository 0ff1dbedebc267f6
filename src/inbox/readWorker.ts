import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbookBuffer } from '../xlsx/read';
import { busyFor } from './readDelay';

const delayMs = Number((workerData as { delayMs?: number } | undefined)?.delayMs ?? 0);

/** Worker-thread entry: reads one stored workbook per message into its plain model (see readPool.ts). */
parentPort?.on('message', (msg: { id: number; bytes: Uint8Array; displayName: string }) => {
  // A test-only stand-in for a workbook that is slow to read: the thread stays busy, as a bomb would keep it.
  busyFor(delayMs);
  const buf = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
  readWorkbookBuffer(buf, { displayName: msg.displayName }).then(
    (model) => parentPort!.postMessage({ id: msg.id, model }),
    (error: Error & { code?: string; message_vi?: string; message_en?: string }) =>
      parentPort!.postMessage({ id: msg.id, error: { message: error.message, code: error.code, message_vi: error.message_vi, message_en: error.message_en } }),
  );
});

parentPort?.postMessage({ ready: true });
