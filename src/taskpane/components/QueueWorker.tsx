/**
 * Drains the send queue while the pane is open: once at start (a pane closed while a file
 * waited resumes here), then whenever the next item is due. Panels read the count and the
 * last receipt through `useQueue`.
 */
import React, { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Receipt } from '../lib/inboxClient';
import { usePane } from '../state';

export interface QueueView {
  count: number;
  lastReceipt: Receipt | null;
  retryNow: () => Promise<void>;
  reschedule: () => void;
}

const QueueContext = createContext<QueueView>({ count: 0, lastReceipt: null, retryNow: async () => undefined, reschedule: () => undefined });

export function useQueue(): QueueView {
  return useContext(QueueContext);
}

export function QueueWorker({ children }: { children: React.ReactNode }): React.JSX.Element {
  const { services } = usePane();
  const queue = services.queue;
  const [count, setCount] = useState(0);
  const [lastReceipt, setLastReceipt] = useState<Receipt | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useRef(true);

  const run = useCallback(
    async (force: boolean) => {
      try {
        const results = await queue.processDue(force);
        for (const r of results) if (r.outcome.kind === 'receipt' && live.current) setLastReceipt(r.outcome.receipt);
      } catch {
        // Storage or network trouble: the item stays queued; the next tick tries again.
      }
      if (!live.current) return;
      setCount((await queue.list()).length);
      const due = await queue.nextDueIn();
      if (timer.current) clearTimeout(timer.current);
      timer.current = due === null ? null : setTimeout(() => void run(false), Math.max(1000, due));
    },
    [queue],
  );

  useEffect(() => {
    live.current = true;
    void run(false);
    return () => {
      live.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [run]);

  const view = useMemo<QueueView>(
    () => ({ count, lastReceipt, retryNow: () => run(true), reschedule: () => void run(false) }),
    [count, lastReceipt, run],
  );
  return <QueueContext.Provider value={view}>{children}</QueueContext.Provider>;
}
