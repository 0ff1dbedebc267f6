/**
 * Labels of the trends that the staff page and the downloaded sheet share, so both say the same.
 * A module of its own: the staff page's first script needs these words, not the trend code.
 */
export const TREND_TEXT = {
  title: { vi: 'XU HƯỚNG CÁC CHỈ TIÊU CHÍNH, {from} – {to}', en: 'MAIN INDICATORS OVER TIME, {from} – {to}' },
  province: { vi: 'Toàn tỉnh', en: 'Whole province' },
  accepted: { vi: 'Số đơn vị có báo cáo được chấp nhận', en: 'Units with an accepted report' },
} as const;
