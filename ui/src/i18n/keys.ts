/**
 * Catalogue keys built from values (a month number, a weekday, a holiday name
 * or an error code from the backend). Each map is checked by the compiler
 * against the catalogue, so no key is ever made up from a string at run time.
 */
import type { IpcErrorCode, Weekday } from "../ipc/types";
import { keyFor, type MessageKey, type Translate } from "./index";

const MONTH_NAME_KEYS = [
  "monthName.1",
  "monthName.2",
  "monthName.3",
  "monthName.4",
  "monthName.5",
  "monthName.6",
  "monthName.7",
  "monthName.8",
  "monthName.9",
  "monthName.10",
  "monthName.11",
  "monthName.12",
] as const satisfies readonly MessageKey[];

const WEEKDAY_KEYS = {
  1: "weekday.1",
  2: "weekday.2",
  3: "weekday.3",
  4: "weekday.4",
  5: "weekday.5",
  6: "weekday.6",
  7: "weekday.7",
} as const satisfies Readonly<Record<Weekday, MessageKey>>;

/** Monday … Sunday, in the order of the month grid's columns. */
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** The statutory holidays (the backend names them in Chinese). */
const HOLIDAY_KEYS: Readonly<Record<string, MessageKey>> = {
  元旦: "holiday.元旦",
  春节: "holiday.春节",
  清明节: "holiday.清明节",
  劳动节: "holiday.劳动节",
  端午节: "holiday.端午节",
  中秋节: "holiday.中秋节",
  国庆节: "holiday.国庆节",
};

/** Codes whose text the window words itself; every other code shows the backend's message in the current language. */
export const ERROR_KEYS = {
  date_out_of_range: "error.date_out_of_range",
  provisional_year: "error.provisional_year",
  invalid_input: "error.invalid_input",
  invalid_period: "error.invalid_period",
  pause_invalid: "error.pause_invalid",
  import_invalid: "error.import_invalid",
  file_too_large: "error.file_too_large",
  pdf_unreadable: "error.pdf_unreadable",
  trust_folder_unreadable: "error.trust_folder_unreadable",
  trust_root_unreadable: "error.trust_root_unreadable",
  internal: "error.internal",
} as const satisfies Readonly<Partial<Record<IpcErrorCode, MessageKey>>>;

/** "1月" / "January"; a number outside 1–12 is shown as it is. */
export function monthName(month: number, t: Translate): string {
  const key = MONTH_NAME_KEYS[month - 1];
  return key === undefined ? String(month) : t(key);
}

export function isWeekday(value: number): value is Weekday {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

/** "周一" / "Mon"; "" for a number that is no weekday. */
export function weekdayLabel(weekday: number, t: Translate): string {
  return isWeekday(weekday) ? t(WEEKDAY_KEYS[weekday]) : "";
}

/** Holiday names come from the backend in Chinese; known ones are translated, others shown as sent. */
export function holidayLabel(name: string, t: Translate): string {
  const key = keyFor(HOLIDAY_KEYS, name);
  return key === undefined ? name : t(key);
}

/** The catalogue key for an error code, or undefined for a code the UI does not know. */
export function errorKey(code: string): MessageKey | undefined {
  return keyFor(ERROR_KEYS, code);
}
