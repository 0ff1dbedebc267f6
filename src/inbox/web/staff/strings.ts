import type { Strings } from '../i18n';

export const S = {
  title: { vi: 'Hộp thư báo cáo tỉnh — cán bộ tỉnh', en: 'Provincial report inbox — staff' },
  subtitle: { vi: 'Theo dõi, trả lại, chấp nhận và tổng hợp báo cáo quý', en: 'Track, return, accept and consolidate quarterly reports' },
  signIn: { vi: 'Đăng nhập cán bộ tỉnh', en: 'Staff sign-in' },
  user: { vi: 'Tên đăng nhập', en: 'User name' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  signInButton: { vi: 'Đăng nhập', en: 'Sign in' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  badLogin: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' },
  network: { vi: 'Không kết nối được hộp thư; kiểm tra mạng và thử lại.', en: 'Cannot reach the inbox; check the network and try again.' },
  signedInAs: { vi: 'Đang đăng nhập: {user}', en: 'Signed in as {user}' },
  profile: { vi: 'Kế hoạch', en: 'Plan' },
  year: { vi: 'Năm', en: 'Year' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  load: { vi: 'Xem', en: 'Show' },
  consolidated: { vi: 'Tải sổ tổng hợp toàn tỉnh', en: 'Download the consolidated workbook' },
  grid: { vi: 'Tình hình nộp báo cáo quý {q}/{y}', en: 'Submissions for Q{q} {y}' },
  unitCode: { vi: 'Mã đơn vị', en: 'Unit code' },
  unitName: { vi: 'Đơn vị', en: 'Unit' },
  state: { vi: 'Trạng thái', en: 'State' },
  receivedAt: { vi: 'Thời điểm nhận', en: 'Received' },
  versions: { vi: 'Số lần nộp', en: 'Versions' },
  reason: { vi: 'Lý do trả lại', en: 'Return reason' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  download: { vi: 'Tải bản nộp', en: 'Download' },
  return: { vi: 'Trả lại', en: 'Return' },
  accept: { vi: 'Chấp nhận', en: 'Accept' },
  completeness: { vi: 'Đầy đủ', en: 'Completeness' },
  timeliness: { vi: 'Đúng hạn', en: 'Timeliness' },
  returnTitle: { vi: 'Trả lại báo cáo quý {q}/{y} của {unit}', en: 'Return the Q{q} {y} report of {unit}' },
  acceptTitle: { vi: 'Chấp nhận báo cáo quý {q}/{y} của {unit}', en: 'Accept the Q{q} {y} report of {unit}' },
  returnReason: { vi: 'Lý do (đơn vị sẽ thấy lý do này)', en: 'Reason (the unit will see it)' },
  cancel: { vi: 'Huỷ', en: 'Cancel' },
  confirmAccept: {
    vi: 'Sau khi chấp nhận, bài nộp quý {q}/{y} của {unit} bị khoá: đơn vị không nộp lại được nữa.',
    en: 'Once accepted, the Q{q} {y} submission of {unit} is locked: the unit cannot submit again.',
  },
  failed: { vi: 'Không thực hiện được; tải lại trang và thử lại.', en: 'That did not work; reload the page and try again.' },
  accepted: { vi: 'Đã chấp nhận bài nộp của {unit}, quý {q}/{y}.', en: 'Accepted the submission of {unit}, Q{q} {y}.' },
  returned: {
    vi: 'Đã trả lại bài nộp của {unit}, quý {q}/{y}; đơn vị sẽ thấy lý do khi đăng nhập.',
    en: 'Returned the submission of {unit}, Q{q} {y}; the unit will see the reason when it signs in.',
  },
  deadline: { vi: 'Kỳ {start} – {end}, hạn nộp {deadline}', en: 'Period {start} – {end}, due {deadline}' },
  formerName: { vi: '(trước đây: {names})', en: '(formerly {names})' },
  deadlineAssumed: { vi: ' (hạn giả định: kế hoạch không quy định ngày gửi)', en: ' (assumed deadline: the plan sets no day)' },
} satisfies Strings<string>;

/** Labels of the tracking counts: the unit states plus the DHIS2-style totals. */
export const COUNT_LABEL: Record<string, { vi: string; en: string }> = {
  expected: { vi: 'Phải nộp', en: 'Expected' },
  received: { vi: 'Đã nhận', en: 'Received' },
  received_on_time: { vi: 'Nhận đúng hạn', en: 'Received on time' },
};

export const STATE_LABEL: Record<string, { vi: string; en: string }> = {
  missing: { vi: 'Chưa nộp', en: 'Missing' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  late: { vi: 'Nộp muộn', en: 'Late' },
  returned: { vi: 'Đã trả lại', en: 'Returned' },
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
};
