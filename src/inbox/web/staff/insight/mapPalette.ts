/** The map's states: a unit's report state, or `other` for a shape that is no unit of the inbox. */
export type MapState = 'missing' | 'submitted' | 'late' | 'returned' | 'accepted' | 'other';

/**
 * The state colours. A map's classes are data, not theme: Fluent's tokens give no set of five
 * fills that stay apart for colour-blind readers and in grey-scale print, so these are chosen and
 * checked (test/inbox/mapPalette.test.ts): every pair at least ΔE 30 apart (CIELAB) in normal,
 * protan, deutan and tritan vision, and grey levels (L*) 12 or more apart, darkest for accepted.
 * "Chưa nộp" is white with dark hatching, a second cue beside colour; "không thuộc danh sách"
 * is a plain light grey that recedes.
 */
export const STATE_FILL: Record<Exclude<MapState, 'missing'>, string> = {
  other: '#f2f2f2',
  late: '#f6c945',
  submitted: '#4b9cd3',
  returned: '#c64f1d',
  accepted: '#14553a',
};
export const HATCH = { background: '#ffffff', line: '#4d4d4d' };
