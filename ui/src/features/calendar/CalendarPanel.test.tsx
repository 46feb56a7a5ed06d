import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calendarMonth, calendarStatus } from "../../ipc/commands";
import { fixtures, monthFromFixtures } from "../../test/fixtures";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CalendarNotices } from "./CalendarNotices";
import { CalendarPanel } from "./CalendarPanel";

vi.mock("../../ipc/commands");

beforeEach(() => {
  // Only the clock: TanStack Query's own timers keep running.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-01-15T10:00:00+08:00"));
  vi.mocked(calendarStatus).mockResolvedValue(fixtures.status);
  vi.mocked(calendarMonth).mockImplementation(monthFromFixtures);
});

afterEach(() => {
  vi.useRealTimers();
  vi.resetAllMocks();
});

const day = (date: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(`[data-date="${date}"]`);
  if (!found) throw new Error(`no day ${date}`);
  return found;
};

describe("CalendarPanel", () => {
  it("shows the current month, Monday first, with 休 and 班 and the holiday's name", async () => {
    renderWithProviders(<CalendarPanel onPickDay={() => undefined} />);
    expect(screen.getByRole("status")).toHaveProperty("textContent", "正在加载…");
    const table = await screen.findByRole("table", { name: "2026年1月" });
    expect(within(table).getAllByRole("columnheader").map((th) => th.textContent)).toEqual(["周一", "周二", "周三", "周四", "周五", "周六", "周日"]);
    expect(table.querySelectorAll("button[data-date]")).toHaveLength(31);
    expect(table.querySelectorAll("tbody tr:first-child td.blank")).toHaveLength(3);
    // The accessible name holds what is shown, with the date and the day's kind around it.
    expect(screen.getByRole("button", { name: "2026年1月1日 周四 1 休 元旦 · 休息日" })).toBe(day("2026-01-01"));
    expect(day("2026-01-04").className).toContain("adjusted");
    expect(day("2026-01-04").textContent).toContain("班");
    expect(day("2026-01-10").className).toContain("weekend");
    expect(day("2026-01-15").getAttribute("aria-current")).toBe("date");
    expect(calendarMonth).toHaveBeenCalledWith(2026, 1);
  });

  it("moves between months and back to today", async () => {
    const { user } = renderWithProviders(<CalendarPanel onPickDay={() => undefined} />);
    await screen.findByRole("table", { name: "2026年1月" });
    await user.click(screen.getByRole("button", { name: "下一月" }));
    await screen.findByRole("table", { name: "2026年2月" });
    expect(day("2026-02-17").textContent).toContain("春节");
    await user.click(screen.getByRole("button", { name: "上一月" }));
    await screen.findByRole("table", { name: "2026年1月" });
    await user.click(screen.getByRole("button", { name: "下一月" }));
    await user.click(screen.getByRole("button", { name: "今天" }));
    await screen.findByRole("table", { name: "2026年1月" });
    expect(vi.mocked(calendarMonth).mock.calls.map(([y, m]) => `${y}-${m}`)).toEqual(["2026-1", "2026-2", "2026-1", "2026-2", "2026-1"]);
  });

  it("stops at the ends of the calendar's range", async () => {
    vi.mocked(calendarStatus).mockResolvedValue({ ...fixtures.status, first_year: 2026, last_year: 2026 });
    renderWithProviders(<CalendarPanel onPickDay={() => undefined} />);
    await screen.findByRole("table", { name: "2026年1月" });
    await waitFor(() => expect(screen.getByRole("button", { name: "上一月" })).toHaveProperty("disabled", true));
    expect(screen.getByRole("button", { name: "下一月" })).toHaveProperty("disabled", false);
  });

  it("hands the picked day to its caller", async () => {
    const onPickDay = vi.fn();
    const { user } = renderWithProviders(<CalendarPanel onPickDay={onPickDay} />);
    await screen.findByRole("table");
    await user.click(day("2026-01-20"));
    expect(onPickDay).toHaveBeenCalledWith("2026-01-20");
  });

  it("marks an estimated month and its days 推算", async () => {
    vi.setSystemTime(new Date("2027-01-15T10:00:00+08:00"));
    renderWithProviders(<CalendarPanel onPickDay={() => undefined} />);
    await screen.findByRole("table", { name: "2027年1月" });
    expect(screen.getByRole("note").textContent).toMatch(/推算.*2027年的放假安排尚未发布/);
    expect(day("2027-01-01").textContent).toContain("推算");
  });

  it("shows a rejected month from the catalogue, in the current language", async () => {
    vi.mocked(calendarMonth).mockRejectedValue({ code: "date_out_of_range", message: "后端原文" });
    renderWithProviders(<CalendarPanel onPickDay={() => undefined} />, { locale: "en" });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The date is outside the working-day calendar (2020 to the calendar's last year).");
    expect(screen.getByText("January 2026")).toBeTruthy();
  });
});

describe("CalendarNotices", () => {
  it("shows each notice in the current language", async () => {
    renderWithProviders(<CalendarNotices />, { locale: "en" });
    expect((await screen.findByText(/The holiday arrangement for 2027 has not been published yet/)).closest("[data-code]")?.getAttribute("data-code")).toBe("provisional_year_in_use");
  });

  it("says when the status cannot be read", async () => {
    vi.mocked(calendarStatus).mockRejectedValue({ code: "internal", message: "数据库不可用" });
    renderWithProviders(<CalendarNotices />);
    expect(await screen.findByText("无法读取工作日历状态：系统内部错误，请稍后重试或联系管理员。")).toBeTruthy();
  });
});
