export interface YearMonth {
  year: number;
  month: number;
}

export interface YearRange {
  first_year: number;
  last_year: number;
}

export function addMonths(ym: YearMonth, delta: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function compareYearMonth(a: YearMonth, b: YearMonth): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

/** Whether ym lies within the calendar's range (no range known = allowed). */
export function inRange(ym: YearMonth, range: YearRange | null): boolean {
  if (!range) return true;
  return ym.year >= range.first_year && ym.year <= range.last_year;
}

/** Clamps ym into the range: before → January of first_year, after → December of last_year. */
export function clampToRange(ym: YearMonth, range: YearRange | null): YearMonth {
  if (!range) return ym;
  if (ym.year < range.first_year) return { year: range.first_year, month: 1 };
  if (ym.year > range.last_year) return { year: range.last_year, month: 12 };
  return ym;
}
