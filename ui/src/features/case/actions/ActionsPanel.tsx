import { useEffect, useRef, useState } from "react";
import { formatInstant } from "../../../i18n/dates";
import { useI18n } from "../../../i18n/i18nContext";
import { resultPreview } from "../../../ipc/commands";
import type { CaseView, OfferedActionView } from "../../../ipc/types";
import { PdfDialog } from "../PdfDialog";
import { ActionDialog } from "./ActionDialog";
import { actionLabel } from "./actionLabels";
import { documentActions, type DocumentAction } from "./actionRequest";
import { CorrectionDialog } from "./CorrectionDialog";
import { DelegationDialog } from "./DelegationDialog";
import { SealDialog } from "./SealDialog";
import { TrackingDialog } from "./TrackingDialog";

type Open = { offered: OfferedActionView } | { document: DocumentAction } | null;

/**
 * Only what the rules allow now (CaseView.offered), one button each, and
 * the result letter's own work (seal it, record the paper's tracking
 * number); each opens its dialog. 委托 (delegating one's own work for a
 * period) is the officer's, not the case's, and always offered.
 */
export function ActionsPanel({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const [letter, setLetter] = useState(false);
  const [delegating, setDelegating] = useState(false);
  const close = () => setOpen(null);
  const documents = documentActions(view);
  const offered = open !== null && "offered" in open ? open.offered : null;
  const document = open !== null && "document" in open ? open.document : null;
  const result = view.result;
  const heading = useRef<HTMLHeadingElement>(null);
  // Whether the focus is on one of the panel's controls. An action changes
  // the case, and the updated view may no longer offer the control that had
  // the focus (受理 is gone once accepted): the focus would fall to <body>,
  // so it goes to the panel's heading, from where the new actions follow.
  const focusInPanel = useRef(false);
  useEffect(() => {
    const active = window.document.activeElement;
    if (focusInPanel.current && (active === null || active === window.document.body)) heading.current?.focus();
  }, [view.version]);
  return (
    <section
      className="panel actions-panel"
      aria-labelledby="actions-heading"
      onFocus={() => (focusInPanel.current = true)}
      onBlur={(event) => {
        // A control removed from the page blurs with nowhere to go: that is the case above, not a move away.
        if (event.relatedTarget !== null) focusInPanel.current = false;
      }}
    >
      <h3 id="actions-heading" ref={heading} tabIndex={-1}>
        {t("case.actions")}
      </h3>
      {view.offered.length === 0 && documents.length === 0 ? (
        <p className="muted">{t("case.noActions")}</p>
      ) : (
        <ul className="action-list">
          {view.offered.map((o, i) => (
            <li key={`${o.kind}-${i}`}>
              <button type="button" className={`btn action-button${i === 0 ? " btn-primary" : ""}`} data-action={o.kind} onClick={() => setOpen({ offered: o })}>
                {actionLabel(o, t)}
              </button>
            </li>
          ))}
          {documents.map((d) => (
            <li key={d}>
              <button type="button" className={`btn action-button${view.offered.length === 0 ? " btn-primary" : ""}`} data-action={d} onClick={() => setOpen({ document: d })}>
                {t(d === "seal_result" ? "action.seal_result" : "action.record_tracking")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="delegation-open">
        <button type="button" className="btn btn-small" data-action="delegate" onClick={() => setDelegating(true)}>
          {t("delegation.open")}
        </button>
      </p>
      {result && result.outcome !== null && (
        <div className="result-box">
          <h4>{t("case.result")}</h4>
          <p>
            {result.outcome === "approved" ? t("action.outcome.approved") : t("action.outcome.rejected")}
            {" · "}
            {result.document ? t("case.result.sealedAt", { time: formatInstant(result.document.sealedAt, t) }) : t("case.result.unsealed")}
          </p>
          {result.pushedAt !== null && <p>{t("case.result.pushedAt", { time: formatInstant(result.pushedAt, t) })}</p>}
          {result.trackingNumber !== null && <p>{t("case.result.tracking", { number: result.trackingNumber })}</p>}
          <button type="button" className="btn btn-small" onClick={() => setLetter(true)}>
            {t("case.result.view")}
          </button>
        </div>
      )}
      {offered?.kind === "request_correction" && <CorrectionDialog view={view} materials={offered.materials} onClose={close} />}
      {offered !== null && offered.kind !== "request_correction" && <ActionDialog view={view} offered={offered} onClose={close} />}
      {document === "seal_result" && <SealDialog view={view} onClose={close} />}
      {document === "record_tracking" && <TrackingDialog view={view} onClose={close} />}
      {delegating && <DelegationDialog onClose={() => setDelegating(false)} />}
      {letter && <PdfDialog title={t("seal.letter")} queryKey={["result", view.number, view.version]} load={() => resultPreview(view.number, null)} onClose={() => setLetter(false)} />}
    </section>
  );
}
