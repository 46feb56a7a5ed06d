import { describe, expect, it } from "vitest";
import { translator } from "../../i18n";
import { readClock } from "./timeliness";

const zh = translator("zh-CN");
const en = translator("en");

describe("a clock's reading", () => {
  it("is coloured by its timeliness and always says it in words", () => {
    expect(readClock("on_time", 5, zh)).toEqual({ tone: "on-time", word: "按期", remaining: "剩余5个工作日" });
    expect(readClock("warning", 1, zh)).toEqual({ tone: "warning", word: "预警", remaining: "剩余1个工作日" });
    expect(readClock("overdue", -2, zh)).toEqual({ tone: "overdue", word: "超期", remaining: "2个工作日" });
  });

  it("reads the last day as due today, and in English", () => {
    expect(readClock("warning", 0, zh).remaining).toBe("今日届满");
    expect(readClock("overdue", -3, en)).toEqual({ tone: "overdue", word: "Overdue", remaining: "by 3 working day(s)" });
  });

  it("says when no clock runs, and tolerates a word this build does not know", () => {
    expect(readClock(null, null, zh)).toEqual({ tone: "none", word: "不计时", remaining: "" });
    expect(readClock("late" as never, 3, zh).tone).toBe("none");
    expect(readClock("on_time", null, zh).remaining).toBe("");
  });
});
