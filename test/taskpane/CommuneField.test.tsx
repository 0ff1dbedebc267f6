/** @jest-environment ./test/support/jsdomEnvironment.js */
import React, { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { CommuneField } from '../../src/taskpane/components/CommuneField';
import { findUnit, getProfile } from '../../src/profiles';
import type { Unit } from '../../src/domain/schema/profile';
import { loadProvince, officialUnit } from '../../src/profiles/officialList';

let unit: Unit; // Phường Từ Sơn, Bắc Ninh
beforeAll(async () => {
  await loadProvince('24');
  unit = findUnit(getProfile('vn-2025')!, 'BN-P-TS') as Unit;
  expect(officialUnit(unit.code)?.unit_name).toBe('Phường Từ Sơn');
});

function Harness({ saved }: { saved: string[] }): React.JSX.Element {
  const [value, setValue] = useState('');
  return (
    <FluentProvider theme={webLightTheme}>
      <CommuneField
        unit={unit}
        value={value}
        lang="vi"
        field={{ label: 'Xã/Phường cư trú' }}
        set={(v) => {
          saved.push(v);
          setValue(v);
        }}
      />
    </FluentProvider>
  );
}

describe('Entry form: residence commune anywhere in the country (vn-2025)', () => {
  it('finds a commune of the unit’s own province without diacritics and writes its bare name', async () => {
    const user = userEvent.setup();
    const saved: string[] = [];
    render(<Harness saved={saved} />);
    await user.type(screen.getByLabelText(/Xã\/Phường cư trú/), 'tu son');
    const option = await screen.findByRole('button', { name: 'Phường Từ Sơn' });
    await user.click(option);
    expect(saved.at(-1)).toBe('Phường Từ Sơn');
    expect(screen.queryByTestId('commune-matches')).toBeNull();
  });

  it('writes a commune of another province with its province after a comma, own province first', async () => {
    const user = userEvent.setup();
    const saved: string[] = [];
    render(<Harness saved={saved} />);
    await user.type(screen.getByLabelText(/Xã\/Phường cư trú/), 'tan hiep');
    const options = await screen.findAllByRole('button', { name: /Tân Hiệp/ });
    expect(options.length).toBeGreaterThan(1);
    expect(options.every((o) => /, /.test(o.textContent ?? ''))).toBe(true); // none in Bắc Ninh
    const hcm = options.find((o) => o.textContent === 'Phường Tân Hiệp, Hồ Chí Minh');
    expect(hcm).toBeDefined();
    await user.click(hcm!);
    expect(saved.at(-1)).toBe('Phường Tân Hiệp, Hồ Chí Minh');
  });

  it('says so when nothing matches', async () => {
    const user = userEvent.setup();
    render(<Harness saved={[]} />);
    await user.type(screen.getByLabelText(/Xã\/Phường cư trú/), 'qqqzz');
    expect(await screen.findByText('Không có xã, phường nào khớp.')).toBeInTheDocument();
  });
});
