/**
 * exceljs's classes, each loaded from its own module when first used. `import 'exceljs'` loads
 * the in-memory workbook, both streaming readers and writers, the CSV support and their zip
 * libraries (≈600 modules): most of `vr new`'s time went there. These are the very classes the
 * package exports (test/xlsx/exceljsParts.test.ts checks that they are the same objects).
 */
import type ExcelJS from 'exceljs';

/* eslint-disable @typescript-eslint/no-require-imports */

/** `ExcelJS.Workbook`: the in-memory workbook (templates, re-saves, small writes). */
export function workbookClass(): typeof ExcelJS.Workbook {
  return require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook;
}

/** `ExcelJS.stream.xlsx.WorkbookWriter`: the streaming writer (large samples, consolidation). */
export function streamWriterClass(): typeof ExcelJS.stream.xlsx.WorkbookWriter {
  return require('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter;
}

/** `ExcelJS.stream.xlsx.WorkbookReader`: the streaming reader (the lean scanner's fallback). */
export function streamReaderClass(): typeof ExcelJS.stream.xlsx.WorkbookReader {
  return require('exceljs/lib/stream/xlsx/workbook-reader') as typeof ExcelJS.stream.xlsx.WorkbookReader;
}
