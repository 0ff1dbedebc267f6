/** Registers every province of the official list, and the shipped plans, with the core
 *  (src/domain/officialList.ts, src/domain/units.ts). Imported by what checks or lists units in
 *  full (the check's callers, the CLI, the inbox); the pane's first screen does not import it. */
import { ALL_PROVINCES } from './data/vn-units/all';
import './index';
import { addProvinces } from './officialList';

addProvinces(ALL_PROVINCES);

export const OFFICIAL_LIST_COMPLETE = true;
