import { createContext, useContext } from "react";
import type { InboxFilterState } from "./filters";

export interface InboxMemory {
  filters: InboxFilterState;
  setFilters: (next: InboxFilterState) => void;
  selected: string | null;
  setSelected: (number: string | null) => void;
}

export const InboxMemoryContext = createContext<InboxMemory | null>(null);

/** The inbox's filters and selection, kept while the officer works a case. */
export function useInboxMemory(): InboxMemory {
  const value = useContext(InboxMemoryContext);
  if (value === null) throw new Error("useInboxMemory() outside <InboxMemoryProvider>");
  return value;
}
