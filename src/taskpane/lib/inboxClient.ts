/**
 * The pane's side of the inbox API (domain.md §5, brief "Inbox"): upload the .xlsx with upload
 * progress (XHR: fetch has no upload progress), read a unit's submissions. Every answer is
 * turned into one typed outcome; "unreachable" is the only one the queue retries.
 */
import type { Finding, FindingSummary } from '../../domain/finding';

export interface Receipt {
  id: string;
  sha256: string;
  received_at: string;
  on_time: boolean;
  unit_code?: string;
  year?: number;
  quarter?: number;
  version?: number;
  summary?: FindingSummary;
}

export type UploadOutcome =
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'refused'; findings: Finding[]; summary?: FindingSummary }
  | { kind: 'rejected'; status: number; code: string; message_vi: string; message_en: string }
  | { kind: 'unreachable'; status: number };

export interface SubmissionsState {
  state: string;
  versions: { id: string; received_at: string; sha256: string; on_time: boolean; state: string; return_reason: string | null }[];
}

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

/** Maps an HTTP answer to an outcome; 0 (network), 408, 429 and 5xx mean "try again later". */
export function outcomeOf(status: number, body: string): UploadOutcome {
  const json = parseJson(body);
  if (status === 200 || status === 201) return { kind: 'receipt', receipt: json as unknown as Receipt };
  if (status === 422) return { kind: 'refused', findings: (json.findings as Finding[]) ?? [], summary: json.summary as FindingSummary };
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
    return (await response.json()) as SubmissionsState;
  } catch {
    return null;
  }
}
