import { DEFAULT_LOCALE, isLocale, type Locale } from "./index";

const LOCALE_STORAGE_KEY = "approval-desk.locale";

/** The language chosen last time on this computer, else zh-CN. */
export function storedLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(saved) ? saved : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage unavailable: the choice lasts for this window only
  }
}
