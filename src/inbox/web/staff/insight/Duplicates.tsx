import * as React from 'react';
import { Badge, Card, MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { useT } from '../../i18n';
import { insightApi, type DuplicatePairView, type PeriodArgs } from './api';
import { IS } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

/** DUP-01: two case IDs and the other unit, never a name (the inbox does not have one to show). */
export function Duplicates(props: { period: PeriodArgs; names: Record<string, string>; version: number }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const [pairs, setPairs] = React.useState<DuplicatePairView[] | null>(null);
  const [error, setError] = React.useState(false);
  const { profile, year, quarter } = props.period;

  React.useEffect(() => {
    setError(false);
    insightApi.duplicates({ profile, year, quarter }).then(
      (res) => (res.status === 200 ? setPairs(res.body.pairs) : setError(true)),
      () => setError(true),
    );
  }, [profile, year, quarter, props.version]);

  const name = (code: string) => `${props.names[code] ?? code}`;
  return (
    <Card className={styles.card} data-testid="duplicates" id="trung-nguoi">
      <Title3 as="h2">{t('dupTitle')}</Title3>
      <Text size={200}>{t('dupHow')}</Text>
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{t('failed')}</MessageBarBody>
        </MessageBar>
      )}
      {pairs === null && !error && <Text>{t('loading')}</Text>}
      {pairs?.length === 0 && <Text data-testid="duplicates-none">{t('dupNone')}</Text>}
      {pairs && pairs.length > 0 && (
        <ul className={styles.list}>
          {pairs.map((p) => (
            <li key={`${p.a.case_id}|${p.b.case_id}`} data-testid="duplicate-pair">
              <Text>
                {t('dupLine', { a: p.a.case_id, ua: name(p.a.unit_code), ub: name(p.b.unit_code), b: p.b.case_id })}
              </Text>{' '}
              {p.same_id && (
                <Badge appearance="tint" color="informative">
                  {t('sameId')}
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
