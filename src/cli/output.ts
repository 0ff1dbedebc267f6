/**
 * How `vr` prints findings: text grouped by severity with cell references (Vietnamese first,
 * English under it) for people, or the JSON of docs/cli.md for tools and the inbox.
 */
import { SEVERITIES, summarise, type Finding, type FindingSummary, type Severity } from '../domain/finding';

const HEADINGS: Record<Severity, string> = {
  fatal: 'KHÔNG DÙNG ĐƯỢC / UNUSABLE',
  error: 'LỖI (chặn việc gửi) / ERRORS (block submission)',
  warning: 'CẢNH BÁO / WARNINGS',
  info: 'THÔNG TIN / INFO',
};

export interface ValidateJson {
  file: string;
  unit_code: string | null;
  year: number | null;
  quarter: number | null;
  findings: Finding[];
  summary: FindingSummary;
}

export function validateJson(
  file: string,
  meta: { unit_code?: string; year?: number; quarter?: number } | null,
  findings: Finding[],
): ValidateJson {
  return {
    file,
    unit_code: meta?.unit_code ?? null,
    year: meta?.year ?? null,
    quarter: meta?.quarter ?? null,
    findings,
    summary: summarise(findings),
  };
}

function place(f: Finding): string {
  if (!f.sheet) return 'Sổ làm việc / Workbook';
  return f.cell ? `${f.sheet}!${f.cell}` : f.sheet;
}

/** Human-readable report: one block per severity, one line pair per finding. */
export function formatFindingsText(file: string, findings: Finding[]): string {
  const summary = summarise(findings);
  const lines: string[] = [`Tệp / File: ${file}`];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `${HEADINGS[severity]} (${group.length})`);
    for (const f of group) {
      lines.push(`  [${f.rule}] ${place(f)}: ${f.message_vi}`);
      lines.push(`  ${' '.repeat(f.rule.length + 2)} ${f.message_en}`);
    }
  }
  lines.push(
    '',
    `Tổng hợp / Summary: ${summary.fatal} nghiêm trọng/fatal, ${summary.error} lỗi/errors, ` +
      `${summary.warning} cảnh báo/warnings, ${summary.info} thông tin/info`,
  );
  if (summary.fatal === 0 && summary.error === 0) {
    lines.push('Không có lỗi chặn việc gửi. / Nothing blocks submission.');
  }
  return lines.join('\n') + '\n';
}
