/**
 * Issue 6: a workbook opened and saved by LibreOffice (as clerks without Microsoft Office do)
 * must check the same. Real soffice, headless, with a throw-away profile.
 *
 * What LibreOffice changes, measured: `_meta` comes back `hidden` instead of `veryHidden`
 * (LibreOffice has no very-hidden state); dates stay dates; text, numbers and sheet order stay.
 * The rules do not depend on visibility, so the reader keeps what the file says.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbookFile } from '../../src/xlsx/read';
import { ensureBuilt, findingKey, tempDir, vr } from '../cli/helpers';

function soffice(): string {
  for (const candidate of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).stdout.trim();
    if (found) return found;
  }
  throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc');
}

describe('LibreOffice round trip', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  test('sample --errors saved by LibreOffice gives the same findings', async () => {
    const dir = tempDir('vr-lo-');
    const file = path.join(dir, 's.xlsx');
    expect(vr(['sample', '--rows', '200', '--seed', '13', '--errors', '-o', file]).code).toBe(0);
    const before = JSON.parse(vr(['validate', file, '--json']).stdout) as { findings: Parameters<typeof findingKey>[0][] };
    expect(before.findings.length).toBeGreaterThan(20);

    const outDir = path.join(dir, 'lo');
    fs.mkdirSync(outDir);
    execFileSync(soffice(), [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx', '--outdir', outDir, file], {
      stdio: 'pipe',
      timeout: 180_000,
    });
    const converted = path.join(outDir, 's.xlsx');
    expect(fs.existsSync(converted)).toBe(true);

    const after = vr(['validate', converted, '--json']);
    expect(after.code).toBe(1);
    const afterJson = JSON.parse(after.stdout) as { findings: Parameters<typeof findingKey>[0][] };
    // LibreOffice clips a text to Excel's 32,767-character limit when it saves .xlsx, so the
    // planted over-long note (FMT-08) is the one finding a round trip removes.
    const clipped = before.findings.filter((f) => f.rule === 'FMT-08');
    expect(clipped).toHaveLength(1);
    expect(afterJson.findings.map(findingKey).sort()).toEqual(before.findings.filter((f) => f.rule !== 'FMT-08').map(findingKey).sort());

    const model = await readWorkbookFile(converted);
    expect(model.sheets.map((s) => s.name)).toEqual(['Hướng dẫn', 'Sổ theo dõi', 'Hỗ trợ', 'Báo cáo quý', 'Danh mục', '_meta']);
    expect(model.sheets[5].visibility).not.toBe('visible');
    const registry = model.sheets[1];
    const received = registry.rows[0].indexOf('Ngày tiếp nhận');
    expect(registry.rows.slice(1).every((row) => row[received] instanceof Date)).toBe(true);
  }, 300_000);
});
