/**
 * Types of the Tauri IPC contract between this UI and the Rust backend.
 * Field names are exactly as serialised by the backend (snake_case).
 */

/** Every rejected command carries this; `message` is zh-CN from the backend. */
export interface IpcError {
  code: IpcErrorCode | (string & {});
  message: string;
  /** One entry per finding of a rejected file (`import_invalid`); absent otherwise. */
  details?: IpcErrorDetail[];
}

/** One finding of a rejected file, in both languages. */
export interface IpcErrorDetail {
  /** A JSON path (`days[3].date`) or a position (`line 4, column 2`). */
  location: string;
  /** zh-CN */
  message: string;
  message_en: string;
}

export type IpcErrorCode =
  | "date_out_of_range"
  | "provisional_year"
  | "invalid_input"
  | "invalid_period"
  | "pause_invalid"
  | "import_invalid"
  | "internal";

/** YYYY-MM-DD (a civil date in China). */
export type IsoDate = string;
/** RFC 3339 instant, e.g. 2026-11-26T10:00:00+08:00. */
export type Rfc3339 = string;

/** 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CalendarDay {
  date: IsoDate;
  weekday: Weekday;
  kind: "workday" | "restday";
  /** e.g. "春节" when the day belongs to a statutory holiday period. */
  holiday: string | null;
  /** 调休上班: a weekend day that is a working day. */
  adjusted_workday: boolean;
  provisional: boolean;
}

export interface CalendarMonth {
  year: number;
  month: number;
  provisional: boolean;
  days: CalendarDay[];
}

export interface CalendarMonthArgs {
  year: number;
  /** 1–12 */
  month: number;
}

export type NoticeCode = "official_data_runs_out" | "provisional_year_in_use";

export interface CalendarNotice {
  code: NoticeCode;
  year: number;
  /** zh-CN */
  message: string;
}

export interface CalendarStatus {
  official_years: number[];
  first_year: number;
  /** The calendar's range, provisional years included. */
  last_year: number;
  notices: CalendarNotice[];
}

export interface CalendarImportArgs {
  /** The arrangement file's text: `{ year, papers, days: [{ name, date, isOffDay }] }`. */
  json: string;
}

export interface CalendarImportSummary {
  year: number;
  /** Days listed with isOffDay: true. */
  rest_days: number;
  /** Days listed with isOffDay: false (调休上班). */
  adjusted_workdays: number;
  /** The year already had official data, which this import replaced. */
  replaced: boolean;
}

export type PeriodUnit = "working_days" | "natural_days";

export interface Pause {
  start: Rfc3339;
  /** null = still running */
  end: Rfc3339 | null;
  reason: string;
}

export interface DeadlineRequest {
  start: Rfc3339;
  unit: PeriodUnit;
  length: number;
  pauses: Pause[];
  allow_provisional: boolean;
}

export interface ComputeDeadlineArgs {
  request: DeadlineRequest;
}

export type ExplanationRole = "start" | "counted" | "rest" | "paused" | "extended";

export interface ExplanationDay {
  date: IsoDate;
  role: ExplanationRole;
  /** nth counted day */
  ordinal: number | null;
  /** holiday name, weekday name (周六/周日) or pause reason */
  note: string | null;
  provisional: boolean;
}

export interface Explanation {
  days: ExplanationDay[];
  /** zh-CN plain text */
  text: string;
}

export interface DeadlineDue {
  outcome: "due";
  last_day: IsoDate;
  due: Rfc3339;
  provisional: boolean;
  explanation: Explanation;
}

export interface DeadlineSuspended {
  outcome: "suspended";
  paused_since: Rfc3339;
  reason: string;
  counted_days: number;
  remaining_days: number;
  provisional: boolean;
  explanation: Explanation;
}

export type DeadlineResult = DeadlineDue | DeadlineSuspended;
