import { useMemo, useState, type ReactNode } from "react";
import { NO_FILTERS, type InboxFilterState } from "./filters";
import { InboxMemoryContext, type InboxMemory } from "./inboxContext";

export function InboxMemoryProvider({ children }: { children: ReactNode }) {
  const [filters, setFilters] = useState<InboxFilterState>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const value = useMemo<InboxMemory>(() => ({ filters, setFilters, selected, setSelected }), [filters, selected]);
  return <InboxMemoryContext value={value}>{children}</InboxMemoryContext>;
}
