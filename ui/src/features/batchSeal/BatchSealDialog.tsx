import "./batchSeal.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { DialogStatus } from "../../components/DialogStatus";
import { errorMessage } from "../../i18n/errorMessage";
import { useI18n } from "../../i18n/i18nContext";
import type { MessageKey } from "../../i18n/zh-CN";
import { casesAwaitingSeal, sealResults } from "../../ipc/commands";
import { onBackendEvent } from "../../ipc/events";
import type { BatchSealProgress, BatchSealView } from "../../ipc/types";
import { ActionError } from "../case/actions/ActionError";
import { SealKeyFields } from "../case/actions/SealKeyFields";
import { storedSealSettings, storeSealSettings, withDemoSeal, type SealSettings } from "../case/actions/sealSettings";
import { useSession } from "../sync/syncQueries";
import { batchSealRequest, DEFAULT_PATTERN, documentNumberOf, type BatchProblem } from "./batchSealRequest";

type Field = Exclude<keyof SealSettings, "source">;

const PROBLEMS: Record<BatchProblem, MessageKey> = {
  cases: "batchSeal.problem.cases",
  pattern: "batchSeal.problem.pattern",
  particulars: "seal.problem.particulars",
  key: "seal.problem.key",
  pin: "seal.problem.pin",
};

/**
 * 批量签章: the decided cases whose letter waits for the seal, each
 * checked one given the next 文号 of a pattern, sealed in one go with the
 * department's key (a USB key's PIN asked for here, sent with this one
 * call and cleared after); a progress bar while it runs and each case's
 * outcome after.
 */
export function BatchSealDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const waiting = useQuery({ queryKey: ["casesAwaitingSeal"], queryFn: casesAwaitingSeal });
  const demoSeal = useSession().data?.demoSeal;
  const [settings, setSettings] = useState<SealSettings>(() => withDemoSeal(storedSealSettings(), demoSeal));
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [pattern, setPattern] = useState(DEFAULT_PATTERN);
  const [start, setStart] = useState("1");
  const [pin, setPin] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<BatchSealProgress | null>(null);
  const seal = useMutation({
    mutationFn: sealResults,
    onSettled: () => void queryClient.invalidateQueries(),
  });

  useEffect(() => {
    let stop: (() => void) | undefined;
    let gone = false;
    void onBackendEvent("seal-progress", setProgress).then((unlisten) => {
      if (gone) unlisten();
      else stop = unlisten;
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, []);

  const cases = waiting.data ?? [];
  const selected = cases.filter((c) => checked.has(c.number)).map((c) => c.number);
  const startNumber = Number(start);
  // 全选 shows when some but not all cases are chosen: a native checkbox
  // has no attribute for that, only the indeterminate property, set here
  // after each render; aria-checked="mixed" says it to assistive technology
  // too (as Chromium does from the property; axe accepts it with it set).
  const partly = selected.length > 0 && selected.length < cases.length;
  const allBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = partly;
  });
  const toggle = (number: string) =>
    setChecked((s) => {
      const next = new Set(s);
      if (!next.delete(number)) next.add(number);
      return next;
    });
  const set = (field: Field, value: string) => setSettings((s) => ({ ...s, [field]: value }));
  const input = (field: Field, label: string, hint?: string) => (
    <label className="field">
      <span>{label}</span>
      <input name={field} value={settings[field]} onChange={(e) => set(field, e.currentTarget.value)} />
      {hint !== undefined && <span className="hint muted">{hint}</span>}
    </label>
  );

  const submit = () => {
    const built = batchSealRequest(selected, pattern, startNumber, settings, pin);
    if ("problem" in built) return setProblem(t(PROBLEMS[built.problem]));
    setProblem(null);
    setProgress(null);
    storeSealSettings(settings);
    seal.mutate(built.request, { onSettled: () => setPin("") });
  };

  return (
    <Dialog title={t("batchSeal.title")} onClose={onClose} busy={seal.isPending} wide className="seal-dialog batch-seal-dialog">
      <form
        className="dialog-form seal-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="field-group">
          <legend>{t("batchSeal.cases")}</legend>
          {waiting.isPending && <p className="muted">{t("inbox.loading")}</p>}
          {waiting.isError && (
            <p className="alert alert-error" role="alert">
              {errorMessage(waiting.error, t)}
            </p>
          )}
          {waiting.isSuccess && cases.length === 0 && <p className="muted">{t("batchSeal.none")}</p>}
          {cases.length > 0 && (
            <>
              <label className="check">
                <input
                  ref={allBox}
                  type="checkbox"
                  checked={selected.length === cases.length}
                  aria-checked={partly ? "mixed" : undefined}
                  onChange={(e) => setChecked(e.currentTarget.checked ? new Set(cases.map((c) => c.number)) : new Set())}
                  // the list comes after the dialog opened: the dialog gives 全选 the focus then (else Space, meant for it, closed the dialog)
                  data-autofocus
                />
                {t("batchSeal.all", { count: cases.length })}
              </label>
              <ul className="batch-seal-cases">
                {cases.map((c) => {
                  const index = selected.indexOf(c.number);
                  return (
                    <li key={c.number}>
                      <label className="check">
                        <input type="checkbox" checked={index >= 0} onChange={() => toggle(c.number)} />
                        <span>
                          {c.number} · {c.itemName} · {c.applicant}
                        </span>
                        {index >= 0 && Number.isInteger(startNumber) && startNumber >= 1 && <span className="muted"> — {documentNumberOf(pattern, startNumber, index)}</span>}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </fieldset>
        <fieldset className="field-group">
          <legend>{t("seal.particulars")}</legend>
          <label className="field">
            <span>{t("batchSeal.pattern")}</span>
            <input name="pattern" value={pattern} onChange={(e) => setPattern(e.currentTarget.value)} />
            <span className="hint muted">{t("batchSeal.patternHint")}</span>
          </label>
          <label className="field">
            <span>{t("batchSeal.start")}</span>
            <input name="start" type="number" min={1} value={start} onChange={(e) => setStart(e.currentTarget.value)} />
          </label>
          {input("reviewBody", t("seal.reviewBody"))}
          {input("court", t("seal.court"))}
        </fieldset>
        <SealKeyFields settings={settings} onSettings={setSettings} pin={pin} onPin={setPin} pinHint={t("batchSeal.pinHint")} />
        {problem !== null && (
          <p className="alert alert-error form-problem" role="alert">
            {problem}
          </p>
        )}
        {(seal.isPending || progress !== null) && (
          <DialogStatus
            label={progress === null ? t("seal.busy") : t("batchSeal.progress", { done: progress.done, total: progress.total, number: progress.number })}
            max={progress?.total ?? selected.length}
            value={progress?.done ?? 0}
            running={seal.isPending}
          />
        )}
        {(seal.isError || seal.isSuccess) && (
          <div className="batch-seal-settled" tabIndex={-1} data-dialog-outcome>
            {seal.isError && <ActionError error={seal.error} />}
            {seal.data && <Outcomes view={seal.data} />}
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={seal.isPending || selected.length === 0}>
            {seal.isPending ? t("seal.busy") : t("batchSeal.submit", { count: selected.length })}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={seal.isPending}>
            {seal.isSuccess ? t("batchSeal.close") : t("dialog.cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Each case's outcome: sealed, or why not. */
function Outcomes({ view }: { view: BatchSealView }) {
  const { t } = useI18n();
  return (
    <section aria-label={t("batchSeal.outcomes")}>
      <p role="status">{t("batchSeal.summary", { sealed: view.sealed, failed: view.failed })}</p>
      <ul className="batch-seal-outcomes">
        {view.outcomes.map((o) => (
          <li key={o.number} className={o.error === null ? "outcome-sealed" : "outcome-failed"}>
            {o.number}: {o.error === null ? t("batchSeal.sealed") : errorMessage(o.error, t)}
          </li>
        ))}
      </ul>
    </section>
  );
}
