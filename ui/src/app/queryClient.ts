import { QueryClient } from "@tanstack/react-query";
import type { IpcError } from "../ipc/types";

declare module "@tanstack/react-query" {
  interface Register {
    // Every command rejects with an IpcError (ipc/commands.ts normalises whatever Tauri throws).
    defaultError: IpcError;
  }
}

/**
 * The cache of IPC answers. The backend is a local process, not a network:
 * - networkMode "always": an office PC that shows itself offline must still
 *   read its own calendar (the default would pause every query then);
 * - no retries: a rejected command says why (a date out of range, a bad
 *   file) and asking again gives the same answer;
 * - staleTime 0 and refetch on focus: the profile can change underneath the
 *   window (deskctl imports a calendar), and a re-read costs microseconds.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { networkMode: "always", retry: false, staleTime: 0, refetchOnWindowFocus: true },
      mutations: { networkMode: "always", retry: false },
    },
  });
}
