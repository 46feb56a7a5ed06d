import { Link } from "@tanstack/react-router";
import { formatInstant } from "../../i18n/dates";
import { caseStateLabel } from "../../i18n/domain";
import { useI18n } from "../../i18n/i18nContext";
import type { CaseView } from "../../ipc/types";

/** The case at a glance: number, state, item and guide version, applicant, who holds it. */
export function CaseHeader({ view }: { view: CaseView }) {
  const { t } = useI18n();
  return (
    <header className="case-header panel">
      <div className="case-title">
        <h2 id="case-heading">{t("case.heading", { number: view.number })}</h2>
        <span className="state-tag" data-state={view.state}>
          {caseStateLabel(view.state, t)}
        </span>
        {view.bundle && (
          <Link to="/cases/$number/bundle" params={{ number: view.number }} className="bundle-link">
            {t("case.bundleLink", { name: view.bundle.name })}
          </Link>
        )}
      </div>
      <dl className="case-facts">
        <dt>{t("case.item")}</dt>
        <dd>
          {view.item.name} <span className="muted">({view.item.code})</span>
        </dd>
        <dt>{t("case.department")}</dt>
        <dd>{view.item.department}</dd>
        <dt>{t("case.guideVersion")}</dt>
        <dd>{view.guideVersion}</dd>
        <dt>{t("case.applicant")}</dt>
        <dd>
          {view.applicant.name} <span className="muted">{view.applicant.certificateNumber}</span>
        </dd>
        <dt>{t("case.receivedAt")}</dt>
        <dd>{formatInstant(view.receivedAt, t)}</dd>
        <dt>{t("case.officer")}</dt>
        <dd>{view.officer ?? t("inbox.unassigned")}</dd>
      </dl>
    </header>
  );
}
