import * as React from 'react';

const ROUTE = /^#ban-nop\/([0-9a-f-]{36})$/i;

function current(): string | null {
  return typeof window === 'undefined' ? null : (ROUTE.exec(window.location.hash)?.[1] ?? null);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/**
 * The submission open in the staff page, in the address (`#ban-nop/<id>`): the quarter's table
 * links to it, the browser's Back closes it, a reload keeps it. `close` goes back when the page
 * itself opened it, else it clears the address without leaving the page.
 */
export function useSubmissionRoute(): { id: string | null; open: (id: string) => void; close: () => void } {
  const id = React.useSyncExternalStore(subscribe, current, () => null);
  const openedHere = React.useRef(false);
  const previous = React.useRef<string | null>(id);
  React.useEffect(() => {
    if (id && !previous.current) openedHere.current = true;
    if (!id) openedHere.current = false;
    previous.current = id;
  }, [id]);
  const open = React.useCallback((next: string) => {
    if (current()) window.history.replaceState(null, '', `#ban-nop/${next}`);
    else window.history.pushState(null, '', `#ban-nop/${next}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  const close = React.useCallback(() => {
    if (openedHere.current) {
      window.history.back();
      return;
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  return { id, open, close };
}
