import type { IpcError } from "./types";

/**
 * Normalises whatever a rejected invoke produced into an IpcError.
 * The backend rejects with { code, message }; anything else (a string from
 * Tauri itself, e.g. "command not found", or a JS Error) becomes `internal`.
 */
export function toIpcError(raw: unknown): IpcError {
  if (isIpcError(raw)) return { code: raw.code, message: raw.message };
  if (typeof raw === "string") return { code: "internal", message: raw };
  if (raw instanceof Error) return { code: "internal", message: raw.message };
  return { code: "internal", message: String(raw) };
}

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record["code"] === "string" && typeof record["message"] === "string";
}
