import { screen, waitFor, within } from "@testing-library/react";
import { act } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { casesAwaitingSeal, sealResults, session } from "../../ipc/commands";
import { onBackendEvent } from "../../ipc/events";
import type { BatchSealProgress, BatchSealView } from "../../ipc/types";
import { renderWithProviders } from "../../test/renderWithProviders";
import { DEFAULT_SEAL_SETTINGS } from "../case/actions/sealSettings";
import { BatchSealDialog } from "./BatchSealDialog";
import { batchSealRequest, documentNumberOf } from "./batchSealRequest";

vi.mock("../../ipc/commands");
vi.mock("../../ipc/events");

const WAITING = [
  { number: "SX2026-000401", itemCode: "610122-SCJG-XK-0001", itemName: "食品经营许可", applicant: "蓝田县好味道餐饮店", state: "decided" },
  { number: "SX2026-000402", itemCode: "610122-SCJG-XK-0001", itemName: "食品经营许可", applicant: "王小明", state: "decided" },
  { number: "SX2026-000403", itemCode: "610122-SCJG-XK-0001", itemName: "食品经营许可", applicant: "李华", state: "result_ready" },
];

let progressHandler: ((p: BatchSealProgress) => void) | null = null;

beforeEach(() => {
  vi.mocked(casesAwaitingSeal).mockResolvedValue(WAITING);
  vi.mocked(session).mockResolvedValue({ mode: "local", person: "李审批", account: null, hubUrl: null, roles: [], department: null, demoSeal: null } as never);
  vi.mocked(onBackendEvent).mockImplementation((name, handler) => {
    if (name === "seal-progress") progressHandler = handler as (p: BatchSealProgress) => void;
    return Promise.resolve(() => {
      progressHandler = null;
    });
  });
});
afterEach(() => {
  vi.resetAllMocks();
  progressHandler = null;
});

describe("the batch seal request", () => {
  it("numbers the chosen cases from the pattern's start number, in the list's order", () => {
    expect(documentNumberOf("蓝市监许〔2026〕{n}号", 12, 2)).toBe("蓝市监许〔2026〕14号");
    const settings = { ...DEFAULT_SEAL_SETTINGS, source: "pkcs11" as const, module: "/usr/lib/p11.so", token: "USB", keyLabel: "seal", reviewBody: "蓝田县人民政府", court: "蓝田县人民法院" };
    expect(batchSealRequest(["A", "B"], "蓝市监许〔2026〕{n}号", 7, settings, "")).toEqual({ problem: "pin" });
    expect(batchSealRequest([], "蓝市监许〔2026〕{n}号", 7, settings, "1234")).toEqual({ problem: "cases" });
    expect(batchSealRequest(["A"], "蓝市监许〔2026〕号", 7, settings, "1234")).toEqual({ problem: "pattern" });
    expect(batchSealRequest(["A", "B"], "蓝市监许〔2026〕{n}号", 7, settings, "1234")).toEqual({
      request: {
        cases: [
          { number: "A", documentNumber: "蓝市监许〔2026〕7号" },
          { number: "B", documentNumber: "蓝市监许〔2026〕8号" },
        ],
        reviewBody: "蓝田县人民政府",
        court: "蓝田县人民法院",
        verificationUrl: null,
        key: { kind: "pkcs11", module: "/usr/lib/p11.so", token: "USB", keyLabel: "seal", pin: "1234", chainPath: null },
      },
    });
  });
});

describe("the batch seal dialog", () => {
  it("seals the chosen cases, shows the progress and each case's outcome, a refused one with its error", async () => {
    let finish: (view: BatchSealView) => void = () => {};
    vi.mocked(sealResults).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const { user } = renderWithProviders(<BatchSealDialog onClose={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "批量签章" });
    await within(dialog).findByText(/SX2026-000401/);
    await user.click(within(dialog).getByRole("checkbox", { name: /SX2026-000401/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /SX2026-000403/ }));
    const start = within(dialog).getByRole("spinbutton", { name: "起始号" });
    await user.clear(start);
    await user.type(start, "12");
    await user.type(within(dialog).getByRole("textbox", { name: "行政复议机关" }), "蓝田县人民政府");
    await user.type(within(dialog).getByRole("textbox", { name: "人民法院" }), "蓝田县人民法院");
    await user.click(within(dialog).getByRole("radio", { name: /USB/ }));
    await user.type(within(dialog).getByRole("textbox", { name: "PKCS#11 模块" }), "/usr/lib/p11.so");
    await user.type(within(dialog).getByRole("textbox", { name: "令牌标签" }), "USB");
    await user.type(within(dialog).getByRole("textbox", { name: "密钥标签" }), "seal");
    await user.type(within(dialog).getByLabelText(/^PIN 码/), "123456");
    await user.click(within(dialog).getByRole("button", { name: "签章（2件）" }));

    expect(sealResults).toHaveBeenCalledWith(
      expect.objectContaining({
        cases: [
          { number: "SX2026-000401", documentNumber: "蓝市监许〔2026〕12号" },
          { number: "SX2026-000403", documentNumber: "蓝市监许〔2026〕13号" },
        ],
        reviewBody: "蓝田县人民政府",
        court: "蓝田县人民法院",
        key: expect.objectContaining({ kind: "pkcs11", pin: "123456" }),
      }),
      expect.anything(),
    );
    await waitFor(() => expect(progressHandler).not.toBeNull());
    act(() => progressHandler?.({ done: 1, total: 2, number: "SX2026-000401", sealed: true }));
    expect(within(dialog).getByText("已签 1/2：SX2026-000401")).toBeTruthy();
    const bar = dialog.querySelector("progress");
    expect(bar?.value).toBe(1);
    expect(bar?.max).toBe(2);

    act(() => progressHandler?.({ done: 2, total: 2, number: "SX2026-000403", sealed: false }));
    act(() =>
      finish({
        sealed: 1,
        failed: 1,
        outcomes: [
          { number: "SX2026-000401", error: null },
          { number: "SX2026-000403", error: { code: "already_exists", message: "办件SX2026-000403的结果文书已签章保存", message_en: "case SX2026-000403 has its sealed result document already" } },
        ],
      }),
    );
    const outcomes = await within(dialog).findByRole("region", { name: "签章结果" });
    expect(within(outcomes).getByText("已签章 1 件，未签章 1 件。")).toBeTruthy();
    expect(within(outcomes).getByText(/SX2026-000401: 已签章/)).toBeTruthy();
    expect(within(outcomes).getByText(/SX2026-000403: .*已签章保存|SX2026-000403: .*已经存在/)).toBeTruthy();
    expect((within(dialog).getByLabelText(/^PIN 码/) as HTMLInputElement).value).toBe("");
  });

  it("gives the focus to 全选 once the list has come, not to the close button, unless the officer moved it", async () => {
    let list: (cases: typeof WAITING) => void = () => {};
    vi.mocked(casesAwaitingSeal).mockImplementation(() => new Promise((resolve) => (list = resolve)));
    const { user, unmount } = renderWithProviders(<BatchSealDialog onClose={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "批量签章" });
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "关闭“批量签章”" }));
    act(() => list(WAITING));
    const all = await within(dialog).findByRole("checkbox", { name: "全选（3件）" });
    await waitFor(() => expect(document.activeElement).toBe(all));
    // Space on it ticks every case (on the close button it closed the dialog)
    await user.keyboard(" ");
    expect(within(dialog).getByRole("button", { name: "签章（3件）" })).toBeTruthy();
    unmount();

    // the officer went to the 文号 while the list loaded: the focus stays there
    const second = renderWithProviders(<BatchSealDialog onClose={() => {}} />);
    const again = await screen.findByRole("dialog", { name: "批量签章" });
    const pattern = within(again).getByRole("textbox", { name: /^文号格式/ });
    await second.user.click(pattern);
    act(() => list(WAITING));
    await within(again).findByRole("checkbox", { name: "全选（3件）" });
    expect(document.activeElement).toBe(pattern);
  });

  it("names the progress bar by its status line and keeps the focus in the dialog while sealing and after", async () => {
    let finish: (view: BatchSealView) => void = () => {};
    vi.mocked(sealResults).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const { user } = renderWithProviders(<BatchSealDialog onClose={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "批量签章" });
    await user.click(await within(dialog).findByRole("checkbox", { name: /SX2026-000402/ }));
    await user.type(within(dialog).getByRole("textbox", { name: "行政复议机关" }), "蓝田县人民政府");
    await user.type(within(dialog).getByRole("textbox", { name: "人民法院" }), "蓝田县人民法院");
    await user.type(within(dialog).getByRole("textbox", { name: "电子印章文件（PKCS#12）" }), "/home/li/seal.p12");
    await user.type(within(dialog).getByRole("textbox", { name: /^密钥环条目/ }), "approval-desk/seal");
    await user.click(within(dialog).getByRole("button", { name: "签章（1件）" }));

    const bar = within(dialog).getByRole("progressbar", { name: "正在签章…" });
    const status = document.getElementById(bar.getAttribute("aria-labelledby") ?? "");
    expect(status?.getAttribute("role")).toBe("status");
    // 签章 is disabled while it runs: the progress line has the focus, inside the dialog
    expect((within(dialog).getByRole("button", { name: "正在签章…" }) as HTMLButtonElement).disabled).toBe(true);
    expect(document.activeElement).toBe(bar.parentElement);
    expect(dialog.contains(document.activeElement)).toBe(true);
    await waitFor(() => expect(progressHandler).not.toBeNull());
    act(() => progressHandler?.({ done: 1, total: 1, number: "SX2026-000402", sealed: true }));
    expect(within(dialog).getByRole("progressbar", { name: "已签 1/1：SX2026-000402" })).toBe(bar);

    act(() => finish({ sealed: 1, failed: 0, outcomes: [{ number: "SX2026-000402", error: null }] }));
    const outcomes = await within(dialog).findByRole("region", { name: "签章结果" });
    await waitFor(() => expect(document.activeElement).toBe(outcomes.parentElement));
    expect(sealResults).toHaveBeenCalledWith(
      expect.objectContaining({ key: { kind: "pkcs12", path: "/home/li/seal.p12", keyringEntry: "approval-desk/seal" } }),
      expect.anything(),
    );
  });

  it("shows a chosen case's 文号 only for a start number the request accepts", async () => {
    const { user } = renderWithProviders(<BatchSealDialog onClose={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "批量签章" });
    const box = await within(dialog).findByRole("checkbox", { name: /SX2026-000401/ });
    await user.click(box);
    expect(box.closest("label")?.textContent).toMatch(/— 蓝市监许〔2026〕1号$/);
    const start = within(dialog).getByRole("spinbutton", { name: "起始号" });
    // an empty field is Number("") = 0: no 0号 shown, as the request refuses it
    await user.clear(start);
    expect(box.closest("label")?.textContent).not.toMatch(/号$/);
    await user.type(start, "0");
    expect(box.closest("label")?.textContent).not.toMatch(/号$/);
    await user.clear(start);
    await user.type(start, "7");
    expect(box.closest("label")?.textContent).toMatch(/— 蓝市监许〔2026〕7号$/);
  });

  it("shows 全选 partly ticked (mixed) while only some of the cases are chosen", async () => {
    const { user } = renderWithProviders(<BatchSealDialog onClose={() => {}} />);
    const dialog = await screen.findByRole("dialog", { name: "批量签章" });
    const all = await within(dialog).findByRole<HTMLInputElement>("checkbox", { name: "全选（3件）" });
    const state = () => ({ checked: all.checked, indeterminate: all.indeterminate, ariaChecked: all.getAttribute("aria-checked") });
    expect(state()).toEqual({ checked: false, indeterminate: false, ariaChecked: null });
    await user.click(within(dialog).getByRole("checkbox", { name: /SX2026-000402/ }));
    expect(state()).toEqual({ checked: false, indeterminate: true, ariaChecked: "mixed" });
    // a click on the mixed box chooses every case
    await user.click(all);
    expect(state()).toEqual({ checked: true, indeterminate: false, ariaChecked: null });
    expect(within(dialog).getByRole("button", { name: "签章（3件）" })).toBeTruthy();
    await user.click(within(dialog).getByRole("checkbox", { name: /SX2026-000401/ }));
    expect(state()).toEqual({ checked: false, indeterminate: true, ariaChecked: "mixed" });
    await user.click(within(dialog).getByRole("checkbox", { name: /SX2026-000402/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /SX2026-000403/ }));
    expect(state()).toEqual({ checked: false, indeterminate: false, ariaChecked: null });
  });

  it("asks for a case before sealing", async () => {
    const { user } = renderWithProviders(<BatchSealDialog onClose={() => {}} />, { locale: "en" });
    const dialog = await screen.findByRole("dialog", { name: "Batch seal" });
    await within(dialog).findByText(/SX2026-000402/);
    await user.click(within(dialog).getByRole("checkbox", { name: "All (3 cases)" }));
    expect(within(dialog).getByRole("button", { name: "Seal (3 cases)" })).toBeTruthy();
    await user.click(within(dialog).getByRole("checkbox", { name: "All (3 cases)" }));
    expect((within(dialog).getByRole("button", { name: "Seal (0 cases)" }) as HTMLButtonElement).disabled).toBe(true);
    expect(sealResults).not.toHaveBeenCalled();
  });
});
