import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors';
import { ReceiptSchema, RefusalSchema } from '../../domain/schema/inbox';
import { guardXlsxBuffer, readInputBuffer } from '../../xlsx/guard';
import { formatFindingsText } from '../output';

export interface SubmitOptions {
  inbox: string;
  token: string;
  json?: boolean;
}

interface Io {
  out: (text: string) => void;
  err: (line: string) => void;
}
const stdio: Io = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(l + '\n') };

function unreachable(url: string, why: string): UserError {
  return new UserError(
    'inbox_unreachable',
    `Không kết nối được hộp thư ${url} (${why}). Kiểm tra địa chỉ và mạng rồi thử lại; sổ chưa được nộp.`,
    `Cannot reach the inbox at ${url} (${why}). Check the address and the network, then try again; nothing was submitted.`,
  );
}

function submissionsUrl(inbox: string): URL {
  try {
    const base = new URL(inbox.endsWith('/') ? inbox : `${inbox}/`);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('protocol');
    // Relative, so an inbox published under a path (https://so.example/hop-thu/) works too.
    return new URL('api/submissions', base);
  } catch {
    throw new UserError('bad_argument', `Địa chỉ --inbox "${inbox}" không hợp lệ, ví dụ http://127.0.0.1:8787.`, `Invalid --inbox "${inbox}", e.g. http://127.0.0.1:8787.`);
  }
}

/** dd/mm/yyyy HH:MM in Vietnam time (UTC+7), how a clerk reads a receipt. */
export function vietnamTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} (giờ Việt Nam / Vietnam time)`;
}

/**
 * `vr submit`: uploads the workbook, prints the receipt or the findings. Exit 0 accepted,
 * 1 refused for findings (or the quarter is locked), 2 unusable input, 3 inbox unreachable or
 * authentication/authorisation failed.
 */
export async function runSubmit(file: string, opts: SubmitOptions, io: Io = stdio): Promise<number> {
  const url = submissionsUrl(opts.inbox);
  const bytes = await readInputBuffer(file);
  await guardXlsxBuffer(bytes, { displayName: file });
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${opts.token.trim()}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'x-filename': encodeURIComponent(path.basename(file)),
      },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(300_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw unreachable(opts.inbox, String(cause));
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw unreachable(opts.inbox, `HTTP ${res.status}`);
  }
  const message = (): string => `${String(body.message_vi ?? '')} | ${String(body.message_en ?? '')}`;

  const parsedReceipt = res.status === 200 ? ReceiptSchema.safeParse(body) : null;
  if (parsedReceipt?.success) {
    const full = parsedReceipt.data;
    // docs/cli.md: `--json` prints {id, sha256, received_at, on_time, summary}.
    const receipt = { id: full.id, sha256: full.sha256, received_at: full.received_at, on_time: full.on_time, summary: full.summary };
    if (opts.json) io.out(JSON.stringify(receipt, null, 2) + '\n');
    else {
      const s = receipt.summary;
      io.out(
        [
          `Đã nộp / Submitted: ${file}`,
          `  Mã biên nhận / Receipt id: ${receipt.id}`,
          `  SHA-256: ${receipt.sha256}`,
          `  Thời điểm nhận / Received at: ${vietnamTime(receipt.received_at)}`,
          `  Đúng hạn / On time: ${receipt.on_time ? 'có / yes' : 'không / no (nộp muộn / late)'}`,
          `  Cảnh báo / Warnings: ${s.warning}, thông tin / info: ${s.info}`,
        ].join('\n') + '\n',
      );
    }
    return 0;
  }
  const refusal = res.status === 422 ? RefusalSchema.safeParse(body) : null;
  if (refusal?.success) {
    const findings = refusal.data.findings;
    io.out(opts.json ? JSON.stringify({ findings }, null, 2) + '\n' : formatFindingsText(file, findings));
    io.err(message());
    return findings.some((f) => f.severity === 'fatal') ? 2 : 1;
  }
  io.err(message());
  if (res.status === 409) return 1;
  if ([400, 413, 415].includes(res.status)) return 2;
  return 3; // 401, 403, 429, 5xx: not accepted for reasons outside the workbook's content
}

export function register(program: Command): void {
  program
    .command('submit')
    .description('Nộp sổ lên hộp thư tỉnh / submit a workbook to the provincial inbox')
    .argument('<file.xlsx>', 'tệp sổ theo dõi / registry workbook')
    .requiredOption('--inbox <url>', 'địa chỉ hộp thư / inbox URL, e.g. http://127.0.0.1:8787')
    .requiredOption('--token <token>', 'mã truy cập của đơn vị / unit token')
    .option('--json', 'in biên nhận dạng JSON / print the receipt as JSON')
    .action(async (file: string, opts: SubmitOptions) => {
      process.exitCode = await runSubmit(file, opts);
    });
}
