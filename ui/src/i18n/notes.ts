import type { Translate } from "./index";
import { holidayLabel, weekdayLabel } from "./keys";

/** The weekday names the backend writes into an explanation's notes. */
const ZH_WEEKDAYS: Readonly<Record<string, number>> = {
  周一: 1, 周二: 2, 周三: 3, 周四: 4, 周五: 5, 周六: 6, 周日: 7, 星期日: 7, 星期天: 7, 周天: 7, 星期六: 6,
};

/**
 * The note of an explanation day: a holiday name or a weekday name (周六/周日)
 * is shown in the current language; anything else (a pause reason typed by
 * the officer) is shown as typed.
 */
export function noteLabel(note: string | null, t: Translate): string {
  if (note === null) return "";
  const trimmed = note.trim();
  const weekday = Object.hasOwn(ZH_WEEKDAYS, trimmed) ? ZH_WEEKDAYS[trimmed] : undefined;
  if (weekday !== undefined) return weekdayLabel(weekday, t);
  return holidayLabel(trimmed, t);
}
