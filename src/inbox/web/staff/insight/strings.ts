import type { Strings } from '../../i18n';

/** Strings of the staff page's insight panels (findings, charts, map, export). */
export const IS = {
  outliersTitle: { vi: 'Số liệu bất thường so với các quý trước (OUT-01)', en: 'Figures far from earlier quarters (OUT-01)' },
  outliersNone: {
    vi: 'Không có số liệu bất thường trong quý này (so với 4 quý đã chấp nhận gần nhất của từng đơn vị).',
    en: "No outlying figures this quarter (against each unit's last 4 accepted quarters).",
  },
  outliersHow: {
    vi: 'Một số liệu bị đánh dấu khi lớn hơn 3 lần trung vị và hơn 5 người so với trung vị 4 quý đã chấp nhận gần nhất, hoặc bằng 0 khi các quý đó đều từ 5 trở lên. Đơn vị chưa có quý nào được chấp nhận thì không được so sánh.',
    en: 'A figure is flagged when it is more than 3 × and more than 5 above the median of the last 4 accepted quarters, or 0 when each of those quarters had 5 or more. A unit with no accepted quarter is not compared.',
  },
  row: { vi: 'Dòng', en: 'Row' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  thisQuarter: { vi: 'Quý này', en: 'This quarter' },
  median: { vi: 'Trung vị', en: 'Median' },
  history: { vi: 'Các quý đã chấp nhận', en: 'Accepted quarters' },
  spike: { vi: 'Tăng bất thường', en: 'Sudden rise' },
  zero: { vi: 'Bằng 0 bất thường', en: 'Sudden zero' },
  confirm: { vi: 'Ghi nhận: đã được đơn vị xác nhận', en: 'Note: confirmed by the unit' },
  confirmAsk: {
    vi: 'Ghi nhận rằng {unit} đã xác nhận các số liệu này là đúng? Việc ghi nhận được lưu vào nhật ký.',
    en: 'Record that {unit} confirmed these figures are right? The note is kept in the audit log.',
  },
  confirmed: { vi: 'Đã được đơn vị xác nhận ({by}, {at})', en: 'Confirmed by the unit ({by}, {at})' },
  dupTitle: { vi: 'Có thể trùng người giữa các đơn vị (DUP-01)', en: 'Probably the same person in two units (DUP-01)' },
  dupNone: { vi: 'Không thấy hồ sơ nào có thể trùng giữa các đơn vị trong quý này.', en: 'No case appears to be registered by two units this quarter.' },
  dupHow: {
    vi: 'So khớp bằng mã băm có khoá của họ tên + năm sinh (và số CCCD khi cả hai hồ sơ có): hộp thư không so và không hiển thị họ tên. Hãy liên hệ hai đơn vị để xác minh.',
    en: 'Matched by keyed hashes of name + birth year (and ID number where both cases have one): the inbox neither compares nor shows names. Ask both units to check.',
  },
  dupLine: { vi: 'Hồ sơ {a} của {ua}: có thể trùng với một hồ sơ của đơn vị {ub} ({b})', en: 'Case {a} of {ua}: probably the same person as a case of unit {ub} ({b})' },
  sameId: { vi: 'cùng số CCCD', en: 'same ID number' },
  quarterShort: { vi: 'Quý {q}/{y}', en: 'Q{q} {y}' },
  exportTitle: { vi: 'Chia sẻ dữ liệu theo chuẩn quốc tế (HTCDS)', en: 'Share data under the international standard (HTCDS)' },
  exportHow: {
    vi: 'Danh sách ca theo chuẩn HTCDS của IOM: chỉ các trường hợp đồng ý chia sẻ, không họ tên, số giấy tờ, địa chỉ hay ngày chính xác; mỗi nhóm (giới tính, nhóm tuổi, quốc tịch, mục đích, tỉnh) có ít nhất 11 người.',
    en: "IOM's HTCDS case list: consented cases only, no names, ID numbers, addresses or exact dates; every group (sex, age group, nationality, purpose, province) holds at least 11 people.",
  },
  exportQuarter: { vi: 'Tải danh sách ca HTCDS quý này', en: 'Download the HTCDS case list for this quarter' },
  exportYear: { vi: 'Tải danh sách ca HTCDS cả năm', en: 'Download the HTCDS case list for the year' },
  mapTitle: { vi: 'Bản đồ tình hình nộp báo cáo', en: 'Map of report submissions' },
  mapOpen: { vi: 'Xem bản đồ tỉnh', en: 'Show the province map' },
  mapLegend: { vi: 'Chú giải', en: 'Legend' },
  mapNotExpected: { vi: 'Không thuộc danh sách đơn vị của hộp thư', en: 'Not a unit of this inbox' },
  mapHint: { vi: 'Di chuột hoặc dùng phím Tab để xem tên từng xã/phường.', en: 'Hover or press Tab to see each commune’s name.' },
  mapAria: { vi: 'Bản đồ tỉnh {p}: mỗi xã/phường tô màu theo trạng thái nộp báo cáo quý {q}/{y}', en: 'Map of province {p}: each commune coloured by its report state for Q{q} {y}' },
  mapMissing: { vi: 'Không vẽ được bản đồ', en: 'The map cannot be drawn' },
  loading: { vi: 'Đang tải…', en: 'Loading…' },
  failed: { vi: 'Không tải được; thử lại.', en: 'Could not load; try again.' },
} satisfies Strings<string>;
