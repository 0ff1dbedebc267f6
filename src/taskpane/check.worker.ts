/**
 * The check, in a Web Worker: the pane posts the workbook model, the worker answers with the
 * findings, so the pane stays responsive while thousands of rows are checked.
 */
import '../profiles/officialAll';
import { checkWorkbook } from '../domain/check';
import { PANE_FILL_HINT } from './lib/fillHint';
import type { CheckReply, CheckRequest } from './lib/checkRunner';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage: (reply: CheckReply) => void;
};

scope.onmessage = (event) => {
  const { id, workbook, today } = event.data;
  try {
    const started = performance.now();
    const findings = checkWorkbook(workbook, { today: new Date(today), fillHint: PANE_FILL_HINT }).findings;
    scope.postMessage({ id, findings, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
