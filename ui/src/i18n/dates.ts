import { isoWeekday, parseIsoDate, previousDay, rfc3339ToChina } from "../time/chinaTime";
import type { Translate } from "./index";
import { monthName, weekdayLabel } from "./keys";

export function monthTitle(year: number, month: number, t: Translate): string {
  return t("calendar.monthTitle", { year, month, monthName: monthName(month, t) });
}

/** "2026年12月1日" / "December 1, 2026"; unparsable input is returned as is. */
export function formatDate(date: string, t: Translate): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  return t("date.long", { year: p.year, month: p.month, day: p.day, monthName: monthName(p.month, t) });
}

export function weekdayName(date: string, t: Translate): string {
  return weekdayLabel(isoWeekday(date), t);
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

/** Years as ranges: [2020, 2021, 2022, 2024] → "2020–2022、2024" (the separator is the language's). */
export function yearRanges(years: readonly number[], t: Translate): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] ?? 0;
    let last = first;
    while (sorted[i + 1] === last + 1) {
      last += 1;
      i += 1;
    }
    parts.push(first === last ? String(first) : `${first}–${last}`);
    i += 1;
  }
  return parts.join(t("list.separator"));
}
