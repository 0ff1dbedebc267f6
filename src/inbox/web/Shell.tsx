import * as React from 'react';
import { Button, FluentProvider, Text, Title2, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { LangContext, initialLang, saveLang, type Lang } from './i18n';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { color: tokens.colorNeutralForegroundOnBrand },
  subtitle: { color: tokens.colorNeutralForegroundOnBrand, display: 'block' },
  main: {
    maxWidth: '1200px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    '@media (max-width: 600px)': { padding: tokens.spacingHorizontalS },
  },
});

/** Page frame shared by the staff and upload pages: Fluent theme, title, language toggle. */
export function Shell(props: { title: { vi: string; en: string }; subtitle: { vi: string; en: string }; children: React.ReactNode }): React.ReactElement {
  const styles = useStyles();
  const [lang, setLang] = React.useState<Lang>(initialLang);
  React.useEffect(() => {
    document.documentElement.lang = lang;
    document.title = props.title[lang];
  }, [lang, props.title]);
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return (
    <FluentProvider theme={webLightTheme}>
      <LangContext.Provider value={lang}>
        <div className={styles.page}>
          <header className={styles.header}>
            <div>
              <Title2 as="h1" className={styles.title}>
                {props.title[lang]}
              </Title2>
              <Text className={styles.subtitle}>{props.subtitle[lang]}</Text>
            </div>
            <Button
              appearance="secondary"
              data-testid="lang-toggle"
              lang={other}
              aria-label={lang === 'vi' ? 'Switch to English' : 'Chuyển sang tiếng Việt'}
              onClick={() => {
                saveLang(other);
                setLang(other);
              }}
            >
              {lang === 'vi' ? 'English' : 'Tiếng Việt'}
            </Button>
          </header>
          <main className={styles.main}>{props.children}</main>
        </div>
      </LangContext.Provider>
    </FluentProvider>
  );
}
