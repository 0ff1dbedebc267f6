/**
 * An error a user can act on: one line in Vietnamese, one in English, naming the file, sheet
 * or cell and what to do. Shells print `message_vi` then `message_en`, never a stack trace.
 */
export type UserErrorCode =
  | 'file_missing'
  | 'not_a_file'
  | 'not_xlsx'
  | 'xls_format'
  | 'csv_format'
  | 'encrypted'
  | 'corrupt'
  | 'not_template'
  | 'newer_template'
  | 'too_large'
  | 'too_many_rows'
  | 'zip_bomb'
  | 'unknown_part'
  | 'padded'
  | 'too_much_media'
  | 'shared_part'
  | 'unknown_profile'
  | 'unknown_unit'
  | 'other_province'
  | 'no_province'
  | 'bad_argument'
  | 'output_exists'
  | 'write_failed'
  | 'inbox_unreachable'
  | 'auth_failed'
  | 'forbidden'
  | 'locked'
  | 'excel_busy'
  | 'excel_failed'
  | 'internal';

export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly message_vi: string;
  readonly message_en: string;

  constructor(code: UserErrorCode, message_vi: string, message_en: string) {
    super(`${message_vi} / ${message_en}`);
    this.name = 'UserError';
    this.code = code;
    this.message_vi = message_vi;
    this.message_en = message_en;
  }

  /** One line: Vietnamese first, then English. */
  toLine(): string {
    return `${this.message_vi} | ${this.message_en}`;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
