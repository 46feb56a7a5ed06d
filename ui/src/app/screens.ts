import type { MessageKey } from "../i18n";

/**
 * The screens of the navigation, in order, grouped. The screens to come
 * (inbox, case view, guide editor, filings queue, dashboards) add a group
 * or an entry here and a route in router.tsx.
 */
export interface ScreenEntry {
  path: "/inbox" | "/calendar" | "/deadline" | "/seal-check";
  label: MessageKey;
}

export interface ScreenGroup {
  label: MessageKey;
  screens: readonly ScreenEntry[];
}

export const SCREEN_GROUPS: readonly ScreenGroup[] = [
  {
    label: "nav.group.work",
    screens: [{ path: "/inbox", label: "nav.inbox" }],
  },
  {
    label: "nav.group.tools",
    screens: [
      { path: "/calendar", label: "nav.calendar" },
      { path: "/deadline", label: "nav.deadline" },
      { path: "/seal-check", label: "nav.sealCheck" },
    ],
  },
];
