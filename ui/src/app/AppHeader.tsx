import { useI18n } from "../i18n/i18nContext";
import { LanguageSwitch } from "./LanguageSwitch";

/** The window's banner: the app's name and the language switch. */
export function AppHeader() {
  const { t } = useI18n();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="seal" aria-hidden="true" />
        <h1>{t("app.title")}</h1>
        <span className="subtitle">{t("app.subtitle")}</span>
      </div>
      <LanguageSwitch />
    </header>
  );
}
