import * as fs from 'fs';
import * as path from 'path';
import { runNew } from '../../src/cli/commands/new';
import { usageError } from '../../src/cli/usageError';
import { readMeta } from '../../src/domain/parse';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ensureBuilt, tempDir, vr } from './helpers';

jest.setTimeout(180_000);
beforeAll(() => ensureBuilt());

const VI_THEN_EN = /^[^|\n]*[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ][^|\n]* \| [A-Z][^|\n]*\n$/i;

test('argument errors are one line, Vietnamese then English, exit 2', () => {
  for (const args of [['validate'], ['sample', '--rows'], ['new', '--bogus'], ['frobnicate'], ['validate', 'a.xlsx', 'b.xlsx']]) {
    const r = vr(args);
    expect({ args, code: r.code }).toEqual({ args, code: 2 });
    expect({ args, stderr: VI_THEN_EN.test(r.stderr) }).toEqual({ args, stderr: true });
    expect(r.stderr).not.toMatch(/^error:/m);
  }
  expect(vr(['validate']).stderr).toBe(
    'Thiếu đối số file.xlsx. Gõ "vr validate --help" để xem cách dùng. | Missing the argument file.xlsx. Run "vr validate --help" for usage.\n',
  );
  expect(vr(['new', '--bogus']).stderr).toContain('Không có tuỳ chọn --bogus.');
  expect(vr(['sample', '--rows']).stderr).toContain('Tuỳ chọn --rows <n> cần một giá trị.');
});

test('commander messages without a known shape still become one bilingual line', () => {
  const line = usageError({ message: "error: something new '--x'" }, 'fill').toLine();
  expect(line).toBe(
    `Lệnh gõ chưa đúng (something new '--x'). Gõ "vr fill --help" để xem cách dùng. | Wrong command line (something new '--x'). Run "vr fill --help" for usage.`,
  );
});

test('vr sample without --rows, --seed or -o writes the default sample, the same each time', () => {
  const dir = tempDir('vr-sample-default-');
  const first = vr(['sample'], {}, dir);
  expect(first.code).toBe(0);
  const file = path.join(dir, 'sample-BN-TS-2020-Q3.xlsx');
  expect(first.stdout).toContain('50 người, BN-TS, quý 3/2020');
  const again = path.join(dir, 'again.xlsx');
  expect(vr(['sample', '-o', again, '--rows', '50', '--seed', '1'], {}, dir).code).toBe(0);
  expect(vr(['validate', file, '--json', '--today', '2020-10-15'], {}, dir).stdout).toBe(
    vr(['validate', again, '--json', '--today', '2020-10-15'], {}, dir).stdout.split(again).join(file),
  );
});

test('vr new without options: bac-ninh-2017, BN-TS, the period due today, named after them', async () => {
  const dir = tempDir('vr-new-default-');
  const lines: string[] = [];
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await runNew({ today: new Date(Date.UTC(2026, 10, 30)) }, (l) => lines.push(l));
  } finally {
    process.chdir(cwd);
  }
  const file = path.join(dir, 'BN-TS-2026-Q3.xlsx');
  expect(fs.existsSync(file)).toBe(true);
  expect(readMeta(await readWorkbookFile(file)).meta).toMatchObject({ profile: 'bac-ninh-2017', unit_code: 'BN-TS', year: 2026, quarter: 3 });
  // 2026 is outside the 2017–2020 plan: said, not silently paired.
  expect(lines.join('\n')).toContain('Lưu ý: năm 2026 nằm ngoài kế hoạch Bắc Ninh 2017–2020 (bac-ninh-2017)');

  // The cut-off plan (vn-2025) is due for Q4 from 15/12.
  const lines2: string[] = [];
  process.chdir(dir);
  try {
    await runNew({ profile: 'vn-2025', today: new Date(Date.UTC(2026, 11, 16)) }, (l) => lines2.push(l));
  } finally {
    process.chdir(cwd);
  }
  // BN-P-TS is the alias of Phường Từ Sơn's official code, which names the file.
  const made = /Đã tạo (\S+-2026-Q4\.xlsx) \(Phường Từ Sơn, quý 4\/2026\)/.exec(lines2[0]);
  expect(made).not.toBeNull();
  expect(readMeta(await readWorkbookFile(path.join(dir, made![1]))).meta).toMatchObject({ profile: 'vn-2025', year: 2026, quarter: 4 });
  expect(lines2.join('\n')).not.toContain('Lưu ý');

  const fresh = tempDir('vr-new-cli-');
  const cli = vr(['new'], {}, fresh);
  expect(cli.code).toBe(0);
  expect(cli.stdout).toMatch(/Đã tạo BN-TS-\d{4}-Q[1-4]\.xlsx \(Thị xã Từ Sơn, quý [1-4]\/\d{4}\)/);
  // The default name never replaces a register already there.
  const again = vr(['new'], {}, fresh);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/đã có: chọn tên khác, hoặc thêm --force/);
});
