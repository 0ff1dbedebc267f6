/**
 * One status per quarter: what the inbox says about the unit's quarter (its versions) merged with
 * the receipts this pane has just been given, which the inbox's list may not show yet. Versions
 * are named by their number and the time they were received (`Bản 2, nộp 14:05 05/12/2026`),
 * never by an ID or a hash; the time is Vietnam's, as the inbox judges deadlines.
 */
import { VIETNAM_UTC_OFFSET_MS } from '../../domain/period';
import type { Receipt, SubmissionsState } from './inboxClient';

export type QuarterState = SubmissionsState['state'];

export interface VersionView {
  /** 1 for the first version the unit sent for the quarter. */
  n: number;
  id: string;
  receivedAt: string;
  onTime: boolean;
  state: 'submitted' | 'returned' | 'accepted';
  reason: string | null;
  sha256: string;
}

export interface QuarterView {
  state: QuarterState;
  versions: VersionView[];
  latest: VersionView | null;
}

function stateOf(version: Pick<VersionView, 'state' | 'onTime'>): QuarterState {
  if (version.state === 'submitted') return version.onTime ? 'submitted' : 'late';
  return version.state;
}

/** The quarter as the clerk should read it, or null when nothing is known (no inbox yet). */
export function quarterView(status: SubmissionsState | null, receipts: readonly Receipt[]): QuarterView | null {
  if (!status && receipts.length === 0) return null;
  const byId = new Map<string, Omit<VersionView, 'n'>>();
  for (const v of status?.versions ?? []) {
    byId.set(v.id, { id: v.id, receivedAt: v.received_at, onTime: v.on_time, state: v.state, reason: v.return_reason, sha256: v.sha256 });
  }
  let stale = false;
  for (const r of receipts) {
    if (byId.has(r.id)) continue;
    stale = true;
    byId.set(r.id, { id: r.id, receivedAt: r.received_at, onTime: r.on_time, state: r.state, reason: null, sha256: r.sha256 });
  }
  const versions = [...byId.values()]
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt))
    .map((v, i) => ({ ...v, n: i + 1 }));
  const latest = versions.length > 0 ? versions[versions.length - 1] : null;
  // The inbox's own word, unless a receipt newer than its answer says otherwise.
  const state: QuarterState = status && !stale ? status.state : latest ? stateOf(latest) : 'missing';
  return { state, versions, latest };
}

/** `14:05 05/12/2026`, Vietnam time. */
export function vietnamTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const d = new Date(t + VIETNAM_UTC_OFFSET_MS);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
