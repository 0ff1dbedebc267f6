/** @jest-environment ./test/support/jsdomEnvironment.js */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { parseWorkbook } from '../../src/domain/parse';
import { SHEET } from '../../src/domain/sheet';
import { Grid, typedValue } from '../../src/preview/Grid';
import { previewSample } from './helpers';

describe('preview grid', () => {
  it('stores what is typed as Excel does under the cell\'s number format: day-first dates, a birth year as text, numbers, text; a code keeps its zeros only under Text or after an apostrophe', () => {
    expect(typedValue('05/08/2020', 'dd/mm/yyyy')).toEqual(new Date(Date.UTC(2020, 7, 5)));
    expect(typedValue('1998', 'dd/mm/yyyy')).toBe('1998');
    expect(typedValue('500000')).toBe(500000);
    expect(typedValue('Nữ')).toBe('Nữ');
    expect(typedValue('  ')).toBeNull();
    // A citizen ID: Excel keeps it only in a Text cell or typed with a leading apostrophe.
    expect(typedValue('001182579803', '@')).toBe('001182579803');
    expect(typedValue('001182579803', 'General')).toBe(1182579803);
    expect(typedValue("'001182579803", 'General')).toBe('001182579803');
    expect(typedValue('05/08/2020', '@')).toBe('05/08/2020');
  });

  it('types into a cell and adds rows, so a case can be entered without Excel', async () => {
    const shell = previewSample(2);
    shell.activate(SHEET.registry);
    render(
      <FluentProvider theme={webLightTheme}>
        <Grid shell={shell} />
      </FluentProvider>,
    );
    const rowsBefore = screen.getByRole('table').querySelectorAll('tbody tr').length;
    fireEvent.click(screen.getByRole('button', { name: '+ Thêm dòng' }));
    expect(screen.getByRole('table').querySelectorAll('tbody tr').length).toBe(rowsBefore + 1);

    const { registry } = parseWorkbook(await shell.readWorkbook());
    const row0 = registry.records[0].row0;
    const col0 = registry.columns.full_name as number;
    const address = `${String.fromCharCode(65 + col0)}${row0 + 1}`;
    fireEvent.doubleClick(screen.getByRole('table').querySelector(`td[data-cell="${address}"]`)!);
    const input = screen.getByRole('textbox', { name: `Ô ${address}` });
    fireEvent.change(input, { target: { value: 'Lò Thị Mai' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(parseWorkbook(await shell.readWorkbook()).registry.records[0].full_name).toBe('Lò Thị Mai');
    expect(screen.getByRole('table').querySelector(`td[data-cell="${address}"]`)).toHaveTextContent('Lò Thị Mai');

    // The template's ID column is Text: an ID typed there keeps its province code's zeros.
    const idAddress = `${String.fromCharCode(65 + (registry.columns.id_number as number))}${row0 + 1}`;
    fireEvent.doubleClick(screen.getByRole('table').querySelector(`td[data-cell="${idAddress}"]`)!);
    const idInput = screen.getByRole('textbox', { name: `Ô ${idAddress}` });
    fireEvent.change(idInput, { target: { value: '001182579803' } });
    fireEvent.keyDown(idInput, { key: 'Enter' });
    expect(parseWorkbook(await shell.readWorkbook()).registry.records[0].id_number).toBe('001182579803');
  });

  it('a click never moves the sheet under the pointer (so a double click edits the cell clicked); a "go to" from the pane does', async () => {
    const shell = previewSample(200);
    shell.activate(SHEET.registry);
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this.getAttribute('data-cell') ?? '');
    };
    try {
      render(
        <FluentProvider theme={webLightTheme}>
          <Grid shell={shell} />
        </FluentProvider>,
      );
      // The pane selects a cell far down: the window moves there and the cell is scrolled to.
      await act(() => shell.selectCell(SHEET.registry, 'B150'));
      expect(scrolled).toEqual(['B150']);
      const firstRow = () => screen.getByRole('table').querySelector('tbody th')?.textContent;
      const top = firstRow();
      // A click on another cell of the window: no scroll, no new window of rows under the pointer.
      fireEvent.click(screen.getByRole('table').querySelector('td[data-cell="D180"]')!);
      expect(shell.selection).toMatchObject({ address: 'D180' });
      expect(scrolled).toEqual(['B150']);
      expect(firstRow()).toBe(top);
      fireEvent.doubleClick(screen.getByRole('table').querySelector('td[data-cell="D180"]')!);
      expect(screen.getByRole('textbox', { name: 'Ô D180' })).toBeInTheDocument();
      // A write elsewhere does not scroll either; the same "go to" again does.
      await act(() => shell.writeCells(SHEET.registry, [{ row0: 3, col0: 1, value: 'x' }]));
      expect(scrolled).toEqual(['B150']);
      await act(() => shell.selectCell(SHEET.registry, 'B150'));
      expect(scrolled).toEqual(['B150', 'B150']);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});
