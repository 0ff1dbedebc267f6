/**
 * How the pane tells a clerk to fill the report: its own button's label, in both languages
 * (the check's never-filled-report finding and RPT-01 name it; docs/rules.md: each shell names
 * its own way).
 */
import type { CheckOptions } from '../../domain/model';
import { translate } from '../i18n';

export const PANE_FILL_HINT: NonNullable<CheckOptions['fillHint']> = {
  vi: `bấm nút "${translate('vi', 'reportFill')}" ở mục "${translate('vi', 'navReport')}"`,
  en: `press "${translate('en', 'reportFill')}" under "${translate('en', 'navReport')}"`,
};
