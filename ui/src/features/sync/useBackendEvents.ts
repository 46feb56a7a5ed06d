import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { onBackendEvent, type BackendEventName, type BackendEvents } from "../../ipc/events";
import type { SyncProgress } from "../../ipc/types";
import { sessionKeys } from "./syncQueries";

/**
 * Subscribes to an event for the component's life. Outside Tauri (tests,
 * a plain browser) there is nothing to listen to and nothing happens.
 */
export function useBackendEvent<E extends BackendEventName>(name: E, handler: (payload: BackendEvents[E]) => void) {
  useEffect(() => {
    let active = true;
    let off: (() => void) | undefined;
    Promise.resolve()
      .then(() => onBackendEvent(name, handler))
      .then((unlisten) => {
        if (typeof unlisten !== "function") return;
        if (active) off = unlisten;
        else unlisten();
      })
      .catch(() => undefined);
    return () => {
      active = false;
      off?.();
    };
  }, [name, handler]);
}

/**
 * The window's subscriptions: a new sync status replaces the cached one,
 * changed cases are read again (the inbox and any open case).
 */
export function useCacheEvents() {
  const client = useQueryClient();
  const [handlers] = useState(() => ({
    status: (status: BackendEvents["sync-status"]) => client.setQueryData(sessionKeys.sync, status),
    cases: (numbers: BackendEvents["cases-changed"]) => {
      void client.invalidateQueries({ queryKey: ["inbox"] });
      const changed = Array.isArray(numbers) ? numbers : [];
      // No numbers (a sync that cannot tell which): every open case is read again.
      if (changed.length === 0) void client.invalidateQueries({ queryKey: ["case"] });
      for (const number of changed) void client.invalidateQueries({ queryKey: ["case", number] });
      void client.invalidateQueries({ queryKey: ["bundle"] });
    },
  }));
  useBackendEvent("sync-status", handlers.status);
  useBackendEvent("cases-changed", handlers.cases);
}

/** The latest `sync-progress`, cleared once done. */
export function useSyncProgress(): SyncProgress | null {
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [handler] = useState(() => (next: SyncProgress) => setProgress(next.total !== null && next.done >= next.total ? null : next));
  useBackendEvent("sync-progress", handler);
  return progress;
}
