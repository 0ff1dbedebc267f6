/* Written by `vr units update` (docs/units.md): every province of the official list (Node and the
 * check only; the pane loads one province at a time). Do not edit. */
import type { ProvinceUnits } from '../../officialList';
import p01 from './01.json';
import p04 from './04.json';
import p08 from './08.json';
import p11 from './11.json';
import p12 from './12.json';
import p14 from './14.json';
import p15 from './15.json';
import p19 from './19.json';
import p20 from './20.json';
import p22 from './22.json';
import p24 from './24.json';
import p25 from './25.json';
import p31 from './31.json';
import p33 from './33.json';
import p37 from './37.json';
import p38 from './38.json';
import p40 from './40.json';
import p42 from './42.json';
import p44 from './44.json';
import p46 from './46.json';
import p48 from './48.json';
import p51 from './51.json';
import p52 from './52.json';
import p56 from './56.json';
import p66 from './66.json';
import p68 from './68.json';
import p75 from './75.json';
import p79 from './79.json';
import p80 from './80.json';
import p82 from './82.json';
import p86 from './86.json';
import p91 from './91.json';
import p92 from './92.json';
import p96 from './96.json';

export const ALL_PROVINCES: readonly ProvinceUnits[] = [p01, p04, p08, p11, p12, p14, p15, p19, p20, p22, p24, p25, p31, p33, p37, p38, p40, p42, p44, p46, p48, p51, p52, p56, p66, p68, p75, p79, p80, p82, p86, p91, p92, p96] as ProvinceUnits[];
