import type { Strings } from '../i18n';

export const S = {
  title: { vi: 'Nộp báo cáo quý cho hộp thư tỉnh', en: 'Submit the quarterly report to the provincial inbox' },
  subtitle: { vi: 'Dành cho đơn vị báo cáo (huyện/xã)', en: 'For reporting units (district/commune)' },
  signIn: { vi: 'Đăng nhập bằng mã truy cập của đơn vị', en: 'Sign in with your unit access token' },
  token: { vi: 'Mã truy cập', en: 'Access token' },
  tokenHint: { vi: 'Mã do tỉnh cấp cho đơn vị; chỉ được giữ trong thẻ trình duyệt này và xoá khi đóng thẻ.', en: 'The token stays in this browser tab only and is cleared when the tab closes.' },
  signInButton: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  badToken: { vi: 'Mã truy cập không đúng hoặc đã bị thu hồi.', en: 'The token is wrong or has been revoked.' },
  network: { vi: 'Không kết nối được hộp thư; kiểm tra mạng và thử lại.', en: 'Cannot reach the inbox; check the network and try again.' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  profile: { vi: 'Kế hoạch', en: 'Plan' },
  year: { vi: 'Năm', en: 'Year' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  period: { vi: 'Kỳ báo cáo', en: 'Reporting period' },
  downloads: { vi: 'Tải sổ mẫu', en: 'Download a workbook' },
  blank: { vi: 'Tải sổ trống quý {q}/{y}', en: 'Download the blank workbook for Q{q} {y}' },
  rollover: { vi: 'Tải sổ quý {q}/{y} chuyển tiếp từ bản đã được chấp nhận', en: 'Download Q{q} {y} rolled over from the last accepted workbook' },
  rolloverHint: {
    vi: 'Sổ chuyển tiếp giữ nguyên sổ theo dõi và sổ hỗ trợ, xoá báo cáo quý để lập lại cho kỳ mới.',
    en: 'The rolled-over workbook keeps the registry and the support log and clears the report for the new period.',
  },
  upload: { vi: 'Nộp sổ (.xlsx)', en: 'Submit the workbook (.xlsx)' },
  chooseFile: { vi: 'Chọn tệp .xlsx', en: 'Choose the .xlsx file' },
  send: { vi: 'Nộp', en: 'Submit' },
  sending: { vi: 'Đang gửi… {pct}%', en: 'Sending… {pct}%' },
  periodMismatch: {
    vi: 'Tệp này là sổ quý {wq}/{wy}, nhưng trang đang chọn quý {q}/{y}. Hãy chọn đúng tệp của quý {q}/{y}, hoặc chuyển sang quý {wq}/{wy} nếu đúng là muốn nộp sổ đó.',
    en: 'This file is the workbook for Q{wq} {wy}, but Q{q} {y} is selected. Choose the file for Q{q} {y}, or switch to Q{wq} {wy} if that is the workbook to submit.',
  },
  periodSwitch: { vi: 'Chuyển sang quý {wq}/{wy}', en: 'Switch to Q{wq} {wy}' },
  filedUnder: {
    vi: 'Hộp thư đã nhận sổ cho quý {wq}/{wy}, kỳ ghi trong sổ, không phải quý {q}/{y} đã chọn; trang đã chuyển sang quý {wq}/{wy}.',
    en: 'The inbox filed the workbook under Q{wq} {wy}, the period written in it, not the Q{q} {y} selected; the page now shows Q{wq} {wy}.',
  },
  checking: { vi: 'Hộp thư đang kiểm tra sổ…', en: 'The inbox is checking the workbook…' },
  notXlsx: { vi: 'Hãy chọn tệp Excel .xlsx (không nhận .xls hoặc .csv).', en: 'Choose an Excel .xlsx file (.xls and .csv are not accepted).' },
  refused: { vi: 'Sổ chưa được nhận: có {n} lỗi cần sửa. Sửa trong Excel rồi nộp lại.', en: 'The workbook was not accepted: {n} errors to fix. Fix them in Excel and submit again.' },
  findings: { vi: 'Kết quả kiểm tra', en: 'Check results' },
  sheet: { vi: 'Trang tính', en: 'Sheet' },
  cell: { vi: 'Ô', en: 'Cell' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  severity: { vi: 'Mức độ', en: 'Severity' },
  message: { vi: 'Nội dung', en: 'Message' },
  value: { vi: 'Giá trị', en: 'Value' },
  receipt: { vi: 'Biên nhận', en: 'Receipt' },
  receiptId: { vi: 'Mã biên nhận', en: 'Receipt ID' },
  receivedAt: { vi: 'Thời điểm nhận', en: 'Received at' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Nộp muộn', en: 'Late' },
  version: { vi: 'Lần nộp', en: 'Version' },
  sha: { vi: 'Mã SHA-256', en: 'SHA-256 hash' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  summaryText: { vi: '{error} lỗi, {warning} cảnh báo, {info} ghi chú', en: '{error} errors, {warning} warnings, {info} notes' },
  status: { vi: 'Tình trạng quý {q}/{y}', en: 'Status of Q{q} {y}' },
  returnReason: { vi: 'Tỉnh đã trả lại sổ. Lý do: {reason}', en: 'The province returned the workbook. Reason: {reason}' },
  noSubmission: { vi: 'Chưa nộp', en: 'Not submitted yet' },
  noAccepted: { vi: 'Chưa có bản nào được chấp nhận để chuyển tiếp.', en: 'No accepted workbook to roll over yet.' },
  failed: { vi: 'Không thực hiện được; thử lại.', en: 'That did not work; try again.' },
} satisfies Strings<string>;

export type Key = keyof typeof S;

export const STATE_LABEL: Record<string, { vi: string; en: string }> = {
  missing: { vi: 'Chưa nộp', en: 'Not submitted' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  late: { vi: 'Nộp muộn', en: 'Submitted late' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
  accepted: { vi: 'Đã được chấp nhận', en: 'Accepted' },
};

export const SEVERITY_LABEL: Record<string, { vi: string; en: string }> = {
  fatal: { vi: 'Không dùng được', en: 'Fatal' },
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Ghi chú', en: 'Note' },
};
