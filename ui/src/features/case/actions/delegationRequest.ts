import type { DelegateRequest } from "../../../ipc/types";

export const delegationKeys = { mine: ["delegations"] as const };

export type Fields = { to: string; from: string; until: string; reason: string };
export type Problem = "delegation.problem.to" | "delegation.problem.dates" | "delegation.problem.reason";

/**
 * What the dialog sends: the dates as `YYYY-MM-DD` (a start today starts
 * now, the end date is included), or the first problem to fix.
 */
export function buildDelegation(fields: Fields): { ok: true; request: DelegateRequest } | { ok: false; problem: Problem } {
  if (fields.to === "") return { ok: false, problem: "delegation.problem.to" };
  if (fields.from === "" || fields.until === "" || fields.until < fields.from) return { ok: false, problem: "delegation.problem.dates" };
  if (fields.reason.trim() === "") return { ok: false, problem: "delegation.problem.reason" };
  return { ok: true, request: { to: fields.to, validFrom: fields.from, validUntil: fields.until, reason: fields.reason.trim() } };
}
