import { h, replaceChildren } from "../dom/h";
import { CATALOGUES, LOCALES, isLocale, type I18n } from "../i18n";

/** The window header: title and the language switch. */
export function createHeader(i18n: I18n): HTMLElement {
  const element = h("header", { class: "app-header" });

  function render(): void {
    const t = i18n.t;
    const select = h(
      "select",
      { id: "language-switch", name: "language", "aria-label": t("app.language") },
      ...LOCALES.map((locale) => h("option", { value: locale, lang: locale }, CATALOGUES[locale]["app.languageName"])),
    );
    select.value = i18n.locale;
    select.addEventListener("change", () => {
      if (isLocale(select.value)) i18n.setLocale(select.value);
    });
    replaceChildren(
      element,
      h("div", { class: "brand" }, h("span", { class: "seal", "aria-hidden": "true" }), h("h1", {}, t("app.title")), h("span", { class: "subtitle" }, t("app.subtitle"))),
      h("label", { class: "language" }, h("span", {}, t("app.language")), select),
    );
  }

  i18n.onChange(render);
  render();
  return element;
}
