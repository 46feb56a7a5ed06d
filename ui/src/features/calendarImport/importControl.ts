import { createFilePicker } from "../../dom/filePicker";
import { h, replaceChildren } from "../../dom/h";
import { calendarImport } from "../../ipc/commands";
import { toIpcError } from "../../ipc/errors";
import type { CalendarImportSummary, IpcError } from "../../ipc/types";
import type { I18n } from "../../i18n";
import { errorMessage } from "../../i18n/errorMessage";
import { detailLocation, detailMessage, importSuccessText, readImportFile, type FileProblem } from "./importFile";

export interface CalendarImportOptions {
  i18n: I18n;
  /** Called after a successful import, before the success message is shown (refresh the calendar here). */
  onImported: (summary: CalendarImportSummary) => Promise<void> | void;
  importJson?: (json: string) => Promise<CalendarImportSummary>;
}

type State =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "imported"; summary: CalendarImportSummary }
  | { kind: "refused"; problem: FileProblem }
  | { kind: "error"; error: IpcError };

/**
 * "导入放假安排…": a button opening a file chooser (an <input type="file">
 * kept in the layout but invisible, so WebDriver can send it a path), and the
 * outcome: a success line, or every finding of a rejected file with its location.
 * `tools` goes into the calendar panel's header, `status` right under it.
 */
export function createCalendarImport(opts: CalendarImportOptions): { tools: HTMLElement; status: HTMLElement } {
  const { i18n, onImported } = opts;
  const importJson = opts.importJson ?? calendarImport;
  let state: State = { kind: "idle" };

  const { button, input } = createFilePicker({
    accept: ".json,application/json",
    testId: "calendar-import-input",
    button: { class: "btn btn-small calendar-import-button" },
    onPick: (file) => void importFile(file),
  });
  const tools = h("div", { class: "calendar-import" }, button, input);
  const status = h("div", { class: "calendar-import-status", "aria-live": "polite" });

  async function importFile(file: File): Promise<void> {
    if (state.kind === "busy") return;
    setState({ kind: "busy" });
    const read = await readImportFile(file);
    if (!read.ok) {
      setState({ kind: "refused", problem: read.problem });
      return;
    }
    let summary: CalendarImportSummary;
    try {
      summary = await importJson(read.text);
    } catch (raw: unknown) {
      setState({ kind: "error", error: toIpcError(raw) });
      return;
    }
    try {
      await onImported(summary);
    } catch {
      // the refresh reports its own failure (notice banner, calendar panel)
    }
    setState({ kind: "imported", summary });
  }

  function setState(next: State): void {
    state = next;
    render();
  }

  function dismissButton(): HTMLElement {
    const close = h("button", { type: "button", class: "btn btn-small dismiss" }, i18n.t("calendarImport.dismiss"));
    close.addEventListener("click", () => setState({ kind: "idle" }));
    return close;
  }

  function errorPanel(error: IpcError): HTMLElement {
    const t = i18n.t;
    const details = error.details ?? [];
    return h(
      "div",
      { class: "alert alert-error calendar-import-result", role: "alert", "data-outcome": "error", "data-code": error.code },
      h("div", { class: "result-line" }, h("strong", { class: "import-heading" }, errorMessage(error, t)), dismissButton()),
      details.length > 0 &&
        h(
          "ul",
          { class: "import-findings" },
          ...details.map((detail) =>
            h(
              "li",
              { "data-location": detail.location },
              h("code", { class: "location" }, detailLocation(detail.location, t)),
              " ",
              h("span", { class: "finding" }, detailMessage(detail, i18n.locale)),
            ),
          ),
        ),
      // No findings to list: the backend's own (zh-CN, multi-line) summary.
      details.length === 0 && error.code === "import_invalid" && error.message.trim() !== "" && h("pre", { class: "import-summary" }, error.message),
    );
  }

  function render(): void {
    const t = i18n.t;
    button.textContent = t("calendarImport.button");
    button.title = t("calendarImport.hint");
    button.disabled = state.kind === "busy";
    switch (state.kind) {
      case "idle":
        replaceChildren(status);
        break;
      case "busy":
        replaceChildren(status, h("p", { class: "muted calendar-import-busy", role: "status" }, t("calendarImport.busy")));
        break;
      case "imported":
        replaceChildren(
          status,
          h(
            "div",
            { class: "alert alert-success calendar-import-result", role: "status", "data-outcome": "imported", "data-year": state.summary.year },
            h("div", { class: "result-line" }, h("span", { class: "import-summary-text" }, importSuccessText(state.summary, t)), dismissButton()),
          ),
        );
        break;
      case "refused":
        replaceChildren(
          status,
          h(
            "div",
            { class: "alert alert-error calendar-import-result", role: "alert", "data-outcome": "refused", "data-key": state.problem.key },
            h("div", { class: "result-line" }, h("span", {}, t(state.problem.key, state.problem.params)), dismissButton()),
          ),
        );
        break;
      case "error":
        replaceChildren(status, errorPanel(state.error));
        break;
    }
  }

  i18n.onChange(render);
  render();
  return { tools, status };
}
