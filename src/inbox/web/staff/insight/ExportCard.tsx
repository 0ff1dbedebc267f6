import * as React from 'react';
import { Card, Link, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../../i18n';
import { htcdsUrl, type PeriodArgs } from './api';
import { IS } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  links: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXL },
});

/** The same HTCDS file as `vr export --format htcds --inbox`. */
export function ExportCard(props: { period: PeriodArgs }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const { profile, year } = props.period;
  return (
    <Card className={styles.card} data-testid="htcds-export" id="chia-se">
      <Title3 as="h2">{t('exportTitle')}</Title3>
      <Text size={200}>{t('exportHow')}</Text>
      <div className={styles.links}>
        <Link href={htcdsUrl(props.period)} download data-testid="htcds-quarter">
          {t('exportQuarter')}
        </Link>
        <Link href={`/api/staff/export/htcds.xlsx?profile=${encodeURIComponent(profile)}&year=${year}`} download data-testid="htcds-year">
          {t('exportYear')}
        </Link>
      </div>
    </Card>
  );
}
