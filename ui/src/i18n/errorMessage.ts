import type { IpcError } from "../ipc/types";
import type { Translate } from "./index";
import { errorKey } from "./keys";

/**
 * The text shown for a rejected command: our own catalogue text for a known
 * code (in the current language), else the backend's zh-CN message, else a
 * generic line.
 */
export function errorMessage(error: IpcError, t: Translate): string {
  const key = errorKey(error.code);
  if (key !== undefined) return t(key, { message: error.message });
  const fallback = error.message.trim();
  return fallback === "" ? t("error.unknown") : fallback;
}
