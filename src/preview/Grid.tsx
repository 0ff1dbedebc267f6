/**
 * The preview's stand-in for the Excel grid: sheet tabs, column letters, row numbers, fills
 * (highlights) and the selected cell, so the pane's effects are visible without Excel. Shows
 * a window of rows around the selection so a 10,000-row register stays fast. Editable like a
 * sheet: a click selects a cell, a double click types into it (Enter keeps, Escape drops), and
 * "+ Thêm dòng" adds empty rows, so the whole journey works in a browser without Excel.
 *
 * As in Excel, a click never moves the sheet under the pointer: the window of rows and the
 * scroll position change only when the pane selects a cell (a finding's "go to"), so the
 * second click of a double click lands on the cell the first one selected.
 */
import React, { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { formatDate, formatSerial, parseDateCell } from '../domain/dates';
import { cellAddress, columnLetter, parseAddress, type CellValue } from '../domain/sheet';
import { TEXT_FORMAT } from '../domain/template';
import type { FakeWorkbookShell } from './fakeShell';

const WINDOW = 120;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minWidth: 0, height: '100%' },
  tabs: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS, padding: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  tab: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    cursor: 'pointer',
    fontSize: tokens.fontSizeBase200,
  },
  activeTab: { backgroundColor: tokens.colorNeutralBackground1, fontWeight: tokens.fontWeightSemibold, borderBottomColor: tokens.colorBrandStroke1 },
  scroll: { overflow: 'auto', flexGrow: 1 },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase100, fontFamily: tokens.fontFamilyBase },
  head: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: `0 ${tokens.spacingHorizontalXS}`, position: 'sticky', top: 0 },
  cell: { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`, padding: `0 ${tokens.spacingHorizontalXS}`, whiteSpace: 'nowrap', maxWidth: '160px', overflow: 'hidden', textOverflow: 'ellipsis' },
  editor: { width: '100%', minWidth: '80px', boxSizing: 'border-box', border: 'none', padding: 0, font: 'inherit', backgroundColor: tokens.colorNeutralBackground1 },
  selected: { outline: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
});

function text(value: CellValue, dateFormat?: string): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value);
  // Office.js hands dates over as serial numbers; Excel shows them with the cell's format.
  if (dateFormat && typeof value === 'number') return formatSerial(value, dateFormat);
  return String(value);
}

/** What a person typed into a cell, as Excel stores it under the cell's number format: under
 *  Text (`@`, the template's code and ID columns) exactly what was typed; elsewhere a leading
 *  apostrophe keeps the rest as text, a day-first date in a date column becomes that date (a
 *  4-digit year alone stays text, as the entry form writes it), numeric text becomes a number
 *  (an ID typed `001182579803` into a General cell loses its zeros, as in Excel), the rest text. */
export function typedValue(typed: string, numberFormat = 'General'): CellValue {
  if (numberFormat === TEXT_FORMAT) return typed === '' ? null : typed;
  const text = typed.trim();
  if (text === '') return null;
  if (text.startsWith("'")) return text.length > 1 ? text.slice(1) : null;
  const dateColumn = numberFormat !== 'General' && /[dy]/i.test(numberFormat);
  if (dateColumn && /^\d{4}$/.test(text)) return text;
  if (dateColumn) {
    const parsed = parseDateCell(text);
    if (parsed && parsed.ok) return parsed.date;
  }
  if (/^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  return typed;
}

interface Editing {
  sheet: string;
  row0: number;
  col0: number;
  text: string;
}

export function Grid({ shell }: { shell: FakeWorkbookShell }): React.JSX.Element {
  const styles = useStyles();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [extraRows, setExtraRows] = useState(0);
  useSyncExternalStore(shell.subscribe, () => shell.version);
  const selectedRef = useRef<HTMLTableCellElement | null>(null);
  /** The selection a click in the grid made: it is not scrolled to (it is under the pointer).
   *  Selections are compared by identity: the shell makes a new one on every selectCell, so a
   *  second "go to" of the same cell scrolls again while a write elsewhere does not. */
  const clicked = useRef<object | null>(null);
  const shownSelection = useRef<object | null>(null);
  const [windowOf, setWindowOf] = useState({ sheet: '', start: 0 });
  const sheet = shell.sheets.find((s) => s.name === shell.activeSheet) ?? shell.sheets[0];
  const selection = shell.selection && sheet && shell.selection.sheet === sheet.name ? parseAddress(shell.selection.address) : null;
  // The window of rows (per sheet) moves only when the selection falls outside it (a "go to"
  // from the pane); another sheet starts at its top.
  const windowStart = sheet && windowOf.sheet === sheet.name ? windowOf.start : 0;
  const start = selection && (selection.row0 < windowStart || selection.row0 >= windowStart + WINDOW) ? Math.max(0, selection.row0 - WINDOW / 2) : windowStart;

  useEffect(() => {
    if (sheet && (windowOf.sheet !== sheet.name || windowOf.start !== start)) setWindowOf({ sheet: sheet.name, start });
  }, [sheet, windowOf, start]);

  useEffect(() => {
    const current = shell.selection;
    if (current === shownSelection.current) return;
    shownSelection.current = current;
    if (current === null || current === clicked.current) return;
    selectedRef.current?.scrollIntoView?.({ block: 'center', inline: 'center' });
  }, [shell.selection, shell.version]);

  if (!sheet) return <div className={styles.root} data-testid="grid" />;
  const end = Math.min(Math.max(sheet.rows.length, (selection?.row0 ?? 0) + 1, 20), start + WINDOW) + extraRows;
  const commit = (edit: Editing): void => {
    setEditing(null);
    void shell.writeCells(edit.sheet, [{ row0: edit.row0, col0: edit.col0, value: typedValue(edit.text, shell.numberFormatAt(edit.sheet, edit.row0, edit.col0)) }]);
  };
  const width = Math.max(10, ...sheet.rows.slice(start, end).map((r) => r.length), (selection?.col0 ?? 0) + 1);

  return (
    <div className={styles.root} data-testid="grid">
      <div className={styles.tabs} role="tablist" aria-label="Trang tính / Sheets">
        {shell.sheets
          .filter((s) => s.visibility !== 'veryHidden')
          .map((s) => (
            <button
              key={s.name}
              role="tab"
              aria-selected={s.name === sheet.name}
              className={`${styles.tab} ${s.name === sheet.name ? styles.activeTab : ''}`}
              onClick={() => shell.activate(s.name)}
            >
              {s.name}
              {s.visibility === 'hidden' ? ' (ẩn)' : ''}
            </button>
          ))}
        <button type="button" className={styles.tab} onClick={() => setExtraRows((n) => n + 1)}>
          + Thêm dòng
        </button>
      </div>
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={sheet.name} data-sheet={sheet.name}>
          <thead>
            <tr>
              <th className={styles.head} />
              {Array.from({ length: width }, (_, c) => (
                <th key={c} className={styles.head} scope="col">
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: end - start }, (_, i) => {
              const r = start + i;
              const row = sheet.rows[r] ?? [];
              return (
                <tr key={r}>
                  <th className={styles.head} scope="row">
                    {r + 1}
                  </th>
                  {Array.from({ length: width }, (_, c) => {
                    const address = cellAddress(r, c);
                    const isSelected = selection?.row0 === r && selection.col0 === c;
                    const fill = sheet.fills.get(address);
                    const shown = text(row[c] ?? null, sheet.dateColumns.get(c));
                    const isEditing = editing?.sheet === sheet.name && editing.row0 === r && editing.col0 === c;
                    return (
                      <td
                        key={c}
                        ref={isSelected ? selectedRef : undefined}
                        data-cell={address}
                        data-fill={fill}
                        aria-selected={isSelected || undefined}
                        className={`${styles.cell} ${isSelected ? styles.selected : ''}`}
                        // A fill is workbook data (the cell's own colour), not UI styling.
                        style={fill ? { backgroundColor: fill } : undefined}
                        title={shown}
                        onClick={() => {
                          void shell.selectCell(sheet.name, address);
                          clicked.current = shell.selection;
                        }}
                        onDoubleClick={() => setEditing({ sheet: sheet.name, row0: r, col0: c, text: shown })}
                      >
                        {isEditing ? (
                          <input
                            className={styles.editor}
                            aria-label={`Ô ${address}`}
                            autoFocus
                            value={editing.text}
                            onChange={(event) => setEditing({ ...editing, text: event.target.value })}
                            onBlur={() => commit(editing)}
                            onKeyDown={(event) => {
                              if (event.key === 'Enter') commit(editing);
                              if (event.key === 'Escape') setEditing(null);
                            }}
                          />
                        ) : (
                          shown
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
