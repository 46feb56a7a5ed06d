import "./sealCheck.css";
import { createFilePicker } from "../../dom/filePicker";
import { h, replaceChildren } from "../../dom/h";
import { sealCheck } from "../../ipc/commands";
import { toIpcError } from "../../ipc/errors";
import type { IpcError, SealCheck } from "../../ipc/types";
import type { I18n } from "../../i18n";
import { errorMessage } from "../../i18n/errorMessage";
import { errorDetail, readSealFile, sealRows, verdictText, verdictTone, type SealFileProblem, type SealRow } from "./sealReport";

export interface SealCheckOptions {
  i18n: I18n;
  check?: (fileName: string, pdf: Uint8Array) => Promise<SealCheck>;
}

type State =
  | { kind: "idle" }
  | { kind: "busy"; name: string }
  | { kind: "checked"; check: SealCheck }
  | { kind: "refused"; problem: SealFileProblem }
  | { kind: "error"; name: string; error: IpcError };

/**
 * 「电子材料验章」: a button opening a file chooser for a PDF (the <input> is
 * laid out but invisible, so tests can hand it a file), then the verdict in
 * its colour and a table of the signatures with each problem explained.
 * After a check, focus moves to the verdict so keyboard and screen-reader
 * users land on the answer.
 */
export function createSealCheckPanel(opts: SealCheckOptions): { element: HTMLElement } {
  const { i18n } = opts;
  const check = opts.check ?? sealCheck;
  let state: State = { kind: "idle" };

  const heading = h("h2", { id: "seal-check-heading" });
  const { button, input } = createFilePicker({
    accept: ".pdf,application/pdf",
    testId: "seal-check-input",
    button: { class: "btn btn-primary seal-check-button", "aria-describedby": "seal-check-intro" },
    onPick: (file) => void checkFile(file),
  });
  const intro = h("p", { id: "seal-check-intro", class: "muted seal-check-intro" });
  const status = h("div", { class: "seal-check-status" });
  const element = h(
    "section",
    { class: "panel seal-check", "aria-labelledby": "seal-check-heading" },
    h("div", { class: "panel-head" }, heading, h("div", { class: "seal-check-pick" }, button, input)),
    intro,
    status,
  );

  async function checkFile(file: File): Promise<void> {
    if (state.kind === "busy") return;
    setState({ kind: "busy", name: file.name });
    setState(await outcome(file));
    status.querySelector<HTMLElement>("[data-focus-target]")?.focus();
  }

  async function outcome(file: File): Promise<State> {
    const read = await readSealFile(file);
    if (!read.ok) return { kind: "refused", problem: read.problem };
    try {
      return { kind: "checked", check: await check(file.name, read.bytes) };
    } catch (raw: unknown) {
      return { kind: "error", name: file.name, error: toIpcError(raw) };
    }
  }

  function setState(next: State): void {
    state = next;
    render();
  }

  function table(rows: SealRow[]): HTMLElement {
    const t = i18n.t;
    const columns = ["signer", "time", "reason", "covers", "trusted", "result"] as const;
    return h(
      "table",
      { class: "seal-table" },
      h("caption", {}, t("sealCheck.caption")),
      h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, t(`sealCheck.col.${c}`))))),
      ...rows.map((row) =>
        h(
          "tbody",
          { class: `seal-row tone-${row.tone}`, "data-field": row.field },
          h(
            "tr",
            {},
            h(
              "th",
              { scope: "row", class: "signer" },
              h("span", { class: "signer-name", title: row.subject ?? undefined }, row.signer),
              h("span", { class: "field-name muted" }, t("sealCheck.field", { field: row.field })),
            ),
            h("td", { class: "time" }, row.time),
            h("td", { class: "reason" }, row.reason),
            h("td", { class: "covers" }, row.covers),
            h("td", { class: `trusted tone-${row.trustTone}` }, row.trusted),
            h("td", { class: "result" }, h("span", { class: `seal-badge tone-${row.tone}` }, row.result)),
          ),
          row.problems.length > 0 &&
            h(
              "tr",
              { class: "seal-problems" },
              h(
                "td",
                { colspan: columns.length },
                h("span", { class: "problems-label" }, t("sealCheck.explanation")),
                h("ul", { lang: "zh-CN" }, ...row.problems.map((p) => h("li", {}, p))),
              ),
            ),
        ),
      ),
    );
  }

  function checked(result: SealCheck): HTMLElement {
    const t = i18n.t;
    const tone = verdictTone(result.verdict);
    const text = verdictText(result, t);
    return h(
      "div",
      { class: "seal-check-result", "data-verdict": result.verdict },
      h(
        "div",
        {
          class: `seal-verdict tone-${tone}`,
          // A verdict that refuses the material is announced at once; a good one politely.
          role: tone === "valid" ? "status" : "alert",
          tabindex: -1,
          "data-focus-target": true,
        },
        h("strong", { class: "verdict-title" }, text.title),
        h("span", { class: "verdict-file" }, t("sealCheck.file", { name: result.file_name })),
        h("p", { class: "verdict-body" }, text.body),
        text.note !== null && h("p", { class: "verdict-note" }, text.note),
      ),
      result.signatures.length > 0 && table(sealRows(result, t)),
    );
  }

  function render(): void {
    const t = i18n.t;
    heading.textContent = t("sealCheck.heading");
    intro.textContent = t("sealCheck.intro");
    button.textContent = t("sealCheck.button");
    button.title = t("sealCheck.hint");
    button.disabled = state.kind === "busy";
    switch (state.kind) {
      case "idle":
        replaceChildren(status);
        break;
      case "busy":
        replaceChildren(status, h("p", { class: "muted seal-check-busy", role: "status" }, t("sealCheck.busy", { name: state.name })));
        break;
      case "checked":
        replaceChildren(status, checked(state.check));
        break;
      case "refused":
        replaceChildren(
          status,
          h(
            "div",
            { class: "alert alert-error seal-check-error", role: "alert", "data-key": state.problem.key, tabindex: -1, "data-focus-target": true },
            t(state.problem.key, state.problem.params),
          ),
        );
        break;
      case "error": {
        const detail = errorDetail(state.error, i18n.locale);
        replaceChildren(
          status,
          h(
            "div",
            { class: "alert alert-error seal-check-error", role: "alert", "data-code": state.error.code, tabindex: -1, "data-focus-target": true },
            h("strong", { class: "error-heading" }, errorMessage(state.error, t)),
            h("span", { class: "verdict-file" }, t("sealCheck.file", { name: state.name })),
            detail !== null && h("p", { class: "error-detail", lang: "zh-CN" }, detail),
          ),
        );
        break;
      }
    }
  }

  i18n.onChange(render);
  render();
  return { element };
}
