import { h, replaceChildren } from "../../dom/h";
import type { DeadlineResult, Explanation, IpcError } from "../../ipc/types";
import type { I18n, Translate } from "../../i18n";
import { formatDate, formatInstant } from "../../i18n/dates";
import { errorMessage } from "../../i18n/errorMessage";
import { explanationRows } from "./explanation";
import type { FormProblem } from "./request";

export type ResultState =
  | { kind: "empty" }
  | { kind: "busy" }
  | { kind: "problem"; problem: FormProblem }
  | { kind: "error"; error: IpcError }
  | { kind: "result"; result: DeadlineResult };

function provisionalBadge(t: Translate): HTMLElement {
  return h("span", { class: "badge badge-provisional" }, t("result.provisional"));
}

function explanationTable(explanation: Explanation, t: Translate): HTMLElement {
  const rows = explanationRows(explanation, t).map((row) =>
    h(
      "tr",
      { class: `role-${row.role}${row.provisional ? " provisional" : ""}`, "data-date": row.date },
      h("td", {}, row.dateLabel, row.provisional && " ", row.provisional && provisionalBadge(t)),
      h("td", {}, row.weekday),
      h("td", {}, row.ordinalLabel === "" ? row.roleLabel : `${row.roleLabel} · ${row.ordinalLabel}`),
      h("td", {}, row.note),
    ),
  );
  return h(
    "div",
    { class: "explanation" },
    h("h4", {}, t("result.explanation")),
    h(
      "table",
      { class: "explanation-table" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", {}, t("result.col.date")), h("th", {}, t("result.col.weekday")), h("th", {}, t("result.col.role")), h("th", {}, t("result.col.note"))),
      ),
      h("tbody", {}, ...rows),
    ),
    explanation.text.trim() !== "" &&
      h("details", { class: "explanation-text" }, h("summary", {}, t("result.explanationText")), h("pre", {}, explanation.text)),
  );
}

function resultBody(result: DeadlineResult, t: Translate): HTMLElement {
  const provisionalNote = result.provisional && h("p", { class: "alert alert-provisional", role: "note" }, provisionalBadge(t), " ", t("result.provisionalNote"));
  if (result.outcome === "due") {
    return h(
      "div",
      { class: "result result-due", "data-outcome": "due" },
      h(
        "dl",
        { class: "result-facts" },
        h("dt", {}, t("result.due")),
        h("dd", { class: "due" }, h("strong", {}, formatInstant(result.due, t, { endOfDay: true })), result.provisional && " ", result.provisional && provisionalBadge(t)),
        h("dt", {}, t("result.lastDay")),
        h("dd", { class: "last-day" }, formatDate(result.last_day, t)),
      ),
      provisionalNote,
      explanationTable(result.explanation, t),
    );
  }
  return h(
    "div",
    { class: "result result-suspended", "data-outcome": "suspended" },
    h("p", { class: "alert alert-suspended" }, h("strong", {}, t("result.suspended.title")), result.provisional && " ", result.provisional && provisionalBadge(t), h("br"), t("result.suspended.body", { since: formatInstant(result.paused_since, t), reason: result.reason })),
    h(
      "dl",
      { class: "result-facts" },
      h("dt", {}, t("result.suspended.counted")),
      h("dd", { class: "counted" }, t("result.days", { n: result.counted_days })),
      h("dt", {}, t("result.suspended.remaining")),
      h("dd", { class: "remaining" }, t("result.days", { n: result.remaining_days })),
    ),
    provisionalNote,
    explanationTable(result.explanation, t),
  );
}

/** Shows the calculator's outcome: nothing yet, busy, a form problem, an error, or a result. */
export function createResultView(i18n: I18n): { element: HTMLElement; set: (state: ResultState) => void } {
  const element = h("section", { class: "result-panel", "aria-live": "polite", "aria-labelledby": "result-heading" });
  let state: ResultState = { kind: "empty" };

  function render(): void {
    const t = i18n.t;
    let body: HTMLElement;
    switch (state.kind) {
      case "empty":
        body = h("p", { class: "muted" }, t("result.empty"));
        break;
      case "busy":
        body = h("p", { class: "muted", role: "status" }, t("deadline.computing"));
        break;
      case "problem":
        body = h("p", { class: "alert alert-error", role: "alert" }, t(state.problem.key, state.problem.params));
        break;
      case "error":
        body = h("div", { class: "alert alert-error", role: "alert", "data-code": state.error.code }, h("strong", {}, t("error.title")), h("br"), errorMessage(state.error, t));
        break;
      case "result":
        body = resultBody(state.result, t);
        break;
    }
    replaceChildren(element, h("h3", { id: "result-heading" }, t("result.heading")), body);
  }

  i18n.onChange(render);
  render();
  return {
    element,
    set(next) {
      state = next;
      render();
    },
  };
}
