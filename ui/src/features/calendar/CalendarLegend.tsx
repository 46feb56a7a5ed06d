import { Badge } from "../../components/Badge";
import { useI18n } from "../../i18n/i18nContext";

/** What the badges mean, and what clicking a day does. */
export function CalendarLegend() {
  const { t } = useI18n();
  return (
    <div className="legend">
      <ul className="legend-items">
        <li>
          <Badge tone="rest">{t("calendar.badge.rest")}</Badge> {t("calendar.legend.rest")}
        </li>
        <li>
          <Badge tone="work">{t("calendar.badge.work")}</Badge> {t("calendar.legend.work")}
        </li>
        <li>
          <Badge tone="provisional">{t("calendar.badge.provisional")}</Badge> {t("calendar.legend.provisional")}
        </li>
      </ul>
      <p className="muted pick-hint">{t("calendar.pickHint")}</p>
    </div>
  );
}
