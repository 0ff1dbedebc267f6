/**
 * Each `vr` command loads only what it uses (bench/README.md has the times): the lists of
 * modules a real run of the built CLI loaded, read back from Node's module cache at exit.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, ensureBuilt, tempDir } from './helpers';

beforeAll(() => ensureBuilt(), 180_000);

/** Runs `vr …` and returns the files it required (node_modules packages and dist/ modules). */
function loadedBy(args: string[]): { code: number; files: string[] } {
  const dir = tempDir('vr-lazy-');
  const list = path.join(dir, 'modules.json');
  const preload = path.join(dir, 'record.js');
  fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ['--require', preload, path.join(ROOT, 'bin', 'vr.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  const files = (JSON.parse(fs.readFileSync(list, 'utf8')) as string[]).map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
  fs.rmSync(dir, { recursive: true, force: true });
  return { code: r.status ?? -1, files };
}

const packageOf = (files: string[]) => new Set(files.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []));

describe('vr commands load only what they use', () => {
  test('vr units --province loads no spreadsheet library, server, database, zod, rule or other province', () => {
    const { code, files } = loadedBy(['units', '--profile', 'vn-2025', '--province', '56']);
    expect(code).toBe(0);
    const packages = packageOf(files);
    for (const heavy of ['exceljs', 'fastify', 'pg', 'better-sqlite3', 'zod', 'yauzl']) expect(packages).not.toContain(heavy);
    expect(files.filter((f) => /^dist\/(domain\/rules|domain\/check|inbox|xlsx)\//.test(f))).toEqual([]);
    // `units update`'s options are registered (a few lines); its list tools are not loaded.
    expect(files.filter((f) => f.startsWith('dist/cli/commands/')).sort()).toEqual(['dist/cli/commands/index.js', 'dist/cli/commands/units.js', 'dist/cli/commands/unitsUpdateCommand.js']);
    // One province's file, not the 34 of the whole list.
    expect(files.filter((f) => /vn-units\/\d{2}\.json$/.test(f))).toEqual(['dist/profiles/data/vn-units/56.json']);
  });

  test('vr new loads neither the reader nor the rules, nor exceljs beyond its in-memory workbook', () => {
    const { code, files } = loadedBy(['new', '--profile', 'vn-2025', '--unit', '22366', '--year', '2025', '--quarter', '3', '-o', 'new.xlsx']);
    expect(code).toBe(0);
    const packages = packageOf(files);
    for (const heavy of ['fastify', 'pg', 'better-sqlite3', 'zod', 'unzipper', 'archiver']) expect(packages).not.toContain(heavy);
    expect(files.filter((f) => /^dist\/(domain\/rules|domain\/check|domain\/parse|inbox)\//.test(f) || /^dist\/xlsx\/(read|fastRead|sheetScan|guard)\.js$/.test(f))).toEqual([]);
    expect(files.filter((f) => /node_modules\/exceljs\/lib\/stream\//.test(f))).toEqual([]);
  });

  test('vr validate does not load the server, the databases or exceljs', () => {
    const { files } = loadedBy(['validate', path.join(ROOT, 'no-such-file.xlsx')]);
    const packages = packageOf(files);
    for (const heavy of ['exceljs', 'fastify', 'pg', 'better-sqlite3']) expect(packages).not.toContain(heavy);
  });
});
