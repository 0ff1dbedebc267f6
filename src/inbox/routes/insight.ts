import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError, requireStaff } from '../auth';
import { profileOf } from '../config';
import { checkK, exportHtcds } from '../htcdsExport';
import { readStored } from '../readPool';
import type { UnitInput } from '../consolidate';
import { mapSourceFor, readBoundary } from '../insight/boundaries';
import { insightOf } from '../insight/service';
import { trackPeriod } from '../tracking';
import { trendsWorkbook } from '../trendsExport';
import { departmentLetterhead } from '../../domain/templatePrint';
import { inboxScope } from '../province';
import type { InboxContext } from '../storage/types';
import { PERIOD_HINT, PeriodQuery, parseQuery, sendXlsx } from './api';

const InsightQuery = PeriodQuery.extend({ profile: z.string().min(1).max(100) });
const IdParams = z.object({ id: z.string().uuid() });
const ExportQuery = z.object({
  profile: z.string().min(1).max(100),
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4).optional(),
  // Checked against the inbox's floor below, with a message that names it.
  k: z.coerce.number().int().min(1).max(1000).optional(),
});

const TrendsExportQuery = PeriodQuery.extend({
  profile: z.string().min(1).max(100),
  // Small counts are `<5` unless staff ask otherwise (docs/inbox.md, "Số nhỏ").
  small: z.enum(['mask', 'show']).default('mask'),
  lang: z.enum(['vi', 'en']).default('vi'),
});

/**
 * The staff page's insight panels (docs/rules.md OUT-01, DUP-01; docs/inbox.md): findings the inbox adds
 * from the unit's history and the other units' data. Read-only for staff, except the note that
 * a unit confirmed its outlying figures, which is an audit event.
 */
export function registerInsightRoutes(app: FastifyInstance, ctx: InboxContext): void {
  const insight = insightOf(ctx);
  const profileFor = (id: string) => {
    const profile = profileOf(ctx.config, id);
    if (!profile) throw new HttpError(404, 'unknown_profile', `Không có kế hoạch "${id}".`, `No plan profile "${id}".`);
    return profile;
  };

  app.get('/api/staff/insight/outliers', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(InsightQuery, req.query, PERIOD_HINT);
    return { units: await insight.outliers(profileFor(q.profile), q) };
  });

  app.get('/api/staff/insight/duplicates', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(InsightQuery, req.query, PERIOD_HINT);
    return { pairs: await insight.duplicates(profileFor(q.profile), q) };
  });

  // The main indicators over the last 8 quarters, from accepted submissions (the page's charts).
  app.get('/api/staff/insight/trends', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(InsightQuery, req.query, PERIOD_HINT);
    return insight.trends(profileFor(q.profile), q);
  });

  // The same figures as a workbook to print or pass on: small counts `<5` by default, audited.
  app.get('/api/staff/export/trends.xlsx', async (req, reply) => {
    const staff = await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(TrendsExportQuery, req.query, PERIOD_HINT);
    const profile = profileFor(q.profile);
    const trends = await insight.trends(profile, q);
    const tracking = await trackPeriod(ctx, profile, q.year, q.quarter);
    const names = new Map(tracking.units.map((u) => [u.unit_code, u.unit_name]));
    const { province } = await inboxScope(ctx, profile);
    const buffer = await trendsWorkbook(trends, {
      mask: q.small === 'mask',
      locale: q.lang,
      department: q.lang === 'vi' ? profile.department : profile.department_en,
      letterhead: { ...departmentLetterhead(profile.department, province.full_name), place: province.name },
      names,
    });
    await ctx.store.appendAudit({
      actor_role: staff.role,
      actor: staff.username,
      action: 'export',
      target: null,
      ip: req.ip,
      detail: { format: 'trends', profile: profile.id, year: q.year, quarter: q.quarter, small: q.small },
    });
    return sendXlsx(reply, `xu-huong-${profile.id}-${q.year}-Q${q.quarter}.xlsx`, buffer);
  });

  // The HTCDS case list (as `vr export --inbox`): from each unit's accepted reports of the year
  // (a case is taken from the unit's latest one), so that a quarter's file is that quarter's rows
  // of the year's file made at the same time. k is at least the inbox's floor.
  app.get('/api/staff/export/htcds.xlsx', async (req, reply) => {
    const staff = await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(ExportQuery, req.query, PERIOD_HINT);
    const profile = profileFor(q.profile);
    const k = q.k ?? ctx.config.minK;
    try {
      checkK(k, ctx.config.minK);
    } catch (error) {
      // A request for a smaller k is refused, and kept in the audit log.
      await ctx.store.appendAudit({
        actor_role: staff.role,
        actor: staff.username,
        action: 'export',
        target: null,
        ip: req.ip,
        detail: { format: 'htcds', profile: profile.id, year: q.year, quarter: q.quarter ?? null, k, refused: 'k_below_floor' },
      });
      throw error;
    }
    // `current` keeps to the inbox's province (province.ts): no case of another province's unit.
    const inputs: UnitInput[] = [];
    for (const quarter of [1, 2, 3, 4]) {
      for (const { version, state } of await insight.current(profile, { year: q.year, quarter })) {
        if (state !== 'accepted') continue;
        inputs.push({ label: `${version.unit_code} (${version.id})`, load: () => readStored(ctx, version.file_key, `${version.unit_code} (${version.id})`) });
      }
    }
    const { province } = await inboxScope(ctx, profile);
    const letterhead = { ...departmentLetterhead(profile.department, province.full_name), place: province.name };
    const result = await exportHtcds(profile, { year: q.year, quarter: q.quarter ?? null, k, floor: ctx.config.minK, letterhead, province: province.full_name }, inputs);
    await ctx.store.appendAudit({
      actor_role: staff.role,
      actor: staff.username,
      action: 'export',
      target: null,
      ip: req.ip,
      detail: { format: 'htcds', profile: profile.id, year: q.year, quarter: q.quarter ?? null, k, rows: result.rows, suppressed: result.suppressed, merged: result.merged },
    });
    const name = `htcds-${profile.id}-${q.year}${q.quarter ? `-Q${q.quarter}` : ''}.xlsx`;
    return sendXlsx(reply, name, result.buffer);
  });

  // What the staff page says about the HTCDS file before it is asked for: the floor on k.
  app.get('/api/staff/export/htcds/settings', async (req) => {
    await requireStaff(req, ctx, { csrf: false });
    return { k_floor: ctx.config.minK };
  });

  // The province's commune boundaries (TopoJSON), fetched only when staff open the map. A plan
  // without boundaries is an answer, not a failure: `{available: false}` and why, so the page
  // says there is no map for it (no 404 in the console, nothing printed).
  app.get('/api/staff/insight/map', async (req, reply) => {
    await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(z.object({ profile: z.string().min(1).max(100) }), req.query);
    const source = await mapSourceFor(ctx, profileFor(q.profile));
    if (!source.ok) {
      const [vi, en] =
        source.reason === 'not_communes'
          ? [
              'Đơn vị báo cáo của kế hoạch này không phải xã/phường của danh mục 2025 (mã 5 chữ số), nên không có ranh giới để vẽ; tình hình nộp xem ở bảng bên trên.',
              'This plan reports by units that are not communes of the 2025 list (5-digit codes), so there are no boundaries to draw; see the table above.',
            ]
          : [
              `Chưa có tệp ranh giới cho tỉnh ${source.province} (assets/boundaries); tình hình nộp xem ở bảng bên trên.`,
              `No boundary file for province ${source.province} (assets/boundaries); see the table above.`,
            ];
      return reply
        .header('x-map', 'none')
        .header('cache-control', 'no-store')
        .send({ available: false, reason: source.reason, province: source.province, message_vi: vi, message_en: en });
    }
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('x-province', source.province)
      .header('cache-control', 'private, max-age=3600')
      .send(await readBoundary(source.file));
  });

  // "Đã được đơn vị xác nhận": staff record that the unit confirmed its figures are right.
  app.post('/api/staff/submissions/:id/confirm-outliers', async (req) => {
    const staff = await requireStaff(req, ctx, { csrf: true });
    const { id } = parseQuery(IdParams, req.params);
    const v = await ctx.store.getVersion(id);
    if (!v) throw new HttpError(404, 'not_found', 'Không tìm thấy bản nộp này.', 'No such submission.');
    await ctx.store.appendAudit({
      actor_role: staff.role,
      actor: staff.username,
      action: 'outlier_confirmed',
      target: v.id,
      ip: req.ip,
      detail: { unit_code: v.unit_code, version: v.version, rule: 'OUT-01' },
    });
    return { ok: true, by: staff.username };
  });

}
