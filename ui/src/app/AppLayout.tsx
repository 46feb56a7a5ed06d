import { Outlet } from "@tanstack/react-router";
import { DemoBanner } from "../features/session/DemoBanner";
import { StatusBar } from "../features/sync/StatusBar";
import { useCacheEvents } from "../features/sync/useBackendEvents";
import { AppHeader } from "./AppHeader";
import { SideNav } from "./SideNav";
import { MAIN_CONTENT_ID, SkipLink } from "./SkipLink";

/**
 * The frame of every screen: banner (and, in demo mode, the demo notice),
 * navigation on the left, the screen in <main>, the status bar at the
 * bottom. Only <main> scrolls, so the navigation and the sync status stay
 * in reach on a 1366×768 screen.
 */
export function AppLayout() {
  useCacheEvents();
  return (
    <div className="app-shell">
      <SkipLink />
      <AppHeader />
      <DemoBanner />
      <div className="app-body">
        <SideNav />
        <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
      <StatusBar />
    </div>
  );
}
