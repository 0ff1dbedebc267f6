import { STATE_FILL } from '../../src/inbox/web/staff/insight/mapPalette';

/**
 * The map's state colours must stay apart for colour-blind readers and in grey-scale print
 * (issue: "Chưa nộp" grey was hard to tell from white and from "không thuộc danh sách"). Colour
 * vision deficiencies are simulated with Machado, Oliveira & Fernandes (2009), severity 1, in
 * linear RGB; distances are CIELAB ΔE*76. "Chưa nộp" is hatched, so its cue is the pattern.
 */
const MATRICES: Record<string, number[][]> = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritan: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

function linear(hex: string): number[] {
  return [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
}

function lab([r, g, b]: number[]): number[] {
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

function seen(hex: string, vision: string): number[] {
  const m = MATRICES[vision];
  const c = linear(hex);
  return lab(m.map((row) => Math.min(1, Math.max(0, row[0] * c[0] + row[1] * c[1] + row[2] * c[2]))));
}

const FILLS: Record<string, string> = STATE_FILL;
const pairs = Object.keys(FILLS).flatMap((a, i, all) => all.slice(i + 1).map((b) => [a, b] as const));

describe('the map state colours', () => {
  test.each(Object.keys(MATRICES))('every pair differs by ΔE ≥ 30 in %s vision', (vision) => {
    for (const [a, b] of pairs) {
      const d = Math.hypot(...seen(FILLS[a], vision).map((v, i) => v - seen(FILLS[b], vision)[i]));
      expect({ pair: `${a}/${b}`, far: d >= 30 }).toEqual({ pair: `${a}/${b}`, far: true });
    }
  });

  test('printed in grey, every state is its own level (L* 12 or more apart), accepted darkest, not-a-unit lightest', () => {
    const levels = Object.entries(STATE_FILL).map(([k, hex]) => [k, seen(hex, 'normal')[0]] as const).sort((x, y) => x[1] - y[1]);
    for (let i = 1; i < levels.length; i++) expect(levels[i][1] - levels[i - 1][1]).toBeGreaterThanOrEqual(12);
    expect(levels[0][0]).toBe('accepted');
    expect(levels[levels.length - 1][0]).toBe('other');
  });
});
