import { describe, expect, it } from "vitest";
import { toIpcError } from "../ipc/errors";
import { errorMessage } from "./errorMessage";
import { translator } from "./index";

describe("error to message", () => {
  const zh = translator("zh-CN");
  const en = translator("en");

  it("uses the catalogue text of a known code, in the current language", () => {
    const error = { code: "provisional_year", message: "后端原文" };
    expect(errorMessage(error, zh)).toContain("允许使用推算年份");
    expect(errorMessage(error, en)).toContain("Allow estimated years");
    expect(errorMessage(error, zh)).not.toContain("后端原文");
  });

  it("maps every code of the contract", () => {
    for (const code of ["date_out_of_range", "provisional_year", "invalid_input", "invalid_period", "pause_invalid", "import_invalid", "internal"]) {
      expect(errorMessage({ code, message: "x" }, en)).not.toBe("x");
    }
  });

  it("keeps the backend's detail for invalid_input (it says which field)", () => {
    expect(errorMessage({ code: "invalid_input", message: "起算时间格式错误" }, zh)).toBe("输入有误：起算时间格式错误");
  });

  it("falls back to the backend message for an unknown code", () => {
    expect(errorMessage({ code: "calendar_corrupt", message: "工作日历数据损坏" }, en)).toBe("工作日历数据损坏");
    expect(errorMessage({ code: "title", message: "m" }, en)).toBe("m");
    expect(errorMessage({ code: "calendar_corrupt", message: " " }, en)).toBe("An unknown error occurred.");
  });

  it("normalises non-contract rejections to internal", () => {
    expect(toIpcError("command compute_deadline not found")).toEqual({ code: "internal", message: "command compute_deadline not found" });
    expect(toIpcError(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
    expect(toIpcError({ code: "pause_invalid", message: "m", extra: 1 })).toEqual({ code: "pause_invalid", message: "m" });
    expect(toIpcError(undefined).code).toBe("internal");
  });
});

describe("codes the window does not word itself", () => {
  const zh = translator("zh-CN");
  const en = translator("en");

  it("show the backend's message in the current language, or the code's generated title", () => {
    const error = { code: "case_changed", message: "办件SX-1已被更改，请刷新后再办理", message_en: "case SX-1 changed: reload it" };
    expect(errorMessage(error, zh)).toBe("办件SX-1已被更改，请刷新后再办理");
    expect(errorMessage(error, en)).toBe("case SX-1 changed: reload it");
    expect(errorMessage({ code: "store_busy", message: "" }, zh)).toBe("本地数据库正忙");
    expect(errorMessage({ code: "store_busy", message: "" }, en)).toBe("The local database is busy");
  });
});
