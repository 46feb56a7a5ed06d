/**
 * The only module that talks to Tauri. One typed function per command.
 * Every function resolves with the command's value or rejects with an IpcError.
 */
import { invoke } from "@tauri-apps/api/core";
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
} from "./types";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
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
