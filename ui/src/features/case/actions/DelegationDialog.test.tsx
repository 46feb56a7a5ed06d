import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { delegate, myDelegations, withdrawDelegation } from "../../../ipc/commands";
import type { IpcError, MyDelegationsView } from "../../../ipc/types";
import { fixtures } from "../../../test/fixtures";
import { renderWithProviders } from "../../../test/renderWithProviders";
import { ActionsPanel } from "./ActionsPanel";
import { buildDelegation } from "./delegationRequest";

vi.mock("../../../ipc/commands");
afterEach(() => vi.resetAllMocks());

const NONE: MyDelegationsView = { given: [], received: [], officers: ["李四", "王五"] };
const GIVEN: MyDelegationsView = {
  ...NONE,
  given: [{ index: 0, from: "张三", to: "李四", validFrom: "2026-03-04T00:00:00+08:00", validUntil: "2026-03-06T00:00:00+08:00", reason: "出差", active: false }],
  received: [{ index: 1, from: "赵六", to: "张三", validFrom: "2026-03-01T00:00:00+08:00", validUntil: "2026-03-09T00:00:00+08:00", reason: "休假", active: true }],
};
const REFUSED: IpcError = {
  code: "invalid_input",
  message: "“王五”不是本部门的承办人，不能接受委托",
  message_en: "王五 is no officer of the department",
  field: "to",
  details: [],
} as IpcError;

async function openDialog(locale: "zh-CN" | "en" = "zh-CN") {
  const rendered = renderWithProviders(<ActionsPanel view={fixtures.caseReceived} />, { locale });
  await rendered.user.click(screen.getByRole("button", { name: locale === "en" ? "Delegate" : "委托" }));
  const dialog = screen.getByRole("dialog", { name: locale === "en" ? "Delegate my work" : "委托他人办理" });
  await within(dialog).findByRole("option", { name: "李四" });
  return { ...rendered, dialog };
}

describe("the delegation dialog", () => {
  it("builds the request: the delegate, the dates (the end included) and the reason", async () => {
    vi.mocked(myDelegations).mockResolvedValue(NONE);
    vi.mocked(delegate).mockResolvedValue(GIVEN);
    const { user, dialog } = await openDialog();
    await user.click(within(dialog).getByRole("button", { name: "确定委托" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("请选择受托人。");
    await user.selectOptions(within(dialog).getByLabelText("受托人"), "李四");
    const from = within(dialog).getByLabelText("开始日期");
    await user.clear(from);
    await user.type(from, "2026-03-04");
    const until = within(dialog).getByLabelText("结束日期（含当日）");
    await user.clear(until);
    await user.type(until, "2026-03-05");
    await user.click(within(dialog).getByRole("button", { name: "确定委托" }));
    expect(within(dialog).getByRole("alert").textContent).toBe("请填写委托理由。");
    await user.type(within(dialog).getByLabelText("委托理由"), " 出差 ");
    await user.click(within(dialog).getByRole("button", { name: "确定委托" }));
    await waitFor(() => expect(delegate).toHaveBeenCalledWith({ to: "李四", validFrom: "2026-03-04", validUntil: "2026-03-05", reason: "出差" }));
    // The delegations after: given (withdrawable) and received.
    const given = await within(dialog).findByRole("region", { name: "我的委托" });
    expect(given.textContent).toContain("委托李四：2026年3月4日 00:00至2026年3月5日 24:00（出差）");
    const received = within(dialog).getByRole("region", { name: "委托我办理" });
    expect(received.textContent).toContain("赵六委托");
    let withdrawn: (view: MyDelegationsView) => void = () => {};
    vi.mocked(withdrawDelegation).mockReturnValue(new Promise((yes) => (withdrawn = yes)));
    await user.click(within(given).getByRole("button", { name: "撤回对李四的委托" }));
    await waitFor(() => expect(withdrawDelegation).toHaveBeenCalledWith(0));
    // 撤回 is disabled meanwhile: the status line has the focus; when its row is gone, the first field
    expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在办理…" }).parentElement);
    act(() => withdrawn(NONE));
    expect(await within(dialog).findAllByText("暂无委托。")).toHaveLength(2);
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByLabelText("受托人")));
  });

  it("shows a refusal in Chinese and in English, and keeps the dialog open", async () => {
    vi.mocked(myDelegations).mockResolvedValue(NONE);
    vi.mocked(delegate).mockRejectedValue(REFUSED);
    const { user, dialog, unmount } = await openDialog();
    await user.selectOptions(within(dialog).getByLabelText("受托人"), "王五");
    await user.type(within(dialog).getByLabelText("委托理由"), "出差");
    await user.click(within(dialog).getByRole("button", { name: "确定委托" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain(REFUSED.message);
    // the refusal has the focus (确定委托 was disabled while it was asked), read out and in the dialog
    await waitFor(() => expect(document.activeElement).toBe(alert));
    unmount();
    const english = await openDialog("en");
    await english.user.selectOptions(within(english.dialog).getByLabelText("Delegate to"), "王五");
    await english.user.type(within(english.dialog).getByLabelText("Reason"), "trip");
    await english.user.click(within(english.dialog).getByRole("button", { name: "Delegate" }));
    // invalid_input is worded by the window's catalogue around the backend's message.
    expect((await within(english.dialog).findByRole("alert")).textContent).toBe(`Not done: Invalid input: ${REFUSED.message}`);
  });

  it("checks the dates before asking", () => {
    const fields = { to: "李四", from: "2026-03-05", until: "2026-03-04", reason: "出差" };
    expect(buildDelegation(fields)).toEqual({ ok: false, problem: "delegation.problem.dates" });
    expect(buildDelegation({ ...fields, until: "2026-03-05" }).ok).toBe(true);
  });
});
