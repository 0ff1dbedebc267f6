import fs from 'node:fs';
import path from 'node:path';
import { INBOX_FINDINGS, renderColumns, renderRuleCatalogue, rulesWithoutBasis } from '../../src/domain/catalogue';
import { RULES } from '../../src/domain/rules/index';

const docs = path.join(__dirname, '..', '..', 'docs');

describe('the rule catalogue in docs/', () => {
  it('has a basis (plan clause, law or standard) for every rule and inbox finding', () => {
    expect(rulesWithoutBasis(RULES)).toEqual([]);
    expect(rulesWithoutBasis(INBOX_FINDINGS)).toEqual([]);
  });

  it('lists every rule with its id, severity and both descriptions', () => {
    const page = renderRuleCatalogue(RULES);
    for (const rule of RULES) {
      expect(page).toContain(`**${rule.id}**`);
      expect(page).toContain(rule.description_vi);
      expect(page).toContain(rule.description_en.replace(/\|/g, '\\|'));
    }
  });

  it('is committed as the code generates it (run `npm run docs` after changing a rule)', () => {
    expect(fs.readFileSync(path.join(docs, 'rules.md'), 'utf8')).toBe(renderRuleCatalogue(RULES));
    expect(fs.readFileSync(path.join(docs, 'columns.md'), 'utf8')).toBe(renderColumns());
  });

  it('fails for a rule that has no basis', () => {
    expect(rulesWithoutBasis([{ id: 'XYZ-99' }])).toEqual(['XYZ-99']);
  });
});
