import type { IpcError, IpcErrorDetail } from "./types";

/**
 * Normalises whatever a rejected invoke produced into an IpcError.
 * The backend rejects with { code, message, message_en, details? }; anything else (a
 * string from Tauri itself, e.g. "command not found", or a JS Error) becomes
 * `internal`. `details` is kept only when it is an array; entries that are not
 * `{ location, message, message_en }` strings are dropped, and an array left
 * empty is dropped too (the backend omits an empty list).
 */
export function toIpcError(raw: unknown): IpcError {
  if (isIpcError(raw)) {
    const record = raw as unknown as Record<string, unknown>;
    const details = toDetails(record["details"]);
    const english = record["message_en"];
    // The English text is kept: the window in English shows the backend's reason in English.
    const base: IpcError = typeof english === "string" ? { code: raw.code, message: raw.message, message_en: english } : { code: raw.code, message: raw.message };
    return details.length > 0 ? { ...base, details } : base;
  }
  if (typeof raw === "string") return { code: "internal", message: raw };
  if (raw instanceof Error) return { code: "internal", message: raw.message };
  return { code: "internal", message: String(raw) };
}

export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record["code"] === "string" && typeof record["message"] === "string";
}

export function isIpcErrorDetail(value: unknown): value is IpcErrorDetail {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record["location"] === "string" && typeof record["message"] === "string" && typeof record["message_en"] === "string";
}

function toDetails(raw: unknown): IpcErrorDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isIpcErrorDetail).map((d) => ({ location: d.location, message: d.message, message_en: d.message_en }));
}
