import { describe, expect, it } from "vitest";
import { translator } from "../../i18n";
import { nowInChina, toRfc3339 } from "../../time/chinaTime";
import { buildRequest, type FormValues } from "./request";

const t = translator("zh-CN");
const base: FormValues = { startDate: "2026-11-26", startTime: "10:00", unit: "working_days", length: "20", pauses: [], allowProvisional: false };

describe("deadline request", () => {
  it("sends China time as RFC 3339 with +08:00", () => {
    expect(buildRequest(base, t)).toEqual({
      ok: true,
      request: { start: "2026-11-26T10:00:00+08:00", unit: "working_days", length: 20, pauses: [], allow_provisional: false },
    });
  });

  it("builds pauses, an ongoing one with end null", () => {
    const result = buildRequest(
      {
        ...base,
        allowProvisional: true,
        pauses: [
          { startDate: "2026-11-27", startTime: "09:00", ongoing: false, endDate: "2026-11-30", endTime: "17:00", reason: " 补正材料 " },
          { startDate: "2026-12-03", startTime: "09:00", ongoing: true, endDate: "", endTime: "", reason: "听证" },
        ],
      },
      t,
    );
    expect(result.ok && result.request.pauses).toEqual([
      { start: "2026-11-27T09:00:00+08:00", end: "2026-11-30T17:00:00+08:00", reason: "补正材料" },
      { start: "2026-12-03T09:00:00+08:00", end: null, reason: "听证" },
    ]);
    expect(result.ok && result.request.allow_provisional).toBe(true);
  });

  it("reports malformed fields with a catalogue key", () => {
    const bad = (v: Partial<FormValues>) => {
      const r = buildRequest({ ...base, ...v }, t);
      return r.ok ? null : [r.problem.key, r.problem.field, t(r.problem.key, r.problem.params)];
    };
    expect(bad({ startDate: "2026-02-30" })).toEqual(["form.invalidDate", "startDate", "起算日期：请填写有效日期（格式 YYYY-MM-DD）。"]);
    expect(bad({ startTime: "25:00" })?.[0]).toBe("form.invalidTime");
    for (const length of ["0", "-1", "1.5", "", "abc"]) expect(bad({ length })?.[0]).toBe("form.invalidLength");
    const pause = { startDate: "2026-11-27", startTime: "09:00", ongoing: false, endDate: "", endTime: "17:00", reason: "" };
    expect(bad({ pauses: [pause] })).toEqual(["form.invalidDate", "pause-0-endDate", "第1个暂停期间的结束：请填写有效日期（格式 YYYY-MM-DD）。"]);
  });

  it("China wall clock of now and RFC 3339 helpers", () => {
    expect(nowInChina(Date.parse("2026-11-26T17:30:00Z"))).toEqual({ date: "2026-11-27", time: "01:30" });
    expect(toRfc3339("2026-11-26", "08:05:09")).toBe("2026-11-26T08:05:09+08:00");
    expect(toRfc3339("2026-13-01", "08:00")).toBeNull();
  });
});
