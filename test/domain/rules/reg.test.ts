import { parseWorkbook } from '../../../src/domain/parse';
import { buildReport } from '../../../src/domain/report';
import { SHEET } from '../../../src/domain/sheet';
import { buildWorkbook, checkTest, findingsOf, insertRegistryColumn, moveRegistryColumn, utc } from '../helpers';

describe('REG-01 required field empty', () => {
  it('fires at the empty cell of each required field', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(1, 'full_name', '  ');
    wb.setRegistry(2, 'received_date', null);
    const f = findingsOf(wb, 'REG-01');
    expect(f.map((x) => [x.cell, x.row, x.column, x.field])).toEqual([
      [wb.registryAddress(1, 'full_name'), 3, 'B', 'full_name'],
      [wb.registryAddress(2, 'received_date'), 4, 'J', 'received_date'],
    ]);
    expect(f[0]).toMatchObject({ severity: 'error', sheet: SHEET.registry });
    expect(f[0].message_vi).toContain('B3');
    expect(f[0].message_en).toContain('Full name');
  });

  it('an empty birth date names the legal ways in: a date, a year alone (estimated too), or "Không rõ"', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'birth_date', null);
    const [f] = findingsOf(wb, 'REG-01');
    expect(f.field).toBe('birth_date');
    expect(f.message_vi).toMatch(/đang trống: hãy nhập ngày sinh, chỉ năm sinh \(kể cả năm ước đoán\), hoặc "Không rõ" nếu không biết\.$/);
    expect(f.message_en).toMatch(/is empty: enter the date of birth, the birth year alone \(an estimated year too\), or "Không rõ" when it is unknown\.$/);
  });

  it('follows a moved column', () => {
    const wb = buildWorkbook({ rows: 1 });
    moveRegistryColumn(wb, 'sex', 20);
    wb.setRegistry(0, 'sex', null);
    expect(findingsOf(wb, 'REG-01').map((x) => x.cell)).toEqual(['U2']);
  });

  it('does not fire for a blank nationality (default Việt Nam), blank optional fields or consent (CNS-01)', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'nationality', null);
    wb.setRegistry(0, 'ethnicity', null);
    wb.setRegistry(0, 'notes', null);
    wb.setRegistry(0, 'consent_share', null);
    expect(findingsOf(wb, 'REG-01')).toEqual([]);
  });
});

describe('REG-02 value not in code list', () => {
  it('names the near-miss suggestion (nu -> Nữ)', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(1, 'sex', 'nu');
    const [f] = findingsOf(wb, 'REG-02');
    expect(f).toMatchObject({ cell: wb.registryAddress(1, 'sex'), value: 'nu', field: 'sex' });
    expect(f.message_vi).toContain('"Nữ"');
    expect(f.message_en).toContain('"Nữ"');
  });

  it('fires for an unknown support need and names the closest type', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'support_needs', 'Y tế; Tam ly');
    const [f] = findingsOf(wb, 'REG-02');
    expect(f.cell).toBe(wb.registryAddress(0, 'support_needs'));
    expect(f.message_vi).toContain('Tâm lý');
  });

  it('fires without a suggestion for a value far from any code', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'purpose', 'xyz không rõ gì cả');
    const [f] = findingsOf(wb, 'REG-02');
    expect(f.field).toBe('purpose');
    expect(f.message_en).toContain('pick a value');
  });

  it('accepts exact values in any case, spacing or NFD, and ISO country codes', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'sex', 'NỮ'.normalize('NFD'));
    wb.setRegistry(0, 'destination', 'cn');
    wb.setRegistry(0, 'verifying_agency', '  công   an ');
    expect(findingsOf(wb, 'REG-02')).toEqual([]);
  });
});

describe('REG-03 invalid date or number', () => {
  it('fires for 31/02/2020, a month-first date and a non-integer count', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'received_date', '31/02/2020');
    wb.setRegistry(1, 'birth_date', '12/31/1990');
    wb.setRegistry(2, 'accompanying_minors', 1.5);
    const f = findingsOf(wb, 'REG-03');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(0, 'received_date'), wb.registryAddress(1, 'birth_date'), wb.registryAddress(2, 'accompanying_minors')]);
    expect(f[0].value).toBe('31/02/2020');
  });

  it('accepts serials, text dates, a year alone and blanks', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'received_date', 44015); // 03/07/2020
    wb.setRegistry(0, 'birth_date', '1990');
    wb.setRegistry(1, 'received_date', '2/7/2020');
    wb.setRegistry(1, 'accompanying_minors', '2');
    expect(findingsOf(wb, 'REG-03')).toEqual([]);
  });
});

describe('Ngày sinh "Không rõ": the legal way to record an unknown date of birth (docs/workbook.md)', () => {
  // A clerk who knows nothing of the birth, not even an estimated year, writes `Không rõ`: REG-01
  // (required) and REG-03 (invalid date) accept it, and the report counts the person under `Chưa rõ`.
  it.each([
    ['bac-ninh-2017', undefined, 2020, 3],
    ['vn-2025', '22366', 2026, 3],
  ])('%s: accepted by REG-01/REG-03 and counted under Chưa rõ', (profileId, unitCode, year, quarter) => {
    const wb = buildWorkbook({ profileId, unitCode, year, quarter, rows: 3 });
    wb.setRegistry(0, 'birth_date', 'Không rõ');
    wb.setRegistry(1, 'birth_date', 'khong ro');
    const onBirth = checkTest(wb).filter((f) => f.field === 'birth_date');
    expect(onBirth).toEqual([]);
    const parsed = parseWorkbook(wb.model);
    const report = buildReport(parsed.registry.records, parsed.support.records, wb.profile, year, quarter);
    expect(report.counts['1']).toMatchObject({ total: 3, unknown_age: 2, adult: 1 });
  });

  it('an estimated year is written as the year alone and counts as an age; other words stay REG-03', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'birth_date', '1995');
    wb.setRegistry(1, 'birth_date', 'khoảng 1995');
    expect(findingsOf(wb, 'REG-03').map((f) => f.cell)).toEqual([wb.registryAddress(1, 'birth_date')]);
    expect(findingsOf(wb, 'REG-03')[0].message_vi).toContain('"Không rõ"');
  });
});

describe('REG-04 date after the check date', () => {
  it('fires for a received date after today', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(1, 'received_date', utc(2021, 1, 5));
    wb.setRegistry(1, 'verification_date', null);
    wb.setRegistry(1, 'verification_status', 'Chờ xác minh');
    const f = findingsOf(wb, 'REG-04');
    expect(f).toEqual([expect.objectContaining({ cell: wb.registryAddress(1, 'received_date'), value: '05/01/2021' })]);
    expect(f[0].message_vi).toContain('10/10/2020');
  });

  it('does not fire on the check date itself, nor for the current birth year alone', () => {
    const wb = buildWorkbook({ rows: 1 });
    wb.setRegistry(0, 'verification_date', wb.today);
    expect(findingsOf(wb, 'REG-04')).toEqual([]);
    const baby = buildWorkbook({ rows: 1 });
    baby.setRegistry(0, 'birth_date', '2020');
    expect(findingsOf(baby, 'REG-04', utc(2020, 3, 1)).filter((x) => x.field === 'birth_date')).toEqual([]);
  });
});

describe('REG-05 birth after receipt or implausible age', () => {
  it('fires for a birth date after the received date, and for an age over 100', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'birth_date', utc(2020, 8, 1));
    wb.setRegistry(1, 'birth_date', '1900');
    const f = findingsOf(wb, 'REG-05');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(0, 'birth_date'), wb.registryAddress(1, 'birth_date')]);
    expect(f[1].message_en).toContain('over 100');
  });

  it('does not fire for a birth year equal to the received year, nor at 100', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'birth_date', '2020');
    wb.setRegistry(1, 'birth_date', utc(1920, 7, 1));
    expect(findingsOf(wb, 'REG-05')).toEqual([]);
  });
});

describe('REG-06 duplicate case ID', () => {
  it('fires at the later row, naming the first', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(2, 'case_id', ' bn-ts-2020-0001 ');
    const f = findingsOf(wb, 'REG-06');
    expect(f).toEqual([expect.objectContaining({ cell: 'A4', row: 4, field: 'case_id' })]);
    expect(f[0].message_vi).toContain('dòng 2');
  });
  it('does not fire for distinct IDs', () => {
    expect(findingsOf(buildWorkbook({ rows: 5 }), 'REG-06')).toEqual([]);
  });
});

describe('REG-07 probable duplicate person', () => {
  it('fires for the same normalised name, birth date and commune under another case ID', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(2, 'full_name', `  ${String(wb.getRegistry(0, 'full_name')).toUpperCase()} `);
    wb.setRegistry(2, 'birth_date', wb.getRegistry(0, 'birth_date'));
    wb.setRegistry(2, 'commune', 'Đông Ngàn');
    const f = findingsOf(wb, 'REG-07');
    expect(f).toEqual([expect.objectContaining({ severity: 'warning', cell: wb.registryAddress(2, 'full_name') })]);
    expect(f[0].message_vi).toContain('dòng 2');
  });

  it('matches a birth year alone against a full date of that year', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(1, 'full_name', wb.getRegistry(0, 'full_name'));
    wb.setRegistry(1, 'birth_date', String((wb.getRegistry(0, 'birth_date') as Date).getUTCFullYear()));
    wb.setRegistry(1, 'commune', wb.getRegistry(0, 'commune'));
    expect(findingsOf(wb, 'REG-07')).toHaveLength(1);
  });

  it('does not fire for the same name in another commune or born on another day', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(1, 'full_name', wb.getRegistry(0, 'full_name'));
    wb.setRegistry(1, 'birth_date', wb.getRegistry(0, 'birth_date'));
    wb.setRegistry(2, 'full_name', wb.getRegistry(0, 'full_name'));
    wb.setRegistry(2, 'commune', wb.getRegistry(0, 'commune'));
    expect(findingsOf(wb, 'REG-07')).toEqual([]);
  });
});

describe('REG-08 commune not in the unit', () => {
  it('fires for a commune of another unit, and names a near miss', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'commune', 'Phường Vũ Ninh');
    wb.setRegistry(1, 'commune', 'Dong Ky');
    const f = findingsOf(wb, 'REG-08');
    expect(f.map((x) => x.cell)).toEqual([wb.registryAddress(0, 'commune'), wb.registryAddress(1, 'commune')]);
    expect(f[1].message_vi).toContain('Phường Đồng Kỵ');
  });

  it('accepts the name without Phường/Xã prefix, in any case', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'commune', 'đông ngàn');
    wb.setRegistry(1, 'commune', 'XÃ TƯƠNG GIANG');
    expect(findingsOf(wb, 'REG-08')).toEqual([]);
  });
});

describe('REG-09 malformed citizen ID', () => {
  it('fires for 9 digits from 01/01/2025 (CMND no longer valid) and for a number that lost its leading zero', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'id_number', '123456789');
    wb.setRegistry(0, 'received_date', utc(2025, 1, 1));
    wb.setRegistry(1, 'id_number', 27123456789);
    wb.setRegistry(2, 'id_number', '123 456 789');
    wb.setRegistry(2, 'received_date', null); // no date received: the era is unknown
    const f = findingsOf(wb, 'REG-09', utc(2025, 3, 1));
    expect(f.map((x) => x.cell)).toEqual([0, 1, 2].map((i) => wb.registryAddress(i, 'id_number')));
    expect(f[0].message_vi).toContain('CMND');
    expect(f[0].message_vi).toContain('31/12/2024');
    expect(f[1].message_en).toContain('dropping 1 leading zero');
  });

  it('says at the cell that Excel dropped the leading zeros of an ID stored as a number, and how to fix it, words first', () => {
    const wb = buildWorkbook({ rows: 4 });
    wb.setRegistry(0, 'id_number', 1182579803); // typed 001182579803 into a General cell
    wb.setRegistry(1, 'id_number', 12345678); // a CMND 012345678
    wb.setRegistry(2, 'id_number', '1182579803'); // text of 10 digits: a wrong ID, not Excel's doing
    wb.setRegistry(3, 'id_number', 182579803001); // 12 digits as a number: nothing was lost
    const f = findingsOf(wb, 'REG-09');
    expect(f.map((x) => x.cell)).toEqual([0, 1, 2].map((i) => wb.registryAddress(i, 'id_number')));
    const [cccd, cmnd, text] = f;
    expect(cccd.message_vi).toMatch(/^Ô G\d+ \(Số CCCD\/Hộ chiếu\)/);
    expect(cccd.message_vi).toContain('mất 2 số 0 ở đầu');
    expect(cccd.message_vi).toContain('001182579803');
    expect(cccd.message_vi).toContain('Văn bản (Text)');
    expect(cccd.message_vi).toContain("'001182579803");
    expect(cccd.message_en).toContain('dropping 2 leading zeros');
    expect(cccd.message_en).toContain('format the column "Số CCCD/Hộ chiếu" as Text');
    expect(cccd.message_en).toContain('apostrophe');
    expect(cmnd.message_vi).toContain('012345678');
    expect(cmnd.message_en).toContain('CMND');
    expect(text.message_en).toContain('neither a 12-digit citizen ID');
    for (const x of f) expect(x.message_vi.startsWith('REG')).toBe(false);
  });

  it('accepts a 9-digit CMND for a person received up to 31/12/2024, and 12 digits always', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'id_number', '123456789'); // received in 2020
    wb.setRegistry(1, 'id_number', '123.456.789');
    wb.setRegistry(1, 'received_date', utc(2024, 12, 31));
    wb.setRegistry(2, 'id_number', '001190012345');
    wb.setRegistry(2, 'received_date', utc(2025, 2, 1));
    expect(findingsOf(wb, 'REG-09', utc(2025, 3, 1))).toEqual([]);
  });

  it('accepts a 12-digit ID, a passport number and a blank', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'id_number', '001190012345');
    wb.setRegistry(1, 'id_number', 'C1234567');
    wb.setRegistry(2, 'id_number', null);
    expect(findingsOf(wb, 'REG-09')).toEqual([]);
  });
});

describe('REG-10 receipt channel contradicts destination / nationality', () => {
  it('fires for a return from abroad with destination Trong nước, rescue abroad, and a foreign victim of Vietnamese nationality', () => {
    const wb = buildWorkbook({ rows: 3 });
    wb.setRegistry(0, 'receipt_channel', 'Tự trở về');
    wb.setRegistry(0, 'destination', 'Trong nước');
    wb.setRegistry(1, 'receipt_channel', 'Được giải cứu');
    wb.setRegistry(2, 'receipt_channel', 'Người nước ngoài bị mua bán tại địa phương');
    const f = findingsOf(wb, 'REG-10');
    expect(f.map((x) => x.cell)).toEqual([0, 1, 2].map((i) => wb.registryAddress(i, 'receipt_channel')));
    expect(f[0].message_vi).toContain('Trong nước');
  });

  it('accepts consistent combinations', () => {
    const wb = buildWorkbook({ rows: 2 });
    wb.setRegistry(0, 'receipt_channel', 'Tự đến trình báo');
    wb.setRegistry(0, 'destination', 'Trong nước');
    wb.setRegistry(1, 'receipt_channel', 'Người nước ngoài bị mua bán tại địa phương');
    wb.setRegistry(1, 'nationality', 'Campuchia');
    wb.setRegistry(1, 'destination', 'Trong nước');
    expect(findingsOf(wb, 'REG-10')).toEqual([]);
  });
});

it('an inserted column does not shift any registry finding', () => {
  const wb = buildWorkbook({ rows: 1 });
  insertRegistryColumn(wb, 1, 'STT');
  wb.setRegistry(0, 'sex', 'nu');
  expect(findingsOf(wb, 'REG-02').map((x) => x.cell)).toEqual(['D2']);
});
