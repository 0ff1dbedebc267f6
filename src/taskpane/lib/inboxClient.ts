/**
 * The pane's side of the inbox API (docs/inbox.md): upload the .xlsx with upload
 * progress (XHR: fetch has no upload progress), read a unit's submissions. Every answer is
 * turned into one typed outcome; "unreachable" is the only one the queue retries.
 */
import type { Finding, FindingSummary } from '../../domain/finding';
import { ReceiptSchema, RefusalSchema, UnitQuarterSchema, type Receipt, type UnitQuarter } from '../../domain/schema/inbox';

export type { Receipt };

export type UploadOutcome =
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'refused'; findings: Finding[]; summary?: FindingSummary }
  | { kind: 'rejected'; status: number; code: string; message_vi: string; message_en: string }
  | { kind: 'unreachable'; status: number };

export type SubmissionsState = UnitQuarter;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Maps an HTTP answer to an outcome; 0 (network), 408, 429 and 5xx mean "try again later".
 *  Answers are parsed with the shared wire schemas: a 200 that is not a receipt (a proxy's or a
 *  captive portal's page) is not taken as one; the submission stays queued and is retried. */
export function outcomeOf(status: number, body: string): UploadOutcome {
  const json = parseJson(body);
  if (status === 200 || status === 201) {
    const receipt = ReceiptSchema.safeParse(json);
    return receipt.success ? { kind: 'receipt', receipt: receipt.data } : { kind: 'unreachable', status };
  }
  if (status === 422) {
    const refusal = RefusalSchema.safeParse(json);
    if (refusal.success) return { kind: 'refused', findings: refusal.data.findings, summary: refusal.data.summary };
  }
  if (status === 0 || status === 408 || status === 429 || status >= 500) return { kind: 'unreachable', status };
  return {
    kind: 'rejected',
    status,
    code: String(json.error ?? status),
    message_vi: String(json.message_vi ?? ''),
    message_en: String(json.message_en ?? ''),
  };
}

export interface UploadRequest {
  inboxUrl: string;
  token: string;
  bytes: Uint8Array;
  filename: string;
  onProgress?: (fraction: number) => void;
}

export type Uploader = (request: UploadRequest) => Promise<UploadOutcome>;

export const xhrUploader: Uploader = ({ inboxUrl, token, bytes, filename, onProgress }) =>
  new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', joinUrl(inboxUrl, '/api/submissions'));
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', XLSX_TYPE);
    // Header values must be Latin-1: the filename is percent-encoded.
    xhr.setRequestHeader('X-Filename', encodeURIComponent(filename));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve(outcomeOf(xhr.status, xhr.responseText));
    xhr.onerror = () => resolve({ kind: 'unreachable', status: 0 });
    xhr.ontimeout = () => resolve({ kind: 'unreachable', status: 0 });
    xhr.timeout = 10 * 60 * 1000;
    xhr.send(new Blob([bytes as BlobPart], { type: XLSX_TYPE }));
  });

export async function fetchSubmissions(inboxUrl: string, token: string, year: number, quarter: number): Promise<SubmissionsState | null> {
  try {
    const response = await fetch(joinUrl(inboxUrl, `/api/units/me/submissions?year=${year}&quarter=${quarter}`), {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) return null;
    const parsed = UnitQuarterSchema.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
