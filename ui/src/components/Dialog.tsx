import { useEffect, useId, useRef, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { useI18n } from "../i18n/i18nContext";

const FOCUSABLE = ['a[href]', "button:not([disabled])", 'input:not([disabled]):not([type="hidden"])', "select:not([disabled])", "textarea:not([disabled])", "[tabindex]"]
  .map((s) => `${s}:not([tabindex="-1"])`)
  .join(", ");
const AUTOFOCUS = "[data-autofocus]";

export interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wider for a PDF preview. */
  wide?: boolean;
  /** Dialogs busy with work (sealing) cannot be closed by Escape until it ends. */
  busy?: boolean;
  className?: string;
}

/**
 * A modal dialog (WCAG 2.1: 2.1.2, 2.4.3): the focus moves in (to its
 * `data-autofocus` control, also one that appears later, or else its first
 * control), Tab and Shift+Tab stay inside, Escape closes, and the focus
 * goes back to the control that opened it. The rest of the window (banner, navigation and
 * status bar too) is dimmed and inert to the pointer; `aria-modal` tells
 * screen readers to stay inside.
 */
export function Dialog({ title, onClose, children, wide = false, busy = false, className = "" }: DialogProps) {
  const { t } = useI18n();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    closeRef.current = onClose;
    busyRef.current = busy;
  });

  useEffect(() => {
    const dialog = box.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const wanted = () => dialog.querySelector<HTMLElement>(AUTOFOCUS);
    const placed = wanted() ?? dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog;
    placed.focus();
    // Content that comes later (a list that loads): its data-autofocus
    // control takes the focus once it appears, unless the officer has moved
    // the focus meanwhile.
    const observer = new MutationObserver(() => {
      const later = wanted();
      if (!later) return;
      observer.disconnect();
      if (document.activeElement === placed) later.focus();
    });
    if (placed !== wanted()) observer.observe(dialog, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-autofocus"] });
    return () => {
      observer.disconnect();
      if (opener?.isConnected === true) opener.focus();
    };
  }, []);

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
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && (document.activeElement === first || document.activeElement === box.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
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
      >
        <div className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="btn btn-small dialog-close" onClick={onClose} disabled={busy} aria-label={t("dialog.closeLabel", { title })}>
            {t("dialog.close")}
          </button>
        </div>
        <div className="dialog-body">{children}</div>
      </div>
    </div>,
    document.body,
  );
}
