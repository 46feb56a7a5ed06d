import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { calendarImport, calendarMonth, calendarStatus } from "../../ipc/commands";
import { fixtures, monthFromFixtures } from "../../test/fixtures";
import { renderWithProviders } from "../../test/renderWithProviders";
import { CalendarPanel } from "../calendar/CalendarPanel";
import { CalendarImportSection } from "./CalendarImportSection";

vi.mock("../../ipc/commands");

const ARRANGEMENT = '{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}';
const jsonFile = (text: string | Uint8Array<ArrayBuffer>, name = "2027.json"): File => new File([text], name, { type: "application/json" });
const input = (): HTMLInputElement => {
  const found = document.querySelector<HTMLInputElement>('[data-testid="calendar-import-input"]');
  if (!found) throw new Error("no file input");
  return found;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2027-01-15T10:00:00+08:00"));
  vi.mocked(calendarStatus).mockResolvedValue(fixtures.status);
  vi.mocked(calendarMonth).mockImplementation(monthFromFixtures);
});

afterEach(() => {
  vi.useRealTimers();
  vi.resetAllMocks();
});

describe("CalendarImportSection", () => {
  it("says which years are official and which are estimated", async () => {
    renderWithProviders(<CalendarImportSection />);
    expect(await screen.findByText("官方放假安排：2020–2026年")).toBeTruthy();
    expect(screen.getByText("按法定节假日推算：2027–2036年")).toBeTruthy();
    expect(screen.getByRole("button", { name: "导入放假安排…" }).getAttribute("aria-describedby")).toBe("calendar-import-hint");
  });

  it("sends the file's text, then shows the success line and reads the calendar again", async () => {
    vi.mocked(calendarImport).mockImplementation(() => {
      vi.mocked(calendarStatus).mockResolvedValue(fixtures.statusOfficial2027);
      return Promise.resolve(fixtures.importOk);
    });
    const { user } = renderWithProviders(
      <>
        <CalendarPanel onPickDay={() => undefined} />
        <CalendarImportSection />
      </>,
    );
    await screen.findByRole("table", { name: "2027年1月" });
    expect(calendarStatus).toHaveBeenCalledTimes(1);
    await user.upload(input(), jsonFile(ARRANGEMENT));
    const line = await screen.findByText("已导入2027年放假安排：休息日16天，调休上班1天");
    expect(line.closest('[role="status"]')?.getAttribute("data-outcome")).toBe("imported");
    expect(calendarImport).toHaveBeenCalledWith(ARRANGEMENT);
    // the status and the month shown were read again (invalidated, not re-read by hand)
    expect(calendarStatus).toHaveBeenCalledTimes(2);
    expect(vi.mocked(calendarMonth).mock.calls).toEqual([
      [2027, 1],
      [2027, 1],
    ]);
    expect(screen.getByText("官方放假安排：2020–2027年")).toBeTruthy();
    expect(screen.getByText("按法定节假日推算：2028–2037年")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "关闭" }));
    await waitFor(() => expect(screen.queryByText(/已导入2027年/)).toBeNull());
  });

  it("lists every finding of a rejected file with its location, in English too", async () => {
    vi.mocked(calendarImport).mockRejectedValue(fixtures.importInvalid);
    const { user } = renderWithProviders(<CalendarImportSection />, { locale: "en" });
    await user.upload(input(), jsonFile(ARRANGEMENT));
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("The arrangement file was not imported. Fix each of these:")).toBeTruthy();
    const findings = within(alert).getAllByRole("listitem");
    expect(findings.map((li) => li.querySelector(".location")?.textContent)).toEqual(["days[4].name", "days[16].isOffDay"]);
    expect(findings[0]?.querySelector(".finding")?.textContent).toBe("every day must name its holiday");
    // nothing was imported: the calendar is not read again
    expect(calendarStatus).toHaveBeenCalledTimes(1);
  });

  it("refuses a file that is not UTF-8 without calling the backend", async () => {
    const { user } = renderWithProviders(<CalendarImportSection />);
    await user.upload(input(), jsonFile(new Uint8Array([0x7b, 0xd4, 0xaa, 0xb5, 0xa9, 0x7d]), "gbk.json"));
    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-key")).toBe("calendarImport.notUtf8");
    expect(alert.textContent).toContain("文件“gbk.json”不是 UTF-8 编码的文本，未导入");
    expect(calendarImport).not.toHaveBeenCalled();
  });

  it("opens the file chooser from its button", async () => {
    const { user } = renderWithProviders(<CalendarImportSection />);
    const click = vi.spyOn(input(), "click");
    await user.click(screen.getByRole("button", { name: "导入放假安排…" }));
    expect(click).toHaveBeenCalled();
  });
});
