/**
 * Rules + report on a large registry (100,000 rows is the stress size; target under
 * 1 s for rules + report on the 2-core box). Builds the sheet model in memory (no file read: the
 * reader is measured by bench/validate.ts), then times parse and check separately.
 * Run: `npm run bench -- rules` (or `npx tsx bench/rules.ts [rows]`).
 */
import '../src/profiles/officialAll';
import { loadavg } from 'node:os';
import { checkParsed } from '../src/domain/check';
import { parseWorkbook } from '../src/domain/parse';
import { REGISTRY_COLUMNS, SUPPORT_COLUMNS } from '../src/domain/schema/registry';
import type { CellValue, WorkbookModel } from '../src/domain/sheet';
import { buildWorkbook, validRegistryRow } from '../test/domain/helpers';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Thị', 'Văn', 'Thị Thu', 'Đức', 'Thị Ngọc', 'Minh', 'Thị Kim', 'Quốc'];
const GIVEN = ['Hoa', 'Lan', 'Hằng', 'Trang', 'Nhung', 'Huyền', 'Thảo', 'Yến', 'Ngọc', 'Phương', 'Mai', 'Linh', 'Hùng', 'Dũng', 'Tuấn', 'Sơn', 'Nam', 'Cường', 'Thắng', 'Quang', 'Long', 'Hải', 'Khoa', 'Phúc'];
const rows = Number(process.argv[2] ?? 100_000);
const wb = buildWorkbook({ rows: 0 });
const model: WorkbookModel = wb.model;
const DAY = 86_400_000;
for (let i = 0; i < rows; i++) {
  const values = validRegistryRow(i, wb.profile, wb.unit, 2020, 3);
  // Case IDs in the <unit>-<yyyy>-<nnnn> form (REG-11): a 4-digit number per year.
  values.case_id = `${wb.unit.code}-${2000 + Math.floor(i / 9999)}-${String((i % 9999) + 1).padStart(4, '0')}`;
  // Distinct people: 2,304 names × 18,993 birth days (adults) (cycles with a large common multiple), so REG-07 stays quiet.
  const n = i % 2304;
  values.full_name = `${FAMILY[n % 12]} ${MIDDLE[Math.floor(n / 12) % 8]} ${GIVEN[Math.floor(n / 96)]}`;
  values.birth_date = new Date(Date.UTC(1950, 0, 1) + (i % 18_993) * DAY);
  // Some realistic noise: typos, pending cases, legacy text, children.
  if (i % 97 === 0) values.sex = 'nu';
  if (i % 101 === 0) values.full_name = 'NguyÔn ThÞ Hoa';
  if (i % 89 === 0) {
    values.verification_status = 'Chờ xác minh';
    values.verification_date = null;
    values.verifying_agency = null;
  }
  if (i % 53 === 0) {
    // A child, referred to child protection on the day received.
    values.birth_date = String(2008);
    values.child_referral = 'Có';
    values.child_referral_date = values.received_date;
  }
  if (i % 211 === 0) values.birth_date = String(2005); // a 15-year-old not referred: CHD-01
  wb.registry.rows.push(REGISTRY_COLUMNS.map((c) => values[c.key]));
  const support: Record<string, CellValue> = { case_id: values.case_id, type: 'Y tế', date: new Date((values.received_date as Date).getTime() + DAY), amount: 500_000, provider: 'Trạm Y tế phường', notes: null };
  wb.support.rows.push(SUPPORT_COLUMNS.map((c) => support[c.key]));
}

/** Wall time, and this process's CPU time (user + system): the box is shared, so under load the
 *  CPU time is the fairer number. */
// A file reader hands over flat strings; the generator's are concatenations (cons strings), which
// V8 flattens lazily on first use and would bill to the rules. structuredClone flattens them.
wb.registry.rows = structuredClone(wb.registry.rows);
wb.support.rows = structuredClone(wb.support.rows);

function time<T>(fn: () => T): [T, number, number] {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  return [out, Number(process.hrtime.bigint() - t0) / 1e6, (c.user + c.system) / 1000];
}

// One warm-up run (JIT), then the best of three.
checkParsed(parseWorkbook(model), { today: wb.today });
const parseMs: number[] = [];
const checkMs: number[] = [];
const parseCpu: number[] = [];
const checkCpu: number[] = [];
let findings = 0;
for (let run = 0; run < 3; run++) {
  const [parsed, p, pc] = time(() => parseWorkbook(model));
  const [result, c, cc] = time(() => checkParsed(parsed, { today: wb.today }));
  parseMs.push(p);
  checkMs.push(c);
  parseCpu.push(pc);
  checkCpu.push(cc);
  findings = result.findings.length;
}
const best = (xs: number[]) => Math.min(...xs).toFixed(0);
// A fixed reference (10^8 integer additions) measured right now: on a busy shared box every
// number above scales with it, so compare runs through this ratio.
const [, refMs] = time(() => {
  let acc = 0;
  for (let i = 0; i < 1e8; i++) acc = (acc + i * 7) | 0;
  return acc;
});
const load = loadavg()[0].toFixed(1);
console.log(
  `rows=${rows} findings=${findings} parse=${best(parseMs)} ms (cpu ${best(parseCpu)} ms) rules+report=${best(checkMs)} ms (cpu ${best(checkCpu)} ms); best of 3; reference loop ${refMs.toFixed(0)} ms; load ${load}; ${new Date().toISOString().slice(0, 10)}`,
);
