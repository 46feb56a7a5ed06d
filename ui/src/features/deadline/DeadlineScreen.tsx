import { useI18n } from "../../i18n/i18nContext";
import { useDocumentTitle } from "../../app/useDocumentTitle";
import { CalendarNotices } from "../calendar/CalendarNotices";
import { DeadlineForm } from "./DeadlineForm";
import { DeadlineOutcome } from "./DeadlineOutcome";

/** 期限计算器: the form on the left, the result beside it (no scrolling between the two at 1366 px). */
export function DeadlineScreen() {
  const { t } = useI18n();
  useDocumentTitle(t("nav.deadline"));
  return (
    <div className="screen deadline-screen">
      <CalendarNotices />
      <section className="panel deadline" aria-labelledby="deadline-heading">
        <h2 id="deadline-heading">{t("deadline.heading")}</h2>
        <div className="deadline-columns">
          <DeadlineForm />
          <DeadlineOutcome />
        </div>
      </section>
    </div>
  );
}
