/**
 * The pure parts of checking an e-material's seals (电子材料验章, Art 8):
 * the guard run on the chosen file before any IPC call, the verdict's tone
 * and text, and one table row per signature with the problems to explain.
 * The explanations come from the backend in zh-CN; the labels around them
 * come from the catalogue, so the table reads in either language.
 */
import type { IpcError, SealCheck, SealSignature, SealStatus } from "../../ipc/types";
import { CATALOGUES, keyFor, type Locale, type MessageKey, type Params, type Translate } from "../../i18n";
import { formatInstant } from "../../i18n/dates";
import { errorKey } from "../../i18n/keys";
import { formatSize } from "../calendarImport/importFile";

/** Largest file sent to the backend: 50 MB, the backend's own limit (scans run to a few MB). */
export const MAX_SEAL_BYTES = 50 * 1024 * 1024;

/** A file refused in the window, before any IPC call. */
export interface SealFileProblem {
  key: Extract<MessageKey, "sealCheck.tooLarge" | "sealCheck.empty" | "sealCheck.readFailed">;
  params: Params;
}

export type SealFileRead = { ok: true; bytes: Uint8Array } | { ok: false; problem: SealFileProblem };

/** The size check, on `File.size` before the file is read at all. */
export function checkSealFileSize(name: string, size: number): SealFileProblem | null {
  if (size > MAX_SEAL_BYTES) return { key: "sealCheck.tooLarge", params: { name, size: formatSize(size) } };
  if (size === 0) return { key: "sealCheck.empty", params: { name } };
  return null;
}

/** The chosen file → its bytes, or why it is refused. Never calls the backend. */
export async function readSealFile(file: Pick<File, "name" | "size" | "arrayBuffer">): Promise<SealFileRead> {
  const refused = checkSealFileSize(file.name, file.size);
  if (refused) return { ok: false, problem: refused };
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { ok: false, problem: { key: "sealCheck.readFailed", params: { name: file.name } } };
  }
}

/** Colour of a verdict or a row: green, red, amber, or neutral (no seal at all). */
export type Tone = "valid" | "invalid" | "untrusted" | "neutral";

export function verdictTone(verdict: SealCheck["verdict"]): Tone {
  switch (verdict) {
    case "all_valid":
      return "valid";
    case "invalid":
      return "invalid";
    case "untrusted":
      return "untrusted";
    case "unsigned":
      return "neutral";
  }
}

export interface VerdictText {
  title: string;
  body: string;
  /** A second line: no roots configured at all explains an `untrusted` verdict. */
  note: string | null;
}

/** The headline of the check, with the counts behind it. */
export function verdictText(check: SealCheck, t: Translate): VerdictText {
  const count = check.signatures.length;
  const bad = check.signatures.filter((s) => s.status !== "valid" || !s.covers_document).length;
  const untrusted = check.signatures.filter((s) => !s.trusted).length;
  const title = t(`sealCheck.verdict.${check.verdict}`);
  const body = t(`sealCheck.summary.${check.verdict}`, { count, bad, untrusted });
  const note = check.verdict === "untrusted" && check.trust_root_count === 0 ? t("sealCheck.summary.noRoots") : null;
  return { title, body, note };
}

/**
 * The common name (CN) of an RFC 4514 subject such as
 * `CN=蓝田县市场监督管理局 e-seal,O=蓝田县市场监督管理局,C=CN`, or null.
 * Handles escaped separators (`\,`) and hex escapes (`\E8\93\9D`).
 */
export function commonName(subject: string): string | null {
  const chars = Array.from(subject); // code points: a CJK extension character is one
  const utf8 = new TextEncoder();
  const parts: string[] = [];
  let bytes: number[] = [];
  const endPart = (): void => {
    parts.push(new TextDecoder().decode(new Uint8Array(bytes)));
    bytes = [];
  };
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? "";
    if (c === "\\") {
      const hex = (chars[i + 1] ?? "") + (chars[i + 2] ?? "");
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        bytes.push(...utf8.encode(chars[i + 1] ?? ""));
        i += 1;
      }
    } else if (c === "," || c === "+") {
      endPart();
    } else {
      bytes.push(...utf8.encode(c));
    }
  }
  endPart();
  for (const part of parts) {
    const eq = part.indexOf("=");
    const type = part.slice(0, eq).trim().toUpperCase();
    if (eq > 0 && (type === "CN" || type === "2.5.4.3")) {
      const value = part.slice(eq + 1).trim();
      return value === "" ? null : value;
    }
  }
  return null;
}

export interface SealRow {
  field: string;
  /** The certificate's CN, else the /Name the signature gives, else "—". */
  signer: string;
  /** The full subject, for a second look. */
  subject: string | null;
  /** The signing time the signer claims (/M). */
  time: string;
  /** The time a signature timestamp vouches for, when the seal has one that could be read. */
  stampedAt: string | null;
  reason: string;
  covers: string;
  trusted: string;
  trustTone: Tone;
  result: string;
  tone: Tone;
  /** zh-CN explanations of what is wrong, as the verifier wrote them. */
  problems: string[];
}

/** What is wrong with a seal whose status is not `valid`. */
const STATUS_KEYS = {
  malformed_byte_range: "sealCheck.status.malformed_byte_range",
  malformed_cms: "sealCheck.status.malformed_cms",
  digest_mismatch: "sealCheck.status.digest_mismatch",
  bad_signature: "sealCheck.status.bad_signature",
  signing_certificate_mismatch: "sealCheck.status.signing_certificate_mismatch",
  signer_certificate_missing: "sealCheck.status.signer_certificate_missing",
  unsupported: "sealCheck.status.unsupported",
} as const satisfies Readonly<Record<Exclude<SealStatus, "valid">, MessageKey>>;

function statusLabel(status: string, t: Translate): string {
  return t(keyFor(STATUS_KEYS, status) ?? "sealCheck.status.unknown");
}

/** One row per signature, in the PDF's field order. */
export function sealRows(check: SealCheck, t: Translate): SealRow[] {
  return check.signatures.map((s) => sealRow(s, t));
}

function sealRow(s: SealSignature, t: Translate): SealRow {
  const none = t("sealCheck.none");
  const notChecked = t("sealCheck.notChecked");
  const modified = s.coverage === "modified_after_signing";
  const intact = s.status === "valid";

  let result: string;
  let tone: Tone;
  if (!intact) [result, tone] = [statusLabel(s.status, t), "invalid"];
  else if (!s.covers_document) [result, tone] = [t("sealCheck.result.modified"), "invalid"];
  else if (s.timestamp === "broken") [result, tone] = [t("sealCheck.result.timestampBroken"), "invalid"];
  else if (!s.trusted) [result, tone] = [t("sealCheck.result.untrusted"), "untrusted"];
  else [result, tone] = [t("sealCheck.result.valid"), "valid"];

  let covers: string;
  if (s.coverage === "not_checked") covers = notChecked;
  else if (!s.covers_document) covers = t("sealCheck.covers.no");
  else if (s.coverage === "signature_updates_only") covers = t("sealCheck.covers.laterSeals");
  else covers = t("sealCheck.covers.yes");

  const trusted = s.trust === "not_checked" ? notChecked : s.trusted ? t("sealCheck.trusted.yes") : t("sealCheck.trusted.no");
  const trustTone: Tone = s.trust === "not_checked" ? "neutral" : s.trusted ? "valid" : "untrusted";

  const timestampProblem = (s.timestamp === "broken" || s.timestamp === "untrusted") && s.timestamp_message;
  const problems = [!intact && s.message, modified && s.coverage_message, s.trust === "untrusted" && s.trust_message, timestampProblem].filter(
    (p): p is string => typeof p === "string" && p.trim() !== "",
  );

  const signer = (s.signer_subject !== null ? commonName(s.signer_subject) : null) ?? s.name ?? s.signer_subject ?? none;
  return {
    field: s.field_name,
    signer,
    subject: s.signer_subject,
    time: s.signing_time === null ? none : formatInstant(s.signing_time, t),
    stampedAt: s.timestamp_time === null ? null : t("sealCheck.stampedAt", { time: formatInstant(s.timestamp_time, t) }),
    reason: s.reason !== null && s.reason.trim() !== "" ? s.reason : none,
    covers,
    trusted,
    trustTone,
    result,
    tone,
    problems,
  };
}

/**
 * The backend's zh-CN message to show under the catalogue's heading of an
 * error, when that heading does not already quote it (it names the file,
 * or the bad file in the trust folder).
 */
export function errorDetail(error: IpcError, locale: Locale): string | null {
  const key = errorKey(error.code);
  const message = error.message.trim();
  if (message === "" || key === undefined) return null;
  return CATALOGUES[locale][key].includes("{message}") ? null : message;
}
