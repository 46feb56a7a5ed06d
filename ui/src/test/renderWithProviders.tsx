import { render, type RenderResult } from "@testing-library/react";
import userEvent, { type UserEvent } from "@testing-library/user-event";
import type { QueryClient } from "@tanstack/react-query";
import type { ReactElement } from "react";
import { AppProviders } from "../app/AppProviders";
import { createQueryClient } from "../app/queryClient";
import type { Locale } from "../i18n";

export interface Rendered extends RenderResult {
  user: UserEvent;
  queryClient: QueryClient;
}

/** Renders a component inside the app's providers (a fresh IPC cache each time), zh-CN unless told. */
export function renderWithProviders(ui: ReactElement, { locale = "zh-CN" }: { locale?: Locale } = {}): Rendered {
  const queryClient = createQueryClient();
  const user = userEvent.setup();
  const result = render(
    <AppProviders queryClient={queryClient} locale={locale}>
      {ui}
    </AppProviders>,
  );
  return { ...result, user, queryClient };
}
