/**
 * Errors as Office.js raises them: an object with a `code` from `Excel.ErrorCodes` /
 * `OfficeExtension.ErrorCodes`, a (non-localised, English) message and `debugInfo`. The shell
 * must tell them apart by `code`, never by message, as the Office docs advise.
 */

/** The codes this fake raises, with the message Excel gives (docs: "Error handling with the
 *  application-specific JavaScript APIs"). */
export const ERROR_MESSAGES = {
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of Excel.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidOperationInCellEditMode:
    'The operation isn\u2019t available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.',
  ItemAlreadyExists: 'The resource being created already exists.',
  ItemNotFound: 'The requested resource doesn\u2019t exist.',
  MergedRangeConflict: 'Cannot complete the operation. A table can\u2019t overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.',
  PropertyNotLoaded:
    'The property is not available. Before reading the property\u2019s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
  RangeExceedsLimit: 'The cell count in the range has exceeded the maximum supported number.',
  RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit.',
  ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit.',
  InvalidObjectPath: 'The object path is not working for what you\u2019re trying to do.',
} as const;

export type FakeErrorCode = keyof typeof ERROR_MESSAGES;

export class FakeOfficeError extends Error {
  override readonly name = 'RichApi.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: FakeErrorCode,
    detail = '',
    location?: string,
  ) {
    super(detail ? `${ERROR_MESSAGES[code]} ${detail}` : ERROR_MESSAGES[code]);
    this.debugInfo = { code, message: this.message, ...(location ? { errorLocation: location } : {}) };
  }
}

/** Raised for a member this fake does not model: a test must never pass because the fake was
 *  silent about something the shell started using. */
export class FakeNotModelled extends Error {
  constructor(member: string) {
    super(`The fake Excel does not model ${member}: add it to test/excel/fake before the shell uses it.`);
  }
}
