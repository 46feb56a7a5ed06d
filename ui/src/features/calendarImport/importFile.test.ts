import { describe, expect, it } from "vitest";
import { toIpcError } from "../../ipc/errors";
import { translator } from "../../i18n";
import { errorMessage } from "../../i18n/errorMessage";
import { MAX_IMPORT_BYTES, checkSize, decodeUtf8, detailLocation, detailMessage, formatSize, importSuccessText, readImportFile } from "./importFile";

const zh = translator("zh-CN");
const en = translator("en");

describe("calendar import: success summary", () => {
  it("says which year and how many days, in each language", () => {
    const summary = { year: 2027, rest_days: 16, adjusted_workdays: 1, replaced: false };
    expect(importSuccessText(summary, zh)).toBe("已导入2027年放假安排：休息日16天，调休上班1天");
    expect(importSuccessText(summary, en)).toBe("Imported the 2027 holiday arrangement: 16 rest days, 1 adjusted working days");
  });

  it("says so when official data was replaced", () => {
    const summary = { year: 2026, rest_days: 33, adjusted_workdays: 6, replaced: true };
    expect(importSuccessText(summary, zh)).toBe("已更新2026年放假安排：休息日33天，调休上班6天（替换了原有的官方数据）");
    expect(importSuccessText(summary, en)).toContain("replaced");
  });
});

describe("calendar import: findings", () => {
  const detail = { location: "days[16].isOffDay", message: "2027-01-11是星期一：调休上班日只能是星期六或星期日", message_en: "2027-01-11 is a Monday" };

  it("shows message in zh-CN and message_en in English", () => {
    expect(detailMessage(detail, "zh-CN")).toBe(detail.message);
    expect(detailMessage(detail, "en")).toBe(detail.message_en);
  });

  it("falls back to the other language when one is empty", () => {
    expect(detailMessage({ ...detail, message_en: " " }, "en")).toBe(detail.message);
    expect(detailMessage({ ...detail, message: "" }, "zh-CN")).toBe(detail.message_en);
  });

  it("localises a parser position and keeps JSON paths as sent", () => {
    expect(detailLocation("line 4, column 2", zh)).toBe("第4行第2列");
    expect(detailLocation("line 4, column 2", en)).toBe("line 4, column 2");
    expect(detailLocation("days[3].date", zh)).toBe("days[3].date");
  });

  it("the heading of import_invalid comes from the catalogue", () => {
    const error = { code: "import_invalid", message: "放假安排文件有2处问题，未导入：\n  - …" };
    expect(errorMessage(error, zh)).toBe("放假安排文件有误，未导入。以下每一处须修改：");
    expect(errorMessage(error, en)).toBe("The arrangement file was not imported. Fix each of these:");
  });

  it("toIpcError keeps well-formed details and drops malformed ones", () => {
    const raw = { code: "import_invalid", message: "m", details: [detail, { location: "year" }, null, "x", { location: 1, message: "a", message_en: "b" }, { ...detail, extra: 1 }] };
    expect(toIpcError(raw)).toEqual({ code: "import_invalid", message: "m", details: [detail, detail] });
    expect(toIpcError({ code: "import_invalid", message: "m", details: "nope" })).toEqual({ code: "import_invalid", message: "m" });
    expect(toIpcError({ code: "import_invalid", message: "m", details: [{}] })).toEqual({ code: "import_invalid", message: "m" });
  });
});

describe("calendar import: the file guard (before any IPC call)", () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it("accepts UTF-8 text and drops a byte-order mark", () => {
    expect(decodeUtf8("a.json", bytes('{"year": 2027, "name": "元旦"}'))).toEqual({ ok: true, text: '{"year": 2027, "name": "元旦"}' });
    expect(decodeUtf8("a.json", new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual({ ok: true, text: "{}" });
  });

  it("refuses bytes that are not UTF-8 (e.g. GBK)", () => {
    // "元旦" in GBK
    const result = decodeUtf8("gbk.json", new Uint8Array([0x7b, 0xd4, 0xaa, 0xb5, 0xa9, 0x7d]));
    expect(result).toEqual({ ok: false, problem: { key: "calendarImport.notUtf8", params: { name: "gbk.json" } } });
  });

  it("refuses a file over 1 MB, from its size alone", async () => {
    expect(checkSize("a.json", MAX_IMPORT_BYTES)).toBeNull();
    expect(checkSize("big.json", MAX_IMPORT_BYTES + 1)).toEqual({ key: "calendarImport.tooLarge", params: { name: "big.json", size: "1.0 MB" } });
    let read = false;
    const file = { name: "big.json", size: 5 * 1024 * 1024, arrayBuffer: () => ((read = true), Promise.resolve(new ArrayBuffer(0))) };
    expect(await readImportFile(file)).toMatchObject({ ok: false, problem: { key: "calendarImport.tooLarge" } });
    expect(read).toBe(false);
  });

  it("reads a File and reports a read failure", async () => {
    expect(await readImportFile(new File(['{"year":2027}'], "2027.json"))).toEqual({ ok: true, text: '{"year":2027}' });
    const broken = { name: "gone.json", size: 10, arrayBuffer: () => Promise.reject(new Error("NotReadableError")) };
    expect(await readImportFile(broken)).toEqual({ ok: false, problem: { key: "calendarImport.readFailed", params: { name: "gone.json" } } });
  });

  it("formats sizes", () => {
    expect(formatSize(20)).toBe("20 B");
    expect(formatSize(2048)).toBe("2 KB");
    expect(formatSize(1.5 * 1024 * 1024)).toBe("1.5 MB");
  });
});
