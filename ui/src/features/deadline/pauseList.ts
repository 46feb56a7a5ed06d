import { h, replaceChildren } from "../../dom/h";
import type { I18n } from "../../i18n";
import type { PauseValues } from "./request";

/** The editable list of pauses (中止 / 暂停期间): add and remove rows. */
export function createPauseList(i18n: I18n): { element: HTMLElement; values: () => PauseValues[] } {
  let rows: PauseValues[] = [];
  const element = h("fieldset", { class: "pauses" });

  const input = (row: PauseValues, key: keyof PauseValues, attrs: Record<string, string | boolean>): HTMLInputElement => {
    const el = h("input", attrs);
    if (typeof row[key] === "boolean") {
      el.checked = row[key];
      el.addEventListener("change", () => {
        (row[key] as boolean) = el.checked;
        render();
      });
    } else {
      el.value = row[key];
      el.addEventListener("input", () => {
        (row[key] as string) = el.value;
      });
    }
    return el;
  };

  function rowElement(row: PauseValues, i: number): HTMLElement {
    const t = i18n.t;
    const remove = h("button", { type: "button", class: "btn btn-small remove-pause" }, t("deadline.pause.remove"));
    remove.addEventListener("click", () => {
      rows = rows.filter((r) => r !== row);
      render();
    });
    return h(
      "div",
      { class: "pause-row", "data-index": i },
      h(
        "label",
        {},
        h("span", {}, t("deadline.pause.start")),
        input(row, "startDate", { type: "date", name: `pause-${i}-startDate`, required: true, placeholder: "YYYY-MM-DD" }),
        input(row, "startTime", { type: "time", name: `pause-${i}-startTime`, required: true, placeholder: "HH:MM" }),
      ),
      h(
        "label",
        {},
        h("span", {}, t("deadline.pause.end")),
        input(row, "endDate", { type: "date", name: `pause-${i}-endDate`, disabled: row.ongoing, placeholder: "YYYY-MM-DD" }),
        input(row, "endTime", { type: "time", name: `pause-${i}-endTime`, disabled: row.ongoing, placeholder: "HH:MM" }),
      ),
      h("label", { class: "check" }, input(row, "ongoing", { type: "checkbox", name: `pause-${i}-ongoing` }), t("deadline.pause.ongoing")),
      h(
        "label",
        { class: "reason" },
        h("span", {}, t("deadline.pause.reason")),
        input(row, "reason", { type: "text", name: `pause-${i}-reason`, placeholder: t("deadline.pause.reasonPlaceholder"), maxlength: "200" }),
      ),
      remove,
    );
  }

  function render(): void {
    const t = i18n.t;
    const add = h("button", { type: "button", class: "btn btn-small add-pause" }, t("deadline.pause.add"));
    add.addEventListener("click", () => {
      rows = [...rows, { startDate: "", startTime: "09:00", ongoing: false, endDate: "", endTime: "17:00", reason: "" }];
      render();
    });
    replaceChildren(
      element,
      h("legend", {}, t("deadline.pauses")),
      rows.length === 0 ? h("p", { class: "muted" }, t("deadline.pause.none")) : null,
      ...rows.map(rowElement),
      add,
    );
  }

  i18n.onChange(render);
  render();
  return { element, values: () => rows.map((r) => ({ ...r })) };
}
