/**
 * What each action dialog sends: pure builders from the dialog's fields to
 * the CaseAction, with the checks the window makes before asking (a reason
 * given, a date that is a date). The rules themselves are the backend's.
 */
import type { MessageKey } from "../../../i18n";
import type { CaseAction, CaseView, CorrectableMaterialView, CorrectionLineView, OfferedActionView } from "../../../ipc/types";

export interface ActionFields {
  opinion: string;
  reason: string;
  basis: string;
  to: string;
  note: string;
  outcome: "approved" | "rejected" | "";
  until: string;
}

export const EMPTY_FIELDS: ActionFields = { opinion: "", reason: "", basis: "", to: "", note: "", outcome: "", until: "" };

export type Built = { ok: true; action: CaseAction } | { ok: false; problem: MessageKey };

const blank = (value: string): boolean => value.trim() === "";

/** The next day of a YYYY-MM-DD date (the end of `date` is the next day's 00:00), or null for no date. */
export function nextDay(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null;
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** The request of an offered action from the dialog's fields, or why it cannot be sent yet. */
export function buildAction(offered: OfferedActionView, f: ActionFields): Built {
  const fail = (problem: MessageKey): Built => ({ ok: false, problem });
  const ok = (action: CaseAction): Built => ({ ok: true, action });
  switch (offered.kind) {
    case "accept":
    case "end_special_stage":
    case "end_public_notice":
    case "prepare_result":
    case "push_result":
    case "deliver_paper":
      return ok({ kind: offered.kind });
    case "refuse_acceptance":
      if (blank(f.reason)) return fail("action.problem.reason");
      if (blank(f.basis)) return fail("action.problem.legalBasis");
      return ok({ kind: "refuse", reason: f.reason.trim(), basis: f.basis.trim() });
    case "complete_step":
      return blank(f.opinion) ? fail("action.problem.opinion") : ok({ kind: "complete_step", step: offered.step, opinion: f.opinion.trim() });
    case "return_to_step":
      return blank(f.reason) ? fail("action.problem.reason") : ok({ kind: "return_to_step", step: offered.step, reason: f.reason.trim() });
    case "assign":
      return blank(f.to) || !offered.to.includes(f.to) ? fail("action.problem.officer") : ok({ kind: "assign", to: f.to });
    case "reassign":
      if (blank(f.to) || !offered.to.includes(f.to)) return fail("action.problem.officer");
      return blank(f.reason) ? fail("action.problem.reason") : ok({ kind: "reassign", to: f.to, reason: f.reason.trim() });
    case "urge":
      return blank(f.note) ? fail("action.problem.note") : ok({ kind: "urge", note: f.note.trim() });
    case "start_special_stage":
      return ok({ kind: "start_special_stage", stage: offered.stage, overrideReason: null });
    case "decide":
      if (f.outcome === "") return fail("action.problem.outcome");
      return blank(f.opinion) ? fail("action.problem.opinion") : ok({ kind: "decide", outcome: f.outcome, opinion: f.opinion.trim() });
    case "start_public_notice": {
      const end = nextDay(f.until);
      return end === null ? fail("action.problem.until") : ok({ kind: "start_public_notice", until: `${end}T00:00:00+08:00` });
    }
    case "request_correction":
      // The checklist has a dialog of its own.
      return fail("action.problem.ownDialog");
  }
}

/** One checklist line: a material of the bound guide, ticked or not, with its note. */
export interface ChecklistLine {
  material: CorrectableMaterialView;
  checked: boolean;
  note: string;
}

export function checklistOf(materials: readonly CorrectableMaterialView[]): ChecklistLine[] {
  return materials.map((material) => ({ material, checked: false, note: "" }));
}

/** A second notice on one submission (Art 10) needs its reason: some ticked material says so. */
export function needsSecondNoticeReason(lines: readonly ChecklistLine[]): boolean {
  return lines.some((l) => l.checked && l.material.needsReason);
}

export type CorrectionBuilt =
  | { ok: true; items: CorrectionLineView[]; secondNoticeReason: string | null }
  | { ok: false; problem: MessageKey; material?: string };

/**
 * The correction notice's items: only ticked lines, only materials of the
 * bound guide (the checklist holds no others), each with its note.
 */
export function correctionItems(lines: readonly ChecklistLine[], secondNoticeReason = ""): CorrectionBuilt {
  const ticked = lines.filter((l) => l.checked);
  if (ticked.length === 0) return { ok: false, problem: "correction.problem.none" };
  const missing = ticked.find((l) => blank(l.note));
  if (missing) return { ok: false, problem: "correction.problem.note", material: missing.material.name };
  const second = needsSecondNoticeReason(lines);
  if (second && blank(secondNoticeReason)) return { ok: false, problem: "correction.problem.secondReason" };
  return { ok: true, items: ticked.map((l) => ({ material: l.material.id, note: l.note.trim(), paper: false })), secondNoticeReason: second ? secondNoticeReason.trim() : null };
}

/** A paper result's tracking number: 1–64 letters, digits or hyphens (as the backend checks it). */
export function isTrackingNumber(value: string): boolean {
  return /^[A-Za-z0-9-]{1,64}$/.test(value.trim());
}

export type DocumentAction = "seal_result" | "record_tracking";

/**
 * The result letter's own work beside the engine's actions: sealing a
 * decided case's letter until it is sealed, and the paper result's tracking
 * number once the sealed result exists.
 */
export function documentActions(view: CaseView): DocumentAction[] {
  const result = view.result;
  if (!result || result.outcome === null) return [];
  if (result.document === null) return ["seal_result"];
  return view.item.hasPaper && result.paperDeliveredAt === null ? ["record_tracking"] : [];
}
