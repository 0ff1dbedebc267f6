import { SubmitQueue, backoffMs, localStorageQueueStore, memoryQueueStore } from '../../src/taskpane/lib/submitQueue';
import { outcomeOf, type Receipt, type UploadOutcome } from '../../src/taskpane/lib/inboxClient';

const SUMMARY = { fatal: 0, error: 0, warning: 1, info: 0 };
const receipt = (id: string): Receipt => ({
  id, sha256: 'ab'.repeat(32), received_at: '2020-11-02T03:00:00Z', on_time: true,
  unit_code: 'BN-TS', year: 2020, quarter: 3, version: 1, state: 'submitted', summary: SUMMARY,
});

class MemoryStorage {
  data = new Map<string, string>();
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, v);
  }
}

const ITEM = { inboxUrl: 'http://inbox', unitCode: 'BN-TS', year: 2020, quarter: 3, filename: 'f.xlsx', bytes: new Uint8Array([0, 1, 2, 250, 255]) };

describe('submit queue', () => {
  it('backs off exponentially, capped at 30 minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(backoffMs(30)).toBe(30 * 60_000);
  });

  it('keeps the bytes intact in localStorage across a new queue instance (a reopened pane)', async () => {
    const storage = new MemoryStorage() as unknown as Storage;
    let now = 1_000_000;
    const outcomes: UploadOutcome[] = [{ kind: 'unreachable', status: 503 }, { kind: 'receipt', receipt: receipt('r1') }];
    const sent: number[][] = [];
    const upload = async (req: { bytes: Uint8Array }): Promise<UploadOutcome> => {
      sent.push([...req.bytes]);
      return outcomes.shift()!;
    };
    await new SubmitQueue(localStorageQueueStore(storage), upload, () => 'tok', () => now).enqueue(ITEM);
    const reopened = new SubmitQueue(localStorageQueueStore(storage), upload, () => 'tok', () => now);
    expect(await reopened.processDue()).toEqual([]); // not due yet
    now += 15_000;
    const first = await reopened.processDue();
    expect(first[0].outcome.kind).toBe('unreachable');
    expect((await reopened.list())[0].attempts).toBe(2);
    expect(await reopened.nextDueIn()).toBe(30_000);
    now += 30_000;
    const second = await reopened.processDue();
    expect(second[0].outcome.kind).toBe('receipt');
    expect(await reopened.list()).toEqual([]);
    expect(sent).toEqual([[0, 1, 2, 250, 255], [0, 1, 2, 250, 255]]);
  });

  it('waits for a token rather than dropping the file', async () => {
    const queue = new SubmitQueue(memoryQueueStore(), async () => ({ kind: 'unreachable', status: 0 }), () => null, () => 0);
    await queue.enqueue(ITEM);
    expect(await queue.processDue(true)).toEqual([]);
    expect(await queue.list()).toHaveLength(1);
  });

  it('maps inbox answers: only network trouble, 408, 429 and 5xx are retried', () => {
    expect(outcomeOf(0, '').kind).toBe('unreachable');
    expect(outcomeOf(503, '').kind).toBe('unreachable');
    expect(outcomeOf(429, '').kind).toBe('unreachable');
    expect(outcomeOf(200, JSON.stringify(receipt('a')))).toEqual({ kind: 'receipt', receipt: receipt('a') });
    // A 200 that is not a receipt (a proxy's or captive portal's page) stays queued for a retry.
    expect(outcomeOf(200, '<html>Đăng nhập Wi-Fi</html>').kind).toBe('unreachable');
    expect(outcomeOf(200, '{"id":"a","sha256":"b","received_at":"c","on_time":true}').kind).toBe('unreachable');
    const chd01 = {
      rule: 'CHD-01', severity: 'error', sheet: 'Sổ theo dõi', cell: 'S5', row: 5, column: 'S', field: 'child_referral',
      value: null, message_vi: 'Trẻ em chưa được kết nối', message_en: 'Child not referred',
    };
    expect(outcomeOf(422, JSON.stringify({ findings: [chd01], summary: { ...SUMMARY, error: 1 } }))).toMatchObject({
      kind: 'refused',
      findings: [{ rule: 'CHD-01', cell: 'S5' }],
    });
    // A 422 whose body is not a refusal is shown as an error, never as an empty findings list.
    expect(outcomeOf(422, '{"findings":[{"rule":"CHD-01"}]}').kind).toBe('rejected');
    expect(outcomeOf(409, '{"error":"locked","message_vi":"Đã khóa","message_en":"Locked"}')).toEqual({ kind: 'rejected', status: 409, code: 'locked', message_vi: 'Đã khóa', message_en: 'Locked' });
    expect(outcomeOf(401, 'not json').kind).toBe('rejected');
  });
});
