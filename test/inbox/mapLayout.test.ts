import fs from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { layoutProvince, type CommuneFeature } from '../../src/inbox/web/staff/insight/mapLayout';

const DIR = path.resolve(__dirname, '../../assets/boundaries');

function layoutOf(code: string) {
  const topo = JSON.parse(fs.readFileSync(path.join(DIR, `${code}.topo.json`), 'utf8')) as Topology<{ communes: GeometryCollection<{ name?: string }> }>;
  const features = feature(topo, topo.objects.communes).features.filter((f): f is CommuneFeature => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
  return { layout: layoutProvince(features), features };
}

const insetNames = (code: string) => layoutOf(code).layout.insets.map((i) => `${i.names.join('+')}${i.alsoInPlace ? ' (enlarged)' : ''}`);

describe('the province map frames the mainland and puts far islands in labelled insets (decided from the shapes)', () => {
  test.each([
    ['56', ['Đặc khu Trường Sa']],
    ['48', ['Đặc khu Hoàng Sa']],
    ['79', ['Đặc khu Côn Đảo']],
    ['31', ['Đặc khu Bạch Long Vĩ']],
    ['91', ['Đặc khu Phú Quốc', 'Đặc khu Thổ Châu', 'Xã Hòn Nghệ (enlarged)', 'Xã Tiên Hải']],
    ['51', ['Đặc khu Lý Sơn (enlarged)']],
    ['44', ['Đặc khu Cồn Cỏ (enlarged)']],
    ['68', ['Đặc khu Phú Quý (enlarged)']],
    ['24', []],
    ['01', []],
  ])('province %s: insets %j', (code, expected) => {
    expect(insetNames(code)).toEqual(expected);
  });

  test('every commune is drawn: in the main frame, or (only) in an inset', () => {
    const index = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as { provinces: { code: string }[] };
    for (const { code } of index.provinces) {
      const { layout, features } = layoutOf(code);
      const main = new Set(layout.main.shapes.map((s) => s.code));
      const far = new Set(layout.insets.filter((i) => !i.alsoInPlace).flatMap((i) => i.codes));
      for (const f of features) expect(main.has(String(f.id)) || far.has(String(f.id))).toBe(true);
    }
  });

  test('Khánh Hoà: the mainland, not the sea, fills the frame; Trường Sa is left out of it', () => {
    const { layout } = layoutOf('56');
    // The old single frame spanned 108.55–117.83° E and 7.18–12.87° N; the mainland is about a
    // degree wide, so it now takes the whole frame: tall, as the coast runs.
    expect(layout.main.height).toBe(1000);
    expect(layout.main.width).toBeGreaterThan(400);
    expect(layout.main.width).toBeLessThan(800);
    expect(layout.main.shapes.some((s) => s.name === 'Đặc khu Trường Sa')).toBe(false);
    const nhaTrang = layout.main.shapes.find((s) => s.code === '22366')!;
    expect(nhaTrang.size).toBeGreaterThan(10);
  });
});
