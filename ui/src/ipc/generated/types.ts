// Generated from the Rust types by approval-api (crates/api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p approval-api --test ipc_bindings`.
import type { ErrorCode } from "./errorCodes";

export type IpcError = { code: ErrorCode, 
/**
 * zh-CN: what is wrong and where.
 */
message: string, message_en: string, 
/**
 * The request field at fault (`start`, `pauses[1].end`, `--outcome`).
 */
field?: string, 
/**
 * One entry per finding of a rejected file.
 */
details?: Array<IpcErrorDetail>, };

export type IpcErrorDetail = { 
/**
 * A JSON path (`days[3].date`) or a line and column.
 */
location: string, message: string, message_en: string, };

export type CalendarDay = { date: string, 
/**
 * 1 = Monday … 7 = Sunday.
 */
weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7, kind: "workday" | "restday", holiday: string | null, adjusted_workday: boolean, provisional: boolean, };

export type CalendarMonth = { year: number, month: number, provisional: boolean, days: Array<CalendarDay>, };

export type CalendarNotice = { code: "official_data_runs_out" | "provisional_year_in_use", year: number, message: string, };

export type CalendarStatus = { official_years: Array<number>, first_year: number, last_year: number, notices: Array<CalendarNotice>, };

export type CalendarImportSummary = { year: number, rest_days: number, adjusted_workdays: number, 
/**
 * The year already had an official arrangement, which this replaced.
 */
replaced: boolean, };

export type Pause = { start: string, end: string | null, reason: string, };

export type PeriodUnit = "working_days" | "natural_days";

export type DeadlineRequest = { start: string, unit: PeriodUnit, length: number, pauses: Array<Pause>, allow_provisional: boolean, };

export type ExplanationRole = "start" | "counted" | "rest" | "paused" | "extended";

export type ExplanationDay = { 
/**
 * YYYY-MM-DD.
 */
date: string, role: ExplanationRole, 
/**
 * For counted days: the how-manieth.
 */
ordinal: number | null, 
/**
 * The holiday's name, the weekday of a weekend, or the pause's reason.
 */
note: string | null, provisional: boolean, };

export type Explanation = { days: Array<ExplanationDay>, text: string, };

export type DeadlineResult = { "outcome": "due", last_day: string, due: string, provisional: boolean, explanation: Explanation, } | { "outcome": "suspended", paused_since: string, reason: string, counted_days: number, remaining_days: number, provisional: boolean, explanation: Explanation, };

export type SealVerdict = "all_valid" | "invalid" | "untrusted" | "unsigned";

export type SealSignature = { field_name: string, 
/**
 * valid | malformed_byte_range | malformed_cms | digest_mismatch |
 * bad_signature | signing_certificate_mismatch |
 * signer_certificate_missing | unsupported
 */
status: "valid" | "malformed_byte_range" | "malformed_cms" | "digest_mismatch" | "bad_signature" | "signing_certificate_mismatch" | "signer_certificate_missing" | "unsupported", 
/**
 * zh-CN: what the status means for the officer, with the detail.
 */
message: string, covers_document: boolean, 
/**
 * whole_document | signature_updates_only | modified_after_signing |
 * not_checked
 */
coverage: "whole_document" | "signature_updates_only" | "modified_after_signing" | "not_checked", 
/**
 * Incremental updates after this signature that only add signatures.
 */
later_revisions: number, 
/**
 * zh-CN: what follows the signed revision, or what changed after it.
 */
coverage_message: string, trusted: boolean, 
/**
 * trusted | untrusted | not_checked
 */
trust: "trusted" | "untrusted" | "not_checked", 
/**
 * zh-CN: the trusted root, or why the signer is not trusted.
 */
trust_message: string, 
/**
 * The signer certificate's subject, e.g. `CN=… e-seal,O=…,C=CN`.
 */
signer_subject: string | null, 
/**
 * /M, the signing time the signer claims (RFC 3339).
 */
signing_time: string | null, 
/**
 * The RFC 3161 signature timestamp: valid | untrusted (intact, but its
 * TSA does not chain to a trusted root) | broken | none.
 */
timestamp: "valid" | "untrusted" | "broken" | "none", 
/**
 * The time the TSA vouches for (RFC 3339), when the token was read.
 */
timestamp_time: string | null, 
/**
 * zh-CN: who vouches for the time, or why the timestamp does not hold.
 */
timestamp_message: string | null, reason: string | null, location: string | null, name: string | null, };

export type SealCheck = { 
/**
 * The file's name as the officer picked it (echoed so the window can
 * tell which answer belongs to which pick).
 */
file_name: string, verdict: SealVerdict, 
/**
 * How many roots the profile trusts; none explains every `untrusted`.
 */
trust_root_count: number, signatures: Array<SealSignature>, };

export type SessionMode = "demo" | "hub" | "local";

export type SessionView = { mode: SessionMode, 
/**
 * The person who acts (the hub session's name on a bound profile).
 */
person: string, account: string | null, hubUrl: string | null, 
/**
 * Role codes (`officer`, `manager` …) the person holds on this desk.
 */
roles: Array<string>, 
/**
 * The department of the person's first department-scoped grant.
 */
department: string | null, };

export type SyncErrorView = { code: string, message: string, messageEn: string, };

export type SyncStatusView = { 
/**
 * RFC 3339, +08:00.
 */
lastSuccessAt: string | null, lastAttemptAt: string | null, 
/**
 * Outbox records not pushed yet (refused ones included).
 */
pendingPushes: number, 
/**
 * Of those, refused by the hub for good.
 */
failedPushes: number, 
/**
 * Pulled transfers not stored as cases yet.
 */
waitingTransfers: number, 
/**
 * False when the last attempt found the hub unreachable.
 */
online: boolean, 
/**
 * A sync round is running now.
 */
running: boolean, 
/**
 * The last attempt's failure (`None` after a success).
 */
lastError: SyncErrorView | null, };

export type SyncProgress = { done: number, total: number | null, label: string, };

export type HubConnectRequest = { url: string, account: string, password: string, };
