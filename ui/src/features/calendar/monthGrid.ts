import type { CalendarDay, CalendarMonth } from "../../ipc/types";

/** One cell of the Monday-first month grid. */
export type GridCell =
  | { kind: "blank" }
  | {
      kind: "day";
      date: string;
      day: number;
      weekday: number;
      rest: boolean;
      weekend: boolean;
      /** greyed: a weekend day that is not an adjusted working day */
      greyed: boolean;
      /** 休 badge: a rest day that belongs to a statutory holiday */
      holidayRest: boolean;
      /** 班 badge: 调休上班 */
      adjustedWorkday: boolean;
      holiday: string | null;
      provisional: boolean;
      today: boolean;
    };

export type DayCell = Extract<GridCell, { kind: "day" }>;

export type GridWeek = GridCell[];

function toCell(day: CalendarDay, today: string): GridCell {
  const weekend = day.weekday >= 6;
  const rest = day.kind === "restday";
  return {
    kind: "day",
    date: day.date,
    day: Number(day.date.slice(8, 10)),
    weekday: day.weekday,
    rest,
    weekend,
    greyed: weekend && !day.adjusted_workday,
    holidayRest: rest && day.holiday !== null,
    adjustedWorkday: day.adjusted_workday,
    holiday: day.holiday,
    provisional: day.provisional,
    today: day.date === today,
  };
}

/**
 * Lays out a month as weeks of 7 cells, Monday first, padded with blanks
 * before the 1st and after the last day. Days are placed by their date, in
 * order, whatever order the backend sent them in.
 */
export function buildMonthGrid(month: CalendarMonth, today = ""): GridWeek[] {
  const days = [...month.days].sort((a, b) => a.date.localeCompare(b.date));
  const first = days[0];
  if (!first) return [];
  const cells: GridCell[] = [];
  for (let i = 1; i < first.weekday; i++) cells.push({ kind: "blank" });
  for (const day of days) cells.push(toCell(day, today));
  while (cells.length % 7 !== 0) cells.push({ kind: "blank" });
  const weeks: GridWeek[] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
