/**
 * The pure parts of importing a year's holiday arrangement: the guard run on
 * the chosen file before any IPC call (size, UTF-8), the success summary, and
 * the language of each finding of a rejected file.
 */
import type { CalendarImportSummary, IpcErrorDetail } from "../../ipc/types";
import type { Locale, MessageKey, Params, Translate } from "../../i18n";

/** Largest file sent to the backend: 1 MB (a real arrangement is about 2 KB). */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** A file refused in the window, before any IPC call: a catalogue key and its parameters. */
export interface FileProblem {
  key: Extract<MessageKey, "calendarImport.tooLarge" | "calendarImport.notUtf8" | "calendarImport.readFailed">;
  params: Params;
}

export type ReadResult = { ok: true; text: string } | { ok: false; problem: FileProblem };

/** "1.5 MB" / "812 KB" / "20 B" — the same in both languages. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The size check, done on `File.size` before the file is read at all. */
export function checkSize(name: string, size: number): FileProblem | null {
  return size > MAX_IMPORT_BYTES ? { key: "calendarImport.tooLarge", params: { name, size: formatSize(size) } } : null;
}

/**
 * Decodes the file's bytes as strict UTF-8 (a GBK or UTF-16 file is refused,
 * not turned into U+FFFD replacement characters the way `File.text()` would).
 * A leading byte-order mark is dropped.
 */
export function decodeUtf8(name: string, bytes: ArrayBuffer | Uint8Array): ReadResult {
  const tooLarge = checkSize(name, bytes.byteLength);
  if (tooLarge) return { ok: false, problem: tooLarge };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: { key: "calendarImport.notUtf8", params: { name } } };
  }
}

/** The chosen file → its text, or the reason it is refused. Never calls the backend. */
export async function readImportFile(file: Pick<File, "name" | "size" | "arrayBuffer">): Promise<ReadResult> {
  const tooLarge = checkSize(file.name, file.size);
  if (tooLarge) return { ok: false, problem: tooLarge };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return { ok: false, problem: { key: "calendarImport.readFailed", params: { name: file.name } } };
  }
  return decodeUtf8(file.name, bytes);
}

/** "已导入2027年放假安排：休息日N天，调休上班M天" (or "已更新…（替换了原有的官方数据）"). */
export function importSuccessText(summary: CalendarImportSummary, t: Translate): string {
  return t(summary.replaced ? "calendarImport.replaced" : "calendarImport.success", {
    year: summary.year,
    restDays: summary.rest_days,
    workdays: summary.adjusted_workdays,
  });
}

/** A finding's text in the window's language: `message` in zh-CN, `message_en` in English (else the other one). */
export function detailMessage(detail: IpcErrorDetail, locale: Locale): string {
  const [first, second] = locale === "en" ? [detail.message_en, detail.message] : [detail.message, detail.message_en];
  return first.trim() !== "" ? first : second;
}

/** A finding's location: JSON paths as sent; the parser's "line 4, column 2" in the window's language. */
export function detailLocation(location: string, t: Translate): string {
  const m = /^line (\d+), column (\d+)$/.exec(location.trim());
  return m ? t("calendarImport.lineColumn", { line: m[1] ?? "", column: m[2] ?? "" }) : location;
}
