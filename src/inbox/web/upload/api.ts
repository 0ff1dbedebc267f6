/** The unit's side of the inbox API (docs/inbox.md), with the unit's bearer token. Answers are
 *  parsed with the shared wire schemas (src/domain/schema/inbox.ts), not trusted. */
import type { Finding, FindingSummary } from '../../../domain/finding';
import { ReceiptSchema, RefusalSchema, type Receipt } from '../../../domain/schema/inbox';

export const TOKEN_KEY = 'vr_unit_token';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type { UnitInfo, Receipt, UnitQuarter as QuarterStatus } from '../../../domain/schema/inbox';

export type UploadOutcome =
  | { kind: 'receipt'; receipt: Receipt }
  | { kind: 'findings'; findings: Finding[]; summary: FindingSummary; message_vi?: string; message_en?: string }
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
      const receipt = xhr.status === 200 || xhr.status === 201 ? ReceiptSchema.safeParse(body) : null;
      const refusal = xhr.status === 422 ? RefusalSchema.safeParse(body) : null;
      if (receipt?.success) resolve({ kind: 'receipt', receipt: receipt.data });
      else if (refusal?.success) {
        const b = refusal.data;
        resolve({ kind: 'findings', findings: b.findings, summary: b.summary, message_vi: b.message_vi, message_en: b.message_en });
      } else resolve({ kind: 'error', status: xhr.status, body });
    };
    xhr.send(file);
  });
}
