import { h, replaceChildren } from "../../dom/h";
import type { CalendarNotice, IpcError } from "../../ipc/types";
import { isMessageKey, type I18n } from "../../i18n";
import { errorMessage } from "../../i18n/errorMessage";

/** Localised text of a calendar notice; unknown codes fall back to the backend's text. */
export function noticeText(notice: CalendarNotice, t: I18n["t"]): string {
  const key = `notice.${notice.code}`;
  return isMessageKey(key) ? t(key, { year: notice.year }) : notice.message;
}

/** The banner above the window with the calendar's status notices. */
export function createNoticeBanner(i18n: I18n): {
  element: HTMLElement;
  setNotices: (notices: CalendarNotice[]) => void;
  setError: (error: IpcError) => void;
} {
  const element = h("div", { class: "notices", role: "region", "aria-live": "polite" });
  let state: { notices: CalendarNotice[] } | { error: IpcError } = { notices: [] };

  function render(): void {
    const t = i18n.t;
    if ("error" in state) {
      replaceChildren(element, h("p", { class: "alert alert-error" }, t("notice.statusFailed", { message: errorMessage(state.error, t) })));
      return;
    }
    replaceChildren(
      element,
      ...state.notices.map((notice) =>
        h(
          "p",
          { class: "alert alert-provisional notice", "data-code": notice.code },
          notice.code === "provisional_year_in_use" && h("span", { class: "badge badge-provisional" }, t("calendar.badge.provisional")),
          notice.code === "provisional_year_in_use" && " ",
          noticeText(notice, t),
        ),
      ),
    );
  }

  i18n.onChange(render);
  return {
    element,
    setNotices(notices) {
      state = { notices };
      render();
    },
    setError(error) {
      state = { error };
      render();
    },
  };
}
