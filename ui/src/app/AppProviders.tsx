import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ShownMonthProvider } from "../features/calendar/ShownMonthProvider";
import { DeadlineDraftProvider } from "../features/deadline/DeadlineDraftProvider";
import { InboxMemoryProvider } from "../features/inbox/InboxMemoryProvider";
import type { Locale } from "../i18n";
import { I18nProvider } from "../i18n/I18nProvider";

/**
 * What every screen relies on: the IPC cache, the language, and the state
 * that outlives a screen (the calendar's month, the calculator's form).
 */
export function AppProviders({ queryClient, locale, children }: { queryClient: QueryClient; locale?: Locale | undefined; children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider initialLocale={locale}>
        <ShownMonthProvider>
          <DeadlineDraftProvider>
            <InboxMemoryProvider>{children}</InboxMemoryProvider>
          </DeadlineDraftProvider>
        </ShownMonthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
