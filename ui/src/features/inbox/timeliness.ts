import type { Translate } from "../../i18n";
import type { MessageKey } from "../../i18n";
import type { Timeliness } from "../../ipc/types";

export type ClockTone = "on-time" | "warning" | "overdue" | "none";

const TONES: Readonly<Record<Timeliness, ClockTone>> = { on_time: "on-time", warning: "warning", overdue: "overdue" };

const TIMELINESS_KEYS = {
  on_time: "clock.onTime",
  warning: "clock.warning",
  overdue: "clock.overdue",
} as const satisfies Readonly<Record<Timeliness, MessageKey>>;

export interface ClockReading {
  tone: ClockTone;
  /** 按期 / 预警 / 超期: the word that carries the colour's meaning. */
  word: string;
  /** 剩余3个工作日 / 今日届满 / 超期2个工作日. */
  remaining: string;
}

/**
 * How a clock reads: its colour and, never only the colour, a word and the
 * remaining working days (negative: overdue by).
 */
export function readClock(timeliness: Timeliness | null, remainingWorkingDays: number | null, t: Translate): ClockReading {
  if (timeliness === null || !Object.hasOwn(TONES, timeliness)) {
    return { tone: "none", word: t("clock.none"), remaining: "" };
  }
  const tone = TONES[timeliness];
  const word = t(TIMELINESS_KEYS[timeliness]);
  if (remainingWorkingDays === null) return { tone, word, remaining: "" };
  if (remainingWorkingDays < 0) return { tone, word, remaining: t("clock.overdueBy", { n: -remainingWorkingDays }) };
  if (remainingWorkingDays === 0) return { tone, word, remaining: t("clock.dueToday") };
  return { tone, word, remaining: t("clock.remaining", { n: remainingWorkingDays }) };
}
