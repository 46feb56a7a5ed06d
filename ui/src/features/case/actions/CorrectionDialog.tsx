import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { DialogStatus } from "../../../components/DialogStatus";
import { errorMessage } from "../../../i18n/errorMessage";
import { useI18n } from "../../../i18n/i18nContext";
import { correctionNoticePreview } from "../../../ipc/commands";
import type { CaseView, CorrectableMaterialView, CorrectionLineView } from "../../../ipc/types";
import { PdfViewer } from "../../pdf/PdfViewer";
import { useCaseAct } from "../caseQueries";
import { ActionError } from "./ActionError";
import { checklistOf, correctionItems, needsSecondNoticeReason, type ChecklistLine } from "./actionRequest";

/**
 * 一次性告知补正 (Art 10): a checklist of the bound guide's materials only,
 * each ticked line with what is wrong; the notice is previewed as the PDF
 * the applicant will get, and only the previewed notice can be sent.
 */
export function CorrectionDialog({ view, materials, onClose }: { view: CaseView; materials: readonly CorrectableMaterialView[]; onClose: () => void }) {
  const { t } = useI18n();
  const act = useCaseAct(view);
  const [lines, setLines] = useState<ChecklistLine[]>(() => checklistOf(materials));
  const [problem, setProblem] = useState<string | null>(null);
  const [secondReason, setSecondReason] = useState("");
  const [previewed, setPreviewed] = useState<{ items: CorrectionLineView[]; secondNoticeReason: string | null; pdf: Uint8Array } | null>(null);
  const preview = useMutation({
    mutationFn: ({ items, secondNoticeReason }: { items: CorrectionLineView[]; secondNoticeReason: string | null }) =>
      correctionNoticePreview(view.number, items).then((pdf) => ({ items, secondNoticeReason, pdf })),
    onSuccess: setPreviewed,
  });

  const update = (index: number, change: Partial<ChecklistLine>) => {
    setLines((all) => all.map((line, i) => (i === index ? { ...line, ...change } : line)));
    setPreviewed(null);
  };
  const items = () => {
    const built = correctionItems(lines, secondReason);
    if (!built.ok) {
      setProblem(built.material === undefined ? t(built.problem) : t(built.problem, { material: built.material }));
      return null;
    }
    setProblem(null);
    return { items: built.items, secondNoticeReason: built.secondNoticeReason };
  };

  return (
    <Dialog title={t("action.request_correction")} onClose={onClose} busy={act.isPending} wide className="correction-dialog">
      <form
        className="dialog-form correction-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (previewed) act.mutate({ kind: "request_correction", items: previewed.items, secondNoticeReason: previewed.secondNoticeReason }, { onSuccess: onClose });
        }}
      >
        <p className="muted">{t("correction.intro", { version: view.guideVersion })}</p>
        <fieldset className="checklist">
          <legend>{t("correction.checklist")}</legend>
          {lines.map((line, i) => (
            <div key={line.material.id} className={`checklist-line${line.checked ? " checked" : ""}`} data-material={line.material.id}>
              <label className="check">
                <input type="checkbox" name={`material-${i}`} checked={line.checked} onChange={(e) => update(i, { checked: e.currentTarget.checked })} />
                {line.material.name}
                {line.material.required && " "}
                {line.material.required && <span className="tag-required">{t("correction.required")}</span>}
              </label>
              <label className="note">
                <span className="visually-hidden">{t("correction.noteFor", { material: line.material.name })}</span>
                <input
                  name={`note-${i}`}
                  value={line.note}
                  disabled={!line.checked}
                  placeholder={t("correction.notePlaceholder")}
                  onChange={(e) => update(i, { note: e.currentTarget.value })}
                />
              </label>
            </div>
          ))}
        </fieldset>
        {needsSecondNoticeReason(lines) && (
          <label className="field">
            <span>{t("correction.secondReason")}</span>
            <textarea
              name="secondNoticeReason"
              rows={2}
              value={secondReason}
              onChange={(e) => {
                setSecondReason(e.currentTarget.value);
                setPreviewed(null);
              }}
            />
            <span className="hint muted">{t("correction.secondReasonHint")}</span>
          </label>
        )}
        {problem !== null && (
          <p className="alert alert-error form-problem" role="alert">
            {problem}
          </p>
        )}
        {preview.isPending && <DialogStatus label={t("correction.previewing")} />}
        {act.isPending && <DialogStatus label={t("action.working")} />}
        {preview.isError && (
          <p className="alert alert-error" role="alert" tabIndex={-1} data-dialog-outcome>
            {errorMessage(preview.error, t)}
          </p>
        )}
        {act.isError && <ActionError error={act.error} />}
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={preview.isPending}
            onClick={() => {
              const built = items();
              if (built) preview.mutate(built);
            }}
          >
            {preview.isPending ? t("correction.previewing") : t("correction.preview")}
          </button>
          <button type="submit" className="btn btn-primary" disabled={previewed === null || act.isPending}>
            {act.isPending ? t("action.working") : t("correction.send")}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={act.isPending}>
            {t("dialog.cancel")}
          </button>
        </div>
        {previewed === null ? (
          <p className="hint muted">{t("correction.previewFirst")}</p>
        ) : (
          <div className="preview-outcome" tabIndex={-1} data-dialog-outcome>
            <PdfViewer bytes={previewed.pdf} title={t("correction.previewTitle")} />
          </div>
        )}
      </form>
    </Dialog>
  );
}
