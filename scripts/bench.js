#!/usr/bin/env node
/* Runs the benchmarks in bench/ one after another (or only those named on the command line:
 * `npm run bench -- validate consolidate`). Each writes its own section of bench/README.md. */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const all = ['rules', 'report', 'validate', 'cli', 'pane', 'officeShell', 'inbox-load', 'consolidate', 'export', 'map', 'trends', 'hostile', 'redteam'];
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : all;
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

let failed = 0;
for (const name of wanted) {
  const file = path.join(root, 'bench', `${name}.ts`);
  if (!fs.existsSync(file)) {
    console.error(`Không có bài đo ${name} | No benchmark named ${name} (bench/${name}.ts)`);
    failed += 1;
    continue;
  }
  console.log(`\n== bench/${name}.ts`);
  const result = spawnSync(tsx, [file], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--expose-gc' } });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
