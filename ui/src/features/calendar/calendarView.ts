import { h, replaceChildren } from "../../dom/h";
import { calendarMonth } from "../../ipc/commands";
import type { CalendarMonth, IpcError } from "../../ipc/types";
import type { I18n, MessageKey } from "../../i18n";
import { formatDate, monthTitle } from "../../i18n/dates";
import { errorMessage } from "../../i18n/errorMessage";
import { holidayLabel } from "../../i18n/notes";
import { nowInChina } from "../../time/chinaTime";
import { buildMonthGrid, type GridCell } from "./monthGrid";
import { addMonths, clampToRange, inRange, type YearMonth, type YearRange } from "./monthNav";

export interface CalendarViewOptions {
  i18n: I18n;
  /** Called when the officer clicks a day (YYYY-MM-DD). */
  onPick: (date: string) => void;
  loadMonth?: (year: number, month: number) => Promise<CalendarMonth>;
  /** Extra controls for the panel header (e.g. the import button); kept across renders. */
  headerTools?: HTMLElement;
  /** Shown between the header and the month (e.g. the import outcome); kept across renders. */
  belowHeader?: HTMLElement;
}

type Load = { state: "loading" } | { state: "ok"; data: CalendarMonth } | { state: "error"; error: IpcError };

/** The month view of the working-day calendar. */
export function createCalendarView(opts: CalendarViewOptions): {
  element: HTMLElement;
  setRange: (range: YearRange | null) => void;
  show: (ym: YearMonth) => void;
  /** Loads the month shown again (after the calendar's data changed). */
  reload: () => void;
} {
  const { i18n, onPick } = opts;
  const loadMonth = opts.loadMonth ?? calendarMonth;
  const t = i18n.t;
  const today = (): YearMonth => {
    const d = nowInChina().date;
    return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)) };
  };

  let range: YearRange | null = null;
  let current: YearMonth = today();
  let load: Load = { state: "loading" };
  let requestId = 0;

  const element = h("section", { class: "panel calendar", "aria-labelledby": "calendar-heading" });

  function show(ym: YearMonth): void {
    current = clampToRange(ym, range);
    load = { state: "loading" };
    const id = ++requestId;
    render();
    loadMonth(current.year, current.month).then(
      (data) => {
        if (id !== requestId) return;
        load = { state: "ok", data };
        render();
      },
      (error: IpcError) => {
        if (id !== requestId) return;
        load = { state: "error", error };
        render();
      },
    );
  }

  /** `target` is read at click time (the "today" button must follow the clock). */
  function navButton(label: MessageKey, target: () => YearMonth, cls: string): HTMLButtonElement {
    const button = h("button", { type: "button", class: `btn ${cls}`, disabled: !inRange(target(), range) }, t(label));
    button.addEventListener("click", () => show(target()));
    return button;
  }

  function dayCell(cell: GridCell): HTMLElement {
    if (cell.kind === "blank") return h("div", { class: "day blank", role: "gridcell", "aria-hidden": "true" });
    const classes = ["day"];
    if (cell.rest) classes.push("rest");
    if (cell.greyed) classes.push("weekend");
    if (cell.holidayRest) classes.push("holiday");
    if (cell.adjustedWorkday) classes.push("adjusted");
    if (cell.provisional) classes.push("provisional");
    if (cell.today) classes.push("today");
    const status = cell.adjustedWorkday
      ? t("calendar.cell.adjusted")
      : t(cell.rest ? "calendar.cell.restday" : "calendar.cell.workday");
    const holidayName = cell.holiday === null ? null : holidayLabel(cell.holiday, t);
    const label = [formatDate(cell.date, t), t(`weekday.${cell.weekday}` as MessageKey), status, holidayName, cell.provisional ? t("calendar.badge.provisional") : null]
      .filter((x): x is string => x !== null)
      .join(" · ");
    const button = h(
      "button",
      { type: "button", class: classes.join(" "), role: "gridcell", "data-date": cell.date, "aria-label": label, title: label, "aria-current": cell.today ? "date" : null },
      h("span", { class: "day-number" }, String(cell.day)),
      h(
        "span",
        { class: "badges" },
        cell.holidayRest && h("span", { class: "badge badge-rest" }, t("calendar.badge.rest")),
        cell.adjustedWorkday && h("span", { class: "badge badge-work" }, t("calendar.badge.work")),
        cell.provisional && h("span", { class: "badge badge-provisional" }, t("calendar.badge.provisional")),
      ),
      holidayName !== null && h("span", { class: "holiday-name" }, holidayName),
    );
    button.addEventListener("click", () => onPick(cell.date));
    return button;
  }

  function body(): HTMLElement {
    if (load.state === "loading") return h("p", { class: "muted", role: "status" }, t("calendar.loading"));
    if (load.state === "error") return h("p", { class: "alert alert-error", role: "alert" }, errorMessage(load.error, t));
    const weekdays = [1, 2, 3, 4, 5, 6, 7].map((wd) =>
      h("div", { class: `weekday-head${wd >= 6 ? " weekend" : ""}`, role: "columnheader" }, t(`weekday.${wd}` as MessageKey)),
    );
    const weeks = buildMonthGrid(load.data, nowInChina().date).map((week) =>
      h("div", { class: "week", role: "row" }, ...week.map(dayCell)),
    );
    return h(
      "div",
      {},
      load.data.provisional &&
        h("p", { class: "alert alert-provisional", role: "note" }, h("span", { class: "badge badge-provisional" }, t("calendar.badge.provisional")), " ", t("calendar.provisionalMonth", { year: load.data.year })),
      h("div", { class: "month-grid", role: "grid", "aria-label": monthTitle(current.year, current.month, t) }, h("div", { class: "week head", role: "row" }, ...weekdays), ...weeks),
    );
  }

  function render(): void {
    replaceChildren(
      element,
      h(
        "header",
        { class: "panel-head" },
        h("h2", { id: "calendar-heading" }, t("calendar.heading")),
        h(
          "div",
          { class: "month-nav" },
          navButton("calendar.prev", () => addMonths(current, -1), "prev-month"),
          h("span", { class: "month-title", "aria-live": "polite" }, monthTitle(current.year, current.month, t)),
          navButton("calendar.next", () => addMonths(current, 1), "next-month"),
          navButton("calendar.today", today, "today-button"),
        ),
        opts.headerTools,
      ),
      opts.belowHeader,
      body(),
      h(
        "footer",
        { class: "legend" },
        h("span", {}, h("span", { class: "badge badge-rest" }, t("calendar.badge.rest")), " ", t("calendar.legend.rest")),
        h("span", {}, h("span", { class: "badge badge-work" }, t("calendar.badge.work")), " ", t("calendar.legend.work")),
        h("span", {}, h("span", { class: "badge badge-provisional" }, t("calendar.badge.provisional")), " ", t("calendar.legend.provisional")),
        h("span", { class: "muted" }, t("calendar.pickHint")),
      ),
    );
  }

  i18n.onChange(render);

  return {
    element,
    setRange(next) {
      range = next;
      const clamped = clampToRange(current, range);
      if (clamped.year !== current.year || clamped.month !== current.month) show(clamped);
      else render();
    },
    show,
    reload() {
      show(current);
    },
  };
}
