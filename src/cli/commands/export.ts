import * as path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors';
import { checkK, DEFAULT_K, exportHtcds } from '../../inbox/htcdsExport';
import type { UnitInput } from '../../inbox/consolidate';
import { getProfile } from '../../profiles';
import { readWorkbookFile } from '../../xlsx/read';
import { writeFileAtomic } from '../../xlsx/write';
import { inboxFetch, staffSession } from './consolidate';
// The whole official list: a vn-2025 unit code is looked up among every province's units.
import '../../profiles/officialAll';

/**
 * `vr export --format htcds --profile P --year Y [--quarter Q] [--k 11] -o out.xlsx FILES… |
 * --inbox URL …` (docs/cli.md): the HTCDS case list of consented cases, k-anonymous and
 * 2-diverse; see docs/htcds.md for the field mapping. k is never below 11 (`--k 5` is refused).
 * With `--inbox` the inbox builds it from its accepted reports (staff account as for
 * `vr consolidate`), with the inbox's own floor on k.
 */
interface Options {
  format: string;
  profile: string;
  year: string;
  quarter?: string;
  k?: string;
  output: string;
  inbox?: string;
  user?: string;
  token?: string;
}

function intOption(raw: string, name: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UserError('bad_argument', `--${name} phải là số nguyên từ ${min} đến ${max} (đã nhập "${raw}").`, `--${name} must be an integer from ${min} to ${max} (got "${raw}").`);
  }
  return n;
}

async function fromInbox(opts: Options, year: number, quarter: number | null, k: number | null): Promise<Buffer> {
  const base = opts.inbox!.replace(/\/+$/, '');
  const session = await staffSession(base, opts);
  // Without --k the inbox uses its own floor (11, or higher when its administrator raised it).
  const query = new URLSearchParams({ profile: opts.profile, year: String(year), ...(k === null ? {} : { k: String(k) }) });
  if (quarter !== null) query.set('quarter', String(quarter));
  const res = await inboxFetch(`${base}/api/staff/export/htcds.xlsx?${query}`, { headers: { cookie: `vr_session=${session}` } });
  if (res.status === 401 || res.status === 403) {
    throw new UserError('auth_failed', `Hộp thư từ chối (HTTP ${res.status}); đăng nhập lại bằng tài khoản cán bộ tỉnh.`, `The inbox refused (HTTP ${res.status}); sign in again with a provincial staff account.`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message_vi?: string; message_en?: string };
    throw new UserError('bad_argument', body.message_vi ?? `Hộp thư trả lỗi HTTP ${res.status}.`, body.message_en ?? `The inbox answered HTTP ${res.status}.`);
  }
  return Buffer.from(await res.arrayBuffer());
}

export function register(program: Command): void {
  program
    .command('export')
    .description('Xuất danh sách ca theo chuẩn HTCDS (IOM), ẩn danh k / export the HTCDS case list, k-anonymous')
    .argument('[files...]', 'sổ .xlsx của các đơn vị / unit workbooks')
    .requiredOption('--format <format>', 'htcds')
    .requiredOption('--profile <id>', 'kế hoạch / plan profile')
    .requiredOption('--year <yyyy>', 'năm / year')
    .option('--quarter <q>', 'quý 1-4 (bỏ trống: cả năm) / quarter (default: the whole year)')
    .option('--k <k>', `k-ẩn danh, từ ${DEFAULT_K} trở lên (mặc định ${DEFAULT_K}, hoặc mức của hộp thư) / k-anonymity, ${DEFAULT_K} or more (default ${DEFAULT_K}, or the inbox's floor)`)
    .requiredOption('-o, --output <file>', 'tệp kết quả / output .xlsx')
    .option('--inbox <url>', 'lấy từ hộp thư tỉnh / from the provincial inbox')
    .option('--user <name>', 'tài khoản cán bộ tỉnh / staff user (with --inbox)')
    .option('--token <session>', 'phiên đăng nhập cán bộ / staff session (with --inbox)')
    .action(async (files: string[], opts: Options) => {
      if (opts.format !== 'htcds') {
        throw new UserError('bad_argument', `--format "${opts.format}" không hỗ trợ; dùng --format htcds.`, `--format "${opts.format}" is not supported; use --format htcds.`);
      }
      const profile = getProfile(opts.profile);
      if (!profile) throw new UserError('unknown_profile', `Không có kế hoạch "${opts.profile}".`, `Unknown plan profile "${opts.profile}".`);
      const year = intOption(opts.year, 'year', 2000, 2100);
      const quarter = opts.quarter === undefined ? null : intOption(opts.quarter, 'quarter', 1, 4);
      const asked = opts.k === undefined ? null : intOption(opts.k, 'k', 1, 1000);
      if (asked !== null) checkK(asked);
      const k = asked ?? DEFAULT_K;
      const out = path.resolve(opts.output);
      let bytes: Buffer;
      if (opts.inbox) {
        if (files.length > 0) throw new UserError('bad_argument', 'Dùng hoặc danh sách tệp, hoặc --inbox, không dùng cả hai.', 'Give either files or --inbox, not both.');
        bytes = await fromInbox(opts, year, quarter, asked);
      } else {
        if (files.length === 0) throw new UserError('bad_argument', 'Chưa có tệp nào; liệt kê các sổ .xlsx hoặc dùng --inbox URL.', 'No files; list the unit workbooks or use --inbox URL.');
        const inputs: UnitInput[] = files.map((file) => ({ label: file, load: () => readWorkbookFile(file) }));
        const result = await exportHtcds(profile, { year, quarter, k }, inputs);
        process.stderr.write(
          `Đã xuất ${result.rows} trường hợp (loại ${result.suppressed} để bảo đảm k = ${k}; gộp ${result.merged} hồ sơ trùng người) / exported ${result.rows} cases (${result.suppressed} suppressed for k = ${k}; ${result.merged} duplicate cases merged).\n`,
        );
        bytes = result.buffer;
      }
      await writeFileAtomic(out, bytes);
      process.stdout.write(`${out}\n`);
    });
}
