/**
 * The only module that talks to Tauri. One typed function per command.
 * Every function resolves with the command's value or rejects with an IpcError.
 */
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import { toIpcError } from "./errors";
import type {
  CalendarImportArgs,
  CalendarImportSummary,
  CalendarMonth,
  CalendarMonthArgs,
  CalendarStatus,
  ComputeDeadlineArgs,
  DeadlineRequest,
  DeadlineResult,
  SealCheck,
} from "./types";

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (raw: unknown) {
    throw toIpcError(raw);
  }
}

export function calendarMonth(year: number, month: number): Promise<CalendarMonth> {
  const args: CalendarMonthArgs = { year, month };
  return call<CalendarMonth>("calendar_month", { ...args });
}

export function calendarStatus(): Promise<CalendarStatus> {
  return call<CalendarStatus>("calendar_status");
}

export function computeDeadline(request: DeadlineRequest): Promise<DeadlineResult> {
  const args: ComputeDeadlineArgs = { request };
  return call<DeadlineResult>("compute_deadline", { ...args });
}

/** Imports a year's holiday arrangement (the file's text); rejects with `import_invalid` and `details`. */
export function calendarImport(json: string): Promise<CalendarImportSummary> {
  const args: CalendarImportArgs = { json };
  return call<CalendarImportSummary>("calendar_import", { ...args });
}

/** The header that names the file sent as a raw body (see `sealCheck`). */
export const FILE_NAME_HEADER = "x-file-name";

/** The header that carries the id the window gave a seal check (see `sealCheckCancel`). */
export const CHECK_ID_HEADER = "x-check-id";

/**
 * Checks the e-seals of a PDF. The bytes go as the raw request body (a
 * `number[]` argument would be JSON, about four times the file); the name
 * goes percent-encoded in a header, since header values must be ASCII.
 * The backend gives up after its time limit (`seal_check_timed_out`).
 * Rejects with `file_too_large`, `pdf_unreadable`, `pdf_over_budget`, `trust_root_unreadable`…
 */
export function sealCheck(fileName: string, pdf: Uint8Array, checkId: string): Promise<SealCheck> {
  return call<SealCheck>("seal_check", pdf, { headers: { [FILE_NAME_HEADER]: encodeURIComponent(fileName), [CHECK_ID_HEADER]: checkId } });
}

/**
 * Cancels the running seal check `checkId`: its `sealCheck` then rejects with
 * `seal_check_cancelled`. Resolves false when no check runs under the id.
 */
export function sealCheckCancel(checkId: string): Promise<boolean> {
  return call<boolean>("seal_check_cancel", { checkId });
}
