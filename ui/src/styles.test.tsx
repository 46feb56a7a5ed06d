import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

// Vitest hands CSS imports over empty: the window's stylesheet is read as text.
const css = readFileSync(fileURLToPath(import.meta.url).replace(/styles\.test\.tsx$/, "styles.css"), "utf8");
let sheet: CSSStyleSheet;
beforeAll(() => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  if (!style.sheet) throw new Error("styles.css did not parse");
  sheet = style.sheet;
});

const rules = () => [...sheet.cssRules].filter((r): r is CSSStyleRule => r instanceof CSSStyleRule);
/** The declarations of the rule whose selector list has `selector`. */
function ruleOf(selector: string): CSSStyleDeclaration {
  const rule = rules().find((r) => r.selectorText.split(",").some((s) => s.trim() === selector));
  if (!rule) throw new Error(`no rule for ${selector}`);
  return rule.style;
}
/** A colour with the :root custom properties put in. */
function color(value: string): string {
  const named = /^var\((--[\w-]+)\)$/.exec(value.trim());
  const resolved = named ? ruleOf(":root").getPropertyValue(named[1] ?? "").trim() : value.trim();
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(resolved);
  if (rgb) return `#${rgb.slice(1).map((n) => Number(n).toString(16).padStart(2, "0")).join("")}`;
  if (!/^#[0-9a-f]{6}$/i.test(resolved)) throw new Error(`not a colour: ${value}`);
  return resolved.toLowerCase();
}
/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("a disabled button", () => {
  it("looks disabled, the primary too: grey, not the accent, a no-entry pointer, its words still legible", () => {
    const primary = ruleOf(".btn-primary");
    // the first rule of .btn: white, with the ink colour
    const plain = ruleOf(".btn");
    for (const selector of [".btn:disabled", ".btn-primary:disabled"]) {
      const disabled = ruleOf(selector);
      const background = color(disabled.getPropertyValue("background") || disabled.getPropertyValue("background-color"));
      const ink = color(disabled.getPropertyValue("color"));
      expect(disabled.getPropertyValue("cursor")).toBe("not-allowed");
      // not the enabled primary's blue and white ("签章（0件）" looked clickable)
      expect(background).not.toBe(color(primary.getPropertyValue("background")));
      expect(ink).not.toBe(color(primary.getPropertyValue("color")));
      expect(color(disabled.getPropertyValue("border-color"))).not.toBe(color(primary.getPropertyValue("border-color")));
      expect(background).not.toBe(color(plain.getPropertyValue("background")));
      // WCAG 2.1 exempts disabled controls from 1.4.3; legible all the same
      expect(contrast(ink, background)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
