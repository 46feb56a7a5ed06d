import "./styles.css";
import { createHeader } from "./app/header";
import { h } from "./dom/h";
import { createCalendarView } from "./features/calendar/calendarView";
import { createNoticeBanner } from "./features/calendar/noticeBanner";
import { createCalendarImport } from "./features/calendarImport/importControl";
import { createDeadlineForm } from "./features/deadline/deadlineForm";
import { createSealCheckPanel } from "./features/sealCheck/sealCheckPanel";
import { calendarStatus } from "./ipc/commands";
import type { IpcError } from "./ipc/types";
import { DEFAULT_LOCALE, I18n, isLocale } from "./i18n";
import { nowInChina } from "./time/chinaTime";

const LOCALE_STORAGE_KEY = "approval-desk.locale";

function storedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}

function start(root: HTMLElement): void {
  const saved = storedLocale();
  const i18n = new I18n(isLocale(saved) ? saved : DEFAULT_LOCALE);
  const syncDocument = (): void => {
    document.documentElement.lang = i18n.locale;
    document.title = i18n.t("app.title");
  };
  i18n.onChange((locale) => {
    syncDocument();
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // storage unavailable: the choice lasts for this window only
    }
  });
  syncDocument();

  const banner = createNoticeBanner(i18n);
  const deadline = createDeadlineForm({ i18n });
  const sealCheck = createSealCheckPanel({ i18n });
  /** The calendar's status: the notice banner and the navigable range. */
  const refreshStatus = (): Promise<void> =>
    calendarStatus().then(
      (status) => {
        banner.setNotices(status.notices);
        calendar.setRange({ first_year: status.first_year, last_year: status.last_year });
      },
      (error: IpcError) => banner.setError(error),
    );
  const calendarImport = createCalendarImport({
    i18n,
    onImported: async () => {
      await refreshStatus();
      calendar.reload();
    },
  });
  const calendar = createCalendarView({
    i18n,
    onPick: (date) => deadline.setStartDate(date),
    headerTools: calendarImport.tools,
    belowHeader: calendarImport.status,
  });

  root.replaceChildren(createHeader(i18n), h("main", { class: "app-main" }, banner.element, h("div", { class: "columns" }, calendar.element, deadline.element), sealCheck.element));

  const today = nowInChina().date;
  calendar.show({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
  void refreshStatus();
}

const root = document.getElementById("app");
if (root) start(root);
