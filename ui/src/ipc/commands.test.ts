// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { calendarImport, calendarMonth, computeDeadline, sealCheck, sealCheckCancel } from "./commands";

type Invoke = (cmd: string, args: unknown, options?: unknown) => Promise<unknown>;

/** Tauri's IPC as @tauri-apps/api/core reaches it: window.__TAURI_INTERNALS__.invoke. */
function fakeTauri(invoke: Invoke) {
  const spy = vi.fn(invoke);
  Object.assign(window, { __TAURI_INTERNALS__: { invoke: spy, transformCallback: () => 0 } });
  return spy;
}

afterEach(() => {
  Reflect.deleteProperty(window, "__TAURI_INTERNALS__");
});

describe("IPC commands", () => {
  it("send each command's arguments by their contract names", async () => {
    const invoke = fakeTauri(() => Promise.resolve({}));
    await calendarMonth(2026, 2);
    await calendarImport('{"year":2027}');
    const request = { start: "2026-02-12T10:00:00+08:00", unit: "working_days", length: 5, pauses: [], allow_provisional: false } as const;
    await computeDeadline({ ...request, pauses: [] });
    expect(invoke.mock.calls.map(([cmd, args]) => [cmd, args])).toEqual([
      ["calendar_month", { year: 2026, month: 2 }],
      ["calendar_import", { json: '{"year":2027}' }],
      ["compute_deadline", { request }],
    ]);
  });

  it("send a PDF as the raw body with its name percent-encoded and the check's id in headers", async () => {
    const invoke = fakeTauri(() => Promise.resolve({}));
    const bytes = new TextEncoder().encode("%PDF-");
    await sealCheck("决定书.pdf", bytes, "check-1");
    expect(invoke).toHaveBeenCalledWith("seal_check", bytes, { headers: { "x-file-name": encodeURIComponent("决定书.pdf"), "x-check-id": "check-1" } });
  });

  it("cancel a seal check by its id", async () => {
    const invoke = fakeTauri(() => Promise.resolve(true));
    await expect(sealCheckCancel("check-1")).resolves.toBe(true);
    expect(invoke).toHaveBeenCalledWith("seal_check_cancel", { checkId: "check-1" }, undefined);
  });

  it("reject with an IpcError whatever Tauri threw", async () => {
    fakeTauri(() => Promise.reject({ code: "import_invalid", message: "m", details: [{ location: "year", message: "缺少", message_en: "missing" }] }));
    await expect(calendarImport("{}")).rejects.toEqual({ code: "import_invalid", message: "m", details: [{ location: "year", message: "缺少", message_en: "missing" }] });
    fakeTauri(() => Promise.reject("command calendar_month not found"));
    await expect(calendarMonth(2026, 1)).rejects.toEqual({ code: "internal", message: "command calendar_month not found" });
  });
});
