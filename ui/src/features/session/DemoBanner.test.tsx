import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calendarStatus, hubConnect, session, syncNow, syncStatus } from "../../ipc/commands";
import { fixtures } from "../../test/fixtures";
import { renderWithProviders } from "../../test/renderWithProviders";
import { StatusBar } from "../sync/StatusBar";
import { DemoBanner } from "./DemoBanner";

vi.mock("../../ipc/commands");

beforeEach(() => {
  vi.mocked(session).mockResolvedValue(fixtures.sessionDemo);
  vi.mocked(syncStatus).mockResolvedValue(fixtures.syncStatus);
  vi.mocked(calendarStatus).mockResolvedValue(fixtures.status);
});
afterEach(() => vi.resetAllMocks());

describe("demo mode", () => {
  it("says the data is demo data and connects to a real platform; a refusal is told from the error vocabulary", async () => {
    const hub = { ...fixtures.sessionDemo, mode: "hub" as const };
    let refuse: (error: unknown) => void = () => {};
    vi.mocked(hubConnect)
      .mockImplementationOnce(() => new Promise((_, no) => (refuse = no)))
      .mockImplementationOnce(() => {
        // the backend's session is the hub's from now on
        vi.mocked(session).mockResolvedValue(hub);
        return Promise.resolve(hub);
      });
    const { user } = renderWithProviders(<DemoBanner />);
    const banner = await screen.findByRole("region", { name: "演示模式" });
    expect(banner.textContent).toContain("演示数据");
    await user.click(within(banner).getByRole("button", { name: "连接正式平台…" }));
    const dialog = screen.getByRole("dialog", { name: "连接正式平台" });
    const url = within(dialog).getByLabelText("平台地址");
    expect(document.activeElement).toBe(url);
    await user.clear(url);
    await user.type(url, "https://hub.sx.gov.cn");
    await user.type(within(dialog).getByLabelText("账号"), "wangmin");
    await user.type(within(dialog).getByLabelText("密码"), "secret-1");
    await user.click(within(dialog).getByRole("button", { name: "连接" }));
    // 连接 is disabled while it connects: the status line has the focus, in the dialog
    await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole("progressbar", { name: "正在连接…" }).parentElement));
    act(() => refuse(fixtures.hubUnauthorized));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toBe(fixtures.hubUnauthorized.message);
    // then the refusal has it, read out
    await waitFor(() => expect(document.activeElement).toBe(alert));
    expect(within(dialog).getByLabelText<HTMLInputElement>("密码").value).toBe("");
    await user.type(within(dialog).getByLabelText("密码"), "secret-2");
    await user.click(within(dialog).getByRole("button", { name: "连接" }));
    await waitFor(() => expect(screen.queryByRole("region", { name: "演示模式" })).toBeNull());
    expect(hubConnect).toHaveBeenLastCalledWith("https://hub.sx.gov.cn", "wangmin", "secret-2");
  });

  it("shows nothing on a real platform", async () => {
    vi.mocked(session).mockResolvedValue({ ...fixtures.sessionDemo, mode: "hub" });
    const { container } = renderWithProviders(<DemoBanner />);
    await waitFor(() => expect(session).toHaveBeenCalled());
    expect(container.textContent).toBe("");
  });
});

describe("the status bar", () => {
  it("shows the last sync, the queued and refused pushes, the estimated year, and syncs on demand", async () => {
    vi.mocked(syncNow).mockResolvedValue({ ...fixtures.syncStatus, pendingPushes: 0, failedPushes: 0 });
    const { user } = renderWithProviders(<StatusBar />);
    const bar = screen.getByRole("contentinfo", { name: "同步状态" });
    await within(bar).findByText("上次同步：2026年1月15日 09:58");
    expect(within(bar).getByText("待推送：2")).toBeTruthy();
    expect(within(bar).getByText("被拒绝：1")).toBeTruthy();
    expect(within(bar).getByText("已连接")).toBeTruthy();
    expect((await within(bar).findByText(/2027年的放假安排尚未发布/)).textContent).toContain("2027");
    await user.click(within(bar).getByRole("button", { name: "立即同步" }));
    await within(bar).findByText("待推送：0");
    expect(within(bar).queryByText(/被拒绝/)).toBeNull();
  });

  it("on a local profile says there is no exchange, counts what it holds, and offers no sync", async () => {
    vi.mocked(session).mockResolvedValue({ ...fixtures.sessionDemo, mode: "local" });
    renderWithProviders(<StatusBar />);
    const bar = screen.getByRole("contentinfo", { name: "同步状态" });
    await within(bar).findByText("本地模式：未连接交换平台");
    expect(within(bar).getByText("待连接后推送：2")).toBeTruthy();
    expect(within(bar).queryByText("已连接")).toBeNull();
    expect(within(bar).queryByText(/上次同步|尚未同步/)).toBeNull();
    expect(within(bar).queryByRole("button", { name: "立即同步" })).toBeNull();
  });
});
