import { describe, expect, it } from "vitest";
import type { CalendarDay, CalendarMonth } from "../../ipc/types";
import { buildMonthGrid, type GridCell } from "./monthGrid";
import { addMonths, clampToRange, inRange } from "./monthNav";

function plainMonth(year: number, month: number, tweak: (d: CalendarDay) => CalendarDay = (d) => d): CalendarMonth {
  const days: CalendarDay[] = [];
  for (let day = 1; ; day++) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) break;
    const weekday = (((date.getUTCDay() + 6) % 7) + 1) as CalendarDay["weekday"];
    days.push(tweak({ date: date.toISOString().slice(0, 10), weekday, kind: weekday >= 6 ? "restday" : "workday", holiday: null, adjusted_workday: false, provisional: false }));
  }
  return { year, month, provisional: false, days };
}

const dayAt = (cell: GridCell | undefined): Extract<GridCell, { kind: "day" }> => {
  if (!cell || cell.kind !== "day") throw new Error("not a day cell");
  return cell;
};

describe("month grid", () => {
  it("is Monday-first with blanks before the 1st and after the last day", () => {
    // January 2026 starts on a Thursday and has 31 days: 3 + 31 + 1 = 35 cells
    const weeks = buildMonthGrid(plainMonth(2026, 1));
    expect(weeks).toHaveLength(5);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]?.slice(0, 3).every((c) => c.kind === "blank")).toBe(true);
    expect(dayAt(weeks[0]?.[3]).date).toBe("2026-01-01");
    expect(dayAt(weeks[4]?.[5]).date).toBe("2026-01-31");
    expect(weeks[4]?.[6]?.kind).toBe("blank");
  });

  it("needs no blanks for a month starting on Monday, six rows when needed", () => {
    const feb2021 = buildMonthGrid(plainMonth(2021, 2)); // 1 Feb 2021 is a Monday, 28 days
    expect(feb2021).toHaveLength(4);
    expect(dayAt(feb2021[0]?.[0]).day).toBe(1);
    const aug2026 = buildMonthGrid(plainMonth(2026, 8)); // starts on Saturday, 31 days
    expect(aug2026).toHaveLength(6);
  });

  it("marks holiday rest days, adjusted workdays, greyed weekends, provisional and today", () => {
    const month = plainMonth(2026, 1, (d) => {
      if (d.date <= "2026-01-03") return { ...d, kind: "restday", holiday: "元旦" };
      if (d.date === "2026-01-04") return { ...d, kind: "workday", adjusted_workday: true };
      if (d.date === "2026-01-20") return { ...d, provisional: true };
      return d;
    });
    const cells = buildMonthGrid(month, "2026-01-15").flat().filter((c) => c.kind === "day").map(dayAt);
    const byDate = new Map(cells.map((c) => [c.date, c]));
    expect(byDate.get("2026-01-01")).toMatchObject({ holidayRest: true, rest: true, holiday: "元旦", greyed: false });
    expect(byDate.get("2026-01-03")).toMatchObject({ holidayRest: true, weekend: true, greyed: true });
    expect(byDate.get("2026-01-04")).toMatchObject({ adjustedWorkday: true, weekend: true, greyed: false, rest: false, holidayRest: false });
    expect(byDate.get("2026-01-10")).toMatchObject({ greyed: true, holidayRest: false, adjustedWorkday: false });
    expect(byDate.get("2026-01-20")?.provisional).toBe(true);
    expect(cells.filter((c) => c.today).map((c) => c.date)).toEqual(["2026-01-15"]);
  });

  it("places days by date even if sent out of order; empty month → no weeks", () => {
    const month = plainMonth(2026, 3);
    const shuffled = { ...month, days: [...month.days].reverse() };
    expect(buildMonthGrid(shuffled)).toEqual(buildMonthGrid(month));
    expect(buildMonthGrid({ ...month, days: [] })).toEqual([]);
  });
});

describe("month navigation", () => {
  it("wraps years", () => {
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 5 }, 0)).toEqual({ year: 2026, month: 5 });
  });

  it("keeps within the calendar's range", () => {
    const range = { first_year: 2020, last_year: 2027 };
    expect(inRange({ year: 2019, month: 12 }, range)).toBe(false);
    expect(inRange({ year: 2027, month: 12 }, range)).toBe(true);
    expect(inRange({ year: 2028, month: 1 }, null)).toBe(true);
    expect(clampToRange({ year: 2030, month: 5 }, range)).toEqual({ year: 2027, month: 12 });
    expect(clampToRange({ year: 2019, month: 5 }, range)).toEqual({ year: 2020, month: 1 });
  });
});
