import * as React from 'react';
import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { LangContext, useT } from '../../i18n';
import { STATE_LABEL } from '../strings';
import type { PeriodArgs } from './api';
import type { MapUnit } from './MapCard';
import { IS } from './strings';

const STATES = ['missing', 'submitted', 'late', 'returned', 'accepted'] as const;

const useStyles = makeStyles({
  wrap: { display: 'flex', flexWrap: 'wrap', printColorAdjust: 'exact', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  svg: { width: '100%', maxWidth: '640px', height: 'auto', flexGrow: 1, flexBasis: '320px' },
  path: {
    stroke: tokens.colorNeutralBackground1,
    strokeWidth: '0.6',
    vectorEffect: 'non-scaling-stroke',
    cursor: 'default',
    ':hover': { stroke: tokens.colorNeutralForeground1, strokeWidth: '2' },
    ':focus-visible': { outlineStyle: 'none', stroke: tokens.colorStrokeFocus2, strokeWidth: '3' },
  },
  missing: { fill: tokens.colorNeutralBackground5 },
  submitted: { fill: tokens.colorPaletteBlueBorderActive },
  late: { fill: tokens.colorPaletteMarigoldBackground3 },
  returned: { fill: tokens.colorPaletteRedBackground3 },
  accepted: { fill: tokens.colorPaletteGreenBackground3 },
  other: { fill: tokens.colorNeutralBackground3 },
  // Legend swatches: the same colours as backgrounds (a span has no fill).
  swatchmissing: { backgroundColor: tokens.colorNeutralBackground5 },
  swatchsubmitted: { backgroundColor: tokens.colorPaletteBlueBorderActive },
  swatchlate: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  swatchreturned: { backgroundColor: tokens.colorPaletteRedBackground3 },
  swatchaccepted: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  swatchother: { backgroundColor: tokens.colorNeutralBackground3, border: `1px solid ${tokens.colorNeutralStroke1}` },
  legend: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: 'none' },
  swatch: { display: 'inline-block', width: '14px', height: '14px', marginRight: tokens.spacingHorizontalS, verticalAlign: 'middle', borderRadius: tokens.borderRadiusSmall },
  name: { minHeight: '1.5em' },
});

/** Equirectangular projection scaled by cos(latitude) at the province's centre: a province is
 *  small enough that this keeps shapes true, and it needs no projection library. */
function projector(features: Feature<Polygon | MultiPolygon>[]): { toXY: (p: Position) => [number, number]; width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const each = (f: Feature<Polygon | MultiPolygon>, fn: (p: Position) => void) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) for (const ring of poly) for (const p of ring) fn(p);
  };
  for (const f of features) {
    each(f, ([x, y]) => {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    });
  }
  const k = Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const scale = 1000 / Math.max((maxX - minX) * k, maxY - minY);
  return {
    toXY: ([x, y]) => [(x - minX) * k * scale, (maxY - y) * scale],
    width: Math.ceil((maxX - minX) * k * scale),
    height: Math.ceil((maxY - minY) * scale),
  };
}

function pathOf(f: Feature<Polygon | MultiPolygon>, toXY: (p: Position) => [number, number]): string {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return polys
    .map((poly) => poly.map((ring) => 'M' + ring.map((p) => toXY(p).map((n) => n.toFixed(1)).join(',')).join('L') + 'Z').join(''))
    .join('');
}

export default function ProvinceMap(props: { topology: unknown; province: string; period: PeriodArgs; units: MapUnit[] }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [hover, setHover] = React.useState<string | null>(null);
  const byCode = React.useMemo(() => new Map(props.units.map((u) => [u.unit_code, u])), [props.units]);

  const shapes = React.useMemo(() => {
    const topo = props.topology as Topology<{ communes: GeometryCollection<{ name?: string }> }>;
    const fc = feature(topo, topo.objects.communes);
    const features = fc.features.filter((f): f is Feature<Polygon | MultiPolygon, { name?: string }> => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
    const { toXY, width, height } = projector(features);
    return { width, height, items: features.map((f) => ({ code: String(f.id), name: f.properties?.name ?? String(f.id), d: pathOf(f, toXY) })) };
  }, [props.topology]);

  const label = (code: string, fallback: string) => {
    const unit = byCode.get(code);
    const state = unit ? (STATE_LABEL[unit.state] ?? { vi: unit.state, en: unit.state })[lang] : t('mapNotExpected');
    return `${unit?.unit_name ?? fallback} (${code}): ${state}`;
  };

  React.useEffect(() => {
    // Time to first map render, for the benchmark (bench/README.md).
    performance.mark('vr-map-rendered');
  }, []);

  return (
    <div className={styles.wrap}>
      <svg
        className={styles.svg}
        viewBox={`0 0 ${shapes.width} ${shapes.height}`}
        role="group"
        aria-label={t('mapAria', { p: props.province, q: props.period.quarter, y: props.period.year })}
        data-testid="province-map"
        data-communes={shapes.items.length}
      >
        {shapes.items.map((s) => {
          const state = byCode.get(s.code)?.state;
          const cls = state && (STATES as readonly string[]).includes(state) ? styles[state as (typeof STATES)[number]] : styles.other;
          const text = label(s.code, s.name);
          return (
            <path
              key={s.code}
              d={s.d}
              className={mergeClasses(styles.path, cls)}
              tabIndex={0}
              role="img"
              aria-label={text}
              data-code={s.code}
              data-state={state ?? 'other'}
              onMouseEnter={() => setHover(text)}
              onFocus={() => setHover(text)}
              onMouseLeave={() => setHover(null)}
              onBlur={() => setHover(null)}
            >
              <title>{text}</title>
            </path>
          );
        })}
      </svg>
      <div>
        <Text weight="semibold">{t('mapLegend')}</Text>
        <ul className={styles.legend} data-testid="map-legend">
          {STATES.map((s) => (
            <li key={s}>
              <span className={mergeClasses(styles.swatch, styles[`swatch${s}`])} aria-hidden="true" />
              {STATE_LABEL[s][lang]}
            </li>
          ))}
          <li>
            <span className={mergeClasses(styles.swatch, styles.swatchother)} aria-hidden="true" />
            {t('mapNotExpected')}
          </li>
        </ul>
        <Text className={styles.name} as="p" aria-live="polite" data-testid="map-hover">
          {hover ?? ''}
        </Text>
      </div>
    </div>
  );
}
