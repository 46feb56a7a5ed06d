import { en } from "./en";
import { zhCN, type MessageKey } from "./zh-CN";

export type { MessageKey } from "./zh-CN";

export type Locale = "zh-CN" | "en";
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type Catalogue = Readonly<Record<MessageKey, string>>;
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { "zh-CN": zhCN, en };

export type Params = Readonly<Record<string, string | number>>;

/** Replaces {name} placeholders; unknown placeholders are left visible. */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(CATALOGUES[locale][key], params);
}

/** True when `key` is a catalogue key (used for keys built from backend codes). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en";
}

type Listener = (locale: Locale) => void;

/** The current language, shared by all views; views re-render on change. */
export class I18n {
  #locale: Locale;
  readonly #listeners = new Set<Listener>();

  constructor(locale: Locale = DEFAULT_LOCALE) {
    this.#locale = locale;
  }

  get locale(): Locale {
    return this.#locale;
  }

  t = (key: MessageKey, params?: Params): string => translate(this.#locale, key, params);

  setLocale(locale: Locale): void {
    if (locale === this.#locale) return;
    this.#locale = locale;
    for (const listener of this.#listeners) listener(locale);
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export type Translate = I18n["t"];
