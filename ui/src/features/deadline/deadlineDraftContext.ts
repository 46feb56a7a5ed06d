import { createContext, useContext } from "react";
import type { DeadlineResult, IpcError } from "../../ipc/types";
import type { FormProblem, FormValues, PauseValues } from "./request";

/** A pause row as edited; `id` keeps a row's inputs when an earlier row is removed. */
export interface PauseDraft extends PauseValues {
  id: number;
}

export interface DeadlineValues extends FormValues {
  pauses: PauseDraft[];
}

/** What the result area shows. `submission` tells one run's outcome from the next. */
export type DeadlineOutcome =
  | { kind: "empty" }
  | { kind: "busy"; submission: number }
  | { kind: "problem"; submission: number; problem: FormProblem }
  | { kind: "error"; submission: number; error: IpcError }
  | { kind: "result"; submission: number; result: DeadlineResult };

export interface DeadlineDraftValue {
  values: DeadlineValues;
  update: (patch: Partial<Omit<DeadlineValues, "pauses">>) => void;
  addPause: () => void;
  updatePause: (id: number, patch: Partial<PauseValues>) => void;
  removePause: (id: number) => void;
  /** A day picked in the calendar: the start date, and the field to focus when the calculator opens. */
  pickStartDate: (date: string) => void;
  /** True from a pick in the calendar until the officer edits or submits. */
  focusStartDate: boolean;
  /** Checks the form and computes; returns the problem found before any IPC call, if any. */
  submit: () => FormProblem | null;
  outcome: DeadlineOutcome;
}

export const DeadlineDraftContext = createContext<DeadlineDraftValue | null>(null);

/**
 * The calculator's form and last outcome. They live above the screens, so
 * going to the calendar to look a day up and coming back keeps what was typed.
 */
export function useDeadlineDraft(): DeadlineDraftValue {
  const value = useContext(DeadlineDraftContext);
  if (value === null) throw new Error("useDeadlineDraft() outside <DeadlineDraftProvider>");
  return value;
}
