import type { Translate } from "../../i18n";
import { formatDate } from "../../i18n/dates";
import { holidayLabel, weekdayLabel } from "../../i18n/keys";
import type { DayCell } from "./monthGrid";

/** "2026年1月1日 · 周四 · 休息日 · 元旦 · 推算": what a screen reader and the tooltip say of a day. */
export function dayLabel(cell: DayCell, t: Translate): string {
  const parts = [formatDate(cell.date, t), weekdayLabel(cell.weekday, t), dayStatus(cell, t)];
  if (cell.holiday !== null) parts.push(holidayLabel(cell.holiday, t));
  if (cell.provisional) parts.push(t("calendar.badge.provisional"));
  return parts.join(" · ");
}

/** 工作日 / 休息日 / 调休上班. */
export function dayStatus(cell: DayCell, t: Translate): string {
  return cell.adjustedWorkday ? t("calendar.cell.adjusted") : t(cell.rest ? "calendar.cell.restday" : "calendar.cell.workday");
}

/** The classes the styles (and the tests) read a day's kind from. */
export function dayClasses(cell: DayCell): string {
  const classes = ["day"];
  if (cell.rest) classes.push("rest");
  if (cell.greyed) classes.push("weekend");
  if (cell.holidayRest) classes.push("holiday");
  if (cell.adjustedWorkday) classes.push("adjusted");
  if (cell.provisional) classes.push("provisional");
  if (cell.today) classes.push("today");
  return classes.join(" ");
}

