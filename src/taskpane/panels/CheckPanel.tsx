/**
 * Check: runs every rule (`checkWorkbook`, the same as `vr validate` and the inbox), lists the
 * findings grouped by severity and rule with counts, filter and search; a click selects the
 * cell; highlight / clear highlight colour the cells without losing the clerk's own fills.
 */
import React, { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { SEVERITIES, summarise, type Finding, type Severity } from '../../domain/finding';
import { foldText } from '../../domain/codes';
import { formatNumber } from '../../domain/format';
import { SHEET, findSheet } from '../../domain/sheet';
import { todayUtc } from '../../domain/dates';
import { errorText } from '../components/errorText';
import { ruleTitle } from '../lib/findingText';
import type { MessageKey } from '../i18n';
import { usePane } from '../state';

const PAGE = 50;

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS },
  group: { marginTop: tokens.spacingVerticalS },
  groupTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: 'none', paddingLeft: 0, margin: 0, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  finding: { textAlign: 'left', fontSize: tokens.fontSizeBase200 },
  cell: { fontFamily: tokens.fontFamilyMonospace, marginRight: tokens.spacingHorizontalXS },
  summary: { cursor: 'pointer', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
});

const BADGE: Record<Severity, 'danger' | 'warning' | 'informative' | 'severe'> = {
  fatal: 'severe',
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

type Phase = 'idle' | 'reading' | 'checking' | 'highlighting' | 'done';

export function groupFindings(findings: readonly Finding[]): Map<Severity, Map<string, Finding[]>> {
  const groups = new Map<Severity, Map<string, Finding[]>>();
  for (const severity of SEVERITIES) groups.set(severity, new Map());
  for (const f of findings) {
    const byRule = groups.get(f.severity) as Map<string, Finding[]>;
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  return groups;
}

export default function CheckPanel(): React.JSX.Element {
  const styles = useStyles();
  const { t, lang, shell, checker, services, lastCheck, setLastCheck, refresh, setHighlights, refreshHighlights } = usePane();
  const [phase, setPhase] = useState<Phase>(lastCheck ? 'done' : 'idle');
  const [rows, setRows] = useState(lastCheck?.rows ?? 0);
  const [shown, setShown] = useState<Set<Severity>>(new Set(SEVERITIES));
  const [search, setSearch] = useState('');
  const [more, setMore] = useState<Record<string, number>>({});
  const [notice, setNotice] = useState<{ intent: 'success' | 'error' | 'info'; text: string } | null>(null);
  const findings = useMemo(() => lastCheck?.findings ?? [], [lastCheck]);

  const run = async (): Promise<void> => {
    setNotice(null);
    setPhase('reading');
    try {
      const workbook = await refresh();
      const registry = findSheet(workbook, SHEET.registry);
      const count = registry ? Math.max(0, registry.rows.length - 1) : 0;
      setRows(count);
      setPhase('checking');
      const result = await checker.run(workbook, todayUtc(services.now()));
      setLastCheck({ findings: result, rows: count, at: services.now() });
      // Cells fixed since the last colouring lose their colour; new findings get one.
      await refreshHighlights(result);
      setPhase('done');
    } catch (error) {
      setPhase('idle');
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    }
  };

  const highlight = async (): Promise<void> => {
    setPhase('highlighting');
    try {
      const count = await setHighlights(findings);
      setNotice({ intent: 'success', text: t('checkHighlighted', { count }) });
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    }
    setPhase('done');
  };

  const clear = async (): Promise<void> => {
    try {
      await setHighlights(null);
      setNotice({ intent: 'success', text: t('checkCleared') });
    } catch (error) {
      setNotice({ intent: 'error', text: errorText(error, t, lang) });
    }
  };

  const visible = useMemo(() => {
    const needle = foldText(search);
    return findings.filter((f) => {
      if (!shown.has(f.severity)) return false;
      if (!needle) return true;
      const text = `${f.rule} ${f.cell ?? ''} ${f.field ?? ''} ${f.value ?? ''} ${lang === 'vi' ? f.message_vi : f.message_en}`;
      return foldText(text).includes(needle);
    });
  }, [findings, shown, search, lang]);
  const groups = useMemo(() => groupFindings(visible), [visible]);
  const summary = summarise(findings);
  const busy = phase === 'reading' || phase === 'checking' || phase === 'highlighting';

  return (
    <section className={styles.stack} aria-labelledby="check-title">
      <h2 id="check-title" className={styles.groupTitle}>
        {t('navCheck')}
      </h2>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void run()} disabled={busy}>
          {t('checkRun')}
        </Button>
        <Button onClick={() => void highlight()} disabled={busy || findings.length === 0}>
          {t('checkHighlight')}
        </Button>
        <Button onClick={() => void clear()} disabled={busy}>
          {t('checkClear')}
        </Button>
      </div>
      {busy && (
        <Field
          validationState="none"
          validationMessage={phase === 'reading' ? t('checkReading') : phase === 'checking' ? t('checkChecking', { rows }) : t('checkHighlighting')}
        >
          <ProgressBar aria-label={t('navCheck')} />
        </Field>
      )}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {phase === 'done' && (
        <MessageBar intent={summary.fatal + summary.error > 0 ? 'error' : findings.length ? 'warning' : 'success'} role="status">
          <MessageBarBody>
            {summary.fatal > 0
              ? t('checkFatal', { count: summary.fatal })
              : findings.length === 0
                ? t('checkNone')
                : t('checkDone', { rows, error: summary.error, warning: summary.warning, info: summary.info })}
          </MessageBarBody>
        </MessageBar>
      )}
      {findings.length > 0 && (
        <>
          <fieldset className={styles.row} aria-label={t('checkFilter')}>
            {SEVERITIES.filter((s) => summary[s] > 0).map((s) => (
              <Checkbox
                key={s}
                checked={shown.has(s)}
                label={`${t(`sev_${s}` as MessageKey)} (${formatNumber(summary[s], lang)})`}
                onChange={(_, data) => {
                  const next = new Set(shown);
                  if (data.checked) next.add(s);
                  else next.delete(s);
                  setShown(next);
                }}
              />
            ))}
          </fieldset>
          <Field label={t('checkSearch')}>
            <Input type="search" value={search} onChange={(_, data) => setSearch(data.value)} />
          </Field>
          {[...groups.entries()].map(([severity, byRule]) =>
            byRule.size === 0 ? null : (
              <div key={severity} className={styles.group}>
                <h3 className={styles.groupTitle}>
                  <Badge appearance="filled" color={BADGE[severity]}>
                    {t(`sev_${severity}` as MessageKey)}
                  </Badge>{' '}
                  ({formatNumber([...byRule.values()].reduce((n, l) => n + l.length, 0), lang)})
                </h3>
                {[...byRule.entries()].map(([rule, list]) => {
                  const key = `${severity}:${rule}`;
                  const limit = more[key] ?? PAGE;
                  return (
                    <details key={rule} open data-rule={rule}>
                      {/* Words first: what the rule checks, how many, then its ID to look up. */}
                      <summary className={styles.summary} data-count={list.length}>
                        {t('checkRuleGroup', { title: ruleTitle(rule, lang), count: list.length, rule })}
                      </summary>
                      <ul className={styles.list}>
                        {list.slice(0, limit).map((f, i) => (
                          <li key={`${f.sheet}-${f.cell}-${i}`}>
                            <Link
                              as="button"
                              className={styles.finding}
                              disabled={!f.sheet || !f.cell}
                              aria-label={f.cell ? `${t('checkGoTo', { cell: f.cell })}: ${lang === 'vi' ? f.message_vi : f.message_en}` : undefined}
                              onClick={() => f.sheet && f.cell && void shell.selectCell(f.sheet, f.cell)}
                            >
                              {/* Most messages already start "Ô C15 …": the address is not said twice. */}
                              {!(f.cell && (lang === 'vi' ? f.message_vi : f.message_en).includes(f.cell)) && (
                                <span className={styles.cell}>{f.cell ?? t('checkWorkbookLevel')}</span>
                              )}
                              {lang === 'vi' ? f.message_vi : f.message_en}
                            </Link>
                          </li>
                        ))}
                      </ul>
                      {list.length > limit && (
                        <Button size="small" appearance="subtle" onClick={() => setMore({ ...more, [key]: limit + PAGE * 4 })}>
                          {t('checkShowMore', { count: Math.min(PAGE * 4, list.length - limit) })}
                        </Button>
                      )}
                    </details>
                  );
                })}
              </div>
            ),
          )}
        </>
      )}
    </section>
  );
}
