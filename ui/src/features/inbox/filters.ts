import type { InboxCursor, InboxQuery } from "../../ipc/types";

/** Rows per IPC call: a few screens' worth; the backend caps a page at 200. */
export const PAGE_SIZE = 100;

/** The inbox's filters as the form holds them ("" = any). */
export interface InboxFilterState {
  state: string;
  itemCode: string;
  bundle: string;
  dueBefore: string;
  assignedToMe: boolean;
  overdue: boolean;
  search: string;
}

export const NO_FILTERS: InboxFilterState = {
  state: "",
  itemCode: "",
  bundle: "",
  dueBefore: "",
  assignedToMe: false,
  overdue: false,
  search: "",
};

const orNull = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The query of one page: the filters, and the keyset cursor of the last row seen. */
export function toInboxQuery(filters: InboxFilterState, after: InboxCursor | null, limit = PAGE_SIZE): InboxQuery {
  const due = orNull(filters.dueBefore);
  return {
    state: orNull(filters.state),
    itemCode: orNull(filters.itemCode),
    assignedToMe: filters.assignedToMe,
    dueBefore: due !== null && ISO_DATE.test(due) ? due : null,
    bundle: orNull(filters.bundle),
    overdue: filters.overdue,
    search: orNull(filters.search),
    after,
    limit,
  };
}

/** Whether any filter narrows the list (the "clear" button shows then). */
export function isFiltered(filters: InboxFilterState): boolean {
  return JSON.stringify(toInboxQuery(filters, null)) !== JSON.stringify(toInboxQuery(NO_FILTERS, null));
}
