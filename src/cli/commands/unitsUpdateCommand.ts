/** `vr units update`: its options here, its work in unitsUpdate.ts, loaded when it runs. */
import type { Command } from 'commander';
import type { UnitsUpdateOptions } from './unitsUpdate';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Registers `update` under `vr units`. */
export function registerUpdate(units: Command): void {
  units
    .command('update')
    .description('Cập nhật danh mục đơn vị từ một bản phát hành của bộ dữ liệu gốc / update the official unit list from an upstream release')
    .requiredOption('--from <file>', 'tệp danh mục JSON của bản phát hành, hoặc bản vá SQL / the release JSON list file, or its SQL patch')
    .option('--act <act>', 'văn bản pháp lý của các thay đổi, ví dụ 388/NQ-UBTVQH16 / legal act of the changes')
    .option('--in-force <yyyy-mm-dd>', 'ngày có hiệu lực / day in force')
    .option('--province-act <act>', 'văn bản của việc đổi tên tỉnh, nếu khác --act / act for province renames, when not --act')
    .option('--correction', 'bản này chỉ đính chính dữ liệu, không có văn bản mới / the release only corrects the data, no new act')
    .option('--release <vX.Y.Z>', 'tên bản phát hành / release tag')
    .option('--successor <old=new>', 'mã kế thừa khi sáp nhập (CŨ=MỚI) hoặc chia tách (CŨ=MỚI1+MỚI2); lặp lại được / successor of a merged or split code; repeatable', collect)
    .option('--data <dir>', 'thư mục danh mục (mặc định src/profiles/data/vn-units) / list folder')
    .option('--dry-run', 'chỉ xem thay đổi, không ghi / preview the changes, write nothing')
    .action(async (opts: UnitsUpdateOptions) => {
      // The list tools are loaded only for this sub-command: `vr units` must stay light.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runUnitsUpdate } = require('./unitsUpdate') as typeof import('./unitsUpdate');
      process.exitCode = await runUnitsUpdate(opts);
    });
}
