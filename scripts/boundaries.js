#!/usr/bin/env node
/**
 * Per-province commune boundaries for the staff page's map, made from a snapshot of
 * thanglequoc/vietnamese-provinces-database (MIT; boundaries from the statistics office's list),
 * folder json/geojson/<NN>_<name>/wards/<code>_<name>.geojson, feature id = 5-digit commune code.
 *
 *   node scripts/boundaries.js <snapshot git dir or work tree> [out dir = assets/boundaries] --tag v4.2.0
 *
 * The tag names the release read (not whatever the snapshot's newest commit holds), so the map
 * and the unit list (docs/units.md) come from releases a person chose and can name.
 * Each province becomes one TopoJSON file `<NN>.topo.json` (object `communes`, geometry id =
 * commune code, property `name`), simplified with mapshaper (Visvalingam, 3 % of vertices kept,
 * shapes kept, 10^4 quantisation): shared borders are stored once, so a province is tens of KB.
 * `index.json` records the release tag, its commit and date, and each file's size. Nothing is downloaded.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const mapshaper = require('mapshaper');

const SIMPLIFY = '3%';

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--tag');
  const tag = at >= 0 ? args[at + 1] : undefined;
  const [source, outArg] = args.filter((_a, i) => at < 0 || (i !== at && i !== at + 1));
  if (!source || !tag) {
    console.error('Cách dùng / usage: node scripts/boundaries.js <snapshot repo> [out dir] --tag <release, e.g. v4.2.0>');
    process.exit(2);
  }
  const out = path.resolve(outArg ?? path.join(__dirname, '..', 'assets', 'boundaries'));
  fs.mkdirSync(out, { recursive: true });
  const git = (...args) => execFileSync('git', ['-C', source, ...args], { maxBuffer: 1 << 30 });
  let commit;
  try {
    commit = git('rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`).toString().trim();
  } catch {
    console.error(`Không có bản phát hành "${tag}" trong ${source} | No release tag "${tag}" in ${source}`);
    process.exit(2);
  }
  const date = git('log', '-1', '--format=%cI', commit).toString().trim();
  const provinces = git('ls-tree', '--name-only', `${commit}:json/geojson`).toString().split('\n').filter((n) => /^\d{2}_/.test(n));
  const index = { source: 'https://github.com/thanglequoc/vietnamese-provinces-database (MIT)', tag, commit, commit_date: date, generated: new Date().toISOString().slice(0, 10), simplify: SIMPLIFY, provinces: [] };
  for (const folder of provinces) {
    const code = folder.slice(0, 2);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vr-bnd-'));
    try {
      // Archive the folder's tree alone: the snapshot may lack blobs elsewhere (large files).
      execFileSync('sh', ['-c', `git -C "$0" archive "${commit}:json/geojson/${folder}/wards" | tar -x -C "$1"`, source, tmp]);
      const dir = tmp;
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.geojson')).map((f) => path.join(dir, f));
      const target = path.join(out, `${code}.topo.json`);
      const cmd = [
        '-i', ...files.map((f) => JSON.stringify(f)), 'combine-files', 'id-field=code',
        '-merge-layers', 'name=communes',
        '-each', "'name=fullName'",
        '-filter-fields', 'code,name',
        '-simplify', SIMPLIFY, 'keep-shapes',
        '-o', 'format=topojson', 'quantization=10000', 'id-field=code', JSON.stringify(target),
      ].join(' ');
      await mapshaper.runCommands(cmd);
      const bytes = fs.statSync(target).size;
      index.provinces.push({ code, folder, file: `${code}.topo.json`, communes: files.length, bytes });
      console.log(`${code} ${folder}: ${files.length} communes, ${bytes} bytes`);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
