import { cleanFilename, FILENAME_MAX } from '../../src/inbox/submissions';
import { sampleWorkbook, startTestInbox, XLSX, type TestInbox } from './helpers';

describe('X-Filename is cleaned before it is stored or shown', () => {
  test('bidi overrides, invisible marks and control characters are dropped', () => {
    expect(cleanFilename('bao-cao\u202Exslx.exe')).toBe('bao-caoxslx.exe');
    expect(cleanFilename('so\u2066\u200Bquy3\u0007\u0085.xlsx')).toBe('soquy3.xlsx');
    expect(cleanFilename(encodeURIComponent('C:\\Users\\x\\Sổ quý 3.xlsx'))).toBe('Sổ quý 3.xlsx');
    expect(cleanFilename('\u202E\u0000')).toBeNull();
  });

  test('runs of 9 or more digits (CMND/CCCD numbers) are masked; the length is capped', () => {
    expect(cleanFilename('Nguyen Thi Lan 012345678901.xlsx')).toBe('Nguyen Thi Lan ************.xlsx');
    expect(cleanFilename('cmnd 123456789 - 2020-10-05.xlsx')).toBe('cmnd ********* - 2020-10-05.xlsx');
    expect(cleanFilename('BN-TS-20201005.xlsx')).toBe('BN-TS-20201005.xlsx');
    const long = cleanFilename(`${'a'.repeat(500)}.xlsx`)!;
    expect([...long].length).toBe(FILENAME_MAX);
  });
});

describe('upload and sign-in limits', () => {
  let inbox: TestInbox;
  let token: string;
  const submit = (body: Buffer, name?: string) =>
    inbox.request('POST', '/api/submissions', {
      headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, ...(name ? { 'x-filename': name } : {}) },
      body,
    });

  beforeAll(async () => {
    inbox = await startTestInbox({ maxVersionsPerQuarter: 3 });
    token = await inbox.addUnit('bac-ninh-2017', 'BN-TS');
    await inbox.addStaff('lan', 'mật-khẩu-của-lan');
  }, 60_000);
  afterAll(() => inbox.close());

  test('staff see the cleaned file name, not what the client sent', async () => {
    const res = await submit(await sampleWorkbook({ seed: 11 }), encodeURIComponent('Lan 012345678901 \u202Exslx.exe'));
    expect(res.status).toBe(200);
    const staff = await inbox.login('lan', 'mật-khẩu-của-lan');
    const view = await inbox.request('GET', `/api/staff/submissions/${res.json().id}`, { headers: { cookie: staff.cookie } });
    expect(view.json().filename).toBe('Lan ************ xslx.exe');
  });

  test('a 2 MB sign-in body gets 413 naming the sign-in limit, not the upload limit', async () => {
    const res = await inbox.request('POST', '/api/staff/login', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'lan', password: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(res.json().message_vi).toContain('(16 KB)');
    expect(res.json().message_en).toContain('(16 KB)');
    expect(res.body.toString()).not.toContain('20 MB');
  });

  test('past the versions cap for a quarter an upload is refused (429, bilingual); a retry of stored bytes still gets its receipt', async () => {
    const first = await sampleWorkbook({ seed: 21 });
    const statuses: number[] = [];
    for (const b of [first, await sampleWorkbook({ seed: 22 })]) statuses.push((await submit(b)).status);
    expect(statuses).toEqual([200, 200]);
    const over = await submit(await sampleWorkbook({ seed: 23 }));
    expect(over.status).toBe(429);
    expect(over.json()).toMatchObject({ error: 'too_many_versions', limit: 3, message_vi: expect.stringContaining('quý 3/2020'), message_en: expect.stringContaining('Q3 2020') });
    const retry = await submit(first);
    expect(retry.status).toBe(200);
    expect(retry.json().version).toBe(2);
    expect(await inbox.ctx.store.countVersions()).toBe(3);
  }, 60_000);
});
