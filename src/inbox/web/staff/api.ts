/** The staff side of the inbox API: cookie session `vr_session`, every POST with the CSRF token
 *  returned by login/me (docs/inbox.md). */
import type { SubmissionReview } from '../../review';
export interface StaffSession {
  user: string;
  role: string;
  csrf_token: string;
}

export interface TrackingUnit {
  unit_code: string;
  unit_name: string;
  /** Earlier names when a legal act renamed the unit. */
  former_names?: string[];
  state: 'missing' | 'submitted' | 'late' | 'returned' | 'accepted';
  submission_id: string | null;
  received_at: string | null;
  on_time: boolean | null;
  return_reason: string | null;
  versions: number | unknown[];
}

/** One stored version, and a version as staff read it in the browser (GET …/submissions/:id/review):
 *  the server's own types of that answer (types only; nothing of the server is bundled). */
export type { SubmissionReview } from '../../review';
export type { VersionView as VersionInfo } from '../../tracking';

export interface Tracking {
  period?: { start: string; end: string; deadline: string; deadline_assumed?: boolean };
  units: TrackingUnit[];
  counts: Record<string, number>;
  completeness_pct: number | null;
  timeliness_pct: number | null;
}

export interface ApiResult<T> {
  status: number;
  body: T;
}

async function call<T>(method: string, url: string, csrf?: string, json?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (csrf) headers['x-csrf-token'] = csrf;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: json === undefined ? undefined : JSON.stringify(json) });
  const body = (await res.json().catch(() => null)) as T;
  return { status: res.status, body };
}

/** Whether this browser signed in before (not a secret: the session itself is an HttpOnly cookie).
 *  Without it the page does not ask /me, so a first visit logs no 401 in the console. */
const SIGNED_IN_HINT = 'vr_staff_signed_in';

function hint(on: boolean | null): boolean {
  try {
    if (on === true) localStorage.setItem(SIGNED_IN_HINT, '1');
    else if (on === false) localStorage.removeItem(SIGNED_IN_HINT);
    return localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true; // storage disabled: ask the server
  }
}

async function remember<T>(result: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  const res = await result;
  if (res.status === 200) hint(true);
  else if (res.status === 401) hint(false);
  return res;
}

export const staffApi = {
  me: async (): Promise<ApiResult<StaffSession | null>> =>
    hint(null) ? remember(call<StaffSession>('GET', '/api/staff/me')) : { status: 401, body: null },
  login: (user: string, password: string) => remember(call<StaffSession>('POST', '/api/staff/login', undefined, { user, password })),
  logout: async (csrf: string) => {
    hint(false);
    return call<unknown>('POST', '/api/staff/logout', csrf, {});
  },
  plans: () => call<{ plans: string[] }>('GET', '/api/staff/plans'),
  review: (id: string) => call<SubmissionReview>('GET', `/api/staff/submissions/${encodeURIComponent(id)}/review`),
  tracking: (profile: string, year: number, quarter: number) =>
    remember(call<Tracking>('GET', `/api/staff/tracking?profile=${encodeURIComponent(profile)}&year=${year}&quarter=${quarter}`)),
  returnVersion: (id: string, reason: string, csrf: string) =>
    call<unknown>('POST', `/api/staff/submissions/${encodeURIComponent(id)}/return`, csrf, { reason }),
  accept: (id: string, csrf: string) => call<unknown>('POST', `/api/staff/submissions/${encodeURIComponent(id)}/accept`, csrf, {}),
};

export function fileUrl(id: string): string {
  return `/api/staff/submissions/${encodeURIComponent(id)}/file`;
}

export function consolidatedUrl(profile: string, year: number, quarter: number): string {
  return `/api/staff/consolidated.xlsx?profile=${encodeURIComponent(profile)}&year=${year}&quarter=${quarter}`;
}
