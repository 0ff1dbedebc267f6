#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled TypeScript in dist/ (npm run build:node).
const path = require('path');
const fs = require('fs');

const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'Chưa biên dịch dòng lệnh vr: hãy chạy "npm run build:node" trong thư mục dự án. | ' +
      'The vr CLI is not built yet: run "npm run build:node" in the project folder.\n',
  );
  process.exit(2);
}
const { main, reportError } = require(entry);
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = reportError(error, (line) => process.stderr.write(line + '\n'));
  },
);
