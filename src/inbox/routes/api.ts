import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit';
import { HttpError, requireUnit } from '../auth';
import { reviewVersion } from '../review';
import type { InboxContext, UnitRecord } from '../storage/types';
import { cleanFilename, receiveSubmission } from '../submissions';
import { quarterStatus, versionView } from '../tracking';

/** MIME types whose raw body is the workbook (an .xls is accepted here only so the reader can
 *  refuse it with its clear "save as .xlsx" message rather than a bare 415). */
export const UPLOAD_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'application/vnd.ms-excel',
];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook as a download: an ASCII file name for old browsers, the UTF-8 one for the rest. */
export function sendXlsx(reply: FastifyReply, filename: string, bytes: Buffer): FastifyReply {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(bytes);
}

export const PeriodQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});

/** Parses a query, params or JSON body at the edge; a bad one is a bilingual 400 naming the
 *  fields (and the hint, e.g. the allowed years and quarters). */
export function parseQuery<T>(schema: z.ZodType<T>, value: unknown, hint: [string, string] = ['', '']): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.join('.')).filter(Boolean).join(', ');
    throw new HttpError(
      400,
      'bad_request',
      `Tham số không hợp lệ: ${fields || 'yêu cầu'}.${hint[0] ? ` ${hint[0]}` : ''}`,
      `Invalid parameters: ${fields || 'request'}.${hint[1] ? ` ${hint[1]}` : ''}`,
    );
  }
  return result.data;
}

export const PERIOD_HINT: [string, string] = ['Năm 2000–2100, quý 1–4.', 'Year 2000–2100, quarter 1–4.'];

/** The authenticated unit of a request (set in onRequest, before the body is read). */
const units = new WeakMap<FastifyRequest, UnitRecord>();
export function unitOf(req: FastifyRequest): UnitRecord {
  const unit = units.get(req);
  if (!unit) throw new Error('unit route without requireUnit');
  return unit;
}

/** Routes for reporting units (Bearer token): submit, and see their own quarter. */
export function registerApiRoutes(app: FastifyInstance, ctx: InboxContext): void {
  // Authenticate before the body is read: an unknown client cannot make us read 20 MB.
  const authenticate = async (req: FastifyRequest): Promise<void> => {
    units.set(req, await requireUnit(req, ctx));
  };

  // After the token, before the body: room in the upload budget and the unit's upload slots.
  const reserve = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    ctx.uploads?.reserve(req, reply, unitOf(req).id);
  };

  app.post('/api/submissions', {
    onRequest: [authenticate, reserve],
    bodyLimit: ctx.config.maxUploadBytes,
    config: { csrf: 'bearer: the unit token is an Authorization header, which no browser adds to a cross-site request' },
  }, async (req) => {
    const body = req.body;
    if (body !== undefined && body !== null && !Buffer.isBuffer(body)) {
      // Parsed as text or JSON: the client did not send the workbook's bytes.
      throw new HttpError(
        415,
        'unsupported_media_type',
        'Kiểu nội dung không đúng: gửi tệp .xlsx với Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
        'Wrong content type: send the .xlsx file with Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.',
      );
    }
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new HttpError(
        400,
        'empty_body',
        'Không nhận được tệp: gửi nội dung tệp .xlsx làm thân yêu cầu (Content-Type của .xlsx).',
        'No file received: send the .xlsx bytes as the request body (the .xlsx Content-Type).',
      );
    }
    const { receipt } = await receiveSubmission(ctx, req, unitOf(req), body, cleanFilename(req.headers['x-filename']));
    return receipt;
  });

  app.get('/api/units/me', { onRequest: authenticate }, async (req) => {
    const unit = unitOf(req);
    return { unit_code: unit.unit_code, unit_name: unit.unit_name, profile: unit.profile, province_code: unit.province_code };
  });

  // A unit reads the findings and report of one of its own versions: the receipt counts the
  // warnings and notes, the upload page lists them from here.
  app.get('/api/units/me/submissions/:id/review', { onRequest: authenticate }, async (req) => {
    const unit = unitOf(req);
    const { id } = parseQuery(z.object({ id: z.string().uuid() }), req.params);
    const v = await ctx.store.getVersion(id);
    if (!v || v.unit_id !== unit.id) throw new HttpError(404, 'not_found', 'Không tìm thấy bản nộp này của đơn vị.', "No such submission of this unit.");
    const review = await reviewVersion(ctx, v);
    await audit(ctx, req, { role: 'unit', name: unit.unit_code }, 'view', v.id, { unit_code: v.unit_code, version: v.version });
    return review;
  });

  app.get('/api/units/me/submissions', { onRequest: authenticate }, async (req) => {
    const unit = unitOf(req);
    const { year, quarter } = parseQuery(PeriodQuery, req.query, PERIOD_HINT);
    const versions = await ctx.store.listUnitVersions(unit.id, year, quarter);
    const status = quarterStatus(versions);
    return {
      unit_code: unit.unit_code,
      year,
      quarter,
      state: status.state,
      submission_id: status.current?.id ?? null,
      return_reason: status.current?.return_reason ?? null,
      versions: versions.map(versionView),
    };
  });
}
