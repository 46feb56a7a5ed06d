import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { caseInbox, inboxFilters } from "../../ipc/commands";
import type { InboxCursor } from "../../ipc/types";
import { toInboxQuery, type InboxFilterState } from "./filters";

/** Everything under `all` is read again when cases change (an action, a sync, the `cases-changed` event). */
export const inboxKeys = {
  all: ["inbox"] as const,
  filters: () => [...inboxKeys.all, "filters"] as const,
  list: (filters: InboxFilterState) => [...inboxKeys.all, "list", filters] as const,
};

export function useInboxFilterChoices() {
  return useQuery({ queryKey: inboxKeys.filters(), queryFn: () => inboxFilters(), staleTime: 60_000 });
}

/**
 * The inbox, page by page (keyset: the cursor of the last row), never the
 * whole set: the list asks for the next page when it scrolls near the end.
 */
export function useInboxPages(filters: InboxFilterState) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(filters),
    queryFn: ({ pageParam }) => caseInbox(toInboxQuery(filters, pageParam)),
    initialPageParam: null as InboxCursor | null,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
    // A refetch re-reads every page loaded so far, one after the other: the `cases-changed` event
    // (and an action's answer) say when to, a window regaining the focus does not.
    refetchOnWindowFocus: false,
  });
}
