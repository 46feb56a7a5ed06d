import { isoWeekday, parseIsoDate, previousDay, rfc3339ToChina } from "../time/chinaTime";
import type { MessageKey, Translate } from "./index";

export function monthTitle(year: number, month: number, t: Translate): string {
  return t("calendar.monthTitle", { year, month, monthName: t(`monthName.${month}` as MessageKey) });
}

/** "2026年12月1日" / "December 1, 2026"; unparsable input is returned as is. */
export function formatDate(date: string, t: Translate): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  return t("date.long", {
    year: p.year,
    month: p.month,
    day: p.day,
    monthName: t(`monthName.${p.month}` as MessageKey),
  });
}

export function weekdayName(date: string, t: Translate): string {
  const wd = isoWeekday(date);
  return wd === 0 ? "" : t(`weekday.${wd}` as MessageKey);
}

/**
 * An RFC 3339 instant in China time, "2026年12月1日 10:00".
 * With `endOfDay`, midnight is shown as 24:00 of the previous day, the way a
 * deadline is read: due 2026-12-02T00:00+08:00 → "2026年12月1日 24:00".
 */
export function formatInstant(instant: string, t: Translate, opts: { endOfDay?: boolean } = {}): string {
  const wall = rfc3339ToChina(instant);
  if (!wall) return instant;
  if (opts.endOfDay === true && wall.time === "00:00") {
    return t("date.withTime", { date: formatDate(previousDay(wall.date), t), time: "24:00" });
  }
  return t("date.withTime", { date: formatDate(wall.date, t), time: wall.time });
}
