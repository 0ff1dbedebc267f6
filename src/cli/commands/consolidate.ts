import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors';
import { getProfile } from '../../profiles';
import { consolidateToFile, type UnitInput } from '../../inbox/consolidate';
import { officialProvince } from '../../inbox/province';
import { provinceInfo } from '../../profiles/officialList';
import { readWorkbookFile } from '../../xlsx/read';
// The whole official list: a vn-2025 unit code is looked up among every province's units.
import '../../profiles/officialAll';

/**
 * `vr consolidate --profile P [--province NN] --year Y --quarter Q -o out.xlsx FILES…` builds the
 * province's consolidated workbook from unit workbooks on disk (one at a time: 700 files stay
 * small in memory), or with `--inbox URL` downloads the one the inbox builds from its latest
 * non-returned submissions. Under a province-wide plan (`vn-2025`) the summary lists every
 * unit of the province's official list: `--province`, else the one province the files belong
 * to, else (with `--inbox`) the inbox's own. Inbox access is a staff account: `--user NAME` with
 * the password from VR_STAFF_PASSWORD or stdin, or `--token` holding an existing staff session.
 */

interface Options {
  profile: string;
  year: string;
  quarter: string;
  output: string;
  province?: string;
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

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

export async function inboxFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new UserError('inbox_unreachable', `Không kết nối được hộp thư ${url}; kiểm tra địa chỉ và mạng.`, `Cannot reach the inbox at ${url}; check the address and the network.`);
  }
}

export async function staffSession(base: string, opts: Pick<Options, 'user' | 'token'>): Promise<string> {
  if (opts.token) return opts.token;
  if (!opts.user) {
    throw new UserError('bad_argument', 'Với --inbox cần --user TÊN (mật khẩu qua VR_STAFF_PASSWORD hoặc stdin) hoặc --token.', 'With --inbox give --user NAME (password via VR_STAFF_PASSWORD or stdin) or --token.');
  }
  const password = process.env.VR_STAFF_PASSWORD ?? (await readStdin());
  const res = await inboxFetch(`${base}/api/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: opts.user, password }),
  });
  if (!res.ok) {
    throw new UserError('auth_failed', `Đăng nhập hộp thư thất bại (HTTP ${res.status}); kiểm tra tên và mật khẩu.`, `Inbox sign-in failed (HTTP ${res.status}); check the user name and password.`);
  }
  const cookie = (res.headers.get('set-cookie') ?? '').match(/vr_session=([^;]+)/);
  if (!cookie) throw new UserError('auth_failed', 'Hộp thư không trả về phiên đăng nhập.', 'The inbox returned no session.');
  return cookie[1];
}

async function fromInbox(opts: Options, year: number, quarter: number, out: string): Promise<void> {
  const base = opts.inbox!.replace(/\/+$/, '');
  const session = await staffSession(base, opts);
  const query = new URLSearchParams({ profile: opts.profile, year: String(year), quarter: String(quarter), ...(opts.province ? { province: opts.province } : {}) });
  const res = await inboxFetch(`${base}/api/staff/consolidated.xlsx?${query}`, { headers: { cookie: `vr_session=${session}` } });
  if (res.status === 401 || res.status === 403) {
    throw new UserError('auth_failed', `Hộp thư từ chối (HTTP ${res.status}); đăng nhập lại bằng tài khoản cán bộ tỉnh.`, `The inbox refused (HTTP ${res.status}); sign in again with a provincial staff account.`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { message_vi?: string; message_en?: string };
    throw new UserError('bad_argument', body.message_vi ?? `Hộp thư trả lỗi HTTP ${res.status}.`, body.message_en ?? `The inbox answered HTTP ${res.status}.`);
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await fsp.writeFile(tmp, bytes);
    await fsp.rename(tmp, out);
  } catch {
    await fsp.rm(tmp, { force: true });
    throw new UserError('write_failed', `Không ghi được ${out}; kiểm tra thư mục và quyền ghi.`, `Cannot write ${out}; check the folder and permissions.`);
  }
}

/** `--province 56`, `--province "Khánh Hoà"` → `56`; a district-era plan's own code passes as is. */
function provinceArg(raw: string): string {
  return provinceInfo(raw)?.code ?? raw.trim();
}

/** The first codes of a long list, and how many more. */
function listed(codes: string[], max = 20): string {
  return codes.length <= max ? codes.join(', ') : `${codes.slice(0, max).join(', ')} … (+${codes.length - max})`;
}

export function registerConsolidate(program: Command): void {
  program
    .command('consolidate')
    .description('Tổng hợp báo cáo quý của các đơn vị thành một sổ toàn tỉnh / consolidate unit workbooks for the province')
    .argument('[files...]', 'sổ .xlsx của các đơn vị / unit workbooks')
    .requiredOption('--profile <id>', 'kế hoạch / plan profile')
    .option('--province <NN>', 'mã hoặc tên tỉnh (vn-2025): mọi xã, phường của tỉnh / province code or name (vn-2025): every unit of the province')
    .requiredOption('--year <yyyy>', 'năm / year')
    .requiredOption('--quarter <q>', 'quý 1-4 / quarter')
    .requiredOption('-o, --output <file>', 'tệp kết quả / output .xlsx')
    .option('--inbox <url>', 'lấy từ hộp thư tỉnh / download from the provincial inbox')
    .option('--user <name>', 'tài khoản cán bộ tỉnh / staff user (with --inbox)')
    .option('--token <session>', 'phiên đăng nhập cán bộ / staff session (with --inbox)')
    .action(async (files: string[], opts: Options) => {
      const profile = getProfile(opts.profile);
      if (!profile) {
        throw new UserError('unknown_profile', `Không có kế hoạch "${opts.profile}".`, `Unknown plan profile "${opts.profile}".`);
      }
      const year = intOption(opts.year, 'year', 2000, 2100);
      const quarter = intOption(opts.quarter, 'quarter', 1, 4);
      const out = path.resolve(opts.output);
      if (opts.inbox) {
        if (files.length > 0) {
          throw new UserError('bad_argument', 'Dùng hoặc danh sách tệp, hoặc --inbox, không dùng cả hai.', 'Give either files or --inbox, not both.');
        }
        await fromInbox(opts, year, quarter, out);
        process.stdout.write(`${out}\n`);
        return;
      }
      if (files.length === 0) {
        throw new UserError('bad_argument', 'Chưa có tệp nào; liệt kê các sổ .xlsx hoặc dùng --inbox URL.', 'No files; list the unit workbooks or use --inbox URL.');
      }
      const inputs: UnitInput[] = files.map((file) => ({ label: file, load: () => readWorkbookFile(file) }));
      const province = opts.province ? provinceArg(opts.province) : null;
      const result = await consolidateToFile(profile, year, quarter, inputs, out, { province });
      const where = officialProvince(result.province);
      const of = where ? ` (${where.full_name}, ${result.province})` : '';
      const missing = result.missing.length ? ` Chưa nộp / missing ${result.missing.length}: ${listed(result.missing)}.` : '';
      process.stderr.write(`Đã tổng hợp ${result.units} đơn vị, ${result.cases} ca${of} / consolidated ${result.units} units, ${result.cases} cases${of}.${missing}\n`);
      process.stdout.write(`${out}\n`);
    });
}

export const register = registerConsolidate;
