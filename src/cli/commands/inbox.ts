import type { Command } from 'commander';
import { UserError } from '../../domain/errors';
import { hashPassword, newToken, sha256Hex } from '../../inbox/auth';
import { loadConfig, type InboxConfig } from '../../inbox/config';
import { ensureInboxKey } from '../../inbox/insight/matchKey';
import { adoptProvince, checkUnitProvince } from '../../inbox/province';
import { startServer } from '../../inbox/server';
import { openFileStore, openStore } from '../../inbox/storage';
import { backupSqliteInbox, restoreSqliteInbox } from '../../inbox/storage/backup';
import type { StaffRole, Store } from '../../inbox/storage/types';
import { intArg, profileArg, unitArg } from '../args';
import { inboxExpect, inboxUnitAddAll, requireUnit } from './inboxUnits';
// The whole official list: a vn-2025 unit code is looked up among every province's units.
import '../../profiles/officialAll';

type Out = (line: string) => void;
const stdout: Out = (line) => process.stdout.write(line + '\n');

export function configFor(opts: { data: string; port?: string; host?: string }): InboxConfig {
  return loadConfig({
    dataDir: opts.data,
    ...(opts.port !== undefined ? { port: intArg('--port', opts.port, 0, 65535) } : {}),
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    logger: process.env.VR_INBOX_LOG === '1',
  });
}

export async function withStore<T>(config: InboxConfig, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config).catch((error: Error) => {
    throw new UserError(
      'inbox_unreachable',
      `Không mở được kho dữ liệu hộp thư (${config.databaseUrl ? 'PostgreSQL' : config.dataDir}): ${error.message}`,
      `Cannot open the inbox store (${config.databaseUrl ? 'PostgreSQL' : config.dataDir}): ${error.message}`,
    );
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `vr inbox init`: creates (or migrates) the store and the files folder. */
export async function inboxInit(opts: { data: string }, out: Out = stdout): Promise<void> {
  const config = configFor(opts);
  const province = await withStore(config, async (store) => {
    await openFileStore(config, store);
    // An inbox from before the province was kept: record the one its units name, if only one.
    return adoptProvince(store, config.profiles);
  });
  // The key DUP-01 hashes names under (when VR_INBOX_KEY is not set): created once, mode 0600.
  const keyFile = await ensureInboxKey(config);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.dataDir}`;
  const filesVi = config.databaseUrl ? 'trong cơ sở dữ liệu' : `tại ${config.dataDir}/files`;
  const filesEn = config.databaseUrl ? 'in the database' : `in ${config.dataDir}/files`;
  out(`Đã tạo hộp thư: ${where}; tệp lưu ${filesVi}${config.encryptionKey ? ' (mã hoá AES-256-GCM)' : ''}.`);
  out(`Inbox ready: ${where}; files ${filesEn}${config.encryptionKey ? ' (AES-256-GCM encrypted)' : ''}.`);
  if (province) out(`Hộp thư phục vụ ${province.full_name} (${province.code}). / The inbox serves ${province.full_name} (${province.code}).`);
  if (keyFile) out(`Đã tạo khoá so khớp ${keyFile} (chỉ chủ sở hữu đọc được) / Created the matching key ${keyFile} (owner-only).`);
}

/** `vr inbox unit add`: a new token for the unit, printed once as the last line. */
export async function inboxUnitAdd(opts: { data: string; profile: string; unit: string }, out: Out = stdout): Promise<string> {
  const profile = profileArg(opts.profile);
  const unit = unitArg(profile, opts.unit);
  const token = newToken();
  const config = configFor(opts);
  await withStore(config, async (store) => {
    await checkUnitProvince(store, config.profiles, profile, unit.code, opts.data);
    const existed = await store.getUnit(profile.id, unit.code);
    await store.upsertUnit({ profile: profile.id, unit_code: unit.code, unit_name: unit.name, province_code: unit.province_code ?? profile.province_code, token_hash: sha256Hex(token) });
    await store.appendAudit({ actor_role: 'system', actor: 'cli', action: 'unit_token_issued', target: unit.code, ip: null, detail: { profile: profile.id, replaced: existed !== null } });
    out(`Mã truy cập của ${unit.code} (${unit.name}) — chỉ hiện một lần, hãy chuyển cho đơn vị qua kênh an toàn${existed ? '; mã cũ đã bị thay' : ''}:`);
    out(`Access token for ${unit.code} — shown once, hand it to the unit over a safe channel${existed ? '; the old token no longer works' : ''}:`);
  });
  out(token);
  return token;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** `vr inbox staff add`: password from stdin (first line), hashed with argon2id. Without
 *  `--role`, an inbox with no active administrator gets one: its first account is `admin` (it
 *  manages units and the other accounts on the staff page), later ones `staff`. */
export async function inboxStaffAdd(
  opts: { data: string; user: string; role?: string },
  out: Out = stdout,
  input: () => Promise<string> = readStdin,
): Promise<void> {
  if (opts.role !== undefined && opts.role !== 'staff' && opts.role !== 'admin') {
    throw new UserError('bad_argument', `--role "${opts.role}" không hợp lệ: dùng staff hoặc admin.`, `Invalid --role "${opts.role}": use staff or admin.`);
  }
  const user = opts.user.trim();
  if (!/^[\p{L}\p{N}._@-]{1,100}$/u.test(user)) {
    throw new UserError('bad_argument', `Tên đăng nhập "${opts.user}" không hợp lệ (chữ, số, . _ @ -).`, `Invalid user name "${opts.user}" (letters, digits, . _ @ -).`);
  }
  const password = (await input()).split(/\r?\n/)[0] ?? '';
  if (password.length < 10) {
    throw new UserError(
      'bad_argument',
      'Mật khẩu (đọc từ đầu vào chuẩn) phải dài ít nhất 10 ký tự, ví dụ: echo "…" | vr inbox staff add …',
      'The password (read from stdin) must be at least 10 characters, e.g. echo "…" | vr inbox staff add …',
    );
  }
  const hash = await hashPassword(password);
  const { existed, role, first } = await withStore(configFor(opts), async (store) => {
    const before = await store.getStaffUser(user);
    const others = (await store.listStaffUsers()).filter((u) => u.username !== user);
    // A password reset keeps the account's role unless --role says otherwise.
    const first = opts.role === undefined && before === null && !others.some((u) => u.role === 'admin' && u.active);
    const role = (opts.role as StaffRole | undefined) ?? before?.role ?? (first ? 'admin' : 'staff');
    // Re-adding an existing account is a password reset: its sessions end (the store does it).
    await store.upsertStaffUser({ username: user, role, password_hash: hash });
    await store.appendAudit({
      actor_role: 'system', actor: 'cli', action: before ? 'staff_password_reset' : 'staff_created', target: user, ip: null, detail: { role },
    });
    return { existed: before !== null, role, first };
  });
  out(
    existed
      ? `Đã cập nhật tài khoản ${user} (${role}); các phiên đăng nhập cũ đã kết thúc. / Account ${user} (${role}) updated; its sessions have ended.`
      : `Đã tạo tài khoản ${user} (${role}). / Account ${user} (${role}) created.`,
  );
  if (first) {
    out(
      `Hộp thư chưa có quản trị viên nên ${user} là quản trị viên (admin): cấp mã cho đơn vị và tạo tài khoản cán bộ ở trang /staff/. Tài khoản sau mặc định là staff (--role admin để thêm quản trị viên). / ` +
        `The inbox had no administrator, so ${user} is its admin: issue unit tokens and add staff accounts on /staff/. Later accounts default to staff (--role admin for another administrator).`,
    );
  } else if (role === 'staff' && opts.role === undefined && !existed) {
    out('Vai trò staff (mặc định khi hộp thư đã có quản trị viên; --role admin để thêm quản trị viên). / Role staff (the default once the inbox has an administrator; --role admin adds another).');
  }
}

/** `vr inbox backup`: SQLite inbox only (PostgreSQL: pg_dump, docs/operations.md). */
export async function inboxBackup(opts: { data: string; output: string }, out: Out = stdout): Promise<void> {
  const config = configFor(opts);
  if (config.databaseUrl) throw postgresBackup();
  const r = await backupSqliteInbox(config.dataDir, opts.output, { key: config.encryptionKey });
  const size = `${Math.round((r.bytes / 1024 / 1024) * 10) / 10} MB`;
  out(`Đã sao lưu ${r.submissions} bản nộp vào ${r.file} (${size}). Giữ tệp này an toàn như dữ liệu gốc; khoá VR_INBOX_KEY giữ riêng.`);
  out(`Backed up ${r.submissions} submissions to ${r.file} (${size}). Keep it as safe as the data itself; keep VR_INBOX_KEY separately.`);
  if (r.keyed) {
    out('Bản sao lưu được niêm phong (HMAC) và mã hoá bằng VR_INBOX_KEY: không khoá thì không đọc được, sửa thì không khôi phục được. / The backup is sealed (HMAC) and encrypted with VR_INBOX_KEY: unreadable without the key, refused on restore if altered.');
  } else {
    out('CẢNH BÁO: chưa đặt VR_INBOX_KEY nên bản sao lưu KHÔNG được mã hoá và KHÔNG được niêm phong: ai đọc được tệp thấy băm mật khẩu, địa chỉ, lý do trả lại, tên tệp; ai ghi được tệp có thể sửa (ví dụ thêm tài khoản quản trị) mà lệnh khôi phục không phát hiện. Đặt VR_INBOX_KEY (docs/operations.md).');
    out('WARNING: VR_INBOX_KEY is not set, so the backup is NOT encrypted and NOT sealed: whoever reads it sees password hashes, addresses, return reasons and file names; whoever can write it can change it (e.g. add an administrator account) without restore noticing. Set VR_INBOX_KEY (docs/operations.md).');
  }
}

/** `vr inbox restore`: into an empty data folder, or with --force (old folder kept aside). */
export async function inboxRestore(opts: { data: string; force?: boolean; allowUnkeyed?: boolean }, archive: string, out: Out = stdout): Promise<void> {
  const config = configFor(opts);
  if (config.databaseUrl) throw postgresBackup();
  const r = await restoreSqliteInbox(config.dataDir, archive, { force: opts.force === true, key: config.encryptionKey, allowUnkeyed: opts.allowUnkeyed === true });
  if (!r.keyed) {
    out('CẢNH BÁO: bản sao lưu không được niêm phong; không kiểm tra được nó có bị sửa hay không. Kiểm tra danh sách tài khoản quản trị sau khi khôi phục. / WARNING: the backup is not sealed; whether it was altered cannot be checked. Review the administrator accounts after restoring.');
  }
  if (r.movedAside) out(`Thư mục cũ được giữ tại / The previous folder was kept at ${r.movedAside}`);
  out(`Đã khôi phục ${r.submissions} bản nộp vào ${config.dataDir}; ${r.receiptsVerified} tệp khớp SHA-256 của biên nhận.`);
  out(`Restored ${r.submissions} submissions into ${config.dataDir}; ${r.receiptsVerified} workbooks match their receipt's SHA-256.`);
  if (r.receiptsVerified < r.submissions) {
    out('Các tệp còn lại được mã hoá: đặt VR_INBOX_KEY để kiểm tra cả nội dung. / The others are encrypted: set VR_INBOX_KEY to check their contents too.');
  }
}

const postgresBackup = (): UserError =>
  new UserError(
    'bad_argument',
    'Hộp thư dùng PostgreSQL (DATABASE_URL): sao lưu và khôi phục bằng pg_dump / pg_restore, xem docs/operations.md.',
    'The inbox uses PostgreSQL (DATABASE_URL): back up and restore with pg_dump / pg_restore, see docs/operations.md.',
  );

/** `vr inbox serve`: runs until SIGINT/SIGTERM; prints the URL. */
export async function inboxServe(opts: { data: string; port?: string; host?: string }, out: Out = stdout): Promise<void> {
  const config = configFor(opts);
  const { app, url } = await startServer(config);
  out(`Hộp thư đang chạy tại / Inbox listening at ${url}`);
  const stop = (): void => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function register(program: Command): void {
  const inbox = program.command('inbox').description('Hộp thư tỉnh / provincial inbox');
  inbox
    .command('init')
    .description('Tạo kho dữ liệu / create the store (SQLite in DIR unless DATABASE_URL is set)')
    .requiredOption('--data <dir>', 'thư mục dữ liệu / data folder')
    .option('--profile <id>', 'kế hoạch: đặt danh sách đơn vị phải báo cáo / plan profile: set the units expected to report')
    .option('--province <NN>', 'mã tỉnh (vn-2025): mọi xã, phường của tỉnh / province code (vn-2025): every unit of the province')
    .action(async (opts: { data: string; profile?: string; province?: string }) => {
      await inboxInit(opts);
      if (opts.profile || opts.province) await inboxExpect(opts);
    });
  const unit = inbox.command('unit').description('Đơn vị báo cáo / reporting units');
  unit
    .command('add')
    .description('Cấp mã truy cập cho đơn vị / issue a unit token (printed once, last line)')
    .requiredOption('--data <dir>', 'thư mục dữ liệu / data folder')
    .requiredOption('--profile <id>', 'kế hoạch / plan profile')
    .option('--unit <code>', 'mã đơn vị / unit code')
    .option('--all', 'mọi đơn vị phải báo cáo, mã ghi vào tệp -o / every expected unit, tokens into the file -o')
    .option('-o, --output <file>', 'tệp mã truy cập (--all) / token file (--all)')
    .action(async (opts: { data: string; profile: string; unit?: string; all?: boolean; output?: string }) => {
      if (opts.all) await inboxUnitAddAll(opts);
      else await inboxUnitAdd({ ...opts, unit: requireUnit(opts.unit) });
    });
  const staff = inbox.command('staff').description('Cán bộ Sở / provincial staff');
  staff
    .command('add')
    .description('Tạo tài khoản cán bộ (mật khẩu từ stdin) / add a staff account (password on stdin)')
    .requiredOption('--data <dir>', 'thư mục dữ liệu / data folder')
    .requiredOption('--user <name>', 'tên đăng nhập / user name')
    .option('--role <role>', 'staff | admin (mặc định: admin nếu hộp thư chưa có quản trị viên, sau đó staff / default: admin while the inbox has none, then staff)')
    .action((opts: { data: string; user: string; role?: string }) => inboxStaffAdd(opts));
  inbox
    .command('backup')
    .description('Sao lưu hộp thư SQLite khi đang chạy / back up a SQLite inbox, also while it runs')
    .requiredOption('--data <dir>', 'thư mục dữ liệu / data folder')
    .requiredOption('-o, --output <file>', 'tệp sao lưu (.tar) / backup file (.tar)')
    .action((opts: { data: string; output: string }) => inboxBackup(opts));
  inbox
    .command('restore')
    .description('Khôi phục từ bản sao lưu / restore from a backup (inbox stopped)')
    .requiredOption('--data <dir>', 'thư mục dữ liệu / data folder')
    .option('--force', 'thay thư mục không trống (thư mục cũ được giữ lại) / replace a non-empty folder (the old one is kept)')
    .option('--allow-unkeyed', 'nhận bản sao lưu không niêm phong vào hộp thư có khoá / restore an unsealed backup into an inbox with a key')
    .argument('<file>', 'tệp sao lưu / backup file')
    .action((file: string, opts: { data: string; force?: boolean; allowUnkeyed?: boolean }) => inboxRestore(opts, file));
  inbox
    .command('serve')
    .description('Chạy hộp thư / run the inbox server')
    .requiredOption('--data <dir>', 'thư mục dữ liệu / data folder')
    .option('--port <n>', 'cổng / port (8787)')
    .option('--host <host>', 'địa chỉ nghe / listen address (127.0.0.1)')
    .action((opts: { data: string; port?: string; host?: string }) => inboxServe(opts));
}
