import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../../i18n/i18nContext";
import type { InboxRowView } from "../../ipc/types";
import { InboxRow } from "./InboxRow";

export const ROW_HEIGHT = 44;

export interface InboxListProps {
  rows: readonly InboxRowView[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (number: string) => void;
  /** The case selected when the list was left (kept across visits). */
  selected: string | null;
  onSelect: (number: string) => void;
}

/**
 * The inbox as a listbox, virtualised: only the rows in view (and a few
 * around them) are in the DOM, so 100,000 cases scroll like 100. The next
 * page is asked for as the end of the loaded rows comes into view.
 * Keyboard: ↑/↓, Page Up/Down, Home/End move the selection; Enter opens.
 */
export function InboxList({ rows, total, hasMore, loadingMore, onLoadMore, onOpen, selected, onSelect }: InboxListProps) {
  const { t } = useI18n();
  const baseId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() => Math.max(0, rows.findIndex((r) => r.number === selected)));
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));
  const count = rows.length + (hasMore ? 1 : 0);

  // The virtualizer re-renders this component itself on scroll; the compiler need not memoise it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1000, height: 560 },
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rows.length - 1) onLoadMore();
  }, [hasMore, loadingMore, lastShown, rows.length, onLoadMore]);

  const move = (to: number) => {
    if (rows.length === 0) return;
    const next = Math.max(0, Math.min(rows.length - 1, to));
    setActive(next);
    const row = rows[next];
    if (row) onSelect(row.number);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };

  const pageRows = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 560) / ROW_HEIGHT) - 1);
  const activeRow = rows[activeIndex];
  const optionId = (index: number) => `${baseId}-row-${index}`;

  return (
    <div className="inbox-list">
      <div className="inbox-head" aria-hidden="true">
        <span className="cell number">{t("inbox.col.number")}</span>
        <span className="cell item">{t("inbox.col.item")}</span>
        <span className="cell applicant">{t("inbox.col.applicant")}</span>
        <span className="cell state">{t("inbox.col.state")}</span>
        <span className="cell clock">{t("inbox.col.clock")}</span>
        <span className="cell due">{t("inbox.col.due")}</span>
        <span className="cell officer">{t("inbox.col.officer")}</span>
      </div>
      <div
        ref={scroller}
        className="inbox-scroller"
        role="listbox"
        tabIndex={0}
        aria-label={t("inbox.listLabel", { total })}
        aria-activedescendant={activeRow ? optionId(activeIndex) : undefined}
        aria-busy={loadingMore}
        onKeyDown={(event) => {
          const keys: Record<string, () => void> = {
            ArrowDown: () => move(activeIndex + 1),
            ArrowUp: () => move(activeIndex - 1),
            PageDown: () => move(activeIndex + pageRows),
            PageUp: () => move(activeIndex - pageRows),
            Home: () => move(0),
            End: () => move(rows.length - 1),
            Enter: () => activeRow && onOpen(activeRow.number),
          };
          const action = keys[event.key];
          if (action) {
            event.preventDefault();
            action();
          }
        }}
        onFocus={() => {
          if (activeRow && selected !== activeRow.number) onSelect(activeRow.number);
        }}
      >
        <div className="inbox-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) {
              return (
                <div key="more" className="inbox-row inbox-more" aria-hidden="true" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                  {t("inbox.loadingMore")}
                </div>
              );
            }
            return (
              <InboxRow
                key={row.number}
                row={row}
                id={optionId(item.index)}
                index={item.index}
                total={total}
                selected={item.index === activeIndex}
                top={item.start}
                height={item.size}
                onSelect={() => {
                  setActive(item.index);
                  onSelect(row.number);
                }}
                onOpen={() => onOpen(row.number)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
