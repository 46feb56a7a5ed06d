import { ERROR_CODE_TITLES, type ErrorCode, type IpcError } from "../ipc/types";
import type { Translate } from "./index";
import { errorKey } from "./keys";

function isKnownCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODE_TITLES, code);
}

/**
 * The text shown for a rejected command: the window's own catalogue text
 * for a code it words itself; for any other code of the vocabulary the
 * backend's message in the current language (or the code's generated
 * title when the message is missing); else the backend's message as sent,
 * else a generic line.
 */
export function errorMessage(error: IpcError, t: Translate): string {
  const key = errorKey(error.code);
  if (key !== undefined) return t(key, { message: error.message });
  if (isKnownCode(error.code)) {
    const titles = ERROR_CODE_TITLES[error.code];
    const zh = error.message.trim() === "" ? titles.zh : error.message;
    const en = error.message_en === undefined || error.message_en.trim() === "" ? titles.en : error.message_en;
    return t("error.fromBackend", { message: zh, message_en: en });
  }
  const fallback = error.message.trim();
  return fallback === "" ? t("error.unknown") : fallback;
}
