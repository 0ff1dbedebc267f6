/**
 * The request machinery of Office.js, as the fake models it. Proxies queue actions; nothing
 * touches the workbook until `context.sync()`, which
 * 1. fails at once in cell edit mode (`InvalidOperationInCellEditMode`);
 * 2. serialises the request as Office.js's RichApi message ({Actions, ObjectPaths}) and, on
 *    Excel on the web, refuses it over 5 MB (`RequestPayloadSizeLimitExceeded`), running nothing;
 * 3. runs the actions in order: a path that names nothing fails with `ItemNotFound`, a bad
 *    argument with `InvalidArgument`, a member of a newer requirement set with `ApiNotFound`;
 *    like Excel, what ran before the failing action stays done (a request is not a transaction);
 * 4. measures the response and, on the web, refuses it over 5 MB
 *    (`ResponsePayloadSizeLimitExceeded`): the writes are done, no loaded value arrives;
 * 5. hands each loaded property to its proxy. Reading a property that was not loaded (or not
 *    yet synced) throws `PropertyNotLoaded`, property by property.
 */
import { FakeNotModelled, FakeOfficeError } from './errors';

/** Excel on the web's payload limit for one request and one response ("5MB"; the stricter
 *  reading, 5,000,000 bytes). Excel desktop has none. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;

const PATH_TYPE = { Method: 3, Property: 4, Indexer: 5, Global: 1 } as const;
const ACTION_TYPE = { Instantiate: 1, Query: 2, Method: 3, SetProperty: 4 } as const;

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The error code the sync failed with, if it did. */
  error?: string;
}

export interface Host {
  /** The ExcelApi level this Excel offers ('1.1' … '1.17'). */
  readonly api: string;
  readonly platform: 'web' | 'desktop';
  /** The clerk is typing in a cell: every request fails until Enter or Esc. */
  editing: boolean;
  readonly syncs: SyncRecord[];
}

export function versionAtLeast(have: string, need: string): boolean {
  const [a, b] = have.split('.').map(Number);
  const [x, y] = need.split('.').map(Number);
  return a > x || (a === x && b >= y);
}

interface PathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments: unknown[] };
}

export class FakePath<T = unknown> {
  private resolved = false;
  private value: T | undefined;
  constructor(
    readonly info: PathInfo,
    readonly parent: FakePath | null,
    private readonly resolver: () => T,
    /** The requirement set of the member that made this path (`worksheet.freezePanes`: 1.7). */
    readonly version = '1.1',
    readonly member = info.Name,
  ) {}
  /** The object this path names, found when a request runs (and then remembered). */
  resolve(): T {
    if (!this.resolved) {
      this.value = this.resolver();
      this.resolved = true;
    }
    return this.value as T;
  }
}

interface QueuedAction {
  info: Record<string, unknown>;
  path: FakePath;
  member: string;
  version: string;
  run(): unknown;
  deliver?(value: unknown): void;
}

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

export class FakeContext {
  private nextId = 1;
  private queue: QueuedAction[] = [];
  private sent = new Set<number>();
  readonly root: FakePath<null>;

  constructor(readonly host: Host) {
    this.root = new FakePath({ Id: this.nextId++, ObjectPathType: PATH_TYPE.Global, Name: '' }, null, () => null);
  }

  path<T>(kind: 'method' | 'property' | 'indexer', name: string, parent: FakePath, args: unknown[] | undefined, resolver: () => T, version = '1.1', member = name): FakePath<T> {
    const info: PathInfo = {
      Id: this.nextId++,
      ObjectPathType: kind === 'method' ? PATH_TYPE.Method : kind === 'property' ? PATH_TYPE.Property : PATH_TYPE.Indexer,
      Name: name,
      ParentObjectPathId: parent.info.Id,
      ...(args ? { ArgumentInfo: { Arguments: args } } : {}),
    };
    return new FakePath(info, parent, resolver, version, member);
  }

  private enqueue(type: number, name: string, path: FakePath, member: string, version: string, run: () => unknown, extra: Record<string, unknown> = {}, deliver?: (value: unknown) => void): void {
    this.queue.push({ info: { Id: this.nextId++, ActionType: type, Name: name, ObjectPathId: path.info.Id, ...extra }, path, member, version, run, deliver });
  }

  /** A method call (`activate()`, `merge()`, `freezeRows(3)`). */
  method(path: FakePath, member: string, name: string, args: unknown[], version: string, run: () => unknown): void {
    this.enqueue(ACTION_TYPE.Method, name, path, member, version, run, { ArgumentInfo: { Arguments: args } });
  }

  /** A property set (`range.values = …`). */
  setProperty(path: FakePath, member: string, name: string, value: unknown, version: string, run: () => void): void {
    this.enqueue(ACTION_TYPE.SetProperty, name, path, member, version, run, { ArgumentInfo: { Arguments: [value] } });
  }

  /** A load: `run` reads the values at sync, `deliver` hands them to the proxy. */
  query(path: FakePath, member: string, select: string[], version: string, run: () => unknown, deliver: (value: unknown) => void): void {
    this.enqueue(ACTION_TYPE.Query, '', path, member, version, run, { QueryInfo: { Select: select } }, deliver);
  }

  /** A method whose object is created at once (`worksheets.add`), and the `*OrNullObject`
   *  look-ups whose `isNullObject` Office.js fills in at the next sync. */
  instantiate(path: FakePath, member: string, version: string, deliver?: (value: unknown) => void): void {
    this.enqueue(ACTION_TYPE.Instantiate, '', path, member, version, () => (path.resolve() === null ? { isNull: true } : { isNull: false }), {}, deliver);
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    if (actions.length === 0) return;
    const record: SyncRecord = { requestBytes: 0, responseBytes: 0, actions: actions.length };
    this.host.syncs.push(record);
    const fail = (error: FakeOfficeError): never => {
      record.error = error.code;
      throw error;
    };
    if (this.host.editing) fail(new FakeOfficeError('InvalidOperationInCellEditMode'));

    const paths: Record<number, PathInfo> = {};
    for (const action of actions) {
      for (let p: FakePath | null = action.path; p && p.info.ObjectPathType !== PATH_TYPE.Global; p = p.parent) {
        if (!this.sent.has(p.info.Id)) paths[p.info.Id] = p.info;
      }
    }
    record.requestBytes = bytes({ Actions: actions.map((a) => a.info), ObjectPaths: paths });
    const web = this.host.platform === 'web';
    if (web && record.requestBytes > PAYLOAD_LIMIT_BYTES) fail(new FakeOfficeError('RequestPayloadSizeLimitExceeded', `${record.requestBytes} bytes.`));
    for (const id of Object.keys(paths)) this.sent.add(Number(id));

    const results: { ActionId: unknown; Value: unknown; deliver: (value: unknown) => void }[] = [];
    for (const action of actions) {
      const needs: { member: string; version: string }[] = [action];
      for (let p: FakePath | null = action.path; p; p = p.parent) needs.push(p);
      for (const need of needs) {
        if (!versionAtLeast(this.host.api, need.version)) {
          fail(new FakeOfficeError('ApiNotFound', `${need.member} needs ExcelApi ${need.version}; this Excel has ${this.host.api}.`, need.member));
        }
      }
      try {
        const value = action.run();
        if (action.deliver) results.push({ ActionId: action.info.Id, Value: value, deliver: action.deliver });
      } catch (error) {
        if (error instanceof FakeOfficeError) fail(error);
        throw error;
      }
    }
    record.responseBytes = bytes({ Results: results.map((r) => ({ ActionId: r.ActionId, Value: r.Value })) });
    if (web && record.responseBytes > PAYLOAD_LIMIT_BYTES) fail(new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `${record.responseBytes} bytes.`));
    for (const r of results) r.deliver(r.Value);
  }
}

/** A scalar property of a proxy: the requirement set to read it, and to set it (if settable). */
export interface PropSpec<T> {
  read?: { version: string; get(target: T): unknown };
  write?: { version: string; set(target: T, value: unknown): void };
}

/**
 * An Office.js proxy. `load` queues a query; a property can be read once that query has been
 * synced, or after the code set it (Office.js keeps the value it was given); otherwise reading
 * throws `PropertyNotLoaded`, one property at a time.
 */
export abstract class FakeObject<T> {
  private readonly loaded = new Map<string, unknown>();
  private readonly assigned = new Map<string, unknown>();
  protected abstract readonly typeName: string;
  protected abstract readonly props: Record<string, PropSpec<T>>;

  constructor(
    readonly context: FakeContext,
    readonly _path: FakePath<T>,
  ) {}

  protected get host(): Host {
    return this.context.host;
  }

  protected target(): T {
    return this._path.resolve();
  }

  protected loadable(): string[] {
    return Object.entries(this.props)
      .filter(([, spec]) => spec.read && versionAtLeast(this.host.api, spec.read.version))
      .map(([name]) => name);
  }

  load(option?: string | string[]): this {
    if (option !== undefined && typeof option !== 'string' && !Array.isArray(option)) throw new FakeNotModelled(`${this.typeName}.load(object)`);
    const names = option === undefined ? this.loadable() : (Array.isArray(option) ? option : option.split(',')).map((s) => s.trim()).filter(Boolean);
    for (const name of names) {
      if (name.includes('/')) throw new FakeNotModelled(`${this.typeName}.load("${name}")`);
      if (!this.props[name]?.read) throw new FakeNotModelled(`${this.typeName}.${name}`);
    }
    const version = names.map((n) => this.props[n].read!.version).reduce((a, b) => (versionAtLeast(a, b) ? a : b), '1.1');
    this.context.query(
      this._path,
      `${this.typeName}.load(${names.join(',')})`,
      names,
      version,
      () => {
        const target = this.target();
        const out: Record<string, unknown> = {};
        for (const name of names) out[name] = this.props[name].read!.get(target);
        return out;
      },
      (value) => {
        for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
          this.loaded.set(name, v);
          this.assigned.delete(name);
        }
      },
    );
    return this;
  }

  protected read<V>(name: string): V {
    if (this.assigned.has(name)) return this.assigned.get(name) as V;
    if (this.loaded.has(name)) return this.loaded.get(name) as V;
    throw new FakeOfficeError('PropertyNotLoaded', `${this.typeName}.${name} was read before load("${name}") and context.sync().`, `${this.typeName}.${name}`);
  }

  protected write(name: string, value: unknown): void {
    const spec = this.props[name]?.write;
    if (!spec) throw new FakeNotModelled(`setting ${this.typeName}.${name}`);
    this.assigned.set(name, value);
    this.context.setProperty(this._path, `${this.typeName}.${name}`, name, value, spec.version, () => spec.set(this.target(), value));
  }

  /** For collections: properties handed over by the collection's own load. */
  _preload(values: Record<string, unknown>): void {
    for (const [name, v] of Object.entries(values)) this.loaded.set(name, v);
  }
}
