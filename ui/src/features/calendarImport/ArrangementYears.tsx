import { useI18n } from "../../i18n/i18nContext";
import { yearRanges } from "../../i18n/dates";
import { useCalendarStatus } from "../calendar/calendarQueries";

/** Which years follow an official arrangement and which are estimated, from the calendar's status. */
export function ArrangementYears() {
  const { t } = useI18n();
  const status = useCalendarStatus();
  if (!status.data) return null;
  const { official_years: official, first_year: first, last_year: last } = status.data;
  const estimated: number[] = [];
  for (let year = first; year <= last; year++) if (!official.includes(year)) estimated.push(year);
  return (
    <ul className="arrangement-years">
      <li className="official-years">{t("calendarImport.officialYears", { years: yearRanges(official, t) })}</li>
      <li className="estimated-years">{estimated.length > 0 ? t("calendarImport.estimatedYears", { years: yearRanges(estimated, t) }) : t("calendarImport.noEstimatedYears")}</li>
    </ul>
  );
}
