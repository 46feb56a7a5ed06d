import { createContext, useContext } from "react";
import type { Locale, Translate } from "./index";

export interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

export const I18nContext = createContext<I18nValue | null>(null);

/** The current language and its `t`; every component that shows text uses this. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error("useI18n() outside <I18nProvider>");
  return value;
}
