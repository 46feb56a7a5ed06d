import type { MessageKey } from "../../i18n";
import { keyFor } from "../../i18n";

const SEAL_WORD_KEYS = {
  all_valid: "sealCheck.verdict.all_valid",
  invalid: "sealCheck.verdict.invalid",
  untrusted: "sealCheck.verdict.untrusted",
  unsigned: "sealCheck.verdict.unsigned",
} as const satisfies Readonly<Record<string, MessageKey>>;

const SEAL_TONES: Readonly<Record<string, string>> = { all_valid: "valid", invalid: "invalid", untrusted: "untrusted", unsigned: "neutral" };

/** The seal check's verdict word (签章有效 …), the same words as the seal check screen. */
export function sealWordKey(verdict: string): MessageKey {
  return keyFor(SEAL_WORD_KEYS, verdict) ?? "sealCheck.status.unknown";
}

export function sealTone(verdict: string): string {
  return Object.hasOwn(SEAL_TONES, verdict) ? (SEAL_TONES[verdict] ?? "neutral") : "invalid";
}
