/**
 * The workbook as Excel saves it (.xlsx), through Office's `Document.getFileAsync`, read slice by
 * slice. The file is always closed: Office keeps at most two open and fails the next request.
 */
import { UserError } from '../domain/errors';
import type { FileProgress } from './shell';

/** getFileAsync's largest slice (4 MB). */
export const FILE_SLICE_BYTES = 4_194_304;

export type GetFileAsync = (type: Office.FileType, options: { sliceSize: number }, callback: (result: Office.AsyncResult<Office.File>) => void) => void;

export async function compressedFile(getFile: GetFileAsync | undefined, onProgress?: (p: FileProgress) => void): Promise<Uint8Array> {
  if (!getFile) {
    throw new UserError(
      'internal',
      'Excel này không cho phép lấy tệp từ ngăn tác vụ. Hãy lưu tệp rồi tải lên tại trang /upload/ của hộp thư tỉnh.',
      'This Excel does not let the pane read the file. Save it and upload it on the inbox page /upload/.',
    );
  }
  const refused = (message: string): UserError =>
    new UserError(
      'excel_failed',
      `Excel không đưa được tệp cho ngăn tác vụ (${message}). Hãy lưu tệp (Ctrl+S) rồi gửi lại, hoặc tải tệp lên tại trang /upload/ của hộp thư tỉnh.`,
      `Excel did not hand the file to the pane (${message}). Save the file (Ctrl+S) and send again, or upload it on the inbox page /upload/.`,
    );
  const file = await new Promise<Office.File>((resolve, reject) =>
    getFile(Office.FileType.Compressed, { sliceSize: FILE_SLICE_BYTES }, (r) =>
      r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value) : reject(refused(r.error.message)),
    ),
  );
  try {
    const parts: Uint8Array[] = [];
    let loaded = 0;
    for (let i = 0; i < file.sliceCount; i++) {
      const data = await new Promise<ArrayLike<number>>((resolve, reject) =>
        file.getSliceAsync(i, (r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve(r.value.data as ArrayLike<number>) : reject(refused(r.error.message)))),
      );
      const bytes = Uint8Array.from(data);
      parts.push(bytes);
      loaded += bytes.length;
      onProgress?.({ loaded, total: file.size });
    }
    const out = new Uint8Array(loaded);
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.length;
    }
    return out;
  } finally {
    await new Promise<void>((resolve) => file.closeAsync(() => resolve()));
  }
}
