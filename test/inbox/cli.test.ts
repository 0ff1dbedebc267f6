import fs from 'node:fs';
import path from 'node:path';
import { inboxInit, inboxStaffAdd, inboxUnitAdd } from '../../src/cli/commands/inbox';
import { sha256Hex } from '../../src/inbox/auth';
import { openStore } from '../../src/inbox/storage';
import { sampleWorkbook, setRegistryCell, startTestInbox, tempDir, type TestInbox } from './helpers';
import { vrInProcess } from '../cli/inProcess';

const vr = vrInProcess;

describe('vr inbox init / unit add / staff add', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('init creates the SQLite store and the files folder', async () => {
    const lines: string[] = [];
    await inboxInit({ data: dir }, (l) => lines.push(l));
    expect(fs.existsSync(path.join(dir, 'inbox.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'files'))).toBe(true);
    expect(lines[0]).toMatch(/Đã tạo hộp thư/);
  });

  test('unit add prints the token once, as the last line; adding again replaces it', async () => {
    const r1 = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'bac-ninh-2017', '--unit', 'BN-TS');
    expect(r1.code).toBe(0);
    const token1 = r1.out.trim().split('\n').pop()!;
    expect(token1).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token2 = await inboxUnitAdd({ data: dir, profile: 'bac-ninh-2017', unit: 'bn-ts' }, () => undefined);
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      expect(await store.getUnitByTokenHash(sha256Hex(token1))).toBeNull();
      expect((await store.getUnitByTokenHash(sha256Hex(token2)))?.unit_name).toBe('Thị xã Từ Sơn');
      const raw = fs.readFileSync(path.join(dir, 'inbox.sqlite'));
      expect(raw.includes(Buffer.from(token2))).toBe(false);
    } finally {
      await store.close();
    }
  });

  test('unknown unit or profile: exit 2 with a bilingual line', async () => {
    const r = await vr('inbox', 'unit', 'add', '--data', dir, '--profile', 'bac-ninh-2017', '--unit', 'NOPE');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/không có đơn vị "NOPE".*\|.*has no unit/);
  });

  test('staff add hashes the stdin password with argon2id; a short one is refused', async () => {
    await inboxStaffAdd({ data: dir, user: 'lan', role: 'admin' }, () => undefined, async () => 'mật khẩu rất dài\n');
    const store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      const user = (await store.getStaffUser('lan'))!;
      expect(user.role).toBe('admin');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
    } finally {
      await store.close();
    }
    await expect(inboxStaffAdd({ data: dir, user: 'x' }, () => undefined, async () => 'ngắn\n')).rejects.toThrow(/10/);
    await expect(inboxStaffAdd({ data: dir, user: 'x', role: 'root' }, () => undefined, async () => 'mật khẩu rất dài')).rejects.toThrow(/--role/);
  });

  test('staff add for an existing account is a password reset: its sessions end, the audit says so', async () => {
    let store = await openStore({ dataDir: dir, databaseUrl: null });
    const lan = (await store.getStaffUser('lan'))!;
    await store.createSession({ id_hash: 'f'.repeat(64), user_id: lan.id, csrf_token: 'c', created_at: '2026-01-01T00:00:00.000Z', expires_at: '2999-01-01T00:00:00.000Z' });
    await store.close();
    const lines: string[] = [];
    await inboxStaffAdd({ data: dir, user: 'lan', role: 'admin' }, (l) => lines.push(l), async () => 'mật khẩu mới rất dài\n');
    expect(lines.join('\n')).toMatch(/phiên đăng nhập cũ đã kết thúc.*sessions have ended/);
    store = await openStore({ dataDir: dir, databaseUrl: null });
    try {
      expect(await store.getSession('f'.repeat(64), '2026-01-01T00:00:00.000Z')).toBeNull();
      expect((await store.listAudit({ target: 'lan' })).map((e) => e.action)).toEqual(['staff_password_reset', 'staff_created']);
    } finally {
      await store.close();
    }
  });
});

describe('the first administrator', () => {
  // An empty inbox's README command (`vr inbox staff add --user …`, no --role) must give an
  // account that can administer: otherwise nobody can add units or staff on /staff/.
  test('the first account without --role is admin and says so; later ones are staff; a reset keeps the role', async () => {
    const data = tempDir();
    try {
      const say: string[] = [];
      await inboxStaffAdd({ data, user: 'soyte' }, (l) => say.push(l), async () => 'mật khẩu quản trị dài\n');
      expect(say.join('\n')).toMatch(/Đã tạo tài khoản soyte \(admin\).*\n.*chưa có quản trị viên nên soyte là quản trị viên \(admin\).*The inbox had no administrator, so soyte is its admin/);
      const later: string[] = [];
      await inboxStaffAdd({ data, user: 'lan' }, (l) => later.push(l), async () => 'mật khẩu cán bộ dài\n');
      expect(later.join('\n')).toMatch(/lan \(staff\).*\n.*--role admin/);
      // Re-adding the administrator without --role is a password reset, not a demotion.
      await inboxStaffAdd({ data, user: 'soyte' }, () => undefined, async () => 'mật khẩu quản trị mới\n');
      // An explicit --role staff on an empty inbox is obeyed.
      const other = tempDir();
      await inboxStaffAdd({ data: other, user: 'chi', role: 'staff' }, () => undefined, async () => 'mật khẩu cán bộ dài\n');
      const store = await openStore({ dataDir: data, databaseUrl: null });
      const otherStore = await openStore({ dataDir: other, databaseUrl: null });
      try {
        expect((await store.listStaffUsers()).map((u) => `${u.username}:${u.role}`)).toEqual(['lan:staff', 'soyte:admin']);
        expect((await otherStore.getStaffUser('chi'))?.role).toBe('staff');
      } finally {
        await store.close();
        await otherStore.close();
        fs.rmSync(other, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  });
});

describe('vr submit', () => {
  let inbox: TestInbox;
  let token: string;
  const dir = tempDir();
  beforeAll(async () => {
    inbox = await startTestInbox();
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    fs.writeFileSync(path.join(dir, 'clean.xlsx'), await sampleWorkbook({ rows: 20, seed: 5 }));
    fs.writeFileSync(path.join(dir, 'bad.xlsx'), await sampleWorkbook({ rows: 20, seed: 5, quarter: 2, edit: (s) => setRegistryCell(s, 2, 'commune', 'Phường Không Có') }));
    fs.writeFileSync(path.join(dir, 'notes.xlsx'), 'ghi chú, không phải sổ');
  }, 60_000);
  afterAll(async () => {
    await inbox.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('accepted: exit 0 and --json prints exactly the receipt', async () => {
    const r = await vr('submit', path.join(dir, 'clean.xlsx'), '--inbox', inbox.url, '--token', token, '--json');
    expect(r.code).toBe(0);
    const receipt = JSON.parse(r.out);
    expect(Object.keys(receipt).sort()).toEqual(['id', 'on_time', 'received_at', 'sha256', 'summary']);
    expect(receipt.sha256).toBe(sha256Hex(fs.readFileSync(path.join(dir, 'clean.xlsx'))));
    const again = await vr('submit', path.join(dir, 'clean.xlsx'), '--inbox', inbox.url, '--token', token);
    expect(again.code).toBe(0);
    expect(again.out).toContain(receipt.id);
    expect(again.out).toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d \(giờ Việt Nam/);
    // An inbox URL with a path prefix keeps it (here: the same server, prefix-free, with a slash).
    expect((await vr('submit', path.join(dir, 'clean.xlsx'), '--inbox', `${inbox.url}/`, '--token', token)).code).toBe(0);
  });

  test('refused for findings: exit 1 and --json prints {findings}', async () => {
    const r = await vr('submit', path.join(dir, 'bad.xlsx'), '--inbox', inbox.url, '--token', token, '--json');
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out);
    expect(Object.keys(body)).toEqual(['findings']);
    expect(body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'REG-08', value: 'Phường Không Có' })]));
    expect(r.err).toMatch(/lỗi.*\|.*errors/);
  });

  test('unusable input: exit 2; wrong token or unreachable inbox: exit 3', async () => {
    expect((await vr('submit', path.join(dir, 'notes.xlsx'), '--inbox', inbox.url, '--token', token)).code).toBe(2);
    expect((await vr('submit', path.join(dir, 'missing.xlsx'), '--inbox', inbox.url, '--token', token)).code).toBe(2);
    const wrong = await vr('submit', path.join(dir, 'clean.xlsx'), '--inbox', inbox.url, '--token', 'not-the-token-aaaaaaaaaaaa');
    expect(wrong.code).toBe(3);
    expect(wrong.err).toMatch(/token/);
    const down = await vr('submit', path.join(dir, 'clean.xlsx'), '--inbox', 'http://127.0.0.1:9', '--token', token);
    expect(down.code).toBe(3);
    expect(down.err).toMatch(/Không kết nối được.*\|.*Cannot reach/);
    expect(down.err).not.toMatch(/\n\s+at /);
  });
});
