/**
 * Catalogue keys of the case's words that come over IPC (state words,
 * clock kinds, history actions). Unknown words are shown as sent.
 */
import { keyFor, type MessageKey, type Translate } from "./index";

const CASE_STATE_KEYS = {
  received: "caseState.received",
  correction_requested: "caseState.correction_requested",
  not_accepted: "caseState.not_accepted",
  in_review: "caseState.in_review",
  special_stage: "caseState.special_stage",
  decided: "caseState.decided",
  public_notice: "caseState.public_notice",
  result_ready: "caseState.result_ready",
  result_pushed: "caseState.result_pushed",
  released: "caseState.released",
} as const satisfies Readonly<Record<string, MessageKey>>;

export const CASE_STATES = Object.keys(CASE_STATE_KEYS);

/** 已受理 / In review …; a state this build does not know is shown as its word. */
export function caseStateLabel(state: string, t: Translate): string {
  const key = keyFor(CASE_STATE_KEYS, state);
  return key === undefined ? state : t(key);
}

const CLOCK_KIND_KEYS = {
  acceptance: "clockKind.acceptance",
  processing: "clockKind.processing",
  correction: "clockKind.correction",
  result_push: "clockKind.result_push",
  paper_delivery: "clockKind.paper_delivery",
} as const satisfies Readonly<Record<string, MessageKey>>;

/** 受理时限 / 办理时限 …; else the backend's label. */
export function clockKindLabel(kind: string | null, fallback: string, t: Translate): string {
  if (kind === null) return fallback;
  const key = keyFor(CLOCK_KIND_KEYS, kind);
  return key === undefined ? fallback : t(key);
}
