/**
 * How a province map is laid out: the mainland framed on its own, far islands as labelled insets.
 * A coastal province's islands can lie hundreds of kilometres out (Trường Sa from Khánh Hoà,
 * Hoàng Sa from Đà Nẵng, Côn Đảo from Hồ Chí Minh): drawn in one frame, the mainland would shrink to
 * a corner. Which parts are mainland is decided from the shapes themselves, not from a list of
 * names: every ring (polygon part) is grouped with the parts it touches or nearly touches; the
 * largest group is the mainland; a group outside the mainland's box (plus a margin) goes to an
 * inset, and an island commune that is small in the frame is also repeated, enlarged, in one.
 * Pure functions of GeoJSON, so a unit test runs them on every province's boundaries.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export type CommuneFeature = Feature<Polygon | MultiPolygon, { name?: string }>;

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface Part {
  code: string;
  rings: Position[][];
  box: Box;
  area: number;
}

export interface MapShape {
  code: string;
  name: string;
  d: string;
  /** Centre of the commune's box, for a marker when the shape is too small to see. */
  cx: number;
  cy: number;
  /** Larger side of the commune's box, in the frame's units. */
  size: number;
}

export interface MapFrame {
  width: number;
  height: number;
  shapes: MapShape[];
}

export interface MapInset extends MapFrame {
  /** The communes shown, by code, and their names (the inset's label). */
  codes: string[];
  names: string[];
  /** True when the part also appears in place in the main frame (a near island, enlarged). */
  alsoInPlace: boolean;
}

export interface MapLayout {
  main: MapFrame;
  insets: MapInset[];
}

/** Parts whose boxes are closer than this share a group (degrees; about 4 km). */
const NEAR = 0.04;
/** A group farther out than this share of the mainland's larger side goes to an inset. */
const MARGIN = 0.15;
/** An island commune smaller than this share of the frame's larger side is also shown enlarged. */
const SMALL_ISLAND = 0.05;
/** Frames are drawn in these units along their larger side. */
const UNITS = 1000;

function boxOf(rings: Position[][]): Box {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const ring of rings) for (const [x, y] of ring) grow(b, x, y);
  return b;
}

function grow(b: Box, x: number, y: number): void {
  if (x < b.minX) b.minX = x;
  if (x > b.maxX) b.maxX = x;
  if (y < b.minY) b.minY = y;
  if (y > b.maxY) b.maxY = y;
}

function union(boxes: Box[]): Box {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const x of boxes) {
    grow(b, x.minX, x.minY);
    grow(b, x.maxX, x.maxY);
  }
  return b;
}

function gap(a: Box, b: Box): number {
  const dx = Math.max(0, a.minX - b.maxX, b.minX - a.maxX);
  const dy = Math.max(0, a.minY - b.maxY, b.minY - a.maxY);
  return Math.hypot(dx, dy);
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return Math.abs(a / 2);
}

function partsOf(features: readonly CommuneFeature[]): Part[] {
  const parts: Part[] = [];
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of polys) {
      if (rings.length === 0 || rings[0].length < 3) continue;
      parts.push({ code: String(f.id), rings, box: boxOf(rings), area: ringArea(rings[0]) });
    }
  }
  return parts;
}

/** Groups of parts that touch or nearly touch (union-find over box gaps; sorted sweep on x). */
function groupsOf(parts: Part[]): Part[][] {
  const parent = parts.map((_p, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const order = parts.map((_p, i) => i).sort((a, b) => parts[a].box.minX - parts[b].box.minX);
  for (let k = 0; k < order.length; k++) {
    const a = parts[order[k]];
    for (let m = k + 1; m < order.length; m++) {
      const b = parts[order[m]];
      if (b.box.minX - a.box.maxX > NEAR) break;
      if (gap(a.box, b.box) <= NEAR) parent[find(order[k])] = find(order[m]);
    }
  }
  const groups = new Map<number, Part[]>();
  parts.forEach((p, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(p);
    else groups.set(root, [p]);
  });
  return [...groups.values()];
}

function within(inner: Box, outer: Box): boolean {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY;
}

/** Equirectangular projection scaled by cos(latitude) at the box's centre, `UNITS` along the
 *  larger side: a province or an island group is small enough for shapes to stay true. */
function frame(parts: readonly Part[], names: ReadonlyMap<string, string>): MapFrame {
  const b = union(parts.map((p) => p.box));
  const k = Math.cos((((b.minY + b.maxY) / 2) * Math.PI) / 180);
  const w = Math.max((b.maxX - b.minX) * k, 1e-9);
  const h = Math.max(b.maxY - b.minY, 1e-9);
  const scale = UNITS / Math.max(w, h);
  const x = (lon: number) => (lon - b.minX) * k * scale;
  const y = (lat: number) => (b.maxY - lat) * scale;
  const byCode = new Map<string, Part[]>();
  for (const p of parts) {
    const list = byCode.get(p.code);
    if (list) list.push(p);
    else byCode.set(p.code, [p]);
  }
  const shapes: MapShape[] = [];
  for (const [code, list] of byCode) {
    const d = list
      .map((p) => p.rings.map((ring) => 'M' + ring.map(([lon, lat]) => `${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join('L') + 'Z').join(''))
      .join('');
    const cb = union(list.map((p) => p.box));
    shapes.push({
      code,
      name: names.get(code) ?? code,
      d,
      cx: (x(cb.minX) + x(cb.maxX)) / 2,
      cy: (y(cb.maxY) + y(cb.minY)) / 2,
      size: Math.max(x(cb.maxX) - x(cb.minX), y(cb.minY) - y(cb.maxY)),
    });
  }
  return { width: Math.ceil(w * scale), height: Math.ceil(h * scale), shapes };
}

/** The main frame and the insets of a province's communes. */
export function layoutProvince(features: readonly CommuneFeature[]): MapLayout {
  const names = new Map(features.map((f) => [String(f.id), f.properties?.name ?? String(f.id)]));
  const parts = partsOf(features);
  if (parts.length === 0) return { main: { width: 1, height: 1, shapes: [] }, insets: [] };
  const groups = groupsOf(parts);
  const area = (g: Part[]) => g.reduce((s, p) => s + p.area, 0);
  const mainland = groups.reduce((best, g) => (area(g) > area(best) ? g : best));
  const mb = union(mainland.map((p) => p.box));
  const margin = MARGIN * Math.max(mb.maxX - mb.minX, mb.maxY - mb.minY);
  const around = { minX: mb.minX - margin, minY: mb.minY - margin, maxX: mb.maxX + margin, maxY: mb.maxY + margin };
  const inPlace: Part[] = [];
  const far: Part[] = [];
  for (const g of groups) {
    if (g === mainland || within(union(g.map((p) => p.box)), around)) inPlace.push(...g);
    else far.push(...g);
  }
  const main = frame(inPlace, names);

  // Far parts: one inset per commune (a commune's reefs and islands stay together, however far
  // apart), communes whose far parts touch share one.
  const insets: MapInset[] = [];
  const farGroups = groupsOf(far);
  const byOwner = new Map<string, Part[]>();
  for (const g of farGroups) {
    const owners = [...new Set(g.map((p) => p.code))].sort().join(' ');
    byOwner.set(owners, [...(byOwner.get(owners) ?? []), ...g]);
  }
  for (const [owners, list] of byOwner) {
    const codes = owners.split(' ');
    insets.push({ ...frame(list, names), codes, names: codes.map((c) => names.get(c) ?? c), alsoInPlace: false });
  }

  // Island communes drawn in place but small there: repeated, enlarged, so they can be read.
  const mainlandCodes = new Set(mainland.map((p) => p.code));
  const mainSide = Math.max(main.width, main.height);
  for (const shape of main.shapes) {
    if (mainlandCodes.has(shape.code) || shape.size >= SMALL_ISLAND * mainSide) continue;
    if (insets.some((i) => i.codes.includes(shape.code))) continue;
    const own = inPlace.filter((p) => p.code === shape.code);
    insets.push({ ...frame(own, names), codes: [shape.code], names: [shape.name], alsoInPlace: true });
  }
  insets.sort((a, b) => a.names[0].localeCompare(b.names[0], 'vi'));
  return { main, insets };
}
