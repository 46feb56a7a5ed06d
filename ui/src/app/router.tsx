import { createHashHistory, createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect, type RouterHistory } from "@tanstack/react-router";
import { InboxScreen } from "../features/inbox/InboxScreen";
import { AppLayout } from "./AppLayout";
import { NotFoundScreen } from "./NotFoundScreen";

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

/*
 * The inbox, where the window opens, is in the first script; every other
 * screen is its own chunk, loaded on the first visit. The case and bundle
 * views carry the flowchart canvas (@xyflow/react) and the PDF viewer: an
 * officer who only looks at the inbox never pays for them in the web
 * process's memory (docs/benchmarks.md, "The window").
 */
const inboxRoute = createRoute({ getParentRoute: () => rootRoute, path: "/inbox", component: InboxScreen });
const caseRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases/$number",
  component: lazyRouteComponent(() => import("./routeScreens"), "CaseRouteScreen"),
});
const bundleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/cases/$number/bundle",
  component: lazyRouteComponent(() => import("./routeScreens"), "BundleRouteScreen"),
});
const calendarRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/calendar",
  component: lazyRouteComponent(() => import("../features/calendar/CalendarScreen"), "CalendarScreen"),
});
const deadlineRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/deadline",
  component: lazyRouteComponent(() => import("../features/deadline/DeadlineScreen"), "DeadlineScreen"),
});
const sealCheckRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/seal-check",
  component: lazyRouteComponent(() => import("../features/sealCheck/SealCheckScreen"), "SealCheckScreen"),
});

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
