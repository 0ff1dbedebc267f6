/** @jest-environment ./test/support/jsdomEnvironment.js */
import { fireEvent, screen } from '@testing-library/react';
import '../../src/profiles/officialAll';
import { PANE_EXCELS, PANE_PLANS, makeServices, onExcel, renderPane, sampleShell } from './helpers';

describe.each(PANE_EXCELS)('Settings panel on %s (ExcelApi %s)', (_excel, api) => {
  onExcel(api);
  it('switches the whole pane to English and remembers it in the workbook, the token only on this computer', async () => {
    const shell = await sampleShell(3);
    const harness = makeServices();
    renderPane(shell, 'settings', harness.services);
    fireEvent.click(await screen.findByRole('radio', { name: 'English' }));
    fireEvent.change(screen.getByLabelText('Địa chỉ hộp thư tỉnh'), { target: { value: 'https://inbox.example' } });
    fireEvent.change(screen.getByLabelText('Mã truy cập của đơn vị'), { target: { value: 'secret-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByRole('tab', { name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Enter case' })).toBeInTheDocument();
    const saved = await shell.shell.readSettings();
    expect(saved).toEqual({ language: 'en', profile: 'bac-ninh-2017', unit: 'BN-TS', inboxUrl: 'https://inbox.example' });
    expect(JSON.stringify(saved)).not.toContain('secret-token');
    expect(harness.services.tokens.get('BN-TS')).toBe('secret-token');
  });

  it('shows the open workbook’s own plan and unit: a Phường Nha Trang register shows Phường Nha Trang, not BN-P-TS', async () => {
    const workbook = await sampleShell(2, false, 1, { ...PANE_PLANS['vn-2025'], year: 2026 });
    renderPane(workbook, 'settings', makeServices(undefined, undefined, () => new Date(Date.UTC(2026, 11, 5, 3))).services);
    expect(await screen.findByTestId('settings-unit')).toHaveTextContent('Phường Nha Trang (mã 22366), Khánh Hoà');
    expect(screen.getByTestId('settings-plan')).toHaveTextContent('Chính quyền hai cấp');
    expect(document.body).not.toHaveTextContent('BN-P-TS');
    expect(document.body).not.toHaveTextContent('Từ Sơn');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText('Đã lưu cài đặt cho sổ này.')).toBeInTheDocument();
    expect(await workbook.shell.readSettings()).toMatchObject({ profile: 'vn-2025', unit: '22366' });
  });

  it('every Vietnamese string has an English one and the other way round', async () => {
    const { VI_MESSAGES } = await import('../../src/taskpane/i18n');
    const MESSAGES = { vi: VI_MESSAGES, en: (await import('../../src/taskpane/i18n.en')).en };
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.vi).sort());
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      expect(text.trim()).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, placeholders(text)]).toEqual([key, placeholders(MESSAGES.vi[key as keyof typeof MESSAGES.vi])]);
    }
  });
});
