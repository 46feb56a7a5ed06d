import "./inbox.css";
import { useNavigate } from "@tanstack/react-router";
import { useCallback, useDeferredValue, useState } from "react";
import { useDocumentTitle } from "../../app/useDocumentTitle";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import { BatchSealDialog } from "../batchSeal/BatchSealDialog";
import { InboxFilters } from "./InboxFilters";
import { InboxList } from "./InboxList";
import { useInboxMemory } from "./inboxContext";
import { useInboxFilterChoices, useInboxPages } from "./inboxQueries";

/** 待办: the department's cases, sorted by due date, filtered and searched. */
export function InboxScreen() {
  const { t } = useI18n();
  useDocumentTitle(t("nav.inbox"));
  const navigate = useNavigate();
  const { filters, setFilters, selected, setSelected } = useInboxMemory();
  // Typing in the search box does not ask the backend on every key stroke before the list has caught up.
  const deferred = useDeferredValue(filters);
  const choices = useInboxFilterChoices();
  const pages = useInboxPages(deferred);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const open = useCallback((number: string) => void navigate({ to: "/cases/$number", params: { number } }), [navigate]);
  const [batchSeal, setBatchSeal] = useState(false);

  return (
    <section className="screen inbox-screen" aria-labelledby="inbox-heading">
      <div className="inbox-title">
        <h2 id="inbox-heading">{t("inbox.heading")}</h2>
        <p className="inbox-total" role="status">
          {pages.isPending ? t("inbox.loading") : t("inbox.total", { total, shown: rows.length })}
        </p>
        <button type="button" className="btn" onClick={() => setBatchSeal(true)}>
          {t("batchSeal.open")}
        </button>
      </div>
      {batchSeal && <BatchSealDialog onClose={() => setBatchSeal(false)} />}
      <InboxFilters value={filters} choices={choices.data} onChange={setFilters} />
      {pages.isError && (
        <p className="alert alert-error" role="alert">
          {errorMessage(pages.error, t)}
        </p>
      )}
      {pages.isSuccess && rows.length === 0 ? (
        <p className="inbox-empty">{t("inbox.empty")}</p>
      ) : (
        <InboxList
          key={JSON.stringify(deferred)}
          rows={rows}
          total={total}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          onOpen={open}
          selected={selected}
          onSelect={setSelected}
        />
      )}
      <p className="hint muted">{t("inbox.keyboardHint")}</p>
    </section>
  );
}
