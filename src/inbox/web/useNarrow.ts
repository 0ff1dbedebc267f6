import * as React from 'react';

/** True while the viewport is at most `px` wide (a phone, a task pane); false where the browser
 *  has no matchMedia (tests). */
export function useNarrow(px = 480): boolean {
  const query = `(max-width: ${px}px)`;
  const subscribe = React.useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return React.useSyncExternalStore(subscribe, () => typeof window.matchMedia === 'function' && window.matchMedia(query).matches, () => false);
}
