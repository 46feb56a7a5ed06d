/**
 * The events the backend emits to the window (sync loop, case changes).
 * Like commands.ts, the only place that names them.
 */
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { BatchSealProgress, SyncProgress, SyncStatusView } from "./types";

export interface BackendEvents {
  "sync-status": SyncStatusView;
  "sync-progress": SyncProgress;
  /** The numbers of the cases that changed (a pull, an action, a sweep). */
  "cases-changed": string[];
  /** After each case of a batch seal (批量签章). */
  "seal-progress": BatchSealProgress;
}

export type BackendEventName = keyof BackendEvents;

/** Subscribes to one event; resolves with the function that ends the subscription. */
export function onBackendEvent<E extends BackendEventName>(name: E, handler: (payload: BackendEvents[E]) => void): Promise<UnlistenFn> {
  return listen<BackendEvents[E]>(name, (event) => handler(event.payload));
}
