import * as React from 'react';
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { LangContext, errorText, useT } from '../../i18n';
import type { PeriodArgs } from './api';
import { IS } from './strings';

/** The map's code (topojson-client, the SVG) is its own chunk, fetched on first open. */
const ProvinceMap = React.lazy(() => import(/* webpackChunkName: "map" */ './ProvinceMap'));

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

export interface MapUnit {
  unit_code: string;
  unit_name: string;
  state: string;
}

/** The province map, loaded only when staff open it; without boundary data, the reason. */
export function MapCard(props: { period: PeriodArgs; units: MapUnit[] }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [open, setOpen] = React.useState(false);
  const [topo, setTopo] = React.useState<{ province: string; data: unknown } | null>(null);
  const [missing, setMissing] = React.useState<string | null>(null);
  const { profile } = props.period;

  React.useEffect(() => {
    setTopo(null);
    setMissing(null);
  }, [profile]);

  React.useEffect(() => {
    if (!open || topo || missing) return;
    let live = true;
    fetch(`/api/staff/insight/map?profile=${encodeURIComponent(profile)}`, { credentials: 'same-origin' }).then(
      async (res) => {
        if (!live) return;
        if (res.ok) setTopo({ province: res.headers.get('x-province') ?? '', data: await res.json() });
        else setMissing(errorText(await res.json().catch(() => null), lang, IS.failed));
      },
      () => live && setMissing(t('failed')),
    );
    return () => {
      live = false;
    };
  }, [open, topo, missing, profile, lang, t]);

  return (
    <Card className={styles.card} data-testid="map-card" id="ban-do">
      <Title3 as="h2">{t('mapTitle')}</Title3>
      <div className={styles.buttons}>
        {!open && (
          <Button onClick={() => setOpen(true)} data-testid="map-open">
            {t('mapOpen')}
          </Button>
        )}
        <Button appearance="subtle" onClick={() => window.print()} data-testid="print">
          {t('print')}
        </Button>
      </div>
      {open && missing && (
        <MessageBar intent="warning" data-testid="map-missing">
          <MessageBarBody>
            <MessageBarTitle>{t('mapMissing')}</MessageBarTitle>
            {missing}
          </MessageBarBody>
        </MessageBar>
      )}
      {open && !missing && !topo && <Spinner size="small" label={t('loading')} />}
      {open && topo && (
        <React.Suspense fallback={<Spinner size="small" label={t('loading')} />}>
          <ProvinceMap topology={topo.data} province={topo.province} period={props.period} units={props.units} />
        </React.Suspense>
      )}
      {open && topo && (
        <Text size={200} data-testid="map-hint">
          {t('mapHint')}
        </Text>
      )}
    </Card>
  );
}
