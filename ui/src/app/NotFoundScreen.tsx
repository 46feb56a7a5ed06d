import { Link } from "@tanstack/react-router";
import { useI18n } from "../i18n/i18nContext";
import { useDocumentTitle } from "./useDocumentTitle";

/** An address no screen answers (an old bookmark, a typo in a link). */
export function NotFoundScreen() {
  const { t } = useI18n();
  useDocumentTitle(t("notFound.heading"));
  return (
    <section className="panel not-found" aria-labelledby="not-found-heading">
      <h2 id="not-found-heading">{t("notFound.heading")}</h2>
      <p>{t("notFound.body")}</p>
      <Link to="/calendar" className="btn">
        {t("notFound.back")}
      </Link>
    </section>
  );
}
