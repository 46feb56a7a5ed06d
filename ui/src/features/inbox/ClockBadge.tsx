import { useI18n } from "../../i18n/i18nContext";
import type { Timeliness } from "../../ipc/types";
import { readClock } from "./timeliness";

/** A clock's standing: coloured, and written out (按期 · 剩余3个工作日). */
export function ClockBadge({ timeliness, remainingWorkingDays }: { timeliness: Timeliness | null; remainingWorkingDays: number | null }) {
  const { t } = useI18n();
  const reading = readClock(timeliness, remainingWorkingDays, t);
  return (
    <span className={`clock-badge tone-${reading.tone}`} data-timeliness={timeliness ?? "none"}>
      <span className="clock-word">{reading.word}</span>
      {reading.remaining !== "" && <span className="clock-remaining">{reading.remaining}</span>}
    </span>
  );
}
