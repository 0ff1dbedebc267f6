/** `dd/mm/yyyy` of the UTC day: a day as Vietnamese documents write it. Apart from dates.ts (the
 *  parsers), for the modules the pane's first screen loads. */
export function formatDate(date: Date): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}
