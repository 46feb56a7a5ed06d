import { formatInstant } from "../../i18n/dates";
import { caseStateLabel } from "../../i18n/domain";
import { useI18n } from "../../i18n/i18nContext";
import type { InboxRowView } from "../../ipc/types";
import { ClockBadge } from "./ClockBadge";

export interface InboxRowProps {
  row: InboxRowView;
  id: string;
  index: number;
  total: number;
  selected: boolean;
  top: number;
  height: number;
  onSelect: () => void;
  onOpen: () => void;
}

/** One case of the inbox: number, item, applicant, state, its clock and who holds it. */
export function InboxRow({ row, id, index, total, selected, top, height, onSelect, onOpen }: InboxRowProps) {
  const { t } = useI18n();
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-setsize={total}
      aria-posinset={index + 1}
      className={`inbox-row${selected ? " selected" : ""}`}
      data-number={row.number}
      data-timeliness={row.timeliness ?? "none"}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => {
        onSelect();
        onOpen();
      }}
    >
      <span className="cell number">{row.number}</span>
      <span className="cell item" title={row.itemName}>
        {row.itemName}
      </span>
      <span className="cell applicant" title={row.applicant}>
        {row.applicant}
      </span>
      <span className="cell state" title={caseStateLabel(row.state, t)}>
        {caseStateLabel(row.state, t)}
      </span>
      <span className="cell clock">
        <ClockBadge timeliness={row.timeliness} remainingWorkingDays={row.remainingWorkingDays} />
      </span>
      <span className="cell due">{row.due === null ? t("inbox.noDue") : formatInstant(row.due, t, { endOfDay: true })}</span>
      <span className="cell officer">{row.officer ?? t("inbox.unassigned")}</span>
    </div>
  );
}
