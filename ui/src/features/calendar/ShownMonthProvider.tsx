import { useMemo, useState, type ReactNode } from "react";
import type { YearMonth } from "./monthNav";
import { ShownMonthContext, type ShownMonthValue } from "./shownMonthContext";

export function ShownMonthProvider({ children }: { children: ReactNode }) {
  const [requested, setRequested] = useState<YearMonth | null>(null);
  const value = useMemo<ShownMonthValue>(() => ({ requested, show: setRequested }), [requested]);
  return <ShownMonthContext value={value}>{children}</ShownMonthContext>;
}
