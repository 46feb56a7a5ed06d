import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { caseAct, correctionNoticePreview, recordTracking, sealResult } from "../../../ipc/commands";
import type { CaseView } from "../../../ipc/types";
import { fixtures } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/renderWithProviders";
import { openPdf } from "../../pdf/renderPdf";
import { AppProviders } from "../../../app/AppProviders";
import { ActionsPanel } from "./ActionsPanel";

vi.mock("../../../ipc/commands");
vi.mock("../../pdf/renderPdf");

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46]);

beforeEach(() => {
  vi.mocked(openPdf).mockResolvedValue({ pages: 1, draw: () => Promise.resolve(), close: () => Promise.resolve() });
});
afterEach(() => vi.resetAllMocks());

const renderPanel = (view: CaseView, locale: "zh-CN" | "en" = "zh-CN") => renderWithProviders(<ActionsPanel view={view} />, { locale });

describe("the actions panel", () => {
  it("offers only what the rules allow now", () => {
    renderPanel(fixtures.caseReceived);
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["受理", "一次性告知补正", "不予受理", "分配承办人", "委托"]);
  });

  it("names steps and stages, and offers sealing a decided letter", () => {
    renderPanel(fixtures.caseInReview);
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["完成“审查”", "启动特别程序“现场核查”", "作出决定", "转办", "催办", "委托"]);
    renderPanel(fixtures.caseDecided);
    expect(screen.getByRole("button", { name: "结果签章" })).toBeTruthy();
  });

  it("after an action the case no longer offers, the focus goes to the panel's heading, not to the page", async () => {
    vi.mocked(caseAct).mockResolvedValue(fixtures.caseInReview);
    const { user, rerender, queryClient } = renderPanel(fixtures.caseReceived);
    await user.click(screen.getByRole("button", { name: "受理" }));
    await user.click(screen.getByRole("button", { name: "确定受理" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(document.activeElement?.textContent).toBe("受理");
    // the case view reads the case again: 受理 is no longer offered
    rerender(
      <AppProviders queryClient={queryClient} locale="zh-CN">
        <ActionsPanel view={fixtures.caseInReview} />
      </AppProviders>,
    );
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "可办理的操作" })));
  });

  it("leaves the focus alone when the officer had moved it away before the case changed", async () => {
    const { user, rerender, queryClient } = renderPanel(fixtures.caseReceived);
    const outside = document.createElement("button");
    document.body.append(outside);
    await user.click(screen.getByRole("button", { name: "受理" }));
    await user.keyboard("{Escape}");
    outside.focus();
    rerender(
      <AppProviders queryClient={queryClient} locale="zh-CN">
        <ActionsPanel view={fixtures.caseInReview} />
      </AppProviders>,
    );
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it("refuses acceptance with a reason and legal basis, against the version seen", async () => {
    vi.mocked(caseAct).mockResolvedValue(fixtures.caseReceived);
    const { user } = renderPanel(fixtures.caseReceived);
    await user.click(screen.getByRole("button", { name: "不予受理" }));
    const dialog = screen.getByRole("dialog", { name: "不予受理" });
    await user.click(within(dialog).getByRole("button", { name: "确定不予受理" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("请填写理由。");
    expect(caseAct).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText("理由"), "不属于本部门职权范围");
    await user.type(within(dialog).getByLabelText("法律依据"), "《中华人民共和国行政许可法》第三十二条第一款第二项");
    await user.click(within(dialog).getByRole("button", { name: "确定不予受理" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(caseAct).toHaveBeenCalledWith({
      number: fixtures.caseReceived.number,
      expectedVersion: fixtures.caseReceived.version,
      action: { kind: "refuse", reason: "不属于本部门职权范围", basis: "《中华人民共和国行政许可法》第三十二条第一款第二项" },
    });
  });

  it("shows a refusal in Chinese from the error vocabulary, and in English", async () => {
    vi.mocked(caseAct).mockRejectedValue(fixtures.caseChanged);
    const { user, unmount } = renderPanel(fixtures.caseReceived);
    await user.click(screen.getByRole("button", { name: "受理" }));
    await user.click(screen.getByRole("button", { name: "确定受理" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe(`未能办理： ${fixtures.caseChanged.message}`);
    expect(alert.getAttribute("data-code")).toBe("case_changed");
    unmount();

    const english = renderPanel(fixtures.caseReceived, "en");
    await english.user.click(screen.getByRole("button", { name: "Accept" }));
    await english.user.click(within(screen.getByRole("dialog", { name: "Accept" })).getByRole("button", { name: "Accept" }));
    expect((await screen.findByRole("alert")).textContent).toBe(`Not done: ${fixtures.caseChanged.message_en ?? ""}`);
  });

  it("lists exactly the bound guide's materials in the correction checklist and sends only the previewed notice", async () => {
    vi.mocked(correctionNoticePreview).mockResolvedValue(PDF);
    vi.mocked(caseAct).mockResolvedValue(fixtures.caseReceived);
    const { user } = renderPanel(fixtures.caseReceived);
    await user.click(screen.getByRole("button", { name: "一次性告知补正" }));
    const dialog = screen.getByRole("dialog", { name: "一次性告知补正" });
    const offered = fixtures.caseReceived.offered.find((o) => o.kind === "request_correction");
    const guide = offered?.kind === "request_correction" ? offered.materials.map((m) => m.name) : [];
    expect(within(dialog).getAllByRole("checkbox").map((c) => c.closest("label")?.textContent?.replace(/\s*必要$/, ""))).toEqual(guide);
    const send = within(dialog).getByRole("button", { name: "发送补正告知" });
    expect(send).toHaveProperty("disabled", true);

    await user.click(within(dialog).getByRole("checkbox", { name: /营业执照/ }));
    await user.type(within(dialog).getByRole("textbox", { name: "“营业执照”须补正的内容" }), "签章无效");
    await user.click(within(dialog).getByRole("button", { name: "预览补正告知书" }));
    await within(dialog).findByRole("document", { name: "补正告知书预览" });
    expect(correctionNoticePreview).toHaveBeenCalledWith(fixtures.caseReceived.number, [{ material: "M2", note: "签章无效", paper: false }]);
    expect(send).toHaveProperty("disabled", false);
    // a change after the preview asks for a new one
    await user.type(within(dialog).getByRole("textbox", { name: "“营业执照”须补正的内容" }), "，已过期");
    expect(send).toHaveProperty("disabled", true);
    await user.click(within(dialog).getByRole("button", { name: "预览补正告知书" }));
    await waitFor(() => expect(send).toHaveProperty("disabled", false));
    await user.click(send);
    await waitFor(() => expect(caseAct).toHaveBeenCalled());
    expect(vi.mocked(caseAct).mock.calls[0]?.[0].action).toEqual({ kind: "request_correction", items: [{ material: "M2", note: "签章无效，已过期", paper: false }], secondNoticeReason: null });
  });

  it("seals with a USB key: the PIN goes with the call, is cleared after it and never stored", async () => {
    vi.mocked(sealResult).mockRejectedValue({ code: "token_pin_incorrect", message: "PIN 码错误", message_en: "wrong PIN" });
    const { user } = renderPanel(fixtures.caseDecided);
    await user.click(screen.getByRole("button", { name: "结果签章" }));
    const dialog = screen.getByRole("dialog", { name: "结果签章" });
    await user.type(within(dialog).getByLabelText("文号"), "雁市监食许〔2026〕1号");
    await user.type(within(dialog).getByLabelText("行政复议机关"), "西安市雁塔区人民政府");
    await user.type(within(dialog).getByLabelText("人民法院"), "西安市雁塔区人民法院");
    await user.click(within(dialog).getByRole("radio", { name: "USB 密钥（须输入 PIN 码）" }));
    await user.type(within(dialog).getByLabelText("PKCS#11 模块"), "/usr/lib/pkcs11.so");
    await user.type(within(dialog).getByLabelText("令牌标签"), "token");
    await user.type(within(dialog).getByLabelText("密钥标签"), "seal");
    await user.click(within(dialog).getByRole("button", { name: "签章" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("请输入 USB 密钥的 PIN 码。");
    const pin = dialog.querySelector<HTMLInputElement>('input[name="pin"]');
    if (!pin) throw new Error("no PIN field");
    expect(pin.type).toBe("password");
    await user.type(pin, "123456");
    await user.click(within(dialog).getByRole("button", { name: "签章" }));
    await within(dialog).findByText(/PIN 码错误/);
    expect(vi.mocked(sealResult).mock.calls[0]?.[0].key).toEqual({ kind: "pkcs11", module: "/usr/lib/pkcs11.so", token: "token", keyLabel: "seal", pin: "123456", chainPath: null });
    expect(pin.value).toBe("");
    expect(JSON.stringify({ ...localStorage })).not.toContain("123456");
    expect(localStorage.getItem("approval-desk.seal")).toContain("/usr/lib/pkcs11.so");
  });

  it("closes a dialog on Escape and gives the focus back to its button", async () => {
    const { user } = renderPanel(fixtures.caseInReview);
    const button = screen.getByRole("button", { name: "催办" });
    await user.click(button);
    const dialog = screen.getByRole("dialog", { name: "催办" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.contains(document.activeElement)).toBe(true);
    // Tab stays inside
    for (let i = 0; i < 6; i++) await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("records the paper result's tracking number, checked before it is sent", async () => {
    vi.mocked(recordTracking).mockResolvedValue(fixtures.caseSealed);
    const { user } = renderPanel(fixtures.caseSealed);
    await user.click(screen.getByRole("button", { name: "登记邮件号" }));
    const dialog = screen.getByRole("dialog", { name: "登记邮件号" });
    await user.type(within(dialog).getByLabelText(/^邮件号/), "EMS 1");
    await user.click(within(dialog).getByRole("button", { name: "登记" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("邮件号须为1至64位字母、数字或连字符。");
    expect(recordTracking).not.toHaveBeenCalled();
    await user.clear(within(dialog).getByLabelText(/^邮件号/));
    await user.type(within(dialog).getByLabelText(/^邮件号/), "EA123456789CN");
    await user.click(within(dialog).getByRole("button", { name: "登记" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(recordTracking).toHaveBeenCalledWith(fixtures.caseSealed.number, "EA123456789CN");
  });

  it("keeps the focus in the tracking and correction dialogs while they work, and on what the work came to", async () => {
    let refuse: (error: unknown) => void = () => {};
    vi.mocked(recordTracking).mockReturnValue(new Promise<CaseView>((_, no) => (refuse = no)));
    const { user, unmount } = renderPanel(fixtures.caseSealed);
    await user.click(screen.getByRole("button", { name: "登记邮件号" }));
    const tracking = screen.getByRole("dialog", { name: "登记邮件号" });
    await user.type(within(tracking).getByLabelText(/^邮件号/), "EA123456789CN");
    await user.click(within(tracking).getByRole("button", { name: "登记" }));
    expect(document.activeElement).toBe(within(tracking).getByRole("progressbar", { name: "正在办理…" }).parentElement);
    await act(async () => refuse(fixtures.caseChanged));
    const refusal = await within(tracking).findByRole("alert");
    await waitFor(() => expect(document.activeElement).toBe(refusal));
    unmount();

    let previewed: (pdf: Uint8Array) => void = () => {};
    vi.mocked(correctionNoticePreview).mockReturnValue(new Promise<Uint8Array>((yes) => (previewed = yes)));
    vi.mocked(caseAct).mockReturnValue(new Promise<CaseView>((_, no) => (refuse = no)));
    const second = renderPanel(fixtures.caseReceived);
    await second.user.click(screen.getByRole("button", { name: "一次性告知补正" }));
    const dialog = screen.getByRole("dialog", { name: "一次性告知补正" });
    await second.user.click(within(dialog).getByRole("checkbox", { name: /营业执照/ }));
    await second.user.type(within(dialog).getByRole("textbox", { name: "“营业执照”须补正的内容" }), "签章无效");
    // the preview button is disabled while the notice is made: the status line has the focus, then the notice
    await second.user.click(within(dialog).getByRole("button", { name: "预览补正告知书" }));
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在生成预览…" }).parentElement));
    await act(async () => previewed(PDF));
    const notice = await within(dialog).findByRole("document", { name: "补正告知书预览" });
    await waitFor(() => expect(document.activeElement).toBe(notice.parentElement));
    await second.user.click(within(dialog).getByRole("button", { name: "发送补正告知" }));
    expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在办理…" }).parentElement);
    await act(async () => refuse(fixtures.caseChanged));
    const sent = await within(dialog).findByRole("alert");
    await waitFor(() => expect(document.activeElement).toBe(sent));
  });
});
