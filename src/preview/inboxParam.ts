/**
 * `?inbox=URL` presets the preview's inbox address. The pane sends the unit's token to that
 * address, so a link must not be able to point it elsewhere: only the page's own origin, or a
 * loopback address while the preview itself runs on loopback (development), is honoured.
 */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function presetInbox(raw: string | null, page: { origin: string; hostname: string }): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw, page.origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const sameOrigin = url.origin === page.origin;
  const devLoopback = LOOPBACK.has(page.hostname) && LOOPBACK.has(url.hostname);
  return sameOrigin || devLoopback ? url.href.replace(/\/$/, '') : null;
}
