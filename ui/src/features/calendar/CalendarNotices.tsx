import { Badge } from "../../components/Badge";
import { useI18n } from "../../i18n/i18nContext";
import { errorMessage } from "../../i18n/errorMessage";
import { useCalendarStatus } from "./calendarQueries";
import { noticeText } from "./notices";

/**
 * The calendar's notices (an estimated year, official data running out),
 * above every screen whose dates depend on them. A live region, so a notice
 * that appears or goes (after an import) is announced.
 */
export function CalendarNotices() {
  const { t } = useI18n();
  const status = useCalendarStatus();
  return (
    <div className="notices" aria-live="polite">
      {status.isError && <p className="alert alert-error">{t("notice.statusFailed", { message: errorMessage(status.error, t) })}</p>}
      {status.data?.notices.map((notice) => (
        <p key={`${notice.code}-${notice.year}`} className="alert alert-provisional notice" data-code={notice.code}>
          {notice.code === "provisional_year_in_use" && (
            <>
              <Badge tone="provisional">{t("calendar.badge.provisional")}</Badge>{" "}
            </>
          )}
          {noticeText(notice, t)}
        </p>
      ))}
    </div>
  );
}
