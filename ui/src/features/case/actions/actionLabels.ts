import type { MessageKey, Translate } from "../../../i18n";
import type { OfferedActionView, OfferedKind } from "../../../ipc/types";

/** The dialog title of each action the rules can offer. */
export const ACTION_KEYS = {
  accept: "action.accept",
  request_correction: "action.request_correction",
  refuse_acceptance: "action.refuse_acceptance",
  complete_step: "action.complete_step",
  return_to_step: "action.return_to_step",
  assign: "action.assign",
  reassign: "action.reassign",
  urge: "action.urge",
  start_special_stage: "action.start_special_stage",
  end_special_stage: "action.end_special_stage",
  decide: "action.decide",
  start_public_notice: "action.start_public_notice",
  end_public_notice: "action.end_public_notice",
  prepare_result: "action.prepare_result",
  push_result: "action.push_result",
  deliver_paper: "action.deliver_paper",
} as const satisfies Readonly<Record<OfferedKind, MessageKey>>;

/** The button of an offered action: named after its step or stage where it has one. */
export function actionLabel(offered: OfferedActionView, t: Translate): string {
  switch (offered.kind) {
    case "complete_step":
      return t("action.complete_step_named", { step: offered.name });
    case "return_to_step":
      return t("action.return_to_named", { step: offered.name });
    case "start_special_stage":
      return t("action.start_stage_named", { stage: offered.name });
    default:
      return t(ACTION_KEYS[offered.kind]);
  }
}

/** What a confirmation-only action will do, said before it is done. */
const CONFIRM_KEYS = {
  accept: "action.confirm.accept",
  end_special_stage: "action.confirm.end_special_stage",
  end_public_notice: "action.confirm.end_public_notice",
  prepare_result: "action.confirm.prepare_result",
  push_result: "action.confirm.push_result",
  deliver_paper: "action.confirm.deliver_paper",
  start_special_stage: "action.confirm.start_special_stage",
} as const satisfies Readonly<Partial<Record<OfferedKind, MessageKey>>>;

export function confirmKey(kind: OfferedKind): MessageKey | undefined {
  return Object.hasOwn(CONFIRM_KEYS, kind) ? CONFIRM_KEYS[kind as keyof typeof CONFIRM_KEYS] : undefined;
}
