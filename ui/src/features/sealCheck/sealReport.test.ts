import { describe, expect, it } from "vitest";
import errorFixture from "../../../e2e/fixtures/error_pdf_unreadable.json";
import tamperedFixture from "../../../e2e/fixtures/seal_check_tampered.json";
import unsignedFixture from "../../../e2e/fixtures/seal_check_unsigned.json";
import untrustedFixture from "../../../e2e/fixtures/seal_check_untrusted.json";
import validFixture from "../../../e2e/fixtures/seal_check_valid.json";
import type { SealCheck, SealSignature } from "../../ipc/types";
import { translator } from "../../i18n";
import { errorMessage } from "../../i18n/errorMessage";
import { MAX_SEAL_BYTES, checkSealFileSize, commonName, errorDetail, readSealFile, sealRows, verdictText, verdictTone } from "./sealReport";

// The fixtures are what the backend answered for real PDFs (the e2e test serves them too).
const valid = validFixture as SealCheck;
const tampered = tamperedFixture as SealCheck;
const untrusted = untrustedFixture as SealCheck;
const unsigned = unsignedFixture as SealCheck;

const zh = translator("zh-CN");
const en = translator("en");

describe("seal check: the verdict", () => {
  it("has one colour per verdict", () => {
    expect(verdictTone("all_valid")).toBe("valid");
    expect(verdictTone("invalid")).toBe("invalid");
    expect(verdictTone("untrusted")).toBe("untrusted");
    expect(verdictTone("unsigned")).toBe("neutral");
  });

  it("says how many seals hold, in each language", () => {
    expect(verdictText(valid, zh)).toEqual({
      title: "签章有效",
      body: "全部2个签章完好、覆盖全文，且由受信任的根证书签发：该电子材料与纸质材料具有同等效力。",
      note: null,
    });
    expect(verdictText(valid, en).title).toBe("Seals valid");
    expect(verdictText(tampered, zh).body).toBe("共1个签章，其中1个无效或在签章后被改动：不能作为有效的电子材料受理。问题见下表。");
    expect(verdictText(tampered, en).body).toMatch(/^1 of 1 seal\(s\) are broken/);
    expect(verdictText(unsigned, zh).title).toBe("未加盖电子签章");
  });

  it("explains an untrusted verdict by the missing roots when the profile has none", () => {
    const text = verdictText(untrusted, zh);
    expect(text.title).toBe("签章来源无法确认");
    expect(text.body).toContain("共2个签章中有2个不是由本机信任的根证书签发");
    expect(text.note).toContain("本机尚未配置受信任的根证书");
    expect(verdictText({ ...untrusted, trust_root_count: 3 }, zh).note).toBeNull();
  });
});

describe("seal check: the table", () => {
  it("shows a valid pair of seals: signer's CN, China time, reason, coverage, trust", () => {
    const [window, department] = sealRows(valid, zh);
    expect(window).toEqual({
      field: "窗口受理章",
      signer: "蓝田县政务服务中心 e-seal",
      subject: "CN=蓝田县政务服务中心 e-seal,O=蓝田县政务服务中心,C=CN",
      time: "2025年2月27日 16:05",
      stampedAt: null,
      reason: "窗口受理",
      covers: "是（其后仅追加了签章）",
      trusted: "可信",
      trustTone: "valid",
      result: "有效",
      tone: "valid",
      problems: [],
    });
    expect(department?.covers).toBe("是");
    const [enWindow] = sealRows(valid, en);
    expect(enWindow?.time).toBe("February 27, 2025, 16:05");
    expect(enWindow?.covers).toBe("Yes (later changes only add seals)");
    expect(enWindow?.result).toBe("Valid");
  });

  it("names the tampering and does not call a broken seal untrusted", () => {
    const [row] = sealRows(tampered, zh);
    expect(row?.result).toBe("内容被篡改");
    expect(row?.tone).toBe("invalid");
    expect(row?.trusted).toBe("未核验");
    expect(row?.trustTone).toBe("neutral");
    expect(row?.problems).toEqual(["文件在签章后被篡改：签章所保护的内容与签章时不一致"]);
    expect(sealRows(tampered, en)[0]?.result).toBe("Content altered");
  });

  it("gives the trust problem of an intact seal in amber", () => {
    const [row] = sealRows(untrusted, zh);
    expect(row?.result).toBe("来源未确认");
    expect(row?.tone).toBe("untrusted");
    expect(row?.trusted).toBe("不可信");
    expect(row?.problems).toHaveLength(1);
    expect(row?.problems[0]).toMatch(/^本机尚未配置受信任的根证书/);
  });

  const base = valid.signatures[1] as SealSignature;

  it("a seal followed by changes does not cover the document", () => {
    const modified: SealSignature = { ...base, covers_document: false, coverage: "modified_after_signing", coverage_message: "签章之后文件被改动：后续修订改动了页面" };
    const [row] = sealRows({ ...valid, verdict: "invalid", signatures: [modified] }, zh);
    expect(row?.result).toBe("签章后被改动");
    expect(row?.covers).toBe("否");
    expect(row?.tone).toBe("invalid");
    expect(row?.problems).toEqual(["签章之后文件被改动：后续修订改动了页面"]);
  });

  it("a timestamp shows the time its TSA vouches for under the claimed time; a broken one makes the seal invalid", () => {
    const stamped: SealSignature = {
      ...base,
      timestamp: "valid",
      timestamp_time: "2025-03-01T01:31:00+00:00",
      timestamp_message: "时间戳服务“CN=陕西省时间戳服务”证明签章不晚于 2025-03-01T01:31:00+00:00",
    };
    const [row] = sealRows({ ...valid, signatures: [stamped] }, zh);
    expect(row?.stampedAt).toBe("时间戳：2025年3月1日 09:31");
    expect(row?.result).toBe("有效");
    expect(row?.problems).toEqual([]);

    const broken: SealSignature = { ...stamped, timestamp: "broken", timestamp_time: null, timestamp_message: "签名时间戳无效：时间戳所盖的不是本签章的签名值" };
    const [bad] = sealRows({ ...valid, verdict: "invalid", signatures: [broken] }, zh);
    expect(bad?.stampedAt).toBeNull();
    expect(bad?.result).toBe("时间戳无效");
    expect(bad?.tone).toBe("invalid");
    expect(bad?.problems).toEqual(["签名时间戳无效：时间戳所盖的不是本签章的签名值"]);

    const [unknownTsa] = sealRows({ ...valid, signatures: [{ ...stamped, timestamp: "untrusted", timestamp_message: "签名时间戳完好，但无法确认时间戳服务" }] }, en);
    expect(unknownTsa?.stampedAt).toBe("Timestamp: March 1, 2025, 09:31");
    expect(unknownTsa?.problems).toEqual(["签名时间戳完好，但无法确认时间戳服务"]);
  });

  it("every status code has a label; an unknown one reads as not valid", () => {
    for (const status of ["malformed_byte_range", "malformed_cms", "digest_mismatch", "bad_signature", "signing_certificate_mismatch", "signer_certificate_missing", "unsupported"]) {
      const [row] = sealRows({ ...valid, signatures: [{ ...base, status, trust: "not_checked", trusted: false }] }, en);
      expect(row?.result, status).not.toBe("Not valid");
      expect(row?.tone).toBe("invalid");
    }
    const [unknown] = sealRows({ ...valid, signatures: [{ ...base, status: "sm2_later", trust: "not_checked", trusted: false }] }, zh);
    expect(unknown?.result).toBe("无效");
  });

  it("falls back from the CN to /Name, the subject, then a dash; missing time and reason show a dash", () => {
    const noCn = sealRows({ ...valid, signatures: [{ ...base, signer_subject: "O=某局,C=CN", signing_time: null, reason: " " }] }, zh)[0];
    expect(noCn?.signer).toBe("蓝田县市场监督管理局");
    expect(noCn?.time).toBe("—");
    expect(noCn?.reason).toBe("—");
    const nothing = sealRows({ ...valid, signatures: [{ ...base, signer_subject: null, name: null }] }, zh)[0];
    expect(nothing?.signer).toBe("—");
  });
});

describe("seal check: the signer's common name", () => {
  it("reads CN from an RFC 4514 subject, with escapes", () => {
    expect(commonName("CN=蓝田县市场监督管理局 e-seal,O=蓝田县市场监督管理局,C=CN")).toBe("蓝田县市场监督管理局 e-seal");
    expect(commonName("C=CN,O=x,CN=last")).toBe("last");
    expect(commonName("CN=Smith\\, John,O=x")).toBe("Smith, John");
    expect(commonName("cn=\\E8\\93\\9D田,O=x")).toBe("蓝田");
    expect(commonName("2.5.4.3=OID form")).toBe("OID form");
    expect(commonName("O=no common name")).toBeNull();
    expect(commonName("CN=")).toBeNull();
    expect(commonName("")).toBeNull();
  });
});

describe("seal check: the file guard (before any IPC call)", () => {
  it("refuses a file over 50 MB from its size alone, and an empty file", async () => {
    expect(checkSealFileSize("a.pdf", MAX_SEAL_BYTES)).toBeNull();
    expect(checkSealFileSize("大.pdf", MAX_SEAL_BYTES + 1)).toEqual({ key: "sealCheck.tooLarge", params: { name: "大.pdf", size: "50.0 MB" } });
    expect(checkSealFileSize("空.pdf", 0)).toEqual({ key: "sealCheck.empty", params: { name: "空.pdf" } });
    let read = false;
    const huge = { name: "录像.pdf", size: 200 * 1024 * 1024, arrayBuffer: () => ((read = true), Promise.resolve(new ArrayBuffer(0))) };
    expect(await readSealFile(huge)).toMatchObject({ ok: false, problem: { key: "sealCheck.tooLarge" } });
    expect(read).toBe(false);
    expect(zh("sealCheck.tooLarge", { name: "录像.pdf", size: "200.0 MB" })).toBe("文件“录像.pdf”过大（200.0 MB）：待验章的文件不超过50 MB。未验章。");
  });

  it("reads the bytes, or reports a read failure", async () => {
    const ok = await readSealFile(new File(["%PDF-1.7"], "决定书.pdf"));
    expect(ok).toEqual({ ok: true, bytes: new TextEncoder().encode("%PDF-1.7") });
    const gone = { name: "gone.pdf", size: 10, arrayBuffer: () => Promise.reject(new Error("NotReadableError")) };
    expect(await readSealFile(gone)).toEqual({ ok: false, problem: { key: "sealCheck.readFailed", params: { name: "gone.pdf" } } });
  });
});

describe("seal check: errors", () => {
  it("each error code of the command has catalogue text in both languages", () => {
    for (const code of ["file_too_large", "pdf_unreadable", "trust_folder_unreadable", "trust_root_unreadable"]) {
      for (const t of [zh, en]) expect(errorMessage({ code, message: "原文" }, t), code).not.toBe("原文");
    }
    expect(errorMessage(errorFixture, zh)).toBe("所选文件不是可读取的 PDF，未能验章。");
    expect(errorMessage(errorFixture, en)).toBe("The file is not a readable PDF; its seals could not be checked.");
  });

  it("shows the backend's zh-CN detail only where the heading does not quote it", () => {
    expect(errorDetail(errorFixture, "en")).toBe(errorFixture.message);
    expect(errorDetail({ code: "trust_root_unreadable", message: "目录中的文件“readme.txt”不是有效的证书" }, "zh-CN")).toContain("readme.txt");
    expect(errorDetail({ code: "file_too_large", message: "文件过大" }, "zh-CN")).toBeNull();
    expect(errorDetail({ code: "pdf_unreadable", message: " " }, "zh-CN")).toBeNull();
    expect(errorDetail({ code: "no_such_code", message: "m" }, "zh-CN")).toBeNull();
  });
});
