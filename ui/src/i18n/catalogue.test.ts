import { describe, expect, it } from "vitest";
import { en } from "./en";
import { CATALOGUES, interpolate, translate } from "./index";
import { zhCN } from "./zh-CN";

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();

// Keys whose word order differs by language and so use different placeholders.
// error.fromBackend picks the backend's message of the current language: {message} (zh-CN) or {message_en}.
const LOCALISED_FORMATS = new Set(["calendar.monthTitle", "date.long", "error.fromBackend"]);

describe("i18n catalogues", () => {
  it("zh-CN and en have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it("no message is empty", () => {
    for (const catalogue of Object.values(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), key).not.toBe("");
    }
  });

  it("both languages use the same placeholders", () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      if (LOCALISED_FORMATS.has(key)) continue;
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });

  it("interpolates named placeholders and leaves unknown ones visible", () => {
    expect(interpolate("{year}年{month}月", { year: 2026, month: 1 })).toBe("2026年1月");
    expect(interpolate("a {missing} b")).toBe("a {missing} b");
    expect(translate("en", "notice.provisional_year_in_use", { year: 2027 })).toContain("2027");
  });
});
