import { useMutation } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { computeDeadline } from "../../ipc/commands";
import type { DeadlineRequest, DeadlineResult, IpcError } from "../../ipc/types";
import { useI18n } from "../../i18n/i18nContext";
import { nowInChina } from "../../time/chinaTime";
import { DeadlineDraftContext, type DeadlineDraftValue, type DeadlineOutcome, type DeadlineValues } from "./deadlineDraftContext";
import { buildRequest, type FormProblem } from "./request";

function initialValues(): DeadlineValues {
  const now = nowInChina();
  return { startDate: now.date, startTime: now.time, unit: "working_days", length: "20", pauses: [], allowProvisional: false };
}

export function DeadlineDraftProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [values, setValues] = useState<DeadlineValues>(initialValues);
  const [focusStartDate, setFocusStartDate] = useState(false);
  const [problem, setProblem] = useState<{ submission: number; problem: FormProblem } | null>(null);
  const [submission, setSubmission] = useState(0);
  const nextPauseId = useRef(0);
  const compute = useMutation<DeadlineResult, IpcError, DeadlineRequest>({ mutationFn: (request) => computeDeadline(request) });
  const { mutate, reset } = compute;

  const edit = useCallback((change: (current: DeadlineValues) => DeadlineValues) => {
    setValues(change);
    setFocusStartDate(false);
  }, []);

  const submit = useCallback((): FormProblem | null => {
    setFocusStartDate(false);
    const id = submission + 1;
    setSubmission(id);
    const built = buildRequest(values, t);
    if (!built.ok) {
      reset();
      setProblem({ submission: id, problem: built.problem });
      return built.problem;
    }
    setProblem(null);
    mutate(built.request);
    return null;
  }, [values, t, submission, mutate, reset]);

  const { isPending, isError, isSuccess, error, data } = compute;
  const outcome = useMemo<DeadlineOutcome>(() => {
    if (problem) return { kind: "problem", ...problem };
    if (isPending) return { kind: "busy", submission };
    if (isError) return { kind: "error", submission, error };
    if (isSuccess) return { kind: "result", submission, result: data };
    return { kind: "empty" };
  }, [problem, isPending, isError, isSuccess, error, data, submission]);

  const value = useMemo<DeadlineDraftValue>(
    () => ({
      values,
      update: (patch) => edit((current) => ({ ...current, ...patch })),
      addPause: () => {
        const id = nextPauseId.current++;
        edit((current) => ({
          ...current,
          pauses: [...current.pauses, { id, startDate: "", startTime: "09:00", ongoing: false, endDate: "", endTime: "17:00", reason: "" }],
        }));
      },
      updatePause: (id, patch) => edit((current) => ({ ...current, pauses: current.pauses.map((p) => (p.id === id ? { ...p, ...patch } : p)) })),
      removePause: (id) => edit((current) => ({ ...current, pauses: current.pauses.filter((p) => p.id !== id) })),
      pickStartDate: (date) => {
        setValues((current) => ({ ...current, startDate: date }));
        setFocusStartDate(true);
      },
      focusStartDate,
      submit,
      outcome,
    }),
    [values, edit, focusStartDate, submit, outcome],
  );
  return <DeadlineDraftContext value={value}>{children}</DeadlineDraftContext>;
}
