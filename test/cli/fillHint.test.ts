/** Each shell names its own way to fill a never-filled report (docs/rules.md): the CLI its
 *  command with the file, the pane its button, the upload page Excel. */
import * as path from 'path';
import { validateFile } from '../../src/cli/commands/validate';
import { buildTemplate } from '../../src/domain/template';
import { SHEET, type WorkbookModel } from '../../src/domain/sheet';
import { judgeBytes } from '../../src/inbox/judge';
import { inlineChecker } from '../../src/taskpane/lib/checkRunner';
import { findUnit, getProfile } from '../../src/profiles';
import { templateToBuffer, writeTemplateFile } from '../../src/xlsx/write';
import { sample, sheetOf, tempDir } from './helpers';

const profile = getProfile('bac-ninh-2017')!;
const unit = findUnit(profile, 'BN-TS')!;

/** A 60-row sample whose report was never filled (a fresh quarter's template sheet). */
function unfilled() {
  const s = sample(60, 12);
  sheetOf(s.spec, SHEET.report).rows = sheetOf(buildTemplate(profile, unit, 2020, 3, '2020-10-01T00:00:00.000Z'), SHEET.report).rows;
  return s.spec;
}

const rpt01 = (findings: { rule: string; message_vi: string; message_en: string }[]) => findings.filter((f) => f.rule === 'RPT-01');

describe('the never-filled report finding in each shell', () => {
  it('vr validate names `vr fill <file>`', async () => {
    const file = path.join(tempDir(), 'so.xlsx');
    await writeTemplateFile(unfilled(), file);
    const { result } = await validateFile(file, { today: '2021-01-15' });
    const f = rpt01(result.findings);
    expect(f).toHaveLength(1);
    expect(f[0].message_vi).toContain(`chạy lệnh vr fill ${file}`);
    expect(f[0].message_en).toContain(`run vr fill ${file}`);
  });

  it('the pane names its own button, never the command', async () => {
    const spec = unfilled();
    const model: WorkbookModel = { sheets: spec.sheets.map((s) => ({ name: s.name, rows: s.rows })) };
    const f = rpt01(await inlineChecker.run(model, new Date(Date.UTC(2021, 0, 15))));
    expect(f).toHaveLength(1);
    expect(f[0].message_vi).toContain('"Lập báo cáo từ sổ theo dõi"');
    expect(f[0].message_en).toContain('"Fill the report from the register"');
    expect(f[0].message_vi + f[0].message_en).not.toMatch(/vr fill/);
  });

  it('the upload page says to fill it in Excel, never the command or a button', async () => {
    const body = await templateToBuffer(unfilled());
    const verdict = await judgeBytes({ body, unitCode: 'BN-TS', profile, receivedAt: '2020-10-05T03:00:00.000Z', maxBytes: 20 * 1024 * 1024, displayName: 'so.xlsx' });
    const findings = verdict.ok ? verdict.findings : ((verdict.extra.findings ?? []) as { rule: string; message_vi: string; message_en: string }[]);
    const f = rpt01(findings);
    expect(f).toHaveLength(1);
    expect(f[0].message_vi).toContain('mở sổ bằng Excel và lập báo cáo');
    expect(f[0].message_vi + f[0].message_en).not.toMatch(/vr fill|bấm nút/);
  });
});
