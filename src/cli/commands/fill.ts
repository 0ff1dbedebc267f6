import type { Command } from 'commander';
import { UserError } from '../../domain/errors';
import { parseWorkbook } from '../../domain/parse';
import { buildReport } from '../../domain/report';
import { exclusionSummary } from '../../domain/reportExcluded';
import { todayUtc } from '../../domain/dates';
import { reportCellWrites, reportHeaderWrites } from '../../domain/reportSheet';
import { TEMPLATE_VERSION } from '../../domain/schema/meta';
import { SHEET } from '../../domain/sheet';
import { readInputBuffer } from '../../xlsx/guard';
import { readWorkbookBuffer } from '../../xlsx/read';
import { applyCellWrites } from '../../xlsx/write';
// The whole official list: a vn-2025 unit code is looked up among every province's units.
import '../../profiles/officialAll';

export interface FillOptions {
  output?: string;
}

/**
 * `vr fill`: computes the quarterly report from the registry and support log and writes only
 * the computed cells of `Báo cáo quý` (hand-typed rows 6.4, 6.5 and 7.x stay as typed), and the
 * header's `Kỳ báo cáo`, `Ngày lập` and date line (today), as the pane's fill does. Without
 * `-o` the workbook is updated in place, atomically (temp file + rename).
 */
export async function runFill(file: string, opts: FillOptions = {}, log: (line: string) => void = console.log): Promise<number> {
  const buf = await readInputBuffer(file);
  const workbook = await readWorkbookBuffer(buf, { displayName: file });
  const parsed = parseWorkbook(workbook);
  const meta = parsed.meta;
  if (!meta) {
    throw new UserError(
      'not_template',
      `Tệp ${file} không phải sổ theo dõi theo mẫu (thiếu trang tính _meta): hãy tạo sổ bằng vr new và chép dữ liệu sang.`,
      `${file} is not a registry template workbook (no _meta sheet): create one with vr new and copy the data over.`,
    );
  }
  if (meta.template_version > TEMPLATE_VERSION) {
    throw new UserError(
      'newer_template',
      `Tệp ${file} dùng mẫu phiên bản ${meta.template_version}, mới hơn phần mềm (${TEMPLATE_VERSION}): hãy cập nhật vr.`,
      `${file} uses template version ${meta.template_version}, newer than this software (${TEMPLATE_VERSION}): update vr.`,
    );
  }
  if (!parsed.profile) {
    throw new UserError(
      'unknown_profile',
      `Sổ ${file} ghi kế hoạch "${meta.profile}" mà phần mềm không biết: hãy cập nhật vr.`,
      `${file} names plan profile "${meta.profile}", unknown to this software: update vr.`,
    );
  }
  if (!parsed.report.sheet || parsed.report.headerRow0 === null) {
    throw new UserError(
      'not_template',
      `Tệp ${file} thiếu trang tính "${SHEET.report}" hoặc hàng tiêu đề "Mã | Chỉ tiêu | …": hãy tạo sổ bằng vr new.`,
      `${file} has no "${SHEET.report}" sheet or its "Mã | Chỉ tiêu | …" header row: create the workbook with vr new.`,
    );
  }
  const report = buildReport(parsed.registry.records, parsed.support.records, parsed.profile, meta.year, meta.quarter);
  const writes = [...reportCellWrites(parsed.report, report, parsed.profile), ...reportHeaderWrites(parsed.report, report, todayUtc())];
  const target = opts.output ?? file;
  await applyCellWrites(buf, parsed.report.sheet.name, writes, target);
  log(
    `Đã lập báo cáo quý ${meta.quarter}/${meta.year} (${writes.length} ô) vào ${target}. | ` +
      `Filled the Q${meta.quarter} ${meta.year} report (${writes.length} cells) into ${target}.`,
  );
  // Rows the report could not count are named (also in the sheet's Ghi chú): fix them, fill again.
  const left = exclusionSummary(report.excluded);
  if (left.length > 0) {
    log('Không tính được một số dòng (sửa các lỗi này rồi lập lại báo cáo) | Some rows could not be counted (fix these errors, then fill again):');
    for (const l of left) log(`  Mục ${l.code}: ${l.vi} | Item ${l.code}: ${l.en}`);
  }
  return 0;
}

export function register(program: Command): void {
  program
    .command('fill')
    .description('Lập báo cáo quý từ sổ theo dõi / fill the quarterly report from the registry')
    .argument('<file.xlsx>', 'tệp sổ theo dõi / registry workbook')
    .option('-o, --output <out.xlsx>', 'tệp ra (mặc định ghi vào chính tệp) / output file (default: update in place)')
    .action(async (file: string, opts: FillOptions) => {
      process.exitCode = await runFill(file, opts);
    });
}
