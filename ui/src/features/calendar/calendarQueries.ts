import { useQuery } from "@tanstack/react-query";
import { calendarMonth, calendarStatus } from "../../ipc/commands";
import type { YearMonth } from "./monthNav";

/**
 * Query keys of the working-day calendar. Everything under `all` changes
 * when a holiday arrangement is imported, so an import invalidates `all`.
 */
export const calendarKeys = {
  all: ["calendar"] as const,
  status: () => [...calendarKeys.all, "status"] as const,
  month: (ym: YearMonth) => [...calendarKeys.all, "month", ym.year, ym.month] as const,
};

/** Which years the calendar covers and the notices about estimated years. */
export function useCalendarStatus() {
  return useQuery({ queryKey: calendarKeys.status(), queryFn: () => calendarStatus() });
}

/** The days of one month. */
export function useCalendarMonth(ym: YearMonth) {
  return useQuery({ queryKey: calendarKeys.month(ym), queryFn: () => calendarMonth(ym.year, ym.month) });
}
