import type { IpcError } from "../ipc/types";
import { isMessageKey, type Translate } from "./index";

/**
 * The text shown for a rejected command: our own catalogue text for a known
 * code (in the current language), else the backend's zh-CN message, else a
 * generic line.
 */
export function errorMessage(error: IpcError, t: Translate): string {
  const key = `error.${error.code}`;
  if (error.code !== "unknown" && error.code !== "title" && isMessageKey(key)) {
    return t(key, { message: error.message });
  }
  const fallback = error.message.trim();
  return fallback === "" ? t("error.unknown") : fallback;
}
