import { useEffect, useId, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useI18n } from "../i18n/i18nContext";

const FOCUSABLE = ['a[href]', "button:not([disabled])", 'input:not([disabled]):not([type="hidden"])', "select:not([disabled])", "textarea:not([disabled])", "[tabindex]"]
  .map((s) => `${s}:not([tabindex="-1"])`)
  .join(", ");
/** The line that says what work is under way (DialogStatus). */
const STATUS = "[data-dialog-status]";
/** What the work came to: a refusal (role=alert) or the result, focusable with tabIndex -1. */
const OUTCOME = "[data-dialog-outcome]";
const AUTOFOCUS = "[data-autofocus]";

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider for a PDF preview. */
  wide?: boolean;
  /**
   * Dialogs busy with work (sealing) cannot be closed by Escape until it
   * ends. Its status line takes the focus while it runs, and what it came
   * to (an error, the outcome) when it appears.
   */
  busy?: boolean;
  className?: string;
}

/**
 * A modal dialog (WCAG 2.1: 2.1.2, 2.4.3): the focus moves in, Tab and
 * Shift+Tab stay inside, Escape closes, and the focus goes back to the
 * control that opened it. The rest of the window (banner, navigation and
 * status bar too) is dimmed and inert to the pointer; `aria-modal` tells
 * screen readers to stay inside.
 *
 * The focus never falls out of it to <body>:
 * - a `data-autofocus` control takes it on opening, or when it appears
 *   later (a list that loads) if the focus is still where the dialog put it;
 * - while the dialog is `busy` its status line (`data-dialog-status`) has
 *   it, as the control that started the work is disabled meanwhile;
 * - what work came to (`data-dialog-outcome`: a refusal, role=alert, or
 *   the outcome, a preview) takes it as it appears;
 * - a focused control that is disabled or removed otherwise (a preview
 *   button while previewing) hands it to the status line, or else to the
 *   last outcome, or the first control.
 */
export function Dialog({ title, onClose, children, wide = false, busy = false, className = "" }: DialogProps) {
  const { t } = useI18n();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    closeRef.current = onClose;
    busyRef.current = busy;
  });

  /** Where the dialog itself last put the focus. */
  const placed = useRef<HTMLElement | null>(null);
  /** The element inside that last had the focus. */
  const focused = useRef<HTMLElement | null>(null);
  /** Settles the focus after the dialog's content changed, or its work began or ended. */
  const settleNow = useRef<((began: boolean) => void) | null>(null);

  useEffect(() => {
    const dialog = box.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;

    const place = (element: HTMLElement) => {
      placed.current = element;
      element.focus();
    };
    const firstControl = () => dialog.querySelector<HTMLElement>(AUTOFOCUS) ?? dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog;
    /** The focus left the dialog (to <body>, its control removed) or sits on a control disabled meanwhile. */
    const lost = () => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && dialog.contains(active)) return active !== dialog && active.matches(":disabled");
      return focused.current !== null && (active === null || active === document.body);
    };

    let awaitingAutofocus = dialog.querySelector(AUTOFOCUS) === null;
    place(firstControl());

    const settle = (records: readonly MutationRecord[], began = false) => {
      let outcome: HTMLElement | null = null;
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          outcome = (node.matches(OUTCOME) ? node : [...node.querySelectorAll<HTMLElement>(OUTCOME)].pop()) ?? outcome;
        }
      }
      const status = dialog.querySelector<HTMLElement>(STATUS);
      const wanted = awaitingAutofocus ? dialog.querySelector<HTMLElement>(AUTOFOCUS) : null;
      if (wanted) awaitingAutofocus = false;
      if (began && status) return place(status);
      // what the work came to is read out and keeps the focus in the dialog
      // (also when the answer came too soon for the busy state to be drawn)
      if (outcome?.isConnected === true) return place(outcome);
      // a control meant to have the focus first came later: it takes the focus, unless the officer moved it
      if (wanted && document.activeElement === placed.current) return place(wanted);
      if (!lost()) return;
      const outcomes = dialog.querySelectorAll<HTMLElement>(OUTCOME);
      place(status ?? outcomes[outcomes.length - 1] ?? dialog.querySelector<HTMLElement>(AUTOFOCUS) ?? body.current?.querySelector<HTMLElement>(FOCUSABLE) ?? dialog);
    };
    const observer = new MutationObserver((records) => settle(records));
    observer.observe(dialog, { subtree: true, childList: true, attributes: true, attributeFilter: ["disabled", "data-autofocus"] });
    settleNow.current = (began) => settle(observer.takeRecords(), began);

    return () => {
      observer.disconnect();
      settleNow.current = null;
      if (opener?.isConnected === true) opener.focus();
    };
  }, []);

  const wasBusy = useRef(busy);
  useEffect(() => {
    if (busy === wasBusy.current) return;
    wasBusy.current = busy;
    settleNow.current?.(busy);
  }, [busy]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      if (!busyRef.current) closeRef.current();
      return;
    }
    if (event.key !== "Tab" || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (!first || !last || !(active instanceof HTMLElement)) {
      event.preventDefault();
      return;
    }
    if (!focusable.includes(active)) {
      // On the dialog itself, its status line or an outcome: on to the next
      // control in the dialog's order, round to the first after the last
      // (the controls after a status line are disabled while it runs).
      event.preventDefault();
      const follows = (e: HTMLElement) => (active.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
      const next = event.shiftKey ? (focusable.filter((e) => !follows(e)).pop() ?? last) : (focusable.find(follows) ?? first);
      next.focus();
      return;
    }
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  // Rendered into <body>, not where it is opened: inside the scrolling
  // <main>, WebKitGTK clipped the backdrop to <main>, so the banner, the
  // navigation and the status bar stayed bright and clickable beside a modal
  // dialog, and a tall dialog (the seal's, with its preview) lost its title
  // under the banner at 1366×768.
  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={box}
        className={`dialog${wide ? " dialog-wide" : ""} ${className}`.trim()}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          focused.current = event.target;
        }}
      >
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-small dialog-close" onClick={onClose} disabled={busy} aria-label={t("dialog.closeLabel", { title })}>
            {t("dialog.close")}
          </button>
        </div>
        <div ref={body} className="dialog-body">
          {children}
        </div>
      </div>
    </div>,
    document.body,
  );
}
