import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calendarMonth, calendarStatus, caseInbox, inboxFilters, session, syncStatus } from "../ipc/commands";
import { fixtures, monthFromFixtures } from "../test/fixtures";
import { renderWithProviders } from "../test/renderWithProviders";
import { createAppRouter } from "./router";

vi.mock("../ipc/commands");

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-01-15T10:00:00+08:00"));
  vi.mocked(calendarStatus).mockResolvedValue(fixtures.status);
  vi.mocked(calendarMonth).mockImplementation(monthFromFixtures);
  vi.mocked(session).mockResolvedValue(fixtures.sessionDemo);
  vi.mocked(syncStatus).mockResolvedValue(fixtures.syncStatus);
  vi.mocked(inboxFilters).mockResolvedValue(fixtures.inboxFilters);
  vi.mocked(caseInbox).mockResolvedValue(fixtures.inboxPage1);
});

afterEach(() => {
  vi.useRealTimers();
  vi.resetAllMocks();
});

function renderApp(path = "/calendar") {
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  return { router, ...renderWithProviders(<RouterProvider router={router} />) };
}

describe("the window", () => {
  it("opens on the inbox, with the demo banner and the status bar", async () => {
    const { router } = renderApp("/");
    await screen.findByRole("listbox", { name: /办件列表/ });
    expect(router.state.location.pathname).toBe("/inbox");
    expect(await screen.findByRole("button", { name: "连接正式平台…" })).toBeTruthy();
    expect(screen.getByRole("contentinfo", { name: "同步状态" })).toBeTruthy();
    expect(await screen.findByRole("button", { name: "立即同步" })).toBeTruthy();
  });

  it("shows the calendar inside banner, navigation and main", async () => {
    const { router } = renderApp();
    await screen.findByRole("table", { name: "2026年1月" });
    expect(router.state.location.pathname).toBe("/calendar");
    expect(screen.getByRole("banner")).toBeTruthy();
    expect(screen.getByRole("main")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "主导航" });
    expect(within(nav).getAllByRole("link").map((a) => a.textContent)).toEqual(["待办", "工作日历", "期限计算器", "电子材料验章"]);
    expect(within(nav).getByRole("link", { name: "工作日历" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("部门审批工作台");
  });

  it("goes from screen to screen through the navigation", async () => {
    const { user, router } = renderApp();
    await screen.findByRole("table");
    await user.click(screen.getByRole("link", { name: "电子材料验章" }));
    expect(await screen.findByRole("heading", { level: 2, name: "电子材料验章" })).toBeTruthy();
    expect(router.state.location.pathname).toBe("/seal-check");
    expect(screen.getByRole("link", { name: "电子材料验章" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("link", { name: "工作日历" }).getAttribute("aria-current")).toBeNull();
  });

  it("a day picked in the calendar opens the calculator with it, focused", async () => {
    const { user } = renderApp();
    await screen.findByRole("table");
    await user.click(screen.getByRole("button", { name: /^2026年1月20日/ }));
    const start = await screen.findByLabelText("起算日期");
    expect(start).toHaveProperty("value", "2026-01-20");
    expect(document.activeElement).toBe(start);
  });

  it("switches the whole window to English and marks the document's language", async () => {
    const { user } = renderApp();
    await screen.findByRole("table");
    await user.selectOptions(screen.getByLabelText("语言"), "en");
    expect(await screen.findByRole("heading", { level: 1, name: "Approval Desk" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("link", { name: "Deadline calculator" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "January 2026" })).toBeTruthy();
    expect(localStorage.getItem("approval-desk.locale")).toBe("en");
  });

  it("an unknown address offers the way back", async () => {
    const { user } = renderApp("/nowhere");
    expect(await screen.findByRole("heading", { level: 2, name: "页面不存在" })).toBeTruthy();
    await user.click(screen.getByRole("link", { name: "返回工作日历" }));
    expect(await screen.findByRole("table")).toBeTruthy();
  });
});
