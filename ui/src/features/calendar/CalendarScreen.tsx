import { useNavigate } from "@tanstack/react-router";
import { useDocumentTitle } from "../../app/useDocumentTitle";
import { useI18n } from "../../i18n/i18nContext";
import { CalendarImportSection } from "../calendarImport/CalendarImportSection";
import { useDeadlineDraft } from "../deadline/deadlineDraftContext";
import { CalendarNotices } from "./CalendarNotices";
import { CalendarPanel } from "./CalendarPanel";

/**
 * 工作日历: the month and, beside it, the holiday arrangements (which years
 * are official, importing the next one). A day picked opens the calculator
 * with that day as its start date.
 */
export function CalendarScreen() {
  const { t } = useI18n();
  useDocumentTitle(t("nav.calendar"));
  const navigate = useNavigate();
  const { pickStartDate } = useDeadlineDraft();
  return (
    <div className="screen calendar-screen">
      <CalendarNotices />
      <div className="calendar-columns">
        <CalendarPanel
          onPickDay={(date) => {
            pickStartDate(date);
            void navigate({ to: "/deadline" });
          }}
        />
        <CalendarImportSection />
      </div>
    </div>
  );
}
