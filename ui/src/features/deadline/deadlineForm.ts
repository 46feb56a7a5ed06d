import { h, replaceChildren } from "../../dom/h";
import { computeDeadline } from "../../ipc/commands";
import type { DeadlineRequest, DeadlineResult, IpcError, PeriodUnit } from "../../ipc/types";
import type { I18n } from "../../i18n";
import { nowInChina } from "../../time/chinaTime";
import { createPauseList } from "./pauseList";
import { buildRequest } from "./request";
import { createResultView } from "./resultView";

export interface DeadlineFormOptions {
  i18n: I18n;
  compute?: (request: DeadlineRequest) => Promise<DeadlineResult>;
}

interface Fields {
  startDate: string;
  startTime: string;
  unit: PeriodUnit;
  length: string;
  allowProvisional: boolean;
}

/** The deadline calculator (期限计算器): form, pauses and result. */
export function createDeadlineForm(opts: DeadlineFormOptions): { element: HTMLElement; setStartDate: (date: string) => void } {
  const { i18n } = opts;
  const compute = opts.compute ?? computeDeadline;
  const now = nowInChina();
  const fields: Fields = { startDate: now.date, startTime: now.time, unit: "working_days", length: "20", allowProvisional: false };

  const pauses = createPauseList(i18n);
  const result = createResultView(i18n);
  const form = h("form", { class: "deadline-form", novalidate: true, autocomplete: "off" });
  const element = h("section", { class: "panel deadline", "aria-labelledby": "deadline-heading" });
  let requestId = 0;

  const bind = <K extends keyof Fields>(key: K, el: HTMLInputElement | HTMLSelectElement): void => {
    const read = (): void => {
      const value = el instanceof HTMLInputElement && el.type === "checkbox" ? el.checked : el.value;
      fields[key] = value as Fields[K];
    };
    el.addEventListener("input", read);
    el.addEventListener("change", read);
  };

  function renderForm(): void {
    const t = i18n.t;
    const startDate = h("input", { type: "date", name: "startDate", required: true, placeholder: "YYYY-MM-DD" });
    startDate.value = fields.startDate;
    bind("startDate", startDate);
    const startTime = h("input", { type: "time", name: "startTime", required: true, placeholder: "HH:MM" });
    startTime.value = fields.startTime;
    bind("startTime", startTime);
    const unit = h(
      "select",
      { name: "unit" },
      h("option", { value: "working_days" }, t("deadline.unit.working_days")),
      h("option", { value: "natural_days" }, t("deadline.unit.natural_days")),
    );
    unit.value = fields.unit;
    bind("unit", unit);
    unit.addEventListener("change", renderForm);
    const length = h("input", { type: "number", name: "length", min: "1", step: "1", required: true, inputmode: "numeric" });
    length.value = fields.length;
    bind("length", length);
    const allow = h("input", { type: "checkbox", name: "allowProvisional" });
    allow.checked = fields.allowProvisional;
    bind("allowProvisional", allow);

    replaceChildren(
      form,
      h(
        "div",
        { class: "form-row" },
        h("label", {}, h("span", {}, t("deadline.startDate")), startDate),
        h("label", {}, h("span", {}, t("deadline.startTime")), startTime),
        h("span", { class: "muted hint" }, t("deadline.timezoneHint")),
      ),
      h(
        "div",
        { class: "form-row" },
        h("label", {}, h("span", {}, t("deadline.unit")), unit),
        h(
          "label",
          {},
          h("span", {}, t("deadline.length")),
          h("span", { class: "with-suffix" }, length, h("span", { class: "suffix" }, t(fields.unit === "working_days" ? "deadline.lengthSuffix.working_days" : "deadline.lengthSuffix.natural_days"))),
        ),
      ),
      pauses.element,
      h("div", { class: "form-row" }, h("label", { class: "check" }, allow, t("deadline.allowProvisional")), h("span", { class: "muted hint" }, t("deadline.allowProvisionalHint"))),
      h("div", { class: "form-actions" }, h("button", { type: "submit", class: "btn btn-primary" }, t("deadline.submit"))),
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const built = buildRequest({ ...fields, pauses: pauses.values() }, i18n.t);
    if (!built.ok) {
      result.set({ kind: "problem", problem: built.problem });
      form.querySelector<HTMLElement>(`[name="${built.problem.field}"]`)?.focus();
      return;
    }
    const id = ++requestId;
    result.set({ kind: "busy" });
    compute(built.request).then(
      (value) => {
        if (id === requestId) result.set({ kind: "result", result: value });
      },
      (error: IpcError) => {
        if (id === requestId) result.set({ kind: "error", error });
      },
    );
  });

  i18n.onChange(() => {
    renderForm();
    renderFrame();
  });

  function renderFrame(): void {
    replaceChildren(element, h("h2", { id: "deadline-heading" }, i18n.t("deadline.heading")), form, result.element);
  }

  renderForm();
  renderFrame();

  return {
    element,
    setStartDate(date) {
      fields.startDate = date;
      const input = form.querySelector<HTMLInputElement>('input[name="startDate"]');
      if (input) {
        input.value = date;
        input.focus();
      }
    },
  };
}
