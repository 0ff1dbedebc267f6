import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError, requireStaff } from '../auth';
import { profileOf } from '../config';
import { insightOf } from '../insight/service';
import type { InboxContext } from '../storage/types';
import { PERIOD_HINT, PeriodQuery, parseQuery } from './api';

const InsightQuery = PeriodQuery.extend({ profile: z.string().min(1).max(100) });
const IdParams = z.object({ id: z.string().uuid() });

/**
 * The staff page's insight panels (domain.md §3 OUT-01, DUP-01; §5): findings the inbox adds
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
