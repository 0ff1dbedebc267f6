import * as React from 'react';
import { Button, Card, MessageBar, MessageBarBody, Spinner, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { saveResponse } from '../../download';
import { LangContext, errorText, useT } from '../../i18n';
import { getJson, htcdsUrl, type PeriodArgs } from './api';
import { IS } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

/**
 * The same HTCDS file as `vr export --format htcds --inbox`. Fetched rather than linked, so that
 * a refusal (too few cases for k) is said on the page in words instead of saving an error as a
 * file.
 */
export function ExportCard(props: { period: PeriodArgs }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [floor, setFloor] = React.useState(11);
  const [busy, setBusy] = React.useState<'quarter' | 'year' | null>(null);
  const [failure, setFailure] = React.useState<{ body: unknown } | null>(null);

  React.useEffect(() => {
    getJson<{ k_floor: number }>('/api/staff/export/htcds/settings').then(
      (res) => res.status === 200 && res.body && setFloor(res.body.k_floor),
      () => undefined,
    );
  }, []);

  const download = async (which: 'quarter' | 'year') => {
    setBusy(which);
    setFailure(null);
    try {
      const res = await fetch(htcdsUrl(props.period, which === 'year'), { credentials: 'same-origin' });
      if (res.ok) await saveResponse(res, 'htcds.xlsx');
      else setFailure({ body: await res.json().catch(() => null) });
    } catch {
      setFailure({ body: null });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className={styles.card} data-testid="htcds-export" id="chia-se">
      <Title3 as="h2">{t('exportTitle')}</Title3>
      <Text size={200}>{t('exportHow', { k: floor })}</Text>
      <div className={styles.buttons}>
        <Button onClick={() => void download('quarter')} disabled={busy !== null} data-testid="htcds-quarter">
          {t('exportQuarter')}
        </Button>
        <Button onClick={() => void download('year')} disabled={busy !== null} data-testid="htcds-year">
          {t('exportYear')}
        </Button>
        {busy && <Spinner size="tiny" label={t('exportBusy')} />}
      </div>
      {failure && (
        <MessageBar intent="warning" role="alert" data-testid="htcds-refused">
          <MessageBarBody>{errorText(failure.body, lang, IS.failed)}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
