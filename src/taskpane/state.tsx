/**
 * Pane state shared by the panels: the workbook shell, the language, per-workbook settings,
 * what `_meta` says about the open workbook, and the last check. Office state lives behind the
 * shell; this is UI state only.
 */
import React, { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Finding } from '../domain/finding';
import type { Meta } from '../domain/schema/meta';
import type { Profile, Unit } from '../domain/schema/profile';
import type { WorkbookModel } from '../domain/sheet';
import { findUnit, getProfile } from '../profiles';
import { isListComplete, isProvinceLoaded, loadAllProvinces, loadProvince } from '../profiles/officialList';
import type { PaneSettings, WorkbookShell } from '../excel/shell';
import { isLanguageLoaded, loadLanguage, translate, type Language, type MessageKey } from './i18n';
import type { CheckRunner } from './lib/checkRunner';
import type { Services } from './lib/services';

export interface LastCheck {
  findings: Finding[];
  rows: number;
  at: Date;
}

export interface PaneContextValue {
  shell: WorkbookShell;
  services: Services;
  lang: Language;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  settings: PaneSettings;
  saveSettings: (next: PaneSettings) => Promise<void>;
  meta: Meta | null;
  profile: Profile | null;
  unit: Unit | null;
  /** Reads the workbook again and refreshes `meta`; returns the model for the caller. */
  refresh: () => Promise<WorkbookModel>;
  lastCheck: LastCheck | null;
  setLastCheck: (check: LastCheck | null) => void;
  checker: CheckRunner;
  /** True while the clerk has asked for the cells of findings to be coloured. */
  highlighted: boolean;
  /** Colours the cells of `findings` (or, with null, removes our colours) and remembers it. */
  setHighlights: (findings: readonly Finding[] | null) => Promise<number>;
  /** After the data changed: when cells are coloured, colours exactly `findings` instead, so a
   *  cell filled in right loses its colour. Does nothing when nothing is coloured. */
  refreshHighlights: (findings: readonly Finding[]) => Promise<void>;
}

const PaneContext = createContext<PaneContextValue | null>(null);

export function usePane(): PaneContextValue {
  const value = useContext(PaneContext);
  if (!value) throw new Error('usePane outside PaneProvider');
  return value;
}

export interface PaneProviderProps {
  shell: WorkbookShell;
  services: Services;
  checker: CheckRunner;
  initialLanguage?: Language;
  children: React.ReactNode;
}

export function PaneProvider({ shell, services, checker, initialLanguage, children }: PaneProviderProps): React.JSX.Element {
  const [settings, setSettings] = useState<PaneSettings>({});
  const [meta, setMeta] = useState<Meta | null>(null);
  const [lastCheck, setLastCheck] = useState<LastCheck | null>(null);
  const [highlighted, setHighlighted] = useState(false);
  const lang: Language = settings.language ?? initialLanguage ?? 'vi';
  // A language other than Vietnamese loads on demand; the pane re-renders in it once it has.
  const [languagesLoaded, setLanguagesLoaded] = useState(0);
  useEffect(() => {
    if (isLanguageLoaded(lang)) return;
    let live = true;
    void loadLanguage(lang).then(() => live && setLanguagesLoaded((n) => n + 1));
    return () => {
      live = false;
    };
  }, [lang]);

  const refresh = useCallback(async () => {
    const workbook = await shell.readWorkbook();
    // `_meta` is checked against its schema (zod), loaded after the first paint.
    const { readMeta } = await import(/* webpackChunkName: "meta-read" */ '../domain/metaRead');
    setMeta(readMeta(workbook).meta);
    return workbook;
  }, [shell]);

  useEffect(() => {
    let live = true;
    shell.readSettings().then((s) => live && setSettings(s), () => undefined);
    refresh().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [shell, refresh]);

  const saveSettings = useCallback(
    async (next: PaneSettings) => {
      setSettings(next);
      await shell.saveSettings(next);
    },
    [shell],
  );

  // A unit of the official list (vn-2025) is known once its province has loaded: the workbook's
  // province first (one small chunk), the whole list only when the province is not known.
  const [unitsLoaded, setUnitsLoaded] = useState(0);
  useEffect(() => {
    const profile = getProfile(meta?.profile ?? settings.profile ?? '');
    const unitCode = meta?.unit_code ?? settings.unit;
    if (!profile || profile.unit_list !== 'vn-official' || !unitCode || findUnit(profile, unitCode)) return;
    const province = meta?.province_code;
    const loading = province && /^\d{2}$/.test(province) && !isProvinceLoaded(province) ? loadProvince(province) : isListComplete() ? null : loadAllProvinces();
    if (!loading) return;
    let live = true;
    loading.then(() => live && setUnitsLoaded((n) => n + 1), () => undefined);
    return () => {
      live = false;
    };
  }, [meta, settings, unitsLoaded]);

  const setHighlights = useCallback(
    async (findings: readonly Finding[] | null) => {
      await shell.clearHighlights();
      setHighlighted(findings !== null);
      return findings === null ? 0 : shell.highlight(findings);
    },
    [shell],
  );

  const refreshHighlights = useCallback(
    async (findings: readonly Finding[]) => {
      if (!highlighted) return;
      await shell.clearHighlights();
      await shell.highlight(findings);
    },
    [shell, highlighted],
  );

  const value = useMemo<PaneContextValue>(() => {
    const profile = meta ? (getProfile(meta.profile) ?? null) : settings.profile ? (getProfile(settings.profile) ?? null) : null;
    const unitCode = meta?.unit_code ?? settings.unit;
    const unit = profile && unitCode ? (findUnit(profile, unitCode) ?? null) : null;
    return {
      services,
      shell,
      checker,
      lang,
      t: (key, params) => translate(lang, key, params),
      settings,
      saveSettings,
      meta,
      profile,
      unit,
      refresh,
      lastCheck,
      setLastCheck,
      highlighted,
      setHighlights,
      refreshHighlights,
    };
    // unitsLoaded: findUnit sees the provinces loaded since the last render; languagesLoaded: `t`
    // speaks a language loaded since.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [services, shell, checker, lang, settings, saveSettings, meta, refresh, lastCheck, highlighted, setHighlights, refreshHighlights, unitsLoaded, languagesLoaded]);

  return <PaneContext.Provider value={value}>{children}</PaneContext.Provider>;
}
