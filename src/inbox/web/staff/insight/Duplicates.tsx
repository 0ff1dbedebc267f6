import * as React from 'react';
import { Badge, Card, MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { MATCH_REASON_TEXT } from '../../../../domain/personMatch';
import { LangContext, useT } from '../../i18n';
import { insightApi, type DuplicatePairView, type PeriodArgs } from './api';
import { IS } from './strings';

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  cases: { overflowWrap: 'anywhere', minWidth: 0 },
  reason: { color: tokens.colorNeutralForeground2, flexBasis: '100%' },
});

/** DUP-01: two case IDs, the level and the reason in words, never a name (the inbox has none to
 *  show: it compares keyed hashes). Probable pairs come first. */
export function Duplicates(props: { period: PeriodArgs; names: Record<string, string>; version: number }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
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
  const probable = pairs?.filter((p) => p.level === 'probable').length ?? 0;
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
        <>
          <Text weight="semibold" data-testid="duplicates-count">
            {t('dupCount', { p: probable, q: pairs.length - probable })}
          </Text>
          <ul className={styles.list}>
            {pairs.map((p) => (
              <li key={`${p.a.case_id}|${p.b.case_id}`} className={styles.item} data-testid="duplicate-pair" data-level={p.level}>
                <Badge appearance="tint" color={p.level === 'probable' ? 'warning' : 'informative'} data-testid="duplicate-level">
                  {t(p.level === 'probable' ? 'dupProbable' : 'dupPossible')}
                </Badge>
                <Text className={styles.cases}>{t('dupLine', { a: p.a.case_id, ua: name(p.a.unit_code), ub: name(p.b.unit_code), b: p.b.case_id })}</Text>
                <Text size={200} className={styles.reason} data-testid="duplicate-reason">
                  {p.reasons.map((r) => MATCH_REASON_TEXT[r][lang]).join('; ')}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
