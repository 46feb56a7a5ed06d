import type { Explanation, ExplanationRole } from "../../ipc/types";
import { keyFor, type MessageKey, type Translate } from "../../i18n";
import { formatDate, weekdayName } from "../../i18n/dates";
import { noteLabel } from "../../i18n/notes";

/** One row of the explanation table, ready to show. */
export interface ExplanationRow {
  date: string;
  dateLabel: string;
  weekday: string;
  role: ExplanationRole;
  roleLabel: string;
  /** "第3日" for counted days, else "" */
  ordinalLabel: string;
  note: string;
  provisional: boolean;
}

const ROLE_KEYS = {
  start: "result.role.start",
  counted: "result.role.counted",
  rest: "result.role.rest",
  paused: "result.role.paused",
  extended: "result.role.extended",
} as const satisfies Readonly<Record<ExplanationRole, MessageKey>>;

/** The role's label; a role this UI does not know yet is shown as sent. */
export function roleLabel(role: string, t: Translate): string {
  const key = keyFor(ROLE_KEYS, role);
  return key === undefined ? role : t(key);
}

/** Rows in date order as sent; counted (and extended) days carry their number. */
export function explanationRows(explanation: Explanation, t: Translate): ExplanationRow[] {
  return explanation.days.map((day) => ({
    date: day.date,
    dateLabel: formatDate(day.date, t),
    weekday: weekdayName(day.date, t),
    role: day.role,
    roleLabel: roleLabel(day.role, t),
    ordinalLabel: day.ordinal === null ? "" : t("result.ordinal", { n: day.ordinal }),
    // a pause reason is the officer's own text; holiday and weekday names are translated
    note: day.role === "paused" ? (day.note ?? "") : noteLabel(day.note, t),
    provisional: day.provisional,
  }));
}
