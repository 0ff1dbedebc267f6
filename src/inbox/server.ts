import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import '../profiles/officialAll';
import { isUserError } from '../domain/errors';
import { HttpError } from './auth';
import { installCsrf } from './csrf';
import { sizeOf } from './sizes';
import type { InboxConfig } from './config';
import { JudgePool } from './judgePool';
import { ReadPool } from './readPool';
import { capConnections, readBody, UploadBudget } from './limits';
import { adoptProvince } from './province';
import { registerAdminRoutes } from './routes/admin';
import { registerApiRoutes, UPLOAD_TYPES } from './routes/api';
import { registerInsightRoutes } from './routes/insight';
import { registerStaffRoutes } from './routes/staff';
import { openFileStore, openStore } from './storage';
import { PgFileStore } from './storage/pgFiles';
import type { FileStore, InboxContext } from './storage/types';

export type { InboxContext } from './storage/types';

type WebRoutes = (app: FastifyInstance, ctx: InboxContext) => void | Promise<void>;

/** The staff and upload pages and the downloads (routes/web.ts); optional, so the API runs without the built pages. */
function loadWebRoutes(): WebRoutes | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./routes/web') as { registerWebRoutes?: WebRoutes }).registerWebRoutes ?? null;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'MODULE_NOT_FOUND' && /routes[\\/]web/.test(e.message)) return null;
    throw error;
  }
}

/** Fastify's own failures, answered in the inbox's bilingual shape. */
const FASTIFY_ERRORS: Record<string, [number, string, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'too_large', 'Tệp quá lớn so với giới hạn của hộp thư.', 'The file is larger than the inbox accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    'Kiểu nội dung không được hỗ trợ: gửi tệp .xlsx (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) hoặc JSON.',
    'Unsupported content type: send an .xlsx file (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet) or JSON.',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'bad_json', 'Nội dung JSON không hợp lệ.', 'Invalid JSON body.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'bad_json', 'Thiếu nội dung JSON.', 'Missing JSON body.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_length', 'Độ dài nội dung không khớp.', 'Content length does not match.'],
};

export { sizeOf } from './sizes';

/** Largest JSON body of any route that does not set its own. */
const SERVER_BODY_LIMIT = 1024 * 1024;

/** Builds the inbox: store (migrated), files (orphans removed), routes, error handling. */
export async function buildServer(config: InboxConfig): Promise<{ app: FastifyInstance; ctx: InboxContext }> {
  const store = await openStore(config);
  let files: FileStore;
  try {
    files = await openFileStore(config, store, (message) => process.stderr.write(`${message}\n`));
  } catch (error) {
    await store.close();
    throw error;
  }

  // An inbox from before the province was kept: record the one its units name, if only one.
  await adoptProvince(store, config.profiles).catch((error: Error) => process.stderr.write(`${error.message}\n`));

  const app = Fastify({
    logger: config.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    bodyLimit: SERVER_BODY_LIMIT,
    trustProxy: config.trustProxy,
    // Requests are small JSON or one workbook; a slow client must not hold a socket forever.
    requestTimeout: 120_000,
    keepAliveTimeout: 5_000,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(config.headersTimeoutMs / 2))) },
  });
  capConnections(app.server, config);
  const judges = config.judgeWorkers > 0 ? new JudgePool(config.judgeWorkers, 512, config.checkTimeoutMs) : null;
  const readers = config.readers.size > 0 ? new ReadPool(config.readers) : null;
  const ctx: InboxContext = { config, store, files, log: app.log, judges, readers, uploads: new UploadBudget(config) };
  // PostgreSQL: workbooks stored by a process killed before its row was committed (kill -9
  // mid-upload) are swept while the others run, not only at the next start; only blobs older
  // than the grace period, so an upload in progress on another process keeps its bytes.
  const sweep = files instanceof PgFileStore ? setInterval(() => {
    void (files as PgFileStore).removeOrphans(undefined, config.orphanGraceSeconds).catch((error: Error) => app.log.warn({ err: error.message }, 'orphan sweep failed'));
  }, config.orphanSweepMs) : null;
  sweep?.unref();
  app.addHook('onClose', async () => {
    if (sweep) clearInterval(sweep);
    await judges?.close();
    await readers?.close();
    await store.close();
  });

  // Before any route: every state-changing route then needs the CSRF token unless it declares why not.
  installCsrf(app, ctx);

  // The workbook's bytes, read with the size limit and a limit on pauses (limits.ts).
  app.addContentTypeParser(UPLOAD_TYPES, { bodyLimit: config.maxUploadBytes }, async (req: FastifyRequest, payload: IncomingMessage) =>
    readBody(payload, req.raw, req.routeOptions.bodyLimit ?? config.maxUploadBytes, config.bodyIdleTimeoutMs),
  );

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof HttpError) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
      return reply.status(error.status).send({ error: error.code, message_vi: error.message_vi, message_en: error.message_en, ...error.extra });
    }
    if (isUserError(error)) {
      // An inbox not yet bound to its province is a state to fix on the server, not a bad request.
      return reply.status(error.code === 'no_province' ? 409 : 400).send({ error: error.code, message_vi: error.message_vi, message_en: error.message_en });
    }
    const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
    if (known) {
      const [status, code] = known;
      let [, , vi, en] = known;
      // The limit of the route that refused the body (an upload's is not a sign-in's).
      const routeLimit = req.routeOptions?.bodyLimit ?? SERVER_BODY_LIMIT;
      const limit = status === 413 ? ` (${sizeOf(routeLimit)})` : '';
      if (status === 413 && routeLimit !== config.maxUploadBytes) {
        [vi, en] = ['Nội dung yêu cầu quá lớn so với giới hạn của địa chỉ này.', 'The request body is larger than this address accepts.'];
      }
      if (status === 413) reply.header('connection', 'close');
      return reply.status(status).send({ error: code, message_vi: vi + limit, message_en: en + limit });
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: 'bad_request', message_vi: 'Yêu cầu không hợp lệ.', message_en: 'Bad request.' });
    }
    // Never a stack trace to the client; the log has it (without request bodies).
    req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      error: 'internal',
      message_vi: 'Lỗi máy chủ; bản nộp chưa được lưu. Hãy thử lại sau ít phút.',
      message_en: 'Server error; nothing was stored. Try again in a few minutes.',
    });
  });

  app.setNotFoundHandler((_req, reply) =>
    reply.status(404).send({ error: 'not_found', message_vi: 'Không có địa chỉ này.', message_en: 'No such address.' }),
  );

  registerApiRoutes(app, ctx);
  registerStaffRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerInsightRoutes(app, ctx);
  const web = config.web ? loadWebRoutes() : null;
  if (web) await web(app, ctx);
  return { app, ctx };
}

/** Starts listening; returns the URL to print. */
export async function startServer(config: InboxConfig): Promise<{ app: FastifyInstance; ctx: InboxContext; url: string }> {
  const { app, ctx } = await buildServer(config);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, ctx, url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}` };
}
