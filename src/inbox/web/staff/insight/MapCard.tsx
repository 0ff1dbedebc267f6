import * as React from 'react';
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { LangContext, errorText, useT } from '../../i18n';
import type { PeriodArgs } from './api';
import { IS } from './strings';

/** The map's code (topojson-client, the SVG) is its own chunk, fetched on first open. */
const ProvinceMap = React.lazy(() => import(/* webpackChunkName: "map" */ './ProvinceMap'));

const useStyles = makeStyles({
  card: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // Without a map drawn there is nothing of the card to print (no box, no warning on the A4 page).
  noPrint: { '@media print': { display: 'none' } },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
});

/** The map draws communes of the official list (5-digit codes); other plans' units have no
 *  boundaries, so the card says so without asking the server. */
export function hasCommuneUnits(units: readonly MapUnit[]): boolean {
  return units.some((u) => /^\d{5}$/.test(u.unit_code));
}

export interface MapUnit {
  unit_code: string;
  unit_name: string;
  state: string;
}

/** The province map, loaded only when staff open it; a plan without boundary data says so, in a
 *  note, not as a failure. */
export function MapCard(props: { period: PeriodArgs; units: MapUnit[] }): React.ReactElement {
  const styles = useStyles();
  const t = useT(IS);
  const lang = React.useContext(LangContext);
  const [open, setOpen] = React.useState(false);
  const [topo, setTopo] = React.useState<{ province: string; data: unknown } | null>(null);
  const [missing, setMissing] = React.useState<string | null>(null);
  const [none, setNone] = React.useState<string | null>(null);
  const { profile } = props.period;
  const possible = hasCommuneUnits(props.units);

  React.useEffect(() => {
    setTopo(null);
    setMissing(null);
    setNone(null);
  }, [profile]);

  React.useEffect(() => {
    if (!open || topo || missing || none || !possible) return;
    let live = true;
    fetch(`/api/staff/insight/map?profile=${encodeURIComponent(profile)}`, { credentials: 'same-origin' }).then(
      async (res) => {
        if (!live) return;
        const body = (await res.json().catch(() => null)) as { available?: boolean; message_vi?: string; message_en?: string } | null;
        if (res.ok && body && body.available === false) setNone((lang === 'vi' ? body.message_vi : body.message_en) ?? '');
        else if (res.ok && body) setTopo({ province: res.headers.get('x-province') ?? '', data: body });
        else setMissing(errorText(body, lang, IS.failed));
      },
      () => live && setMissing(t('failed')),
    );
    return () => {
      live = false;
    };
  }, [open, topo, missing, none, possible, profile, lang, t]);

  return (
    <Card className={mergeClasses(styles.card, !(open && topo) && styles.noPrint)} data-testid="map-card" data-map={!possible || none ? 'none' : topo ? 'shown' : 'closed'} id="ban-do">
      <Title3 as="h2">{t('mapTitle')}</Title3>
      {(!possible || none !== null) && (
        <MessageBar intent="info" data-testid="map-none">
          <MessageBarBody>
            <MessageBarTitle>{t('mapNone')}</MessageBarTitle>
            {none || t('mapNoneDistrict')}
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        {!open && possible && (
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
