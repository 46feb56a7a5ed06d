import { useI18n } from "../i18n/i18nContext";

export const MAIN_CONTENT_ID = "main-content";

/**
 * "跳到主要内容": the first stop of the Tab key, visible when focused (WCAG
 * 2.4.1). It moves the focus itself: with hash routing, following "#main"
 * would be read as a route.
 */
export function SkipLink() {
  const { t } = useI18n();
  return (
    <a
      className="skip-link"
      href={`#${MAIN_CONTENT_ID}`}
      onClick={(event) => {
        event.preventDefault();
        document.getElementById(MAIN_CONTENT_ID)?.focus();
      }}
    >
      {t("app.skipToContent")}
    </a>
  );
}
