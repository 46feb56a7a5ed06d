import { describe, expect, it } from "vitest";
import { translator } from "../../i18n";
import { formatDate, formatInstant } from "../../i18n/dates";
import type { Explanation } from "../../ipc/types";
import { explanationRows } from "./explanation";

const zh = translator("zh-CN");
const en = translator("en");

const explanation: Explanation = {
  text: "…",
  days: [
    { date: "2026-09-30", role: "start", ordinal: null, note: null, provisional: false },
    { date: "2026-10-01", role: "rest", ordinal: null, note: "国庆节", provisional: false },
    { date: "2026-10-10", role: "rest", ordinal: null, note: "周六", provisional: false },
    { date: "2026-10-12", role: "counted", ordinal: 3, note: null, provisional: false },
    { date: "2026-10-13", role: "paused", ordinal: null, note: "周六补正", provisional: false },
    { date: "2027-01-04", role: "extended", ordinal: null, note: null, provisional: true },
  ],
};

describe("explanation rows", () => {
  it("formats dates, weekdays, roles and numbers counted days (zh-CN)", () => {
    const rows = explanationRows(explanation, zh);
    expect(rows.map((r) => [r.dateLabel, r.weekday, r.roleLabel, r.ordinalLabel, r.note])).toEqual([
      ["2026年9月30日", "周三", "起算日（不计入）", "", ""],
      ["2026年10月1日", "周四", "休息日（跳过）", "", "国庆节"],
      ["2026年10月10日", "周六", "休息日（跳过）", "", "周六"],
      ["2026年10月12日", "周一", "计入", "第3日", ""],
      ["2026年10月13日", "周二", "暂停（不计入）", "", "周六补正"],
      ["2027年1月4日", "周一", "顺延至工作日", "", ""],
    ]);
    expect(rows.map((r) => r.provisional)).toEqual([false, false, false, false, false, true]);
  });

  it("translates holiday and weekday notes but not pause reasons (en)", () => {
    const rows = explanationRows(explanation, en);
    expect(rows[1]).toMatchObject({ dateLabel: "October 1, 2026", weekday: "Thu", note: "National Day" });
    expect(rows[2]?.note).toBe("Sat");
    expect(rows[3]?.ordinalLabel).toBe("Day 3");
    expect(rows[4]?.note).toBe("周六补正");
  });
});

describe("due formatting", () => {
  it("shows midnight of the next day as 24:00 of the last day", () => {
    expect(formatInstant("2026-12-02T00:00:00+08:00", zh, { endOfDay: true })).toBe("2026年12月1日 24:00");
    expect(formatInstant("2026-12-02T00:00:00+08:00", en, { endOfDay: true })).toBe("December 1, 2026, 24:00");
    expect(formatInstant("2027-01-01T00:00:00+08:00", zh, { endOfDay: true })).toBe("2026年12月31日 24:00");
    expect(formatInstant("2026-03-01T00:00:00+08:00", zh, { endOfDay: true })).toBe("2026年2月28日 24:00");
  });

  it("renders any offset in China time; other times as is", () => {
    expect(formatInstant("2026-12-01T17:30:00+08:00", zh, { endOfDay: true })).toBe("2026年12月1日 17:30");
    expect(formatInstant("2026-12-01T16:00:00Z", zh, { endOfDay: true })).toBe("2026年12月1日 24:00");
    expect(formatInstant("2026-12-02T00:00:00+08:00", zh)).toBe("2026年12月2日 00:00");
    expect(formatInstant("not a date", zh)).toBe("not a date");
    expect(formatDate("2026-02-30", zh)).toBe("2026-02-30");
  });
});
