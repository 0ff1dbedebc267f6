/** Tests only (the read pool's `delayMs`): keeps the calling thread busy, standing in for a
 *  stored workbook that is slow to read. */
export function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    /* busy, as a slow parse would be */
  }
}
