import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { hubConnect, session, syncNow, syncStatus } from "../../ipc/commands";

export const sessionKeys = {
  session: ["session"] as const,
  sync: ["sync", "status"] as const,
};

/** Who is signed in and where (demo, a real hub, or a local profile). */
export function useSession() {
  return useQuery({ queryKey: sessionKeys.session, queryFn: () => session(), staleTime: 60_000 });
}

/** The sync client's standing; the `sync-status` event keeps it fresh between reads. */
export function useSyncStatus() {
  return useQuery({ queryKey: sessionKeys.sync, queryFn: () => syncStatus(), refetchInterval: 30_000 });
}

export function useSyncNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => syncNow(),
    onSuccess: (status) => {
      client.setQueryData(sessionKeys.sync, status);
      void client.invalidateQueries({ queryKey: ["inbox"] });
    },
  });
}

/** Signs in at a real platform; everything read from the demo is read again. */
export function useHubConnect() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ url, account, password }: { url: string; account: string; password: string }) => hubConnect(url, account, password),
    onSuccess: async (next) => {
      client.setQueryData(sessionKeys.session, next);
      await client.invalidateQueries();
    },
  });
}
