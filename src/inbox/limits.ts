import type { Server, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { HttpError } from './auth';
import type { InboxConfig } from './config';
import { sizeOf } from './sizes';

/**
 * What one client can hold of the inbox (issue 20, red team 6 and 7): ≈ 20,000 idle sockets
 * once locked out real requests, and 153 uploads that declared 20 MB, sent 19 MB and stalled
 * got the process killed for memory. Bounded here:
 * - connections per client address and in all (over the cap a new socket is closed at once);
 *   a connection that sends no complete headers within `headersTimeoutMs` is closed (Node's
 *   http server does that for idle new connections too);
 * - upload bodies: a pause longer than `bodyIdleTimeoutMs` ends the upload with 408; all
 *   uploads in progress together hold at most `uploadBudgetBytes` (reserved from the declared
 *   length, or the upload limit when none is declared, before any body byte is read: 503 with
 *   Retry-After past it); one unit has at most `uploadsPerUnit` uploads in progress (429).
 */

/** Caps open connections per remote address; returns how many each address holds (tests). */
export function capConnections(server: Server, config: Pick<InboxConfig, 'maxConnectionsPerAddress' | 'maxConnections' | 'headersTimeoutMs'>): Map<string, number> {
  const open = new Map<string, number>();
  server.maxConnections = config.maxConnections;
  const cap = config.maxConnectionsPerAddress;
  server.on('connection', (socket: Socket) => {
    // A connection that never sends a byte is closed after the header time limit (Node's own
    // header timeout starts only with the first byte of a request).
    const silent = setTimeout(() => socket.destroy(), config.headersTimeoutMs);
    silent.unref();
    socket.once('data', () => clearTimeout(silent));
    socket.once('close', () => clearTimeout(silent));
    if (cap <= 0) return;
    const address = socket.remoteAddress ?? '?';
    const n = (open.get(address) ?? 0) + 1;
    if (n > cap) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return open;
}

/** Bytes reserved by uploads in progress, and uploads in progress per unit. */
export class UploadBudget {
  reserved = 0;
  private readonly perUnit = new Map<number, number>();
  constructor(private readonly config: Pick<InboxConfig, 'uploadBudgetBytes' | 'uploadsPerUnit' | 'maxUploadBytes'>) {}

  /** Reserves room for one upload of `unitId` (before its body is read), or throws 503 / 429.
   *  The reservation is released once the answer is sent or the connection closes. */
  reserve(req: FastifyRequest, reply: FastifyReply, unitId: number): void {
    const declared = Number(req.headers['content-length']);
    const bytes = Number.isFinite(declared) && declared > 0 ? Math.min(declared, this.config.maxUploadBytes) : this.config.maxUploadBytes;
    const running = this.perUnit.get(unitId) ?? 0;
    if (running >= this.config.uploadsPerUnit) {
      throw new HttpError(
        429,
        'busy_unit',
        `Đơn vị đang có ${running} lần nộp chưa xong; hãy đợi lần nộp trước trả lời rồi thử lại.`,
        `The unit already has ${running} uploads in progress; wait for the earlier one to be answered, then try again.`,
        {},
        { 'retry-after': '10', connection: 'close' },
      );
    }
    if (this.reserved + bytes > this.config.uploadBudgetBytes) {
      throw new HttpError(
        503,
        'busy',
        `Hộp thư đang nhận nhiều tệp cùng lúc (${sizeOf(this.reserved)}); tệp của bạn chưa được gửi. Hãy thử lại sau ít phút.`,
        `The inbox is receiving many files at once (${sizeOf(this.reserved)}); yours was not sent. Try again in a few minutes.`,
        {},
        { 'retry-after': '30', connection: 'close' },
      );
    }
    this.reserved += bytes;
    this.perUnit.set(unitId, running + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.reserved -= bytes;
      const left = (this.perUnit.get(unitId) ?? 1) - 1;
      if (left <= 0) this.perUnit.delete(unitId);
      else this.perUnit.set(unitId, left);
    };
    reply.raw.once('close', release);
    reply.raw.once('finish', release);
    req.raw.once('close', () => {
      // The client went away before the answer: nothing more will arrive.
      if (!reply.raw.headersSent) release();
    });
  }
}

/** The upload body as one Buffer, read with a size limit and a limit on pauses (408). */
export function readBody(payload: Readable & { receivedEncodedLength?: number }, raw: IncomingMessage, limit: number, idleMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | null = null;
    let done = false;
    const fail = (error: Error): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      // Stop reading and drop what arrived: the answer goes out with `connection: close`.
      payload.removeAllListeners('data');
      payload.pause();
      chunks.length = 0;
      reject(error);
    };
    const tooLarge = (): Error => Object.assign(new Error('body too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const declared = Number(raw.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return fail(tooLarge());
    const arm = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () =>
          fail(
            new HttpError(
              408,
              'body_timeout',
              `Tệp gửi lên bị dừng quá ${Math.round(idleMs / 1000)} giây nên hộp thư đã ngắt; tệp chưa được nhận. Kiểm tra đường truyền rồi nộp lại.`,
              `The upload paused for more than ${Math.round(idleMs / 1000)} seconds, so the inbox ended it; nothing was received. Check the connection and submit again.`,
              {},
              { connection: 'close' },
            ),
          ),
        idleMs,
      );
      timer.unref();
    };
    arm();
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return fail(tooLarge());
      chunks.push(chunk);
      arm();
    });
    payload.on('end', () => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      resolve(Buffer.concat(chunks, size));
    });
    payload.on('error', (error) => fail(error));
  });
}
