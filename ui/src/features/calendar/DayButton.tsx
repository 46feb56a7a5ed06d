import { Badge } from "../../components/Badge";
import { useI18n } from "../../i18n/i18nContext";
import { holidayLabel } from "../../i18n/keys";
import { dayClasses, dayLabel, dayStatus } from "./dayLabel";
import { formatDate } from "../../i18n/dates";
import { weekdayLabel } from "../../i18n/keys";
import type { DayCell } from "./monthGrid";

/**
 * One day of the month grid: its number, its badges (休/班/推算) and its
 * holiday. Its accessible name is built from what is shown plus hidden
 * words around it ("2026年1月1日 周四 1 休 元旦 · 休息日"), so that it contains
 * the visible text (WCAG 2.5.3: a voice-control user says what they see).
 * The tooltip gives the whole line.
 */
export function DayButton({ cell, onPick }: { cell: DayCell; onPick: (date: string) => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className={dayClasses(cell)} data-date={cell.date} title={dayLabel(cell, t)} aria-current={cell.today ? "date" : undefined} onClick={() => onPick(cell.date)}>
      {/* The spaces between the parts are text nodes: the accessible name keeps them, the flex layout ignores them. */}
      <span className="visually-hidden">{`${formatDate(cell.date, t)} ${weekdayLabel(cell.weekday, t)}`}</span>{" "}
      <span className="day-number">{cell.day}</span>{" "}
      <span className="badges">
        {cell.holidayRest && <Badge tone="rest">{t("calendar.badge.rest")}</Badge>}
        {cell.adjustedWorkday && <Badge tone="work">{t("calendar.badge.work")}</Badge>}
        {cell.provisional && <Badge tone="provisional">{t("calendar.badge.provisional")}</Badge>}
      </span>{" "}
      {cell.holiday !== null && <span className="holiday-name">{holidayLabel(cell.holiday, t)}</span>}{" "}
      <span className="visually-hidden">{`· ${dayStatus(cell, t)}`}</span>
    </button>
  );
}
