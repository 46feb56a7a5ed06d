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
  | "file_too_large"
  | "pdf_unreadable"
  | "trust_folder_unreadable"
  | "trust_root_unreadable"
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

/**
 * The verdict on a whole e-material (Art 8), most serious first: one broken
 * or modified signature makes the file `invalid`.
 */
export type SealVerdict = "all_valid" | "invalid" | "untrusted" | "unsigned";

/** The integrity of one signature (the codes `deskctl pdf verify --json` prints). */
export type SealStatus =
  | "valid"
  | "malformed_byte_range"
  | "malformed_cms"
  | "digest_mismatch"
  | "bad_signature"
  | "signing_certificate_mismatch"
  | "signer_certificate_missing"
  | "unsupported";

/** `not_checked`: the signature was too broken for this check to mean anything. */
export type SealCoverage = "whole_document" | "signature_updates_only" | "modified_after_signing" | "not_checked";
export type SealTrust = "trusted" | "untrusted" | "not_checked";

export interface SealSignature {
  /** The signature field's name in the PDF. */
  field_name: string;
  status: SealStatus | (string & {});
  /** zh-CN: what the status means, with the detail. */
  message: string;
  covers_document: boolean;
  coverage: SealCoverage | (string & {});
  /** Later incremental updates that only add signatures. */
  later_revisions: number;
  /** zh-CN: what follows the signed revision, or what changed after it. */
  coverage_message: string;
  trusted: boolean;
  trust: SealTrust | (string & {});
  /** zh-CN: the trusted root, or why the signer is not trusted. */
  trust_message: string;
  /** e.g. "CN=蓝田县市场监督管理局 e-seal,O=蓝田县市场监督管理局,C=CN" */
  signer_subject: string | null;
  /** /M, the claimed signing time. */
  signing_time: Rfc3339 | null;
  reason: string | null;
  location: string | null;
  name: string | null;
}

export interface SealCheck {
  /** The name sent with the file, echoed. */
  file_name: string;
  verdict: SealVerdict;
  /** Roots in the profile's trust folder; 0 explains an `untrusted` verdict. */
  trust_root_count: number;
  signatures: SealSignature[];
}
