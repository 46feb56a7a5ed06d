import type { CalendarNotice, NoticeCode } from "../../ipc/types";
import { keyFor, type MessageKey, type Translate } from "../../i18n";

const NOTICE_KEYS = {
  official_data_runs_out: "notice.official_data_runs_out",
  provisional_year_in_use: "notice.provisional_year_in_use",
} as const satisfies Readonly<Record<NoticeCode, MessageKey>>;

/** Localised text of a calendar notice; an unknown code falls back to the backend's text. */
export function noticeText(notice: CalendarNotice, t: Translate): string {
  const key = keyFor(NOTICE_KEYS, notice.code);
  return key === undefined ? notice.message : t(key, { year: notice.year });
}
