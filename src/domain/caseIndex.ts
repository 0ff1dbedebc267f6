/**
 * The first registry row of each case ID. buildReport, REG-06 and the SUP rules all need it, and
 * a Map of 100,000 case IDs is the costliest single structure of a check, so it is built once per
 * records array (records are not edited after parse; the length guards against a grown array).
 */
import type { RegistryRecord, SupportRecord } from './model';

/** /[a-z\u00e0-\u1ef9]/.test(id), as a loop: it runs for every registry and support row. */
function hasLower(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 0xe0 && c <= 0x1ef9)) return true;
  }
  return false;
}

/** Support case IDs match trimmed and case-insensitively (`bn-ts-2020-0001` is the same case). */
export function caseKey(id: string | null): string | null {
  if (id === null) return null;
  // Fast path (the usual case): already trimmed, no lower-case letters; no new string.
  const n = id.length;
  if (n > 0 && id.charCodeAt(0) > 32 && id.charCodeAt(n - 1) > 32 && !hasLower(id)) return id;
  const key = id.trim().toUpperCase();
  return key === '' ? null : key;
}

interface Index {
  length: number;
  first: ReadonlyMap<string, number>;
  /** Rows with a case ID; equal to first.size when no ID repeats (the usual case). */
  keyed: number;
}
const cache = new WeakMap<readonly RegistryRecord[], Index>();

function index(registry: readonly RegistryRecord[]): Index {
  const cached = cache.get(registry);
  if (cached && cached.length === registry.length) return cached;
  const first = new Map<string, number>();
  let keyed = 0;
  // Backwards, so the first row of a duplicated ID wins with one Map operation per row.
  for (let i = registry.length - 1; i >= 0; i--) {
    const key = caseKey(registry[i].case_id);
    if (key === null) continue;
    first.set(key, i);
    keyed += 1;
  }
  const fresh = { length: registry.length, first, keyed };
  cache.set(registry, fresh);
  return fresh;
}

/** Case key -> index of the first registry row holding it (a duplicate ID is REG-06's). */
export function firstRowByCase(registry: readonly RegistryRecord[]): ReadonlyMap<string, number> {
  return index(registry).first;
}

const ownerCache = new WeakMap<readonly RegistryRecord[], Int32Array>();

/** Per registry row: the index of the first row with its case ID (itself unless duplicated),
 *  -1 without an ID. */
export function registryOwners(registry: readonly RegistryRecord[]): Int32Array {
  const cached = ownerCache.get(registry);
  if (cached && cached.length === registry.length) return cached;
  const { first, keyed } = index(registry);
  const owners = new Int32Array(registry.length).fill(-1);
  // Without repeated IDs every keyed row owns itself: no second lookup of 100,000 IDs.
  const unique = keyed === first.size;
  for (let i = 0; i < registry.length; i++) {
    const key = caseKey(registry[i].case_id);
    if (key !== null) owners[i] = unique ? i : (first.get(key) as number);
  }
  ownerCache.set(registry, owners);
  return owners;
}

const supportCache = new WeakMap<
  readonly SupportRecord[],
  { registry: readonly RegistryRecord[]; registryLength: number; owners: Int32Array }
>();

/** Per support row: the index of its person's (first) registry row, -1 when its case ID is
 *  blank or not in the registry (SUP-06). */
export function supportOwners(registry: readonly RegistryRecord[], support: readonly SupportRecord[]): Int32Array {
  const cached = supportCache.get(support);
  if (
    cached &&
    cached.registry === registry &&
    cached.registryLength === registry.length &&
    cached.owners.length === support.length
  )
    return cached.owners;
  const first = firstRowByCase(registry);
  const owners = new Int32Array(support.length).fill(-1);
  for (let s = 0; s < support.length; s++) {
    const key = caseKey(support[s].case_id);
    const i = key === null ? undefined : first.get(key);
    if (i !== undefined) owners[s] = i;
  }
  supportCache.set(support, { registry, registryLength: registry.length, owners });
  return owners;
}
