import { en } from "./en";
import { zhCN, type MessageKey } from "./zh-CN";

export type { MessageKey } from "./zh-CN";

export type Locale = "zh-CN" | "en";
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export type Catalogue = Readonly<Record<MessageKey, string>>;
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { "zh-CN": zhCN, en };

export type Params = Readonly<Record<string, string | number>>;

/** A catalogue lookup in one language: what every component and formatter is handed. */
export type Translate = (key: MessageKey, params?: Params) => string;

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

/** The `t` of one language (React code gets it from `useI18n()`). */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en";
}

/**
 * The catalogue key a backend code maps to, or undefined for a code this UI
 * does not know (yet). The maps are typed `Record<Code, MessageKey>`, so the
 * compiler proves that every key exists; this only guards the lookup of a
 * string that came over IPC.
 */
export function keyFor(map: Readonly<Partial<Record<string, MessageKey>>>, code: string): MessageKey | undefined {
  return Object.hasOwn(map, code) ? map[code] : undefined;
}
