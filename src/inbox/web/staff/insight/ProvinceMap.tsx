import * as React from 'react';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { LangContext, useT } from '../../i18n';
import { STATE_LABEL } from '../strings';
import type { PeriodArgs } from './api';
import type { MapUnit } from './MapCard';
import { layoutProvince, type CommuneFeature, type MapFrame, type MapShape } from './mapLayout';
import { HATCH, STATE_FILL, type MapState } from './mapPalette';
import { IS } from './strings';

const STATES = ['missing', 'submitted', 'late', 'returned', 'accepted'] as const;
type State = MapState;



/** A commune smaller than this share of the frame gets a round mark when it has submitted. */
const MARK_BELOW = 0.025;
const MARK_RADIUS = 0.016;
const MARKED: ReadonlySet<State> = new Set(['submitted', 'late', 'returned', 'accepted']);

const useStyles = makeStyles({
  wrap: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start', printColorAdjust: 'exact' },
  main: { flexGrow: 1, flexShrink: 1, flexBasis: '320px', minWidth: 0, display: 'flex', justifyContent: 'center' },
  mainSvg: { display: 'block', height: 'auto', maxWidth: '100%', '@media print': { maxHeight: '72mm', width: 'auto' } },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, flexGrow: 0, flexShrink: 1, flexBasis: '220px', minWidth: '200px', '@media print': { gap: '1.5mm' } },
  insets: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, margin: 0, padding: 0, listStyleType: 'none' },
  inset: {
    margin: 0,
    flexGrow: 1,
    flexBasis: '120px',
    maxWidth: '220px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalXS,
    '@media print': { flexBasis: '26mm', maxWidth: '32mm', padding: '0.5mm' },
  },
  insetSvg: { display: 'block', width: '100%', height: 'auto', maxHeight: '180px', '@media print': { maxHeight: '22mm' } },
  caption: { display: 'flex', flexDirection: 'column', gap: '2px', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, '@media print': { fontSize: '8pt', lineHeight: '1.15' } },
  path: {
    stroke: '#7a7a7a',
    strokeWidth: '0.5',
    vectorEffect: 'non-scaling-stroke',
    cursor: 'default',
    ':hover': { stroke: tokens.colorNeutralForeground1, strokeWidth: '2' },
    ':focus-visible': { outlineStyle: 'none', stroke: tokens.colorStrokeFocus2, strokeWidth: '3' },
  },
  mark: { stroke: '#1a1a1a', strokeWidth: '1.5', vectorEffect: 'non-scaling-stroke', cursor: 'default' },
  legend: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: 0, padding: 0, listStyleType: 'none', '@media print': { gap: '0.5mm', fontSize: '8pt', lineHeight: '1.2' } },
  legendItem: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, '@media print': { fontSize: '8pt', color: '#000' } },
  name: { minHeight: '1.5em', '@media print': { display: 'none' } },
});

/** The hatching of "Chưa nộp", sized for the frame it fills (`period` in the frame's units). */
function Hatch(props: { id: string; period: number }): React.ReactElement {
  const p = props.period;
  return (
    <defs>
      <pattern id={props.id} patternUnits="userSpaceOnUse" width={p} height={p} patternTransform="rotate(45)">
        <rect width={p} height={p} fill={HATCH.background} />
        <line x1="0" y1="0" x2="0" y2={p} stroke={HATCH.line} strokeWidth={p * 0.34} />
      </pattern>
    </defs>
  );
}

/** A legend swatch: the state's fill, hatched for "Chưa nộp". */
function Swatch(props: { state: State; id: string }): React.ReactElement {
  return (
    <svg width="18" height="14" viewBox="0 0 18 14" aria-hidden="true" style={{ flexShrink: 0 }}>
      {props.state === 'missing' && <Hatch id={props.id} period={5} />}
      <rect x="0.5" y="0.5" width="17" height="13" fill={fillOf(props.state, props.id)} stroke="#7a7a7a" />
    </svg>
  );
}

function fillOf(state: State, hatch: string): string {
  return state === 'missing' ? `url(#${hatch})` : STATE_FILL[state];
}

function stateOf(unit: MapUnit | undefined): State {
  const s = unit?.state;
  return s && (STATES as readonly string[]).includes(s) ? (s as State) : 'other';
}

export default function ProvinceMap(props: { topology: unknown; province: string; period: PeriodArgs; units: MapUnit[] }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [hover, setHover] = React.useState<string | null>(null);
  const hatch = `vr-hatch-${React.useId().replace(/:/g, '')}`;
  const byCode = React.useMemo(() => new Map(props.units.map((u) => [u.unit_code, u])), [props.units]);

  const layout = React.useMemo(() => {
    const topo = props.topology as Topology<{ communes: GeometryCollection<{ name?: string }> }>;
    const fc = feature(topo, topo.objects.communes);
    const features = fc.features.filter((f): f is CommuneFeature => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
    return layoutProvince(features);
  }, [props.topology]);

  const label = (code: string, fallback: string) => {
    const unit = byCode.get(code);
    const state = unit ? (STATE_LABEL[unit.state] ?? { vi: unit.state, en: unit.state })[lang] : t('mapNotExpected');
    return `${unit?.unit_name ?? fallback} (${code}): ${state}`;
  };

  const counts = React.useMemo(() => {
    const c: Record<string, number> = {};
    for (const u of props.units) c[u.state] = (c[u.state] ?? 0) + 1;
    return c;
  }, [props.units]);

  React.useEffect(() => {
    // Time to first map render, for the benchmark (bench/README.md).
    performance.mark('vr-map-rendered');
  }, []);

  const shape = (s: MapShape, focusable: boolean, pattern: string) => {
    const state = stateOf(byCode.get(s.code));
    const text = label(s.code, s.name);
    return (
      <path
        key={s.code}
        d={s.d}
        className={styles.path}
        fill={fillOf(state, pattern)}
        tabIndex={focusable ? 0 : undefined}
        role="img"
        aria-label={text}
        data-code={s.code}
        data-state={state}
        onMouseEnter={() => setHover(text)}
        onFocus={() => setHover(text)}
        onMouseLeave={() => setHover(null)}
        onBlur={() => setHover(null)}
      >
        <title>{text}</title>
      </path>
    );
  };

  /** Round marks over communes too small to see that have something to show. */
  const marks = (frame: MapFrame, pattern: string) => {
    const side = Math.max(frame.width, frame.height);
    return frame.shapes
      .filter((s) => s.size < MARK_BELOW * side && MARKED.has(stateOf(byCode.get(s.code))))
      .map((s) => {
        const state = stateOf(byCode.get(s.code));
        const text = label(s.code, s.name);
        return (
          <circle key={`mark-${s.code}`} cx={s.cx} cy={s.cy} r={MARK_RADIUS * side} fill={fillOf(state, pattern)} className={styles.mark} data-mark={s.code} data-state={state} aria-hidden="true">
            <title>{text}</title>
          </circle>
        );
      });
  };

  const { main, insets } = layout;
  return (
    <div className={styles.wrap} data-testid="map-figure">
      <div className={styles.main}>
        <svg
          className={styles.mainSvg}
          viewBox={`0 0 ${main.width} ${main.height}`}
          // The frame keeps the mainland's shape: as wide as the card allows, no taller than 70 % of the window.
          style={{ width: `min(100%, calc(70vh * ${(main.width / main.height).toFixed(3)}))`, aspectRatio: `${main.width} / ${main.height}` }}
          role="group"
          aria-label={t('mapAria', { p: props.province, q: props.period.quarter, y: props.period.year })}
          data-testid="province-map"
          data-communes={main.shapes.length}
        >
          <Hatch id={`${hatch}-main`} period={Math.max(main.width, main.height) * 0.014} />
          {main.shapes.map((s) => shape(s, true, `${hatch}-main`))}
          {marks(main, `${hatch}-main`)}
        </svg>
      </div>
      <div className={styles.side}>
        {insets.length > 0 && (
          <div>
            <Text weight="semibold" as="p" className={styles.caption}>
              {t('mapInsets')}
            </Text>
            <ul className={styles.insets} data-testid="map-insets">
              {insets.map((inset, n) => (
                <li key={inset.codes.join('-')} className={styles.inset}>
                  <figure style={{ margin: 0 }} data-testid="map-inset" data-codes={inset.codes.join(' ')}>
                    <svg className={styles.insetSvg} viewBox={`0 0 ${inset.width} ${inset.height}`} role="group" aria-label={inset.names.join(', ')}>
                      <Hatch id={`${hatch}-i${n}`} period={Math.max(inset.width, inset.height) * 0.04} />
                      {inset.shapes.map((s) => shape(s, !inset.alsoInPlace, `${hatch}-i${n}`))}
                      {marks(inset, `${hatch}-i${n}`)}
                    </svg>
                    <figcaption className={styles.caption}>
                      {/* The state in words and a swatch: reefs a few pixels wide cannot show a fill. */}
                      {inset.codes.map((code, k) => {
                        const state = stateOf(byCode.get(code));
                        return (
                          <span key={code} className={styles.legendItem} data-state={state}>
                            <Swatch state={state} id={`${hatch}-c${n}-${k}`} />
                            <span>
                              {inset.names[k]}: {state === 'other' ? t('mapNotExpected') : STATE_LABEL[state][lang]}
                            </span>
                          </span>
                        );
                      })}
                      <span>({inset.alsoInPlace ? t('mapInsetEnlarged') : t('mapInsetFar')})</span>
                    </figcaption>
                  </figure>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div>
          <Text weight="semibold">{t('mapLegend')}</Text>
          <ul className={styles.legend} data-testid="map-legend">
            {[...STATES, 'other' as const].map((s) => (
              <li key={s} className={styles.legendItem} data-state={s}>
                <Swatch state={s} id={`${hatch}-legend`} />
                <span>
                  {s === 'other' ? t('mapNotExpected') : STATE_LABEL[s][lang]}
                  {s !== 'other' && ` (${counts[s] ?? 0})`}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <Text as="p" className={styles.note}>
          {t('mapMarkers')}
        </Text>
        <Text className={styles.name} as="p" aria-live="polite" data-testid="map-hover">
          {hover ?? ''}
        </Text>
      </div>
    </div>
  );
}
