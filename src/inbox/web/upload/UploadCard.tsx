import * as React from 'react';
import { Button, Card, Field, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../i18n';
import type { PeriodValue } from '../PeriodPicker';
import { S } from './strings';
import { readFilePeriod, type WorkbookPeriod } from './workbookPeriod';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  // The browser's own file button speaks the browser's language ("Choose File"): it stays for
  // keyboard and tests but is hidden; a Fluent button in the page's language opens it.
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', opacity: 0 },
  fileName: { overflowWrap: 'anywhere', minWidth: 0 },
});

/** True when the workbook names a period other than the one selected on the page. */
export function periodDiffers(workbook: WorkbookPeriod | null, selected: PeriodValue): workbook is WorkbookPeriod {
  return workbook !== null && (workbook.year !== selected.year || workbook.quarter !== selected.quarter);
}

/**
 * Choose a file and send it. The chosen workbook's own period (`_meta`) is read at once; when it
 * is not the selected quarter the page says so and will not send until the clerk picks the right
 * file or switches to the workbook's quarter, so a Q3/2020 workbook never goes in silently while
 * Q3/2026 is selected.
 */
export function UploadCard(props: {
  period: PeriodValue;
  onPeriodChange: (period: PeriodValue) => void;
  progress: number | null;
  onSend: (file: File) => void;
}): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const [file, setFile] = React.useState<File | null>(null);
  const [workbook, setWorkbook] = React.useState<WorkbookPeriod | null>(null);
  const [reading, setReading] = React.useState(false);
  const input = React.useRef<HTMLInputElement>(null);
  const inputId = React.useId();

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setWorkbook(null);
    if (!chosen) return;
    setReading(true);
    try {
      setWorkbook(await readFilePeriod(chosen));
    } finally {
      setReading(false);
    }
  };

  const mismatch = periodDiffers(workbook, props.period);
  const { progress } = props;
  return (
    <Card className={styles.card}>
      <Title3 as="h2">{t('upload')}</Title3>
      <div className={styles.row}>
        <input
          ref={input}
          id={inputId}
          className={styles.hidden}
          type="file"
          tabIndex={-1}
          aria-hidden
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="upload-file"
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
        <Button onClick={() => input.current?.click()} data-testid="upload-choose">
          {t('chooseFile')}
        </Button>
        <Text className={styles.fileName} data-testid="upload-file-name">
          {file ? file.name : t('noFile')}
        </Text>
      </div>
      {mismatch && (
        <MessageBar intent="warning" layout="multiline" data-testid="period-mismatch">
          <MessageBarBody>
            {t('periodMismatch', { wq: workbook.quarter, wy: workbook.year, q: props.period.quarter, y: props.period.year })}
          </MessageBarBody>
          <MessageBarActions>
            <Button data-testid="period-switch" onClick={() => props.onPeriodChange({ year: workbook.year, quarter: workbook.quarter })}>
              {t('periodSwitch', { wq: workbook.quarter, wy: workbook.year })}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={!file || reading || mismatch || progress !== null}
          onClick={() => file && props.onSend(file)}
          data-testid="upload-send"
        >
          {t('send')}
        </Button>
      </div>
      {progress !== null && (
        <Field validationMessage={progress < 100 ? t('sending', { pct: progress }) : t('checking')} validationState="none">
          <ProgressBar value={progress / 100} thickness="large" data-testid="upload-progress" />
        </Field>
      )}
    </Card>
  );
}
