import { Link } from "@tanstack/react-router";
import { useI18n } from "../i18n/i18nContext";
import { SCREEN_GROUPS } from "./screens";

/** The screens, grouped; the current one is marked (aria-current="page") for screen readers too. */
export function SideNav() {
  const { t } = useI18n();
  return (
    <nav className="side-nav" aria-label={t("nav.label")}>
      {SCREEN_GROUPS.map((group) => (
        <div key={group.label} className="nav-group">
          <h2 className="nav-group-label" id={`nav-${group.label}`}>
            {t(group.label)}
          </h2>
          <ul aria-labelledby={`nav-${group.label}`}>
            {group.screens.map((screen) => (
              <li key={screen.path}>
                <Link to={screen.path} className="nav-link" activeProps={{ className: "nav-link active", "aria-current": "page" }}>
                  {t(screen.label)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
