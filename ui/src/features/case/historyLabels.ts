import type { Translate } from "../../i18n";
import { ACTION_KEYS } from "./actions/actionLabels";

/** Audit words the case's own actions do not name. */
const OTHER_ACTIONS: Readonly<Record<string, "history.received" | "action.seal_result" | "action.record_tracking" | "action.refuse_acceptance">> = {
  received: "history.received",
  seal_result: "action.seal_result",
  paper_tracking: "action.record_tracking",
  refuse: "action.refuse_acceptance",
  reject_at_acceptance: "action.refuse_acceptance",
};

/** "case.accept" → 受理; an audit action this build does not know is shown as recorded. */
export function historyActionLabel(action: string, t: Translate): string {
  const name = action.startsWith("case.") ? action.slice(5) : action;
  if (Object.hasOwn(ACTION_KEYS, name)) return t(ACTION_KEYS[name as keyof typeof ACTION_KEYS]);
  const other = Object.hasOwn(OTHER_ACTIONS, name) ? OTHER_ACTIONS[name] : undefined;
  return other === undefined ? action : t(other);
}
