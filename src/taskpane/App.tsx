/**
 * The task pane: navigation between panels, each loaded lazily (only the open panel's code is
 * fetched), inside one FluentProvider. Works at 320 px: the tabs wrap.
 *
 * The FluentProvider gets no layout class of its own: Fluent copies the provider's classes onto
 * every portal's mount node (lists, menus, tooltips, dialogs), an absolutely placed layer on top
 * of the page. A full-height, opaque root class there would cover the whole pane in white.
 * The layout lives on a plain element inside the provider instead.
 */
import React, { Suspense, lazy, useCallback, useState } from 'react';
import {
  FluentProvider,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { WorkbookShell } from '../excel/shell';
import { missingCapabilities } from './lib/capabilities';
import { QueueWorker } from './components/QueueWorker';
import type { Language } from './i18n';
import type { CheckRunner } from './lib/checkRunner';
import type { Services } from './lib/services';
import { NavigationContext, type PanelId } from './navigation';
import { PaneProvider, usePane } from './state';

// Message bars load only when there is something to say: the first screen paints without them.
const CapabilityNotice = lazy(() => import('./components/CapabilityNotice').then((m) => ({ default: m.CapabilityNotice })));
const StartupError = lazy(() => import('./components/CapabilityNotice').then((m) => ({ default: m.StartupError })));
const StartPanel = lazy(() => import('./panels/StartPanel'));
const EntryPanel = lazy(() => import('./panels/EntryPanel'));
const CheckPanel = lazy(() => import('./panels/CheckPanel'));
const ReportPanel = lazy(() => import('./panels/ReportPanel'));
const SupportPanel = lazy(() => import('./panels/SupportPanel'));
const SubmitPanel = lazy(() => import('./panels/SubmitPanel'));
const SettingsPanel = lazy(() => import('./panels/SettingsPanel'));

export type { PanelId };

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: '280px',
    minHeight: '100%',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    // A task pane can be 320 px wide. Flex items default to their content's width, and a native
    // <select> is as wide as its longest option: let every field shrink to the pane instead.
    '& .fui-Field, & .fui-Select, & .fui-Input, & .fui-Combobox, & fieldset': { minWidth: 0, maxWidth: '100%' },
    '& select': { minWidth: 0, textOverflow: 'ellipsis' },
    '& .fui-Input input': { minWidth: 0 },
  },
  header: {
    paddingTop: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: 0,
  },
  tabs: { flexWrap: 'wrap', paddingLeft: tokens.spacingHorizontalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  body: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
  loading: { margin: 0, color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase300 },
});

function Panels({ initial }: { initial: PanelId }): React.JSX.Element {
  const styles = useStyles();
  const { t, shell } = usePane();
  const [panel, setPanel] = useState<PanelId>(initial);
  const goTo = useCallback((next: PanelId) => {
    setPanel(next);
    // The clerk lands at the top of the panel they were sent to, on its tab.
    setTimeout(() => document.getElementById(`tab-${next}`)?.focus(), 0);
  }, []);
  const tabs: [PanelId, Parameters<typeof t>[0]][] = [
    ['start', 'navStart'],
    ['entry', 'navEntry'],
    ['support', 'navSupport'],
    ['check', 'navCheck'],
    ['report', 'navReport'],
    ['submit', 'navSubmit'],
    ['settings', 'navSettings'],
  ];
  return (
    <NavigationContext.Provider value={goTo}>
      <h1 className={styles.header}>{t('appTitle')}</h1>
      <TabList
        className={styles.tabs}
        size="small"
        aria-label={t('navLabel')}
        selectedValue={panel}
        onTabSelect={(_, data) => setPanel(data.value as PanelId)}
      >
        {tabs.map(([id, key]) => (
          <Tab key={id} value={id} id={`tab-${id}`}>
            {t(key)}
          </Tab>
        ))}
      </TabList>
      <main className={styles.body} role="tabpanel" aria-labelledby={`tab-${panel}`}>
        {missingCapabilities(shell.capabilities).length > 0 && (
          <Suspense fallback={null}>
            <CapabilityNotice />
          </Suspense>
        )}
        <Suspense
          fallback={
            <p role="status" className={styles.loading}>
              {t('loading')}
            </p>
          }
        >
          {panel === 'start' && <StartPanel onCreated={() => setPanel('entry')} />}
          {panel === 'entry' && <EntryPanel />}
          {panel === 'support' && <SupportPanel />}
          {panel === 'check' && <CheckPanel />}
          {panel === 'report' && <ReportPanel />}
          {panel === 'submit' && <SubmitPanel />}
          {panel === 'settings' && <SettingsPanel />}
        </Suspense>
      </main>
    </NavigationContext.Provider>
  );
}

export interface AppProps {
  shell: WorkbookShell;
  services: Services;
  checker: CheckRunner;
  initialPanel?: PanelId;
  initialLanguage?: Language;
  /** A start-up problem to show above everything (e.g. Office.js missing). */
  startupError?: string;
}

export function App({ shell, services, checker, initialPanel = 'start', initialLanguage, startupError }: AppProps): React.JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.root} data-testid="pane-root">
        <PaneProvider shell={shell} services={services} checker={checker} initialLanguage={initialLanguage}>
          {startupError && (
            <Suspense fallback={<p role="alert">{startupError}</p>}>
              <StartupError text={startupError} />
            </Suspense>
          )}
          <QueueWorker>
            <Panels initial={initialPanel} />
          </QueueWorker>
        </PaneProvider>
      </div>
    </FluentProvider>
  );
}
