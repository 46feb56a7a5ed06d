import { useRef } from "react";
import { useI18n } from "../../i18n/i18nContext";
import type { PeriodUnit } from "../../ipc/types";
import { useDeadlineDraft } from "./deadlineDraftContext";
import { PauseList } from "./PauseList";

const UNITS: readonly PeriodUnit[] = ["working_days", "natural_days"];

function isPeriodUnit(value: string): value is PeriodUnit {
  return value === "working_days" || value === "natural_days";
}

/** The calculator's inputs. A problem found before the backend is asked moves the focus to its field. */
export function DeadlineForm() {
  const { t } = useI18n();
  const { values, update, submit, focusStartDate } = useDeadlineDraft();
  const form = useRef<HTMLFormElement>(null);

  return (
    <form
      ref={form}
      className="deadline-form"
      noValidate
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        const problem = submit();
        if (problem) {
          const field = form.current?.elements.namedItem(problem.field);
          if (field instanceof HTMLElement) field.focus();
        }
      }}
    >
      <div className="form-row">
        <label>
          <span>{t("deadline.startDate")}</span>
          {/* Focused when the calculator opens from a day picked in the calendar. */}
          <input type="date" name="startDate" required aria-describedby="deadline-timezone" autoFocus={focusStartDate} value={values.startDate} onChange={(e) => update({ startDate: e.currentTarget.value })} />
        </label>
        <label>
          <span>{t("deadline.startTime")}</span>
          <input type="time" name="startTime" required aria-describedby="deadline-timezone" value={values.startTime} onChange={(e) => update({ startTime: e.currentTarget.value })} />
        </label>
        <span id="deadline-timezone" className="muted hint">
          {t("deadline.timezoneHint")}
        </span>
      </div>
      <div className="form-row">
        <label>
          <span>{t("deadline.unit")}</span>
          <select
            name="unit"
            value={values.unit}
            onChange={(e) => {
              const unit = e.currentTarget.value;
              if (isPeriodUnit(unit)) update({ unit });
            }}
          >
            {UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {t(`deadline.unit.${unit}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("deadline.length")}</span>
          <span className="with-suffix">
            <input type="number" name="length" min={1} step={1} required inputMode="numeric" value={values.length} onChange={(e) => update({ length: e.currentTarget.value })} />
            <span className="suffix">{t(`deadline.lengthSuffix.${values.unit}`)}</span>
          </span>
        </label>
      </div>
      <PauseList />
      <div className="form-row">
        <label className="check">
          <input type="checkbox" name="allowProvisional" aria-describedby="deadline-provisional-hint" checked={values.allowProvisional} onChange={(e) => update({ allowProvisional: e.currentTarget.checked })} />
          {t("deadline.allowProvisional")}
        </label>
        <span id="deadline-provisional-hint" className="muted hint">
          {t("deadline.allowProvisionalHint")}
        </span>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t("deadline.submit")}
        </button>
      </div>
    </form>
  );
}
