/**
 * How the pane tells a clerk to fill the report: its own button's label, in both languages
 * (the check's never-filled-report finding and RPT-01 name it; docs/rules.md: each shell names
 * its own way). Loaded with the check, so it reads the English messages directly rather than
 * waiting for the pane to load them.
 */
import type { CheckOptions } from '../../domain/model';
import { VI_MESSAGES } from '../i18n';
import { en } from '../i18n.en';

export const PANE_FILL_HINT: NonNullable<CheckOptions['fillHint']> = {
  vi: `bấm nút "${VI_MESSAGES.reportFill}" ở mục "${VI_MESSAGES.navReport}"`,
  en: `press "${en.reportFill}" under "${en.navReport}"`,
};
