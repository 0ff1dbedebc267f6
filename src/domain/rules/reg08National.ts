/** REG-08's message under a profile over the official list (communes.ts does the matching). */
import { officialIndex } from '../officialList';
import type { Unit } from '../schema/profile';
import { supersededText, type Superseded } from '../unitHistory';
import type { CellValue } from '../sheet';
import type { Place } from './regMessages';
import { cap, shown } from './types';

/** REG-08 under the official list: the unit's province, and how to name a commune elsewhere. */
export const REG08_NATIONAL_MESSAGE = (p: Place, raw: CellValue | undefined, hint: string | null, unit: Unit): Place => {
  const province = unit.province_name ?? '';
  return hint
    ? {
        vi: `${cap(p.vi)}: ${shown(raw)} không phải xã/phường của ${province}; có phải: ${hint}? Xã/phường ở tỉnh khác ghi kèm tên tỉnh sau dấu phẩy, ví dụ "Xã Tân Hiệp, Hồ Chí Minh".`,
        en: `${cap(p.en)}: ${shown(raw)} is not a commune of ${province}; did you mean: ${hint}? For a commune in another province, add the province after a comma, e.g. "Xã Tân Hiệp, Hồ Chí Minh".`,
      }
    : {
        vi: `${cap(p.vi)}: ${shown(raw)} không có trong danh mục xã/phường (${officialIndex().in_force_from.split('-').reverse().join('/')}): chọn từ danh sách, hoặc ghi "tên xã, tên tỉnh".`,
        en: `${cap(p.en)}: ${shown(raw)} is not in the official list of communes: pick one from the list, or write "commune, province".`,
      };
};

/** REG-08 as a warning: the commune is written under a name a legal act has replaced. */
export const REG08_SUPERSEDED_MESSAGE = (p: Place, raw: CellValue | undefined, s: Superseded): Place => {
  const text = supersededText(s);
  const fix =
    s.successors.length === 1
      ? { vi: `hãy sửa thành "${s.successors[0].name}"`, en: `change it to "${s.successors[0].name}"` }
      : s.successors.length > 1
        ? { vi: 'hãy ghi xã/phường nơi người này đang cư trú', en: 'write the commune the person lives in now' }
        : { vi: 'hãy ghi xã/phường hiện nay của địa chỉ này', en: "write the address's commune as it is now" };
  return {
    vi: `${cap(p.vi)}: ${shown(raw)} là tên cũ — ${text.vi}. Dòng này vẫn được tính; ${fix.vi}.`,
    en: `${cap(p.en)}: ${shown(raw)} is a former name — ${text.en}. The row still counts; ${fix.en}.`,
  };
};
