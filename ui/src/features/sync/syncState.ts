import type { IpcError } from "../../ipc/types";
import type { SyncErrorView } from "../../ipc/types";

/** The sync's last error in the shape the error vocabulary reads. */
export function syncErrorAsIpcError(error: SyncErrorView): IpcError {
  return { code: error.code, message: error.message, message_en: error.messageEn };
}
