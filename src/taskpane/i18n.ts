/**
 * Every user-visible string of the pane, Vietnamese first (the clerks' language), English
 * selectable in Settings. `{name}` placeholders are filled by `format`.
 */
import { formatNumber } from '../domain/format';

const vi = {
  appTitle: 'Sổ theo dõi nạn nhân',
  loading: 'Đang tải…',
  navStart: 'Bắt đầu',
  navEntry: 'Nhập hồ sơ',
  navCheck: 'Kiểm tra',
  navReport: 'Báo cáo quý',
  navSupport: 'Hỗ trợ',
  navSubmit: 'Gửi',
  navSettings: 'Cài đặt',
  navLabel: 'Các chức năng',
  // Start
  startRecognised: 'Sổ theo dõi của {unit} ({code}), quý {quarter}/{year}, kế hoạch: {profile}.',
  startNotTemplate: 'Sổ làm việc này chưa phải sổ theo dõi. Tạo sổ mới theo mẫu của kế hoạch:',
  startProfile: 'Kế hoạch (hồ sơ)',
  startUnit: 'Đơn vị báo cáo',
  startYear: 'Năm',
  startQuarter: 'Quý',
  startCreate: 'Tạo sổ theo dõi',
  startCreated: 'Đã tạo sổ theo dõi. Hãy nhập hồ sơ ở trang "Nhập hồ sơ" hoặc trực tiếp trên trang tính.',
  startReread: 'Đọc lại sổ',
  startSampleNote: 'Danh sách đơn vị là mẫu nhỏ, chưa đầy đủ.',
  periodOutsidePlan: '{plan} chỉ áp dụng cho năm {years}; năm {year} nằm ngoài kế hoạch, Kiểm tra sẽ cảnh báo điều này (FMT-07). Hãy chọn kế hoạch đang áp dụng, hoặc kiểm tra lại năm.',
  periodChosenNotDue: 'Kỳ đang đến hạn báo cáo là quý {dueQuarter}/{dueYear}; bạn đang chọn quý {quarter}/{year}.',
  periodWorkbookNotDue: 'Sổ này là của quý {quarter}/{year}; kỳ đang đến hạn báo cáo là quý {dueQuarter}/{dueYear}.',
  // Capabilities
  capOff: 'Một số chức năng tắt vì phiên bản Excel này chưa hỗ trợ:',
  capDropdowns: 'Danh sách chọn (cần ExcelApi 1.8): ô vẫn nhập được, lỗi sẽ hiện khi Kiểm tra.',
  capFreezePanes: 'Cố định dòng tiêu đề (cần ExcelApi 1.7).',
  capFormatting: 'Độ rộng cột, gộp ô tiêu đề và ẩn trang _meta (cần ExcelApi 1.2).',
  capPrintLayout: 'Khổ in A4, lặp dòng tiêu đề và số trang (cần ExcelApi 1.9): hãy đặt trong Bố trí Trang > Thiết lập Trang trước khi in.',
  capFileAccess: 'Gửi trực tiếp từ ngăn tác vụ: hãy lưu tệp và tải lên tại trang /upload/ của hộp thư tỉnh.',
  // Entry
  entryGroup_person: 'Thông tin cá nhân',
  entryGroup_receipt: 'Tiếp nhận',
  entryGroup_verification: 'Xác minh và bảo vệ',
  entryGroup_child: 'Bảo vệ trẻ em',
  entryGroup_support: 'Hỗ trợ và đồng ý',
  entryCaseId: 'Mã hồ sơ (tự sinh)',
  entryChoose: '— Chọn —',
  entryDateHint: 'ngày/tháng/năm, ví dụ {example}',
  entryBirthHint: 'ngày/tháng/năm, ví dụ {example}; nếu chỉ biết hoặc chỉ ước đoán được năm sinh, ghi năm, ví dụ {year}.',
  entryBirthUnknown: 'Không rõ ngày sinh (báo cáo tính vào cột "Chưa rõ")',
  entryCommuneForeign: 'Người nước ngoài: ghi xã, phường nơi người đó đang lưu trú; nếu không có, ghi nơi tiếp nhận.',
  entryNeedsHint: 'Chọn các loại hỗ trợ người này cần.',
  entryNeedsForeign: 'Người nước ngoài bị mua bán: chỉ các loại hỗ trợ dành cho họ theo {law}.',
  entryNeedClosed: 'không dành cho trường hợp này, hãy bỏ chọn',
  entrySave: 'Ghi vào sổ',
  entrySaveAnyway: 'Vẫn ghi (còn lỗi)',
  entryCheckRow: 'Kiểm tra dòng',
  entrySaved: 'Đã ghi hồ sơ {id} vào dòng {row}.',
  entryHasErrors: 'Còn {count} lỗi, xem dưới từng ô. Sửa, hoặc "Vẫn ghi" rồi sửa sau.',
  entryHasWarnings: '{count} cảnh báo, xem dưới từng ô; cảnh báo không chặn việc ghi.',
  entryNoErrors: 'Không thấy lỗi ở dòng này.',
  entryNeedsTemplate: 'Hãy tạo hoặc mở sổ theo dõi trước (trang Bắt đầu).',
  entryClear: 'Xóa, nhập hồ sơ mới',
  // Support log
  supportPerson: 'Người được hỗ trợ',
  supportPersonHint: 'Gõ mã hồ sơ hoặc họ tên để tìm.',
  supportNoMatch: 'Không có hồ sơ nào khớp.',
  supportOpenList: 'Mở danh sách người được hỗ trợ',
  supportType: 'Loại hỗ trợ',
  supportTypeFor: 'Chỉ các loại dành cho {who} (theo {law}).',
  supportTypeFirst: 'Chọn người trước: loại hỗ trợ tùy tình trạng xác minh của người đó.',
  supportDate: 'Ngày hỗ trợ',
  supportAmount: 'Số tiền (đồng)',
  supportProvider: 'Đơn vị thực hiện',
  supportNotes: 'Ghi chú',
  supportSave: 'Ghi vào trang Hỗ trợ',
  supportSaved: 'Đã ghi hỗ trợ "{type}" cho hồ sơ {id} vào dòng {row} của trang Hỗ trợ.',
  supportHasErrors: 'Dòng có {count} lỗi nên chưa ghi. Sửa rồi ghi lại.',
  supportNoLog: 'Sổ này không có trang Hỗ trợ đúng mẫu (thiếu dòng tiêu đề).',
  supportNoPeople: 'Sổ theo dõi chưa có hồ sơ nào: nhập hồ sơ trước.',
  supportOtherFindings: 'Các lỗi khác của dòng:',
  law_2011: 'Luật 2011 và Nghị định 09/2013/NĐ-CP',
  law_2024: 'Luật 53/2024/QH15 và Nghị định 162/2025/NĐ-CP',
  // Check
  checkRun: 'Kiểm tra toàn bộ sổ',
  checkReading: 'Đang đọc sổ…',
  checkChecking: 'Đang kiểm tra {rows} dòng…',
  checkHighlighting: 'Đang tô màu…',
  checkDone: 'Đã kiểm tra {rows} dòng: {error} lỗi, {warning} cảnh báo, {info} thông tin.',
  checkFatal: 'Sổ không dùng được: {count} lỗi nghiêm trọng.',
  checkNone: 'Không có phát hiện nào. Sổ đã sẵn sàng để gửi.',
  checkSearch: 'Tìm trong kết quả',
  checkFilter: 'Lọc theo mức độ',
  checkHighlight: 'Tô màu các ô có lỗi',
  checkClear: 'Bỏ tô màu',
  checkHighlighted: 'Đã tô màu {count} ô.',
  checkCleared: 'Đã bỏ tô màu, giữ nguyên màu của người nhập.',
  checkShowMore: 'Xem thêm {count}',
  checkGoTo: 'Đi tới ô {cell}',
  checkRuleGroup: '{title}: {count} ({rule})',
  checkWorkbookLevel: 'Toàn sổ',
  sev_fatal: 'Nghiêm trọng',
  sev_error: 'Lỗi',
  sev_warning: 'Cảnh báo',
  sev_info: 'Thông tin',
  // Report
  reportFill: 'Lập báo cáo từ sổ theo dõi',
  reportDiffTitle: '{count} ô có số khác số tính từ sổ, không phải số do lần lập báo cáo trước ghi, nên được giữ nguyên.',
  reportDiffWhy: 'Có thể người lập đã nhập tay: kiểm tra lại, rồi chọn ghi số tính từ sổ hoặc giữ số đang có.',
  reportDiffCode: 'Mã',
  reportDiffColumn: 'Cột',
  reportDiffTyped: 'Trong báo cáo',
  reportDiffComputed: 'Tính từ sổ',
  reportOverwrite: 'Ghi số tính từ sổ vào các ô này',
  reportKeepTyped: 'Giữ số đang có',
  reportTypedKept: 'Đã giữ nguyên các số này; Kiểm tra sẽ báo chúng khác số tính từ sổ (RPT-01).',
  reportOverwritten: 'Đã ghi số tính từ sổ vào {count} ô.',
  reportFilled: 'Đã lập báo cáo quý {quarter}/{year}: ghi {count} ô tính từ sổ theo dõi, kỳ báo cáo và ngày lập.',
  reportChanged: 'Số liệu thay đổi so với lần lập trước ({count} ô)',
  reportChangedLine: 'Mục {code}, {column}: {from} → {to}',
  reportHandTitle: 'Phần người lập tự nhập (không bị ghi đè):',
  reportHandKept: '{part}: giữ nguyên "{value}"',
  reportHandEmpty: '{part}: còn trống, hãy nhập trên trang tính "Báo cáo quý"',
  reportSummary: 'Tiếp nhận trong kỳ: {received}; xác định là nạn nhân: {identified}; dưới 18 tuổi: {minors}.',
  reportManualNote: 'Các dòng 6.4, 6.5 và 7.1–7.3 do người lập báo cáo nhập, không bị ghi đè.',
  // Submit
  submitTitle: 'Gửi sổ lên hộp thư tỉnh',
  submitButton: 'Kiểm tra và gửi',
  submitBlocked: 'Chưa gửi được: còn {count} lỗi phải sửa trước khi gửi:',
  submitMoreErrors: '… và {count} lỗi khác.',
  submitGoToCheck: 'Xem và sửa ở trang Kiểm tra',
  submitSent: 'Đã gửi: hộp thư tỉnh đã kiểm tra lại và lưu bản này.',
  submitNoInbox: 'Chưa có địa chỉ hộp thư tỉnh và mã truy cập. Nhập cả hai ở trang Cài đặt.',
  submitNoInboxUrl: 'Chưa có địa chỉ hộp thư tỉnh. Nhập ở trang Cài đặt (mã truy cập đã có).',
  submitNoToken: 'Chưa có mã truy cập của đơn vị trên máy này. Nhập ở trang Cài đặt (địa chỉ hộp thư đã có).',
  submitReading: 'Đang lấy tệp từ Excel…',
  submitUploading: 'Đang gửi… {pct}%',
  submitOnTime: 'đúng hạn',
  submitLate: 'quá hạn',
  submitRefused: 'Hộp thư tỉnh từ chối: {count} lỗi (không lưu gì). Xem danh sách dưới đây.',
  submitQueued: 'Không kết nối được hộp thư. Tệp đã được lưu trong hàng đợi, sẽ tự gửi lại (lần tới sau {seconds} giây).',
  submitQueue: 'Hàng đợi gửi: {count} tệp.',
  submitRetryNow: 'Gửi lại ngay',
  submitReturned: '{version} bị trả lại. Lý do: {reason}. Sửa theo lý do rồi gửi lại.',
  submitNoReason: 'không ghi lý do',
  submitState: 'Quý {quarter}/{year}: {state}',
  submitLatestOnTime: 'Bản mới nhất: {version}, đúng hạn.',
  submitLatestLate: 'Bản mới nhất: {version}, sau hạn nộp.',
  submitVersion: 'Bản {n}, nộp {time}',
  submitVersions: 'Các bản đã nộp quý này ({count})',
  submitReceiptId: 'Mã biên nhận {id}; SHA-256 {sha}',
  version_submitted: 'chờ tỉnh xem',
  version_returned: 'bị trả lại',
  version_accepted: 'đã được chấp nhận',
  state_missing: 'chưa nộp',
  state_submitted: 'đã nộp, chờ tỉnh xem',
  state_late: 'đã nộp muộn, chờ tỉnh xem',
  state_returned: 'bị trả lại',
  state_accepted: 'đã được chấp nhận',
  submitAuth: 'Mã truy cập không đúng hoặc đã bị thu hồi. Kiểm tra lại ở trang Cài đặt.',
  submitOtherUnit: 'Hộp thư tỉnh không nhận: sổ này là của {unit} (mã {code}), còn mã truy cập đã lưu là của đơn vị khác. Mỗi đơn vị chỉ nộp sổ của mình: nhập mã truy cập của {unit} ở trang Cài đặt, hoặc mở sổ của đơn vị mình.',
  submitLocked: 'Quý này đã được tỉnh chấp nhận và khóa; không gửi lại được.',
  submitTooLarge: 'Tệp quá lớn để gửi.',
  submitFailed: 'Gửi không thành công: {message}',
  // Settings
  settingsLanguage: 'Ngôn ngữ',
  settingsInbox: 'Địa chỉ hộp thư tỉnh',
  settingsToken: 'Mã truy cập của đơn vị',
  settingsTokenNote: 'Tỉnh cấp mã này cho đơn vị. Chỉ lưu trên máy này, không lưu vào tệp Excel.',
  settingsSave: 'Lưu cài đặt',
  settingsSaved: 'Đã lưu cài đặt cho sổ này.',
  settingsFromWorkbook: 'Theo sổ đang mở. Muốn đổi kế hoạch hoặc đơn vị, tạo sổ mới ở trang Bắt đầu.',
  settingsUnit: '{unit} (mã {code}), {province}',
  // Errors
  errorGeneric: 'Có lỗi: {message}',
  errorNotTemplate: 'Sổ làm việc này không phải sổ theo dõi (thiếu trang _meta). Tạo sổ mới ở trang Bắt đầu.',
};

export type MessageKey = keyof typeof vi;


export type Language = 'vi' | 'en';
/** The Vietnamese messages (always loaded: the pane's first language). */
export const VI_MESSAGES: Record<MessageKey, string> = vi;

const loaded: Partial<Record<Language, Record<MessageKey, string>>> = { vi };

export function isLanguageLoaded(lang: Language): boolean {
  return loaded[lang] !== undefined;
}

/** Loads a language's messages (English is a chunk of its own); until then messages show in Vietnamese. */
export async function loadLanguage(lang: Language): Promise<void> {
  if (loaded[lang]) return;
  const { en } = await import(/* webpackChunkName: "lang-en" */ './i18n.en');
  loaded.en = en;
}

function messages(lang: Language): Record<MessageKey, string> {
  return loaded[lang] ?? vi;
}

export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `{count:cell|cells}` in an English message: the word for one, or for any other number (the
 *  quantity itself is written by its own `{count}`). Vietnamese nouns do not change. */
function plurals(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (whole, name: string, one: string, other: string) =>
    name in params ? (Number(params[name]) === 1 ? one : other) : whole,
  );
}

/** Parameters that are labels, not quantities: never grouped (`2020`, not `2.020`). */
const LABEL_PARAMS = new Set(['year', 'quarter', 'dueYear', 'dueQuarter', 'row', 'id', 'code']);

/** Fills a message; counts read as the language writes them (`1.234` in Vietnamese). */
export function translate(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  if (!params) return messages(lang)[key];
  const shown: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) shown[name] = typeof value === 'number' && !LABEL_PARAMS.has(name) ? formatNumber(value, lang) : value;
  return format(plurals(messages(lang)[key], params), shown);
}
