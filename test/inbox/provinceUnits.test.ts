import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inboxExpect } from '../../src/cli/commands/inboxUnits';
import { sha256Hex } from '../../src/inbox/auth';
import { openStore } from '../../src/inbox/storage';
import type { Store } from '../../src/inbox/storage/types';
import { trackPeriod } from '../../src/inbox/tracking';
import { getProfile } from '../../src/profiles';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { startTestInbox } from './helpers';
import { vrInProcess } from '../cli/inProcess';

const vn = getProfile('vn-2025')!;

const vr = vrInProcess;

describe("a province's inbox in one command", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-province-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('init --profile vn-2025 --province 24 expects the 99 units of Bắc Ninh', async () => {
    const r = await vr('inbox', 'init', '--data', dir, '--profile', 'vn-2025', '--province', '24');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/chờ báo cáo của 99 đơn vị \(Thành phố Bắc Ninh \(24\)/);
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      const expected = await store.listExpectedUnits('vn-2025');
      expect(expected).toHaveLength(99);
      expect(expected).toContainEqual({ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' });
    } finally {
      await store.close();
    }
  });

  test('unit add --all writes every token to an owner-only file, one line per unit, and prints none', async () => {
    const file = path.join(dir, 'tokens.tsv');
    const r = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'vn-2025', '--all', '-o', file);
    expect(r.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split('\t'));
    expect(lines).toHaveLength(99);
    expect(lines.every(([code, name, token]) => /^\d{5}$/.test(code) && name.length > 0 && /^[A-Za-z0-9_-]{43}$/.test(token))).toBe(true);
    for (const [, , token] of lines) expect(r.out + r.err).not.toContain(token);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      const tuSon = lines.find(([code]) => code === '09367')!;
      expect((await store.getUnitByTokenHash(sha256Hex(tuSon[2])))?.unit_code).toBe('09367');
      expect(await store.listUnits('vn-2025')).toHaveLength(99);
    } finally {
      await store.close();
    }
    // Never over an existing file: its tokens may already be out.
    const again = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'vn-2025', '--all', '-o', file);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/đã có.*\|.*already exists/);
  });

  test('bad input: no province, an unknown province, --all without -o; one bilingual line each', async () => {
    const noProvince = await vr('inbox', 'init', '--data', dir, '--profile', 'vn-2025');
    expect(noProvince.err).toMatch(/cần --province.*\| .*needs --province/);
    const unknown = await vr('inbox', 'init', '--data', dir, '--profile', 'vn-2025', '--province', '99');
    expect(unknown.err).toMatch(/Không có tỉnh "99"/);
    const noFile = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'vn-2025', '--all');
    expect(noFile.err).toMatch(/--all cần -o.*\| --all needs -o/);
    for (const r of [noProvince, unknown, noFile]) {
      expect(r.code).toBe(2);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});

describe('completeness against the expected list', () => {
  test('counts every unit of the province, and shows a renamed unit under its new name with the old one', async () => {
    const inbox = await startTestInbox({ judgeWorkers: 0 });
    try {
      await inboxExpect({ data: inbox.dir, profile: 'vn-2025', province: '75' }, () => undefined);
      const t = await trackPeriod(inbox.ctx, vn, 2026, 2);
      expect(t.counts).toMatchObject({ expected: 95, missing: 95, received: 0 });
      expect(t.units.find((u) => u.unit_code === '26368')).toMatchObject({ unit_name: 'Phường Long Thành', former_names: ['Xã Long Thành'] });
      expect(t.units.find((u) => u.unit_code === '26068')?.former_names).toEqual([]); // Biên Hòa/Hoà: spelling only
      expect(t.units.some((u) => u.unit_code === 'BN-P-TS')).toBe(false);
    } finally {
      await inbox.close();
    }
  });
});

describe('expected units on PostgreSQL', () => {
  let pg: TestPostgres | undefined;
  afterAll(() => pg?.stop());

  test('set replaces the list; list is by code', async () => {
    pg = await startPostgres();
    const store: Store = await openStore({ dataDir: '/nonexistent', databaseUrl: pg.createDatabase(`expected_${Date.now()}`) });
    try {
      const units = await inboxExpectUnits(store);
      expect(units.map((u) => u.unit_code)).toEqual(['00004', '00008']);
      await store.setExpectedUnits('vn-2025', [{ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' }]);
      expect(await store.listExpectedUnits('vn-2025')).toEqual([{ unit_code: '09367', unit_name: 'Phường Từ Sơn', province_code: '24' }]);
      expect(await store.listExpectedUnits('bac-ninh-2017')).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);
});

async function inboxExpectUnits(store: Store) {
  await store.setExpectedUnits('vn-2025', [
    { unit_code: '00008', unit_name: 'Phường Ngọc Hà', province_code: '01' },
    { unit_code: '00004', unit_name: 'Phường Ba Đình', province_code: '01' },
  ]);
  return store.listExpectedUnits('vn-2025');
}
