/** The staff page's insight API (routes/insight.ts). */
import type { MatchLevel, MatchReason } from '../../../../domain/personMatch';

export interface OutlierView {
  row: string;
  label_vi: string;
  label_en: string;
  kind: 'spike' | 'zero';
  value: number;
  median: number;
  history: { year: number; quarter: number; value: number }[];
}

export interface UnitOutliersView {
  unit_code: string;
  submission_id: string;
  state: string;
  outliers: OutlierView[];
  confirmed: { by: string; at: string } | null;
}

export interface DuplicatePairView {
  level: MatchLevel;
  reasons: MatchReason[];
  same_id: boolean;
  a: { unit_code: string; case_id: string };
  b: { unit_code: string; case_id: string };
}

export interface PeriodArgs {
  profile: string;
  year: number;
  quarter: number;
}

export const periodQuery = (p: PeriodArgs): string =>
  `profile=${encodeURIComponent(p.profile)}&year=${p.year}&quarter=${p.quarter}`;

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { credentials: 'same-origin' });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

export async function postJson<T>(url: string, csrf: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

export const insightApi = {
  outliers: (p: PeriodArgs) => getJson<{ units: UnitOutliersView[] }>(`/api/staff/insight/outliers?${periodQuery(p)}`),
  duplicates: (p: PeriodArgs) => getJson<{ pairs: DuplicatePairView[] }>(`/api/staff/insight/duplicates?${periodQuery(p)}`),
  confirm: (submissionId: string, csrf: string) =>
    postJson<{ ok: boolean }>(`/api/staff/submissions/${encodeURIComponent(submissionId)}/confirm-outliers`, csrf),
};

/** The HTCDS file of the quarter, or of the whole year (`quarter` null). */
export function htcdsUrl(p: PeriodArgs, whole = false): string {
  return whole ? `/api/staff/export/htcds.xlsx?profile=${encodeURIComponent(p.profile)}&year=${p.year}` : `/api/staff/export/htcds.xlsx?${periodQuery(p)}`;
}
