/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { PANE_EXCELS, makeServices, onExcel, renderPane, sampleShell } from './helpers';

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

  it('every Vietnamese string has an English one and the other way round', async () => {
    const { MESSAGES } = await import('../../src/taskpane/i18n');
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.vi).sort());
    for (const [key, text] of Object.entries(MESSAGES.en)) {
      expect(text.trim()).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect([key, placeholders(text)]).toEqual([key, placeholders(MESSAGES.vi[key as keyof typeof MESSAGES.vi])]);
    }
  });
});
