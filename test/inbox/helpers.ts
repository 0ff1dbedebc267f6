import '../../src/profiles/officialAll';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { generateSample } from '../../src/domain/sample';
import { REGISTRY_COLUMNS, type RegistryKey } from '../../src/domain/schema/registry';
import { SHEET, type CellValue } from '../../src/domain/sheet';
import type { Profile, Unit } from '../../src/domain/schema/profile';
import type { TemplateSpec } from '../../src/domain/template';
import { hashPassword, newToken, sha256Hex } from '../../src/inbox/auth';
import { loadConfig, type InboxConfig } from '../../src/inbox/config';
import { buildServer } from '../../src/inbox/server';
import type { InboxContext } from '../../src/inbox/storage/types';
import { findUnit, getProfile } from '../../src/profiles';
import { templateToBuffer } from '../../src/xlsx/write';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SampleRequest {
  profile?: string;
  unit?: string;
  year?: number;
  quarter?: number;
  rows?: number;
  seed?: number;
  /** Change the spec before writing. */
  edit?: (spec: TemplateSpec) => void;
  profiles?: readonly Profile[];
}

export function sampleParts(req: SampleRequest = {}): { profile: Profile; unit: Unit; spec: TemplateSpec } {
  const profileId = req.profile ?? 'bac-ninh-2017';
  const profile = (req.profiles ?? []).find((p) => p.id === profileId) ?? getProfile(profileId);
  if (!profile) throw new Error(`no profile ${profileId}`);
  const unit = findUnit(profile, req.unit ?? 'BN-TS');
  if (!unit) throw new Error(`no unit ${req.unit}`);
  const opts = { rows: req.rows ?? 20, seed: req.seed ?? 1, profile, unit, year: req.year ?? 2020, quarter: req.quarter ?? 3 };
  return { profile, unit, spec: generateSample(opts).spec };
}

/** Sets a registry cell of data row `index` (0-based, below the header) by column key. */
export function setRegistryCell(spec: TemplateSpec, index: number, key: RegistryKey, value: CellValue): void {
  const sheet = spec.sheets.find((s) => s.name === SHEET.registry)!;
  const header = REGISTRY_COLUMNS.find((c) => c.key === key)!.header_vi;
  const headerRow0 = sheet.rows.findIndex((row) => row.includes(header));
  const col0 = sheet.rows[headerRow0].indexOf(header);
  sheet.rows[headerRow0 + 1 + index][col0] = value;
}

export function registryCell(spec: TemplateSpec, index: number, key: RegistryKey): CellValue {
  const sheet = spec.sheets.find((s) => s.name === SHEET.registry)!;
  const header = REGISTRY_COLUMNS.find((c) => c.key === key)!.header_vi;
  const headerRow0 = sheet.rows.findIndex((row) => row.includes(header));
  return sheet.rows[headerRow0 + 1 + index][sheet.rows[headerRow0].indexOf(header)];
}

/** A clean, real .xlsx from the sample generator and writer. */
export async function sampleWorkbook(req: SampleRequest = {}): Promise<Buffer> {
  const { spec } = sampleParts(req);
  req.edit?.(spec);
  return templateToBuffer(spec);
}

export function tempDir(prefix = 'vr-inbox-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Reply {
  status: number;
  headers: Headers;
  body: Buffer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

export interface TestInbox {
  app: FastifyInstance;
  url: string;
  /** A real HTTP request on loopback (fastify's inject needs an ESM module jest cannot load). */
  request(method: string, path: string, opts?: { headers?: Record<string, string>; body?: Buffer | string | object }): Promise<Reply>;
  ctx: InboxContext;
  dir: string;
  close(): Promise<void>;
  /** Registers a unit (in the profile's list) and returns its token. */
  addUnit(profile: string, unitCode: string): Promise<string>;
  addStaff(user: string, password: string, role?: 'staff' | 'admin'): Promise<void>;
  /** Logs in; returns the cookie header and the CSRF token. */
  login(user: string, password: string): Promise<{ cookie: string; csrf: string }>;
}

export async function startTestInbox(over: Partial<InboxConfig> = {}): Promise<TestInbox> {
  const dir = tempDir();
  // Tests send many requests at once from one address: no per-address cap unless a test sets one.
  const config = loadConfig({ dataDir: dir, databaseUrl: null, encryptionKey: null, web: false, maxConnectionsPerAddress: 0, ...over }, {});
  const { app, ctx } = await buildServer(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const request: TestInbox['request'] = async (method, p, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    let body: BodyInit | undefined;
    if (Buffer.isBuffer(opts.body)) body = new Uint8Array(opts.body);
    else if (typeof opts.body === 'string') body = opts.body;
    else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + p, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  };
  return {
    app,
    url,
    request,
    ctx,
    dir,
    async close() {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
    async addUnit(profileId, unitCode) {
      const profile = config.profiles.find((p) => p.id === profileId)!;
      const unit = findUnit(profile, unitCode)!;
      const token = newToken();
      await ctx.store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: unit.province_code ?? profile.province_code, token_hash: sha256Hex(token) });
      return token;
    },
    async addStaff(user, password, role = 'staff') {
      await ctx.store.upsertStaffUser({ username: user, role, password_hash: await hashPassword(password) });
    },
    async login(user, password) {
      const res = await request('POST', '/api/staff/login', { body: { user, password } });
      if (res.status !== 200) throw new Error(`login failed ${res.status} ${res.body.toString()}`);
      const cookie = String(res.headers.get('set-cookie')).split(';')[0];
      return { cookie, csrf: res.json().csrf_token };
    },
  };
}
