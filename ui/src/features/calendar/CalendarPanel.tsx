import { Badge } from "../../components/Badge";
import { useI18n } from "../../i18n/i18nContext";
import { errorMessage } from "../../i18n/errorMessage";
import { CalendarLegend } from "./CalendarLegend";
import { useCalendarMonth, useCalendarStatus } from "./calendarQueries";
import { MonthGrid } from "./MonthGrid";
import { MonthNav } from "./MonthNav";
import { clampToRange } from "./monthNav";
import { currentMonth, useShownMonth } from "./shownMonthContext";

/** The working-day calendar (工作日历): one month, its navigation and legend. */
export function CalendarPanel({ onPickDay }: { onPickDay: (date: string) => void }) {
  const { t } = useI18n();
  const status = useCalendarStatus();
  const range = status.data ? { first_year: status.data.first_year, last_year: status.data.last_year } : null;
  const { requested, show } = useShownMonth();
  // Kept inside the calendar's range, which is only known once the status is in.
  const shown = clampToRange(requested ?? currentMonth(), range);
  const month = useCalendarMonth(shown);

  return (
    <section className="panel calendar" aria-labelledby="calendar-heading">
      <div className="panel-head">
        <h2 id="calendar-heading">{t("calendar.heading")}</h2>
        <MonthNav shown={shown} range={range} onShow={show} />
      </div>
      {month.isPending && (
        <p className="muted" role="status">
          {t("calendar.loading")}
        </p>
      )}
      {month.isError && (
        <p className="alert alert-error" role="alert" data-code={month.error.code}>
          {errorMessage(month.error, t)}
        </p>
      )}
      {month.isSuccess && (
        <>
          {month.data.provisional && (
            <p className="alert alert-provisional" role="note">
              <Badge tone="provisional">{t("calendar.badge.provisional")}</Badge> {t("calendar.provisionalMonth", { year: month.data.year })}
            </p>
          )}
          <MonthGrid month={month.data} onPick={onPickDay} />
        </>
      )}
      <CalendarLegend />
    </section>
  );
}
