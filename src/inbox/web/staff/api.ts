/** The staff side of the inbox API: cookie session `vr_session`, every POST with the CSRF token
 *  returned by login/me (brief "Inbox"). */
export interface StaffSession {
  user: string;
  role: string;
  csrf_token: string;
}

export interface TrackingUnit {
  unit_code: string;
  unit_name: string;
  state: 'missing' | 'submitted' | 'late' | 'returned' | 'accepted';
  submission_id: string | null;
  received_at: string | null;
  on_time: boolean | null;
  return_reason: string | null;
  versions: number | unknown[];
}

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

export const staffApi = {
  me: () => call<StaffSession>('GET', '/api/staff/me'),
  login: (user: string, password: string) => call<StaffSession>('POST', '/api/staff/login', undefined, { user, password }),
  logout: (csrf: string) => call<unknown>('POST', '/api/staff/logout', csrf, {}),
  tracking: (profile: string, year: number, quarter: number) =>
    call<Tracking>('GET', `/api/staff/tracking?profile=${encodeURIComponent(profile)}&year=${year}&quarter=${quarter}`),
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
