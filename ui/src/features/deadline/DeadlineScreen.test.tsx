import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calendarStatus, computeDeadline } from "../../ipc/commands";
import { fixtures } from "../../test/fixtures";
import { renderWithProviders } from "../../test/renderWithProviders";
import { DeadlineScreen } from "./DeadlineScreen";

vi.mock("../../ipc/commands");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-02-12T10:00:00+08:00"));
  vi.mocked(calendarStatus).mockResolvedValue(fixtures.status);
  vi.mocked(computeDeadline).mockResolvedValue(fixtures.due);
});

afterEach(() => {
  vi.useRealTimers();
  vi.resetAllMocks();
});

const field = (name: string): HTMLInputElement => {
  const found = document.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!found) throw new Error(`no field ${name}`);
  return found;
};

describe("DeadlineScreen", () => {
  it("starts from now in China, 20 working days, and a hint instead of a result", () => {
    renderWithProviders(<DeadlineScreen />);
    expect(screen.getByRole("heading", { level: 2, name: "期限计算器" })).toBeTruthy();
    expect(screen.getByLabelText("起算日期")).toHaveProperty("value", "2026-02-12");
    expect(screen.getByLabelText("时间")).toHaveProperty("value", "10:00");
    expect(screen.getByLabelText(/期间长度/)).toHaveProperty("value", "20");
    expect(screen.getByText("填写表单后点击“计算期限”。")).toBeTruthy();
    expect(document.title).toBe("期限计算器 - 部门审批工作台");
  });

  it("sends the request in China time and shows the due date with its explanation", async () => {
    const { user } = renderWithProviders(<DeadlineScreen />);
    await user.clear(screen.getByLabelText(/期间长度/));
    await user.type(screen.getByLabelText(/期间长度/), "5");
    await user.click(screen.getByRole("button", { name: "计算期限" }));
    expect(computeDeadline).toHaveBeenCalledWith({ start: "2026-02-12T10:00:00+08:00", unit: "working_days", length: 5, pauses: [], allow_provisional: false });
    const result = await screen.findByText("2026年2月26日 24:00");
    expect(result.closest("[data-outcome]")?.getAttribute("data-outcome")).toBe("due");
    const table = screen.getByRole("table", { name: "计算明细" });
    expect(within(table).getAllByRole("row")).toHaveLength(16);
    expect(within(table).getByText("休息日（跳过）", { selector: "tr[data-date='2026-02-17'] td" })).toBeTruthy();
  });

  it("edits pauses: an ongoing one has no end and gives a suspended result", async () => {
    vi.mocked(computeDeadline).mockResolvedValue(fixtures.suspended);
    const { user } = renderWithProviders(<DeadlineScreen />);
    expect(screen.getByText("无暂停期间。")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "添加暂停期间" }));
    const pause = screen.getByRole("group", { name: "第1个暂停期间" });
    await user.type(within(pause).getByLabelText("开始"), "2026-02-25");
    await user.click(within(pause).getByLabelText("尚未结束"));
    expect(within(pause).getByLabelText("结束")).toHaveProperty("disabled", true);
    expect(within(pause).getByLabelText("结束时间")).toHaveProperty("disabled", true);
    await user.type(within(pause).getByLabelText("原因"), "补正材料");
    await user.click(screen.getByRole("button", { name: "计算期限" }));
    expect(vi.mocked(computeDeadline).mock.calls[0]?.[0].pauses).toEqual([{ start: "2026-02-25T09:00:00+08:00", end: null, reason: "补正材料" }]);
    expect(await screen.findByText("期限暂停计算")).toBeTruthy();
    expect(document.querySelector(".counted")?.textContent).toBe("4日");

    await user.click(screen.getByRole("button", { name: "删除第1个暂停期间" }));
    expect(screen.queryByRole("group", { name: "第1个暂停期间" })).toBeNull();
  });

  it("a malformed field is reported before any IPC call and gets the focus", async () => {
    const { user } = renderWithProviders(<DeadlineScreen />);
    await user.clear(screen.getByLabelText(/期间长度/));
    await user.click(screen.getByRole("button", { name: "计算期限" }));
    expect(screen.getByRole("alert").textContent).toBe("期间长度须为正整数。");
    expect(document.activeElement).toBe(field("length"));
    expect(computeDeadline).not.toHaveBeenCalled();
  });

  it("shows a rejection by its code, and follows the language", async () => {
    vi.mocked(computeDeadline).mockRejectedValue(fixtures.provisionalYear);
    const { user } = renderWithProviders(<DeadlineScreen />);
    await user.click(screen.getByRole("button", { name: "计算期限" }));
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-code")).toBe("provisional_year");
    expect(alert.textContent).toContain("请勾选“允许使用推算年份”");
  });

  it("changes the length's unit with the unit", async () => {
    const { user } = renderWithProviders(<DeadlineScreen />, { locale: "en" });
    expect(screen.getByText("working days")).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Unit"), "natural_days");
    await waitFor(() => expect(screen.getByText("days")).toBeTruthy());
    await user.click(screen.getByLabelText("Allow estimated years"));
    await user.click(screen.getByRole("button", { name: "Calculate deadline" }));
    expect(computeDeadline).toHaveBeenCalledWith(expect.objectContaining({ unit: "natural_days", allow_provisional: true }));
  });
});
