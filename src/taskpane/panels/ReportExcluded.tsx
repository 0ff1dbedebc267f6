/**
 * The rows the report could not count (docs/workbook.md: never dropped silently), as the report
 * sheet's `Ghi chú` of rows 1 and 4.x also says: the clerk fixes the named errors (the Check
 * panel shows each at its cell) and fills the report again.
 */
import React from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface ExcludedLine {
  code: string;
  vi: string;
  en: string;
}

export default function ReportExcluded({ lines, lang }: { lines: ExcludedLine[]; lang: 'vi' | 'en' }): React.JSX.Element | null {
  if (lines.length === 0) return null;
  const vi = lang === 'vi';
  return (
    <MessageBar intent="warning" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{vi ? 'Có dòng không tính được vào báo cáo' : 'Some rows could not be counted'}</MessageBarTitle>
        {vi ? ' Sửa các lỗi này (xem mục Kiểm tra) rồi lập lại báo cáo:' : ' Fix these errors (see Check) and fill the report again:'}
        <ul style={{ margin: 0, paddingLeft: '1.2em' }}>
          {lines.map((l) => (
            <li key={l.code}>
              {vi ? `Mục ${l.code}: ${l.vi}` : `Item ${l.code}: ${l.en}`}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}
