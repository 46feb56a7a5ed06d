import { RouterProvider } from "@tanstack/react-router";
import { useState } from "react";
import { AppProviders } from "./AppProviders";
import { createQueryClient } from "./queryClient";
import { createAppRouter } from "./router";

/** The whole window. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createAppRouter());
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}
