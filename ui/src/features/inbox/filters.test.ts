import { describe, expect, it } from "vitest";
import { isFiltered, NO_FILTERS, PAGE_SIZE, toInboxQuery } from "./filters";

describe("inbox filters to the page query", () => {
  it("asks for the first page of everything when nothing is set", () => {
    expect(toInboxQuery(NO_FILTERS, null)).toEqual({
      state: null,
      itemCode: null,
      assignedToMe: false,
      dueBefore: null,
      bundle: null,
      overdue: false,
      search: null,
      after: null,
      limit: PAGE_SIZE,
    });
    expect(PAGE_SIZE).toBeLessThanOrEqual(200);
  });

  it("passes each filter, trims the search and carries the keyset cursor", () => {
    const cursor = { due: "2026-01-20T00:00:00+08:00", number: "610113-2026-00100" };
    const query = toInboxQuery(
      { state: "in_review", itemCode: "S01", bundle: "B-OPEN-RESTAURANT", dueBefore: "2026-02-01", assignedToMe: true, overdue: true, search: "  李华 " },
      cursor,
    );
    expect(query).toEqual({ state: "in_review", itemCode: "S01", assignedToMe: true, dueBefore: "2026-02-01", bundle: "B-OPEN-RESTAURANT", overdue: true, search: "李华", after: cursor, limit: PAGE_SIZE });
  });

  it("drops a half-typed due date and a blank search", () => {
    const query = toInboxQuery({ ...NO_FILTERS, dueBefore: "2026-0", search: "   " }, null);
    expect(query.dueBefore).toBeNull();
    expect(query.search).toBeNull();
  });

  it("knows whether anything narrows the list", () => {
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, search: " " })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, overdue: true })).toBe(true);
  });
});
