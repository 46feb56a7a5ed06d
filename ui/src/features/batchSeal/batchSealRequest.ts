import type { BatchSealRequest } from "../../ipc/types";
import { sealKeyOf, type SealSettings } from "../case/actions/sealSettings";

/** The placeholder of the case's sequence number in a 文号 pattern. */
export const NUMBER_PLACEHOLDER = "{n}";

export const DEFAULT_PATTERN = "蓝市监许〔2026〕{n}号";

/** The 文号 of the `index`-th case of a batch: the pattern with `start + index` for {n}. */
export function documentNumberOf(pattern: string, start: number, index: number): string {
  return pattern.trim().split(NUMBER_PLACEHOLDER).join(String(start + index));
}

export type BatchProblem = "cases" | "pattern" | "particulars" | "key" | "pin";

/**
 * The batch request for the `selected` cases, in the list's order, each
 * with its 文号 from the pattern; or what is missing. The PIN goes into
 * this one request only.
 */
export function batchSealRequest(
  selected: readonly string[],
  pattern: string,
  start: number,
  settings: SealSettings,
  pin: string,
): { request: BatchSealRequest } | { problem: BatchProblem } {
  if (selected.length === 0) return { problem: "cases" };
  if (!pattern.includes(NUMBER_PLACEHOLDER) || !Number.isInteger(start) || start < 1) return { problem: "pattern" };
  const reviewBody = settings.reviewBody.trim();
  const court = settings.court.trim();
  if (reviewBody === "" || court === "") return { problem: "particulars" };
  const key = sealKeyOf(settings, pin);
  if ("problem" in key) return key;
  const cases = selected.map((number, index) => ({ number, documentNumber: documentNumberOf(pattern, start, index) }));
  return { request: { cases, reviewBody, court, verificationUrl: null, key: key.key } };
}
