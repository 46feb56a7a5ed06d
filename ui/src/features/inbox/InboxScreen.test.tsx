import realFilters from "../../../e2e/fixtures/inbox_filters.json";
import realPage1 from "../../../e2e/fixtures/case_inbox/page_1.json";
import realPage2 from "../../../e2e/fixtures/case_inbox/page_2.json";
import { createMemoryHistory, RouterProvider } from "@tanstack/react-router";
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAppRouter } from "../../app/router";
import { calendarStatus, caseInbox, caseView, inboxFilters, session, syncStatus } from "../../ipc/commands";
import type { InboxFiltersView, InboxPageView, InboxRowView } from "../../ipc/types";
import { fixtures } from "../../test/fixtures";
import { renderWithProviders } from "../../test/renderWithProviders";

vi.mock("../../ipc/commands");

const rows = fixtures.inboxPage1.rows;
const page = (from: number, to: number, next: boolean): InboxPageView => {
  const slice: InboxRowView[] = rows.slice(from, to);
  const last = slice[slice.length - 1];
  return { rows: slice, next: next && last ? { due: last.due, number: last.number } : null, total: 8 };
};

beforeEach(() => {
  // jsdom lays nothing out: the list's scroller gets the size of a 1366×768 window's list.
  vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(560);
  vi.spyOn(Element.prototype, "clientWidth", "get").mockReturnValue(1000);
  vi.mocked(calendarStatus).mockResolvedValue(fixtures.status);
  vi.mocked(session).mockResolvedValue(fixtures.sessionDemo);
  vi.mocked(syncStatus).mockResolvedValue(fixtures.syncStatus);
  vi.mocked(inboxFilters).mockResolvedValue(fixtures.inboxFilters);
  vi.mocked(caseView).mockResolvedValue(fixtures.caseReceived);
});

afterEach(() => {
  vi.resetAllMocks();
  vi.restoreAllMocks();
});

function renderInbox() {
  const router = createAppRouter(createMemoryHistory({ initialEntries: ["/inbox"] }));
  return { router, ...renderWithProviders(<RouterProvider router={router} />) };
}

describe("the inbox", () => {
  it("shows each row's clock in colour and in words, and the total", async () => {
    vi.mocked(caseInbox).mockResolvedValue(page(0, 4, false));
    renderInbox();
    const list = await screen.findByRole("listbox", { name: "办件列表，共8件，按届满时间排序" });
    const options = await within(list).findAllByRole("option");
    expect(options).toHaveLength(4);
    const overdue = options[0];
    expect(overdue?.getAttribute("data-timeliness")).toBe("overdue");
    expect(overdue?.querySelector(".clock-badge")?.className).toContain("tone-overdue");
    expect(overdue?.querySelector(".clock-badge")?.textContent).toBe("超期2个工作日");
    expect(options[1]?.querySelector(".clock-badge")?.textContent).toBe("按期剩余12个工作日");
    expect(options[1]?.querySelector(".due")?.textContent).toBe("无期限");
    expect(options[0]?.getAttribute("aria-setsize")).toBe("8");
    expect(screen.getByText("共8件（已加载4件）")).toBeTruthy();
  });

  it("asks for the next page after the last row's cursor when the end comes into view", async () => {
    vi.mocked(caseInbox).mockImplementation((query) => Promise.resolve(query.after === null ? page(0, 4, true) : page(4, 8, false)));
    renderInbox();
    await screen.findByText("共8件（已加载8件）");
    expect(vi.mocked(caseInbox).mock.calls.map(([q]) => q.after)).toEqual([null, { due: rows[3]?.due ?? null, number: rows[3]?.number }]);
  });

  it("sends each filter to the backend and reads the list again from its first page", async () => {
    vi.mocked(caseInbox).mockResolvedValue(page(0, 4, false));
    const { user } = renderInbox();
    await screen.findAllByRole("option");
    await screen.findByRole("option", { name: "食品经营许可" });
    await user.selectOptions(screen.getByLabelText("状态"), "in_review");
    await user.selectOptions(screen.getByLabelText("事项"), "S01");
    await user.click(screen.getByLabelText("仅超期"));
    await user.type(screen.getByRole("searchbox", { name: "搜索" }), "李华");
    await waitFor(() => expect(vi.mocked(caseInbox).mock.lastCall?.[0]).toMatchObject({ state: "in_review", itemCode: "S01", overdue: true, search: "李华", after: null }));
    await user.click(screen.getByRole("button", { name: "清除筛选" }));
    await waitFor(() => expect(vi.mocked(caseInbox).mock.lastCall?.[0]).toMatchObject({ state: null, itemCode: null, overdue: false, search: null }));
  });

  it("moves the selection with the arrow keys and opens the case with Enter", async () => {
    vi.mocked(caseInbox).mockResolvedValue(page(0, 4, false));
    const { user, router } = renderInbox();
    const list = await screen.findByRole("listbox");
    await screen.findAllByRole("option");
    list.focus();
    await user.keyboard("{ArrowDown}{ArrowDown}");
    const active = document.getElementById(list.getAttribute("aria-activedescendant") ?? "");
    expect(active?.getAttribute("data-number")).toBe(rows[2]?.number);
    expect(active?.getAttribute("aria-selected")).toBe("true");
    await user.keyboard("{ArrowUp}{Enter}");
    await waitFor(() => expect(router.state.location.pathname).toBe(`/cases/${rows[1]?.number ?? ""}`));
  });

  it("pages what the backend really answers (crates/api/src/ui_fixtures.rs), after the real cursor", async () => {
    const first = realPage1 as InboxPageView;
    const rest = realPage2 as InboxPageView;
    vi.mocked(inboxFilters).mockResolvedValue(realFilters as InboxFiltersView);
    vi.mocked(caseInbox).mockImplementation((query) => Promise.resolve(query.after === null ? first : rest));
    renderInbox();
    const all = first.rows.length + rest.rows.length;
    await screen.findByText(`共${first.total}件（已加载${all}件）`);
    expect(vi.mocked(caseInbox).mock.calls.map(([q]) => q.after)).toEqual([null, first.next]);
    const options = within(screen.getByRole("listbox")).getAllByRole("option");
    expect(options.map((o) => o.getAttribute("data-number"))).toEqual([...first.rows, ...rest.rows].map((r) => r.number));
    expect(options.map((o) => o.getAttribute("data-timeliness"))).toEqual([...first.rows, ...rest.rows].map((r) => r.timeliness ?? "none"));
  });
});
