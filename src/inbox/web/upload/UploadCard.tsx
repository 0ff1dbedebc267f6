import * as React from 'react';
import { Button, Card, Field, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { planName } from '../../../domain/planName';
import { compareQuarters, planQuarters } from '../../../domain/planTime';
import type { Profile } from '../../../domain/schema/profile';
import { planNameOfId, unitNameOfCode } from '../../../profiles/planNames';
import { LangContext, useT } from '../i18n';
import { todayInVietnam, type PeriodValue } from '../PeriodPicker';
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

/** The signed-in unit, as the inbox knows it. */
export interface SignedUnit {
  unit_code: string;
  unit_name: string;
  profile: string;
}

/** True when the workbook names a period other than the one selected on the page. */
export function periodDiffers(workbook: WorkbookPeriod | null, selected: PeriodValue): boolean {
  return workbook !== null && (workbook.year !== selected.year || workbook.quarter !== selected.quarter);
}

/** True when the workbook is another unit's (or another plan's): said before anything else. */
export function unitDiffers(workbook: WorkbookPeriod | null, unit: SignedUnit): boolean {
  if (!workbook) return false;
  const code = workbook.unit_code?.trim().toUpperCase();
  return (code !== undefined && code !== unit.unit_code.toUpperCase()) || (workbook.profile !== null && workbook.profile !== unit.profile);
}

/**
 * Choose a file and send it. The chosen workbook's own unit, plan and period (`_meta`) are read
 * at once. Another unit's workbook is said first, and nothing else is offered: no period to switch
 * to. A workbook of another quarter of the plan can be followed (switch to its quarter); one
 * outside the plan's quarters only gets the quarter to choose instead. Nothing is sent until the
 * file is the selected quarter's, so a Q3/2020 workbook never goes in while Q3/2026 is selected.
 */
export function UploadCard(props: {
  unit: SignedUnit;
  profile: Profile;
  period: PeriodValue;
  onPeriodChange: (period: PeriodValue) => void;
  progress: number | null;
  onSend: (file: File) => void;
  /** Now, for tests; the browser's clock otherwise. */
  now?: Date;
}): React.ReactElement {
  const styles = useStyles();
  const t = useT(S);
  const lang = React.useContext(LangContext);
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

  const { unit, profile, period, progress } = props;
  const me = `${unit.unit_name} (${unit.unit_code})`;
  const range = planQuarters(profile, todayInVietnam(props.now));
  const otherUnit = unitDiffers(workbook, unit);
  const otherPeriod = !otherUnit && periodDiffers(workbook, period);
  const inPlan = (q: PeriodValue) => range !== null && compareQuarters(q, range.first) >= 0 && compareQuarters(q, range.last) <= 0;

  let notice: React.ReactNode = null;
  if (!workbook) {
    // nothing read yet, or not a template workbook: the inbox will say what is wrong
  } else if (otherUnit) {
    const wbProfile = workbook.profile ?? unit.profile;
    const owner = unitNameOfCode(wbProfile, workbook.unit_code ?? '?');
    const who = wbProfile === unit.profile ? owner : t('ownerPlan', { unit: owner, plan: planNameOfId(wbProfile, lang) });
    notice = (
      <MessageBar intent="error" layout="multiline" data-testid="unit-mismatch">
        <MessageBarBody>{t('unitMismatch', { owner: who, unit: me })}</MessageBarBody>
      </MessageBar>
    );
  } else if (otherPeriod && inPlan(workbook)) {
    notice = (
      <MessageBar intent="warning" layout="multiline" data-testid="period-mismatch">
        <MessageBarBody>{t('periodMismatch', { wq: workbook.quarter, wy: workbook.year, q: period.quarter, y: period.year })}</MessageBarBody>
        <MessageBarActions>
          <Button data-testid="period-switch" onClick={() => props.onPeriodChange({ year: workbook.year, quarter: workbook.quarter })}>
            {t('periodSwitch', { wq: workbook.quarter, wy: workbook.year })}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  } else if (otherPeriod && range) {
    notice = (
      <MessageBar intent="warning" layout="multiline" data-testid="period-mismatch">
        <MessageBarBody>
          {t('periodOutsidePlan', {
            wq: workbook.quarter,
            wy: workbook.year,
            plan: planName(profile, lang),
            fq: range.first.quarter,
            fy: range.first.year,
            lq: range.last.quarter,
            ly: range.last.year,
            q: period.quarter,
            y: period.year,
          })}
        </MessageBarBody>
      </MessageBar>
    );
  }

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
      {notice}
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={!file || reading || otherUnit || otherPeriod || progress !== null}
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
