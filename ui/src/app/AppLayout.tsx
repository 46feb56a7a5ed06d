import { Outlet } from "@tanstack/react-router";
import { AppHeader } from "./AppHeader";
import { SideNav } from "./SideNav";
import { MAIN_CONTENT_ID, SkipLink } from "./SkipLink";

/**
 * The frame of every screen: banner, navigation on the left, the screen in
 * <main>. Only <main> scrolls, so the navigation stays in reach on a
 * 1366×768 screen.
 */
export function AppLayout() {
  return (
    <div className="app-shell">
      <SkipLink />
      <AppHeader />
      <div className="app-body">
        <SideNav />
        <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
