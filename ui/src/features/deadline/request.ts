import type { DeadlineRequest, Pause, PeriodUnit } from "../../ipc/types";
import type { MessageKey, Params } from "../../i18n";
import { isValidTime, parseIsoDate, toRfc3339 } from "../../time/chinaTime";

/** What the officer typed, as strings straight from the inputs. */
export interface PauseValues {
  startDate: string;
  startTime: string;
  /** true = the pause is still running (no end) */
  ongoing: boolean;
  endDate: string;
  endTime: string;
  reason: string;
}

export interface FormValues {
  startDate: string;
  startTime: string;
  unit: PeriodUnit;
  length: string;
  pauses: PauseValues[];
  allowProvisional: boolean;
}

/** A problem found before calling the backend, as a catalogue key. */
export interface FormProblem {
  key: MessageKey;
  params: Params;
  /** which input to focus: "startDate", "length", "pause-0-startDate", … */
  field: string;
}

export type BuildResult = { ok: true; request: DeadlineRequest } | { ok: false; problem: FormProblem };

type FieldName = MessageKey & ("deadline.startDate" | "deadline.startTime" | "deadline.pause.start" | "deadline.pause.end");

/**
 * Builds the compute_deadline request. Only the shape is checked here
 * (well-formed date, time, positive whole length); the rules (ranges,
 * maximum length, pause order) are the backend's.
 */
export function buildRequest(values: FormValues, label: (key: MessageKey, params?: Params) => string): BuildResult {
  const instant = (date: string, time: string, field: string, name: FieldName, pauseIndex?: number): string | FormProblem => {
    const fieldLabel = pauseIndex === undefined ? label(name) : label("form.pauseField", { n: pauseIndex + 1, field: label(name) });
    if (!parseIsoDate(date)) return { key: "form.invalidDate", params: { field: fieldLabel }, field: `${field}Date` };
    if (!isValidTime(time)) return { key: "form.invalidTime", params: { field: fieldLabel }, field: `${field}Time` };
    return toRfc3339(date, time) ?? { key: "form.invalidDate", params: { field: fieldLabel }, field: `${field}Date` };
  };

  const start = instant(values.startDate, values.startTime, "start", "deadline.startDate");
  if (typeof start !== "string") return { ok: false, problem: start };

  const lengthText = values.length.trim();
  const length = Number(lengthText);
  if (!/^\d+$/.test(lengthText) || !Number.isSafeInteger(length) || length < 1) {
    return { ok: false, problem: { key: "form.invalidLength", params: {}, field: "length" } };
  }

  const pauses: Pause[] = [];
  for (const [i, p] of values.pauses.entries()) {
    const pStart = instant(p.startDate, p.startTime, `pause-${i}-start`, "deadline.pause.start", i);
    if (typeof pStart !== "string") return { ok: false, problem: pStart };
    let end: string | null = null;
    if (!p.ongoing) {
      const pEnd = instant(p.endDate, p.endTime, `pause-${i}-end`, "deadline.pause.end", i);
      if (typeof pEnd !== "string") return { ok: false, problem: pEnd };
      end = pEnd;
    }
    pauses.push({ start: pStart, end, reason: p.reason.trim() });
  }

  return {
    ok: true,
    request: { start, unit: values.unit, length, pauses, allow_provisional: values.allowProvisional },
  };
}
