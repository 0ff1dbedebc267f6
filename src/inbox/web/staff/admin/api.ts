/** The administration routes (role admin; every POST with the session's CSRF token). */
import type { ApiResult } from '../api';

export interface AdminUnit {
  profile: string;
  unit_code: string;
  unit_name: string;
  province_code: string;
  active: boolean;
  created_at: string;
}

export interface AdminStaff {
  username: string;
  role: 'staff' | 'admin';
  active: boolean;
  created_at: string;
}

async function call<T>(method: string, url: string, csrf?: string, json?: unknown): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (csrf) headers['x-csrf-token'] = csrf;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: json === undefined ? undefined : JSON.stringify(json) });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

export const adminApi = {
  units: (profile: string) => call<{ units: AdminUnit[] }>('GET', `/api/admin/units?profile=${encodeURIComponent(profile)}`),
  addUnit: (csrf: string, profile: string, unit_code: string) =>
    call<{ unit: AdminUnit; token: string }>('POST', '/api/admin/units', csrf, { profile, unit_code }),
  rotateToken: (csrf: string, profile: string, unit_code: string) =>
    call<{ unit: AdminUnit; token: string }>('POST', '/api/admin/units/token', csrf, { profile, unit_code }),
  setUnitActive: (csrf: string, profile: string, unit_code: string, active: boolean) =>
    call<{ unit: AdminUnit }>('POST', '/api/admin/units/active', csrf, { profile, unit_code, active }),
  staff: () => call<{ staff: AdminStaff[] }>('GET', '/api/admin/staff'),
  addStaff: (csrf: string, username: string, role: AdminStaff['role']) =>
    call<{ user: AdminStaff; password: string }>('POST', '/api/admin/staff', csrf, { username, role }),
  resetPassword: (csrf: string, username: string) =>
    call<{ user: AdminStaff; password: string }>('POST', '/api/admin/staff/password', csrf, { username }),
  setRole: (csrf: string, username: string, role: AdminStaff['role']) =>
    call<{ user: AdminStaff }>('POST', '/api/admin/staff/role', csrf, { username, role }),
  setStaffActive: (csrf: string, username: string, active: boolean) =>
    call<{ user: AdminStaff }>('POST', '/api/admin/staff/active', csrf, { username, active }),
};
