/**
 * Writes the generated reference pages of docs/ (rule catalogue, workbook columns) from the code.
 * Run with `npm run docs`; test/docs/catalogue.test.ts fails when a committed page is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderColumns, renderRuleCatalogue } from '../src/domain/catalogue';
import { RULES } from '../src/domain/rules/index';

const docs = path.join(__dirname, '..', 'docs');
fs.mkdirSync(docs, { recursive: true });
fs.writeFileSync(path.join(docs, 'rules.md'), renderRuleCatalogue(RULES));
fs.writeFileSync(path.join(docs, 'columns.md'), renderColumns());
process.stdout.write('docs/rules.md, docs/columns.md\n');
