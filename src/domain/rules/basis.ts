/**
 * What each rule rests on: the plan clause, law or standard that makes it a rule. The rule
 * catalogue page (`docs/rules.md`) is generated from this table and the rules' own data, and a
 * test fails when a rule of the catalogue has no entry here, so no rule ships unexplained.
 * Plans are cited by their seed number (002 = Bắc Ninh 2017–2020, 003 = Đồng Tháp 209/KH-UBND,
 * 001 = Hương Trà 2023).
 */
export interface RuleBasis {
  vi: string;
  en: string;
}

const TEMPLATE = {
  vi: 'Mẫu sổ thống nhất của tỉnh (sổ theo dõi, sổ hỗ trợ, báo cáo quý; xem docs/workbook.md)',
  en: "The province's common workbook template (registry, support log, quarterly report; see docs/workbook.md)",
};
const QUARTERLY_REPORT = {
  vi: 'KH 002 mục IV: đơn vị định kỳ hằng quý tổng hợp, báo cáo kết quả tiếp nhận, xác minh, bảo vệ, hỗ trợ nạn nhân',
  en: 'Plan 002 part IV: units report every quarter on receiving, verifying, protecting and supporting victims',
};
const DATA_PROTECTION = {
  vi: 'Nghị định 13/2023/NĐ-CP và Luật Bảo vệ dữ liệu cá nhân 2025: dữ liệu cá nhân nhạy cảm chỉ được chia sẻ khi có sự đồng ý',
  en: 'Decree 13/2023/NĐ-CP and the Personal Data Protection Law 2025: sensitive personal data is shared only with consent',
};

export const RULE_BASIS: Readonly<Record<string, RuleBasis>> = {
  'FMT-01': { vi: `${TEMPLATE.vi}; trang _meta nhận diện mẫu`, en: `${TEMPLATE.en}; the _meta sheet identifies it` },
  'FMT-02': { vi: 'Phiên bản mẫu (_meta template_version): phần mềm chỉ đọc các phiên bản nó biết', en: 'Template version (_meta template_version): the software reads only the versions it knows' },
  'FMT-03': TEMPLATE,
  'FMT-04': TEMPLATE,
  'FMT-05': { vi: 'Quyết định 72/2002/QĐ-TTg: văn bản nhà nước dùng bộ mã Unicode TCVN 6909:2001', en: 'Decision 72/2002/QĐ-TTg: state documents use Unicode (TCVN 6909:2001)' },
  'FMT-06': { vi: 'An toàn dữ liệu: chặn chèn công thức khi sổ được mở ở nơi khác (OWASP, CSV/formula injection)', en: 'Data safety: no formula injection when the workbook is opened elsewhere (OWASP, CSV/formula injection)' },
  'FMT-07': { vi: 'Giai đoạn của kế hoạch (hồ sơ kế hoạch: years)', en: "The plan's period (plan profile: years)" },
  'FMT-08': { vi: 'Giới hạn của Excel (32.767 ký tự mỗi ô) và XML 1.0 (định dạng .xlsx, ECMA-376): ký tự bị cấm làm hỏng tệp', en: "Excel's limit (32,767 characters a cell) and XML 1.0 (the .xlsx format, ECMA-376): forbidden characters corrupt the file" },
  'REG-01': QUARTERLY_REPORT,
  'REG-02': { vi: `${TEMPLATE.vi}: danh mục mã trong trang Danh mục`, en: `${TEMPLATE.en}: the code lists of the Danh mục sheet` },
  'REG-03': QUARTERLY_REPORT,
  'REG-04': { vi: 'Sổ ghi việc đã xảy ra: không có ngày trong tương lai', en: 'The register records what happened: no future dates' },
  'REG-05': { vi: 'Tuổi tính tại ngày tiếp nhận (Bộ luật Dân sự 2015, Điều 21; Luật Trẻ em 2016, Điều 1)', en: 'Age at receipt (Civil Code 2015, Art. 21; Children Law 2016, Art. 1)' },
  'REG-06': { vi: 'Mỗi người được tiếp nhận có một mã hồ sơ riêng', en: 'Each person received has a case ID of their own' },
  'REG-07': { vi: 'KH 002: mỗi nạn nhân được lập một hồ sơ; tránh đếm một người hai lần trong báo cáo', en: 'Plan 002: one case file per victim; a person must not be counted twice in the report' },
  'REG-08': { vi: 'Danh sách đơn vị hành chính của hồ sơ kế hoạch (vn-2025: Quyết định 19/2025/QĐ-TTg và các nghị quyết sau đó)', en: "The plan profile's list of administrative units (vn-2025: Decision 19/2025/QĐ-TTg and later resolutions)" },
  'REG-09': { vi: 'Luật Căn cước 2023 (26/2023/QH15): số định danh cá nhân 12 chữ số; CMND 9 số còn giá trị đến 31/12/2024', en: 'Identification Law 2023 (26/2023/QH15): 12-digit personal ID number; 9-digit ID cards valid until 31/12/2024' },
  'REG-10': { vi: 'Luật PCMBN 2011 và Thông tư liên tịch 01/2014/TTLT-BCA-BQP-BLĐTBXH-BNG: các hình thức tiếp nhận nạn nhân', en: 'Anti-Trafficking Law 2011 and Joint Circular 01/2014/TTLT-BCA-BQP-BLĐTBXH-BNG: the ways victims are received' },
  'REG-11': { vi: `${TEMPLATE.vi}: mã hồ sơ dạng <mã đơn vị>-<năm>-<số thứ tự>`, en: `${TEMPLATE.en}: case ID of the form <unit>-<year>-<number>` },
  'VER-01': { vi: 'Luật PCMBN 2011 Chương IV; Nghị định 62/2012/NĐ-CP: việc xác định nạn nhân do cơ quan có thẩm quyền, có ngày', en: 'Anti-Trafficking Law 2011 ch. IV; Decree 62/2012/NĐ-CP: a victim is identified by a competent agency, on a date' },
  'VER-02': { vi: 'Việc xác định diễn ra sau khi tiếp nhận', en: 'Identification happens after receipt' },
  'VER-03': { vi: 'Luật PCMBN 2011: cơ quan công an xác minh trong 20 ngày (ngưỡng trong hồ sơ kế hoạch)', en: "Anti-Trafficking Law 2011: the police verify within 20 days (threshold in the plan profile)" },
  'VER-04': { vi: 'KH 002 mục I: 100% trường hợp tiếp nhận được xác minh, xác định', en: 'Plan 002 part I: 100% of cases received are verified' },
  'SUP-01': { vi: 'Hỗ trợ dành cho người đã được tiếp nhận', en: 'Support is for people already received' },
  'SUP-02': { vi: 'Nghị định 09/2013/NĐ-CP Điều 19, 23 (luật 2011); Luật 53/2024/QH15 Điều 37 và Nghị định 162/2025/NĐ-CP (luật 2024)', en: 'Decree 09/2013/NĐ-CP Art. 19, 23 (law 2011); Law 53/2024/QH15 Art. 37 and Decree 162/2025/NĐ-CP (law 2024)' },
  'SUP-03': { vi: 'KH 002 mục I: 100% nạn nhân có nhu cầu được hỗ trợ theo quy định', en: 'Plan 002 part I: 100% of victims in need are supported' },
  'SUP-04': { vi: 'Chi hỗ trợ tính bằng đồng (TTLT 134/2013, Thông tư 84/2019/TT-BTC)', en: 'Support is paid in whole đồng (TTLT 134/2013, Circular 84/2019/TT-BTC)' },
  'SUP-05': { vi: 'Mức chi tối đa theo loại (Thông tư 84/2019/TT-BTC), nếu hồ sơ kế hoạch đặt mức', en: 'Cap per support type (Circular 84/2019/TT-BTC), where the plan profile sets one' },
  'SUP-06': { vi: 'Mỗi lần hỗ trợ thuộc một hồ sơ trong sổ theo dõi', en: 'Every support given belongs to a case of the register' },
  'CHD-01': { vi: 'KH 002 mục II.1: nạn nhân là trẻ em được kết nối dịch vụ bảo vệ trẻ em; Luật Trẻ em 2016; Luật 53/2024/QH15 (người dưới 18 tuổi)', en: 'Plan 002 part II.1: child victims are connected to child-protection services; Children Law 2016; Law 53/2024/QH15 (persons under 18)' },
  'CHD-02': { vi: 'Bộ luật Dân sự 2015, Điều 21 (người chưa thành niên dưới 18 tuổi); chỉ với luật 2011', en: 'Civil Code 2015, Art. 21 (minors are under 18); law 2011 only' },
  'CHD-03': { vi: 'Việc kết nối được ghi ngày và diễn ra sau khi tiếp nhận', en: 'A referral has a date, on or after receipt' },
  'PRT-01': { vi: 'KH 002 mục I: 100% nạn nhân và người thân có nhu cầu được bảo vệ an toàn', en: 'Plan 002 part I: 100% of victims and relatives in need are protected' },
  'CNS-01': DATA_PROTECTION,
  'RPT-01': QUARTERLY_REPORT,
  'RPT-02': QUARTERLY_REPORT,
  'RPT-03': QUARTERLY_REPORT,
  'RPT-04': QUARTERLY_REPORT,
  'RPT-05': QUARTERLY_REPORT,
  'RPT-06': QUARTERLY_REPORT,
  'RPT-07': { vi: `${QUARTERLY_REPORT.vi}; báo cáo có phần đánh giá kết quả, khó khăn, kiến nghị`, en: `${QUARTERLY_REPORT.en}; a report states results, difficulties and proposals` },
  'RPT-08': { vi: 'Hạn nộp của hồ sơ kế hoạch (vn-2025: Nghị định 09/2019/NĐ-CP về chế độ báo cáo)', en: "The plan profile's deadline (vn-2025: Decree 09/2019/NĐ-CP on reporting)" },
  'RPT-09': DATA_PROTECTION,
  'OUT-01': { vi: 'Kiểm tra giá trị bất thường kiểu DHIS2: so với lịch sử của chính đơn vị', en: "DHIS2-style outlier check against the unit's own history" },
  'DUP-01': { vi: `${DATA_PROTECTION.vi}; so khớp bằng mã băm có khóa, không để lộ tên`, en: `${DATA_PROTECTION.en}; matched by keyed hashes, no name crosses units` },
};
