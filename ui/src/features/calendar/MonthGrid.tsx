import { useI18n } from "../../i18n/i18nContext";
import { monthTitle } from "../../i18n/dates";
import { WEEKDAYS, weekdayLabel } from "../../i18n/keys";
import type { CalendarMonth } from "../../ipc/types";
import { nowInChina } from "../../time/chinaTime";
import { DayButton } from "./DayButton";
import { buildMonthGrid } from "./monthGrid";

/**
 * The month as a table, Monday first: a table (not an ARIA grid) because
 * each day is a plain button reached with Tab, and a screen reader can
 * still read a day's column header (its weekday).
 */
export function MonthGrid({ month, onPick }: { month: CalendarMonth; onPick: (date: string) => void }) {
  const { t } = useI18n();
  const weeks = buildMonthGrid(month, nowInChina().date);
  return (
    <table className="month-grid">
      <caption className="visually-hidden">{monthTitle(month.year, month.month, t)}</caption>
      <thead>
        <tr className="week head">
          {WEEKDAYS.map((weekday) => (
            <th key={weekday} scope="col" className={weekday >= 6 ? "weekday-head weekend" : "weekday-head"}>
              {weekdayLabel(weekday, t)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, row) => (
          <tr key={row} className="week">
            {week.map((cell, column) =>
              cell.kind === "blank" ? (
                <td key={column} className="blank" />
              ) : (
                <td key={cell.date}>
                  <DayButton cell={cell} onPick={onPick} />
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
