/** The unit's side of the inbox API (brief "Inbox"), with the unit's bearer token. */
export const TOKEN_KEY = 'vr_unit_token';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface UnitInfo {
  unit_code: string;
  unit_name: string;
  profile: string;
  province_code: string;
}

export interface FindingRow {
  rule: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  column: string | null;
  field: string | null;
  value: unknown;
  message_vi: string;
  message_en: string;
}

export interface Summary {
  fatal: number;
  error: number;
  warning: number;
  info: number;
}

export interface Receipt {
  id: string;
  sha256: string;
  received_at: string;
  on_time: boolean;
  unit_code: string;
  year: number;
  quarter: number;
  version: number;
  summary: Summary;
}

export interface QuarterStatus {
  state: string;
  versions: { id: string; received_at: string; sha256: string; on_time: boolean; state: string; return_reason: string | null }[];
}

export type UploadOutcome =
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'findings'; findings: FindingRow[]; summary: Summary; message_vi?: string; message_en?: string }
  | { kind: 'error'; status: number; body: unknown };

export function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function getJson<T>(url: string, token: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: authHeaders(token) });
  const body = (await res.json().catch(() => null)) as T;
  return { status: res.status, body };
}

/** XHR rather than fetch: fetch has no upload progress. The body is the raw .xlsx bytes. */
export function uploadWorkbook(file: File, token: string, onProgress: (pct: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/submissions');
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', XLSX_TYPE);
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200 || xhr.status === 201) resolve({ kind: 'receipt', receipt: body as Receipt });
      else if (xhr.status === 422 && body && Array.isArray((body as { findings?: unknown }).findings)) {
        const b = body as { findings: FindingRow[]; summary: Summary; message_vi?: string; message_en?: string };
        resolve({ kind: 'findings', findings: b.findings, summary: b.summary, message_vi: b.message_vi, message_en: b.message_en });
      } else resolve({ kind: 'error', status: xhr.status, body });
    };
    xhr.send(file);
  });
}
