import { useEffect, useMemo, useState, type ReactNode } from "react";
import { translator, type Locale } from "./index";
import { I18nContext, type I18nValue } from "./i18nContext";
import { storedLocale, storeLocale } from "./localeStorage";

/**
 * Holds the window's language. Changing it re-renders every text, marks the
 * document's language (screen readers pick their voice from it) and is
 * remembered for the next start.
 */
export function I18nProvider({ initialLocale, children }: { initialLocale?: Locale | undefined; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? storedLocale());

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(
    () => ({
      locale,
      t: translator(locale),
      setLocale: (next) => {
        setLocaleState(next);
        storeLocale(next);
      },
    }),
    [locale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}
