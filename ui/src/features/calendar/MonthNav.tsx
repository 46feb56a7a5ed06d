import { useI18n } from "../../i18n/i18nContext";
import { monthTitle } from "../../i18n/dates";
import { addMonths, inRange, type YearMonth, type YearRange } from "./monthNav";
import { currentMonth } from "./shownMonthContext";

interface MonthNavProps {
  shown: YearMonth;
  range: YearRange | null;
  onShow: (ym: YearMonth) => void;
}

/** Previous / next month, the month shown (announced when it changes) and back to today. */
export function MonthNav({ shown, range, onShow }: MonthNavProps) {
  const { t } = useI18n();
  const previous = addMonths(shown, -1);
  const next = addMonths(shown, 1);
  return (
    <div className="month-nav">
      <button type="button" className="btn prev-month" disabled={!inRange(previous, range)} onClick={() => onShow(previous)}>
        {t("calendar.prev")}
      </button>
      <span className="month-title" aria-live="polite">
        {monthTitle(shown.year, shown.month, t)}
      </span>
      <button type="button" className="btn next-month" disabled={!inRange(next, range)} onClick={() => onShow(next)}>
        {t("calendar.next")}
      </button>
      <button type="button" className="btn today-button" disabled={!inRange(currentMonth(), range)} onClick={() => onShow(currentMonth())}>
        {t("calendar.today")}
      </button>
    </div>
  );
}
