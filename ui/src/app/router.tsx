import { createHashHistory, createRootRoute, createRoute, createRouter, redirect, type RouterHistory } from "@tanstack/react-router";
import { CalendarScreen } from "../features/calendar/CalendarScreen";
import { DeadlineScreen } from "../features/deadline/DeadlineScreen";
import { InboxScreen } from "../features/inbox/InboxScreen";
import { SealCheckScreen } from "../features/sealCheck/SealCheckScreen";
import { AppLayout } from "./AppLayout";
import { NotFoundScreen } from "./NotFoundScreen";
import { BundleRouteScreen, CaseRouteScreen } from "./routeScreens";

/*
 * Code-based routes. The window is served from Tauri's custom protocol
 * (tauri://localhost/index.html): the server does not know our paths, so the
 * route lives in the hash (#/calendar) and a reload always finds index.html.
 */
const rootRoute = createRootRoute({ component: AppLayout, notFoundComponent: NotFoundScreen });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: () => {
    // The router's way to send "/" (the window's first address) to the inbox: officers start on their work.
    throw redirect({ to: "/inbox", replace: true });
  },
});

const inboxRoute = createRoute({ getParentRoute: () => rootRoute, path: "/inbox", component: InboxScreen });
const caseRoute = createRoute({ getParentRoute: () => rootRoute, path: "/cases/$number", component: CaseRouteScreen });
const bundleRoute = createRoute({ getParentRoute: () => rootRoute, path: "/cases/$number/bundle", component: BundleRouteScreen });
const calendarRoute = createRoute({ getParentRoute: () => rootRoute, path: "/calendar", component: CalendarScreen });
const deadlineRoute = createRoute({ getParentRoute: () => rootRoute, path: "/deadline", component: DeadlineScreen });
const sealCheckRoute = createRoute({ getParentRoute: () => rootRoute, path: "/seal-check", component: SealCheckScreen });

const routeTree = rootRoute.addChildren([indexRoute, inboxRoute, caseRoute, bundleRoute, calendarRoute, deadlineRoute, sealCheckRoute]);

/** The app's router; tests hand it a memory history. */
export function createAppRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({ routeTree, history, defaultPreload: false, scrollRestoration: true });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
