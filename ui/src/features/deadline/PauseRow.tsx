import { useI18n } from "../../i18n/i18nContext";
import type { PauseValues } from "./request";
import type { PauseDraft } from "./deadlineDraftContext";

interface PauseRowProps {
  pause: PauseDraft;
  /** 0-based position: the inputs are named by it (pause-0-startDate …), the legend counts from 1. */
  index: number;
  onChange: (patch: Partial<PauseValues>) => void;
  onRemove: () => void;
}

/** One pause: start, end (or still running), reason. */
export function PauseRow({ pause, index, onChange, onRemove }: PauseRowProps) {
  const { t } = useI18n();
  const name = (field: keyof PauseValues): string => `pause-${index}-${field}`;
  const n = index + 1;
  return (
    <fieldset className="pause-row" data-index={index}>
      <legend>{t("deadline.pause.legend", { n })}</legend>
      <div className="pause-fields">
        <div className="date-time">
          <label>
            <span>{t("deadline.pause.start")}</span>
            <input type="date" name={name("startDate")} required value={pause.startDate} onChange={(e) => onChange({ startDate: e.currentTarget.value })} />
          </label>
          <input type="time" name={name("startTime")} aria-label={t("deadline.pause.startTime")} required value={pause.startTime} onChange={(e) => onChange({ startTime: e.currentTarget.value })} />
        </div>
        <div className="date-time">
          <label>
            <span>{t("deadline.pause.end")}</span>
            <input type="date" name={name("endDate")} disabled={pause.ongoing} value={pause.endDate} onChange={(e) => onChange({ endDate: e.currentTarget.value })} />
          </label>
          <input type="time" name={name("endTime")} aria-label={t("deadline.pause.endTime")} disabled={pause.ongoing} value={pause.endTime} onChange={(e) => onChange({ endTime: e.currentTarget.value })} />
        </div>
        <label className="check">
          <input type="checkbox" name={name("ongoing")} checked={pause.ongoing} onChange={(e) => onChange({ ongoing: e.currentTarget.checked })} />
          {t("deadline.pause.ongoing")}
        </label>
      </div>
      <div className="pause-fields">
        <label className="reason">
          <span>{t("deadline.pause.reason")}</span>
          <input type="text" name={name("reason")} maxLength={200} placeholder={t("deadline.pause.reasonPlaceholder")} value={pause.reason} onChange={(e) => onChange({ reason: e.currentTarget.value })} />
        </label>
        <button type="button" className="btn btn-small remove-pause" aria-label={t("deadline.pause.removeLabel", { n })} onClick={onRemove}>
          {t("deadline.pause.remove")}
        </button>
      </div>
    </fieldset>
  );
}
