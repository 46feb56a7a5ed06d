import "./case.css";
import { Link } from "@tanstack/react-router";
import { useDocumentTitle } from "../../app/useDocumentTitle";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import { ActionsPanel } from "./actions/ActionsPanel";
import { CaseHeader } from "./CaseHeader";
import { useCase } from "./caseQueries";
import { ClocksSection } from "./ClocksSection";
import { Flowchart } from "./Flowchart";
import { HistorySection } from "./HistorySection";
import { MaterialsSection } from "./MaterialsSection";

/** One case: what it is, where it stands, and what the officer may do now. */
export function CaseScreen({ number }: { number: string }) {
  const { t } = useI18n();
  useDocumentTitle(t("case.heading", { number }));
  const view = useCase(number);
  return (
    <div className="screen case-screen" aria-labelledby={view.data ? "case-heading" : undefined}>
      <nav className="crumbs" aria-label={t("case.crumbs")}>
        <Link to="/inbox">{t("case.backToInbox")}</Link>
      </nav>
      {view.isPending && <p role="status">{t("inbox.loading")}</p>}
      {view.isError && (
        <section className="panel" aria-labelledby="case-error-heading">
          <h2 id="case-error-heading">{t("case.heading", { number })}</h2>
          <p className="alert alert-error" role="alert">
            {errorMessage(view.error, t)}
          </p>
        </section>
      )}
      {view.data && (
        <>
          <CaseHeader view={view.data} />
          <div className="case-columns">
            <div className="case-main">
              <section className="panel case-section" aria-labelledby="flow-heading">
                <h3 id="flow-heading">{t("case.flowchart")}</h3>
                <Flowchart chart={view.data.flowchart} />
              </section>
              <ClocksSection view={view.data} />
              <MaterialsSection view={view.data} />
              <HistorySection view={view.data} />
            </div>
            <aside className="case-side" aria-label={t("case.actions")}>
              <ActionsPanel view={view.data} />
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
