import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { DialogStatus } from "../../../components/DialogStatus";
import { formatInstant } from "../../../i18n/dates";
import { useI18n } from "../../../i18n/i18nContext";
import { delegate, myDelegations, withdrawDelegation } from "../../../ipc/commands";
import type { DelegateRequest, DelegationView, MyDelegationsView } from "../../../ipc/types";
import { nowInChina } from "../../../time/chinaTime";
import { ActionError } from "./ActionError";
import { buildDelegation, delegationKeys, type Fields, type Problem } from "./delegationRequest";

/**
 * 委托: the officer hands their work to another officer of the department
 * for some days (the engine then lets that officer act for them), and sees
 * and withdraws the delegations not yet over, given and received.
 */
export function DelegationDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: delegationKeys.mine, queryFn: () => myDelegations() });
  const done = (view: MyDelegationsView) => client.setQueryData(delegationKeys.mine, view);
  const give = useMutation({ mutationFn: (request: DelegateRequest) => delegate(request), onSuccess: done });
  const withdraw = useMutation({ mutationFn: (index: number) => withdrawDelegation(index), onSuccess: done });
  const today = nowInChina().date;
  const [fields, setFields] = useState<Fields>({ to: "", from: today, until: today, reason: "" });
  const [problem, setProblem] = useState<Problem | null>(null);
  const problemId = useId();
  const described = problem === null ? undefined : problemId;
  const set = (key: keyof Fields, value: string) => setFields((f) => ({ ...f, [key]: value }));
  const busy = give.isPending || withdraw.isPending;
  const failed = give.error ?? withdraw.error ?? mine.error;

  return (
    <Dialog title={t("delegation.title")} onClose={onClose} busy={busy} className="action-dialog delegation-dialog">
      <form
        className="dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          const built = buildDelegation(fields);
          if (!built.ok) {
            setProblem(built.problem);
            return;
          }
          setProblem(null);
          withdraw.reset();
          give.mutate(built.request, { onSuccess: () => setFields((f) => ({ ...f, to: "", reason: "" })) });
        }}
      >
        <p className="muted">{t("delegation.hint")}</p>
        <label className="field">
          <span>{t("delegation.to")}</span>
          <select name="to" value={fields.to} onChange={(e) => set("to", e.currentTarget.value)} aria-describedby={described} data-autofocus>
            <option value="">{t("action.choose")}</option>
            {(mine.data?.officers ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("delegation.from")}</span>
          <input type="date" name="from" value={fields.from} onChange={(e) => set("from", e.currentTarget.value)} aria-describedby={described} />
        </label>
        <label className="field">
          <span>{t("delegation.until")}</span>
          <input type="date" name="until" value={fields.until} min={fields.from} onChange={(e) => set("until", e.currentTarget.value)} aria-describedby={described} />
        </label>
        <label className="field">
          <span>{t("delegation.reason")}</span>
          <textarea name="reason" rows={2} value={fields.reason} onChange={(e) => set("reason", e.currentTarget.value)} aria-describedby={described} />
        </label>
        {problem !== null && (
          <p id={problemId} className="alert alert-error form-problem" role="alert">
            {t(problem)}
          </p>
        )}
        {busy && <DialogStatus label={t(give.isPending ? "delegation.working" : "action.working")} />}
        {failed && <ActionError error={failed} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {give.isPending ? t("delegation.working") : t("delegation.submit")}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t("dialog.cancel")}
          </button>
        </div>
      </form>
      {mine.isPending ? (
        <p className="muted">{t("delegation.loading")}</p>
      ) : (
        mine.data && (
          <>
            <DelegationList heading={t("delegation.given")} rows={mine.data.given} given onWithdraw={(index) => { give.reset(); withdraw.mutate(index); }} busy={busy} />
            <DelegationList heading={t("delegation.received")} rows={mine.data.received} given={false} busy={busy} />
          </>
        )
      )}
    </Dialog>
  );
}

function DelegationList({ heading, rows, given, onWithdraw, busy }: { heading: string; rows: DelegationView[]; given: boolean; onWithdraw?: (index: number) => void; busy: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="delegation-list" aria-labelledby={headingId}>
      <h4 id={headingId}>{heading}</h4>
      {rows.length === 0 ? (
        <p className="muted">{t("delegation.none")}</p>
      ) : (
        <ul>
          {rows.map((d) => {
            const start = formatInstant(d.validFrom, t);
            const until = formatInstant(d.validUntil, t, { endOfDay: true });
            return (
              <li key={d.index}>
                {given ? t("delegation.line.given", { to: d.to, from: start, until, reason: d.reason }) : t("delegation.line.received", { from: d.from, start, until, reason: d.reason })}{" "}
                <span className="muted">{t(d.active ? "delegation.active" : "delegation.upcoming")}</span>
                {onWithdraw && (
                  <button type="button" className="btn btn-small" aria-label={t("delegation.withdrawLabel", { to: d.to })} onClick={() => onWithdraw(d.index)} disabled={busy}>
                    {t("delegation.withdraw")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
