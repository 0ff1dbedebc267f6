/** Registers every province of the official list. Imported by what checks or lists units in full
 *  (the check, the CLI, the inbox); the pane's first screen does not import it. */
import { ALL_PROVINCES } from './data/vn-units/all';
import { addProvinces } from './officialList';

addProvinces(ALL_PROVINCES);

export const OFFICIAL_LIST_COMPLETE = true;
