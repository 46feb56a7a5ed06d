import { createContext, useContext } from "react";
import { nowInChina } from "../../time/chinaTime";
import type { YearMonth } from "./monthNav";

export interface ShownMonthValue {
  /** The month the officer moved to; null = the current month. */
  requested: YearMonth | null;
  show: (ym: YearMonth) => void;
}

export const ShownMonthContext = createContext<ShownMonthValue | null>(null);

/**
 * The month the calendar shows. It lives above the screens, so that coming
 * back from the calculator (after picking a day) shows the same month again.
 */
export function useShownMonth(): ShownMonthValue {
  const value = useContext(ShownMonthContext);
  if (value === null) throw new Error("useShownMonth() outside <ShownMonthProvider>");
  return value;
}

/** The current month in China, read when asked (the "today" button must follow the clock). */
export function currentMonth(): YearMonth {
  const today = nowInChina().date;
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}
