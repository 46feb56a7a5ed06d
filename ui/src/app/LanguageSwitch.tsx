import { CATALOGUES, LOCALES, isLocale } from "../i18n";
import { useI18n } from "../i18n/i18nContext";

/** 中文 / English; each option is named in its own language. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label className="language">
      <span>{t("app.language")}</span>
      <select
        id="language-switch"
        name="language"
        value={locale}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (isLocale(next)) setLocale(next);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {CATALOGUES[option]["app.languageName"]}
          </option>
        ))}
      </select>
    </label>
  );
}
