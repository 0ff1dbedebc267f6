import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { previousQuarter } from '../../domain/period';
import type { Profile, Unit } from '../../domain/schema/profile';
import { buildTemplate } from '../../domain/template';
import { findUnit } from '../../profiles';
import { planName } from '../../domain/planName';
import { readStored } from '../readPool';
import { templateToBuffer } from '../../xlsx/write';
import { audit } from '../audit';
import { profileOf } from '../config';
import { HttpError, requireStaff, requireUnit } from '../auth';
import { consolidateToBuffer, type UnitInput } from '../consolidate';
import { inboxScope, type Scope } from '../province';
import { provinceInfo } from '../../profiles/officialList';
import { rolloverWorkbook } from '../rollover';
import type { InboxContext, SubmissionVersion, UnitRecord } from '../storage/types';
import { quarterStatus } from '../tracking';
import { PeriodQuery, parseQuery, sendXlsx } from './api';

/**
 * The web routes: the consolidated workbook for staff, the blank and rolled-over workbooks for a
 * unit, and the two web pages (`/staff/`, `/upload/`) built by webpack.inbox.js.
 */

/** How far back the rollover looks for the unit's last accepted quarter (two years). */
const ROLLOVER_LOOKBACK_QUARTERS = 8;

const ConsolidatedQuery = PeriodQuery.extend({ profile: z.string().min(1).max(64), province: z.string().trim().min(1).max(40).optional() });

function profileOrThrow(ctx: InboxContext, id: string): Profile {
  const profile = profileOf(ctx.config, id);
  if (!profile) throw new HttpError(400, 'unknown_profile', `Không có kế hoạch "${id}".`, `Unknown plan profile "${id}".`);
  return profile;
}

function unitContext(ctx: InboxContext, record: UnitRecord): { profile: Profile; unit: Unit } {
  const profile = profileOrThrow(ctx, record.profile);
  const unit = findUnit(profile, record.unit_code);
  if (!unit) {
    throw new HttpError(409, 'unknown_unit', `Đơn vị ${record.unit_name} (${record.unit_code}) không còn trong kế hoạch ${planName(profile, 'vi')}; liên hệ Sở.`, `Unit ${record.unit_name} (${record.unit_code}) is no longer in plan ${planName(profile, 'en')}; contact the province.`);
  }
  return { profile, unit };
}

/** `vr consolidate --inbox … --province NN` names the province it expects: another answer than
 *  the inbox's own is refused rather than silently giving the inbox's. */
function checkAskedProvince(scope: Scope, asked: string): void {
  const wanted = provinceInfo(asked)?.code ?? asked.trim().toUpperCase();
  const own = [scope.province.code.toUpperCase(), scope.profile.official_province_code ?? ''];
  if (own.includes(wanted)) return;
  throw new HttpError(
    409,
    'other_province',
    `Hộp thư này phục vụ ${scope.province.full_name} (${scope.province.code}), không phải tỉnh "${asked}".`,
    `This inbox serves ${scope.province.full_name} (${scope.province.code}), not province "${asked}".`,
  );
}

/** The version of each unit that counts for consolidation: the accepted one, else the latest,
 *  unless that latest was returned (the province asked for a new one: the unit is left out and
 *  shown as returned). Same rule as the tracking grid (tracking.ts `quarterStatus`). */
export function countedVersions(versions: readonly SubmissionVersion[]): {
  counted: { version: SubmissionVersion; state: string }[];
  states: Record<string, string>;
} {
  const byUnit = new Map<string, SubmissionVersion[]>();
  for (const v of versions) byUnit.set(v.unit_code, [...(byUnit.get(v.unit_code) ?? []), v]);
  const counted: { version: SubmissionVersion; state: string }[] = [];
  const states: Record<string, string> = {};
  for (const [code, list] of byUnit) {
    const status = quarterStatus(list);
    states[code] = status.state;
    if (status.current && status.state !== 'returned' && status.state !== 'missing') counted.push({ version: status.current, state: status.state });
  }
  return { counted, states };
}

/** A folder of dist/, from src/ (tests, tsx) or dist/ (built server); `override` (an env var) first. */
function distFolder(name: string, marker: string, override: string | undefined): string | null {
  const candidates = [
    override,
    path.resolve(__dirname, `../../${name}`),
    path.resolve(__dirname, `../../../dist/${name}`),
    path.resolve(process.cwd(), `dist/${name}`),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(path.join(p, marker))) ?? null;
}

/** dist/inbox-web; VR_INBOX_WEB_DIR overrides. */
export function webRoot(): string | null {
  return distFolder('inbox-web', path.join('staff', 'index.html'), process.env.VR_INBOX_WEB_DIR);
}

/** dist/pane, the production build of the task pane; VR_PANE_DIR overrides. Served at /pane/ so
 *  that a province can point the manifest at its inbox (VR_PUBLIC_URL=https://<inbox>/pane/) and
 *  the pane's uploads are same-origin: no CORS to open. */
export function paneRoot(): string | null {
  return distFolder('pane', 'taskpane.html', process.env.VR_PANE_DIR);
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
};

/** One file of a page folder. Only plain names (no `/`, no `..`) of known types are served, so
 *  no request can reach outside the folder. */
async function sendStatic(reply: FastifyReply, dir: string, file: string, hosted = false): Promise<FastifyReply> {
  const type = STATIC_TYPES[path.extname(file)];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(file) || !type) {
    return reply.status(404).send({ error: 'not_found', message_vi: 'Không có địa chỉ này.', message_en: 'No such address.' });
  }
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(path.join(dir, file));
  } catch {
    return reply.status(404).send({ error: 'not_found', message_vi: 'Không có địa chỉ này.', message_en: 'No such address.' });
  }
  // Bundles have a content hash in their name: cache them; the page itself is always fresh.
  reply.header('cache-control', file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
  // The pane's pages are hosted by Office (an iframe in Excel on the web) and load Office.js from
  // Microsoft's CDN, so they cannot carry the inbox pages' strict policy.
  if (file.endsWith('.html') && !hosted) {
    reply.header('content-security-policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    reply.header('referrer-policy', 'no-referrer');
  }
  return reply.type(type).send(bytes);
}

export async function registerWebRoutes(app: FastifyInstance, ctx: InboxContext): Promise<void> {
  app.get('/api/staff/consolidated.xlsx', async (req, reply) => {
    const user = await requireStaff(req, ctx, { csrf: false });
    const q = parseQuery(ConsolidatedQuery, req.query);
    const profile = profileOrThrow(ctx, q.profile);
    // The inbox's province decides which units are listed (province.ts); a unit of another
    // province that slipped in before is left out, never counted.
    const scope = await inboxScope(ctx, profile);
    if (q.province) checkAskedProvince(scope, q.province);
    const { counted, states } = countedVersions((await ctx.store.listPeriodVersions(profile.id, q.year, q.quarter)).filter((v) => scope.belongs(v.unit_code)));
    // One unit at a time: read the stored bytes, parse, keep only figures and de-identified rows.
    const inputs: UnitInput[] = counted.map(({ version, state }) => ({
      label: `${version.unit_code} (${version.id})`,
      state,
      load: () => readStored(ctx, version.file_key, `${version.unit_code} (${version.id})`),
    }));
    const result = await consolidateToBuffer(profile, q.year, q.quarter, inputs, { states, scope });
    await audit(ctx, req, { role: user.role, name: user.username }, 'consolidate', null, {
      profile: profile.id,
      year: q.year,
      quarter: q.quarter,
      units: result.units,
      cases: result.cases,
      province: result.province,
    });
    return sendXlsx(reply, `tong-hop-${profile.id}-${q.year}-Q${q.quarter}.xlsx`, result.buffer);
  });

  app.get('/api/units/me/template', async (req, reply) => {
    const record = await requireUnit(req, ctx);
    const q = parseQuery(PeriodQuery, req.query);
    const { profile, unit } = unitContext(ctx, record);
    const bytes = await templateToBuffer(buildTemplate(profile, unit, q.year, q.quarter, new Date().toISOString()));
    await audit(ctx, req, { role: 'unit', name: record.unit_code }, 'download', null, { kind: 'template', year: q.year, quarter: q.quarter });
    return sendXlsx(reply, `${unit.code}-${q.year}-Q${q.quarter}.xlsx`, bytes);
  });

  // year/quarter name the quarter wanted; the source is the unit's most recent accepted
  // submission before it (normally the quarter just before).
  app.get('/api/units/me/rollover', async (req, reply) => {
    const record = await requireUnit(req, ctx);
    const q = parseQuery(PeriodQuery, req.query);
    const { profile, unit } = unitContext(ctx, record);
    let source: SubmissionVersion | null = null;
    let at = { year: q.year, quarter: q.quarter };
    for (let i = 0; i < ROLLOVER_LOOKBACK_QUARTERS && !source; i++) {
      at = previousQuarter(at.year, at.quarter);
      const versions = await ctx.store.listUnitVersions(record.id, at.year, at.quarter);
      source = versions.find((v) => v.state === 'accepted') ?? null;
    }
    if (!source) {
      throw new HttpError(404, 'no_accepted', `Chưa có bản nộp nào trước quý ${q.quarter}/${q.year} được tỉnh chấp nhận để chuyển tiếp; hãy tải sổ trống.`, `No submission before Q${q.quarter} ${q.year} has been accepted to roll over; download the blank workbook instead.`);
    }
    const wb = await readStored(ctx, source.file_key, `${source.unit_code} (${source.id})`);
    const rolled = rolloverWorkbook(wb, profile, unit, new Date().toISOString(), { year: q.year, quarter: q.quarter });
    const bytes = await templateToBuffer(rolled.spec);
    await audit(ctx, req, { role: 'unit', name: record.unit_code }, 'download', source.id, { kind: 'rollover', year: q.year, quarter: q.quarter });
    return sendXlsx(reply, `${unit.code}-${q.year}-Q${q.quarter}.xlsx`, bytes);
  });

  app.get('/', async (_req, reply) => reply.redirect('/staff/'));
  registerPaneRoutes(app, ctx);

  const root = webRoot();
  if (!root) {
    ctx.log.warn('dist/inbox-web not found: run "npm run build" to serve /staff/ and /upload/');
    const notBuilt = async (_req: unknown, reply: FastifyReply) =>
      reply.status(503).type('text/plain; charset=utf-8').send('Trang web chưa được dựng: chạy "npm run build". | The web pages are not built: run "npm run build".');
    for (const page of ['staff', 'upload']) {
      app.get(`/${page}`, notBuilt);
      app.get(`/${page}/`, notBuilt);
    }
    return;
  }
  // Pages are static files; everything they show comes from the JSON API after sign-in. A tiny
  // handler rather than @fastify/static: two flat folders need no more, and its ESM-only
  // dependency would keep these routes out of the jest suite.
  for (const page of ['staff', 'upload']) {
    app.get(`/${page}`, async (_req, reply) => reply.redirect(`/${page}/`));
    app.get(`/${page}/`, async (_req, reply) => sendStatic(reply, path.join(root, page), 'index.html'));
    app.get<{ Params: { file: string } }>(`/${page}/:file`, async (req, reply) => sendStatic(reply, path.join(root, page), req.params.file));
  }
  // Chunks the pages load on demand (webpack.inbox.js `chunkFilename`).
  app.get<{ Params: { file: string } }>('/shared/:file', async (req, reply) => sendStatic(reply, path.join(root, 'shared'), req.params.file));
}

/** The browser preview (preview.html, its bundle and source map) runs the pane over a fake
 *  workbook for development; the inbox never serves it: a unit's token typed into a page that
 *  is not the pane has no business on the province's server. */
export function isPreviewFile(file: string): boolean {
  return /^preview(\.|$)/i.test(file);
}

function registerPaneRoutes(app: FastifyInstance, ctx: InboxContext): void {
  const pane = paneRoot();
  if (!pane) {
    ctx.log.warn('dist/pane not found: run "npm run build" to serve the task pane at /pane/');
    return;
  }
  app.get('/pane', async (_req, reply) => reply.redirect('/pane/taskpane.html'));
  app.get('/pane/', async (_req, reply) => reply.redirect('/pane/taskpane.html'));
  app.get<{ Params: { file: string } }>('/pane/:file', async (req, reply) =>
    isPreviewFile(req.params.file)
      ? reply.status(404).send({ error: 'not_found', message_vi: 'Không có địa chỉ này.', message_en: 'No such address.' })
      : sendStatic(reply, pane, req.params.file, true),
  );
  app.get<{ Params: { file: string } }>('/pane/assets/:file', async (req, reply) =>
    sendStatic(reply, path.join(pane, 'assets'), req.params.file, true),
  );
}
