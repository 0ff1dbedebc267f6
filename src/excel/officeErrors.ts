/**
 * What Excel says when a request fails, in the clerk's words. Office.js rejects `sync()` with
 * an error whose `code` (Excel.ErrorCodes) says what happened; its message is English and not
 * meant for end users (Office docs: error handling). Codes are never guessed from messages.
 */
import { UserError, isUserError } from '../domain/errors';

export function officeErrorCode(error: unknown): string | null {
  if (!error || typeof error !== 'object') return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/** The payload limits of Excel on the web: the request can be retried in smaller pieces. */
export function isPayloadLimit(error: unknown): boolean {
  const code = officeErrorCode(error);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** The error as the pane should show it: a known Excel code becomes a UserError naming what to
 *  do; anything else is returned as it is. `sheet` names the sheet the operation worked on. */
export function excelError(error: unknown, sheet?: string): unknown {
  if (isUserError(error)) return error;
  const code = officeErrorCode(error);
  const where = sheet ? ` "${sheet}"` : '';
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return new UserError(
        'excel_busy',
        'Excel đang ở chế độ sửa ô: hãy nhấn Enter (hoặc Esc) để kết thúc việc nhập trong ô, rồi bấm lại.',
        'Excel is editing a cell: press Enter (or Esc) to finish typing in the cell, then click again.',
      );
    case 'ItemNotFound':
      return new UserError(
        'excel_failed',
        `Không tìm thấy trang tính${where} trong sổ làm việc: có thể trang đã bị đổi tên hoặc xoá. Hãy đặt lại đúng tên trang (như trong mẫu) rồi thử lại.`,
        `Sheet${where} is not in the workbook: it may have been renamed or deleted. Give the sheet its template name back and try again.`,
      );
    case 'AccessDenied':
      return new UserError(
        'excel_failed',
        `Excel không cho sửa trang tính${where}: trang hoặc sổ làm việc đang được bảo vệ. Hãy bỏ bảo vệ (Xem lại > Bỏ bảo vệ Trang tính) rồi thử lại.`,
        `Excel did not allow the change to sheet${where}: the sheet or workbook is protected. Unprotect it (Review > Unprotect Sheet) and try again.`,
      );
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new UserError(
        'excel_failed',
        'Excel trên web từ chối vì khối dữ liệu quá lớn (giới hạn 5 MB mỗi lần). Hãy mở sổ bằng Excel trên máy tính, hoặc chia bớt dữ liệu, rồi thử lại.',
        'Excel on the web refused a request over its 5 MB limit. Open the workbook in Excel desktop, or split the data, and try again.',
      );
    case 'ApiNotFound':
      return new UserError(
        'excel_failed',
        'Phiên bản Excel này chưa có chức năng ngăn tác vụ cần dùng. Hãy cập nhật Office hoặc dùng Excel trên web.',
        'This version of Excel lacks a feature the pane needs. Update Office or use Excel on the web.',
      );
    default:
      return error;
  }
}
