import { describe, expect, it } from "vitest";
import type { CaseView, CorrectableMaterialView, OfferedActionView } from "../../../ipc/types";
import { fixtures } from "../../../test/fixtures";
import { buildAction, checklistOf, correctionItems, documentActions, EMPTY_FIELDS, isTrackingNumber, nextDay } from "./actionRequest";

const offer = (o: Record<string, unknown>): OfferedActionView => ({ onBehalfOf: null, ...o }) as OfferedActionView;

describe("action requests from the dialogs' fields", () => {
  it("sends the confirmation-only actions as they are", () => {
    for (const kind of ["accept", "end_special_stage", "end_public_notice", "prepare_result", "push_result", "deliver_paper"]) {
      expect(buildAction(offer({ kind }), EMPTY_FIELDS)).toEqual({ ok: true, action: { kind } });
    }
  });

  it("refuses acceptance only with a reason and its legal basis", () => {
    const refuse = offer({ kind: "refuse_acceptance" });
    expect(buildAction(refuse, EMPTY_FIELDS)).toEqual({ ok: false, problem: "action.problem.reason" });
    expect(buildAction(refuse, { ...EMPTY_FIELDS, reason: "不属于本部门职权" })).toEqual({ ok: false, problem: "action.problem.legalBasis" });
    expect(buildAction(refuse, { ...EMPTY_FIELDS, reason: " 不属于本部门职权 ", basis: "《行政许可法》第三十二条" })).toEqual({
      ok: true,
      action: { kind: "refuse", reason: "不属于本部门职权", basis: "《行政许可法》第三十二条" },
    });
  });

  it("completes and returns to the offered step, with an opinion or a reason", () => {
    expect(buildAction(offer({ kind: "complete_step", step: "review", name: "审查", signOff: null }), { ...EMPTY_FIELDS, opinion: "同意" })).toEqual({ ok: true, action: { kind: "complete_step", step: "review", opinion: "同意" } });
    expect(buildAction(offer({ kind: "complete_step", step: "review", name: "审查", signOff: null }), EMPTY_FIELDS)).toEqual({ ok: false, problem: "action.problem.opinion" });
    expect(buildAction(offer({ kind: "return_to_step", step: "accept", name: "受理" }), { ...EMPTY_FIELDS, reason: "材料不符" })).toEqual({ ok: true, action: { kind: "return_to_step", step: "accept", reason: "材料不符" } });
  });

  it("assigns and delegates only to an offered officer", () => {
    const assign = offer({ kind: "assign", to: ["王敏"] });
    expect(buildAction(assign, { ...EMPTY_FIELDS, to: "张三" })).toEqual({ ok: false, problem: "action.problem.officer" });
    expect(buildAction(assign, { ...EMPTY_FIELDS, to: "王敏" })).toEqual({ ok: true, action: { kind: "assign", to: "王敏" } });
    expect(buildAction(offer({ kind: "reassign", to: ["王敏"] }), { ...EMPTY_FIELDS, to: "王敏" })).toEqual({ ok: false, problem: "action.problem.reason" });
    expect(buildAction(offer({ kind: "urge" }), { ...EMPTY_FIELDS, note: "请于今日办结" })).toEqual({ ok: true, action: { kind: "urge", note: "请于今日办结" } });
  });

  it("decides with an outcome and an opinion; starts the offered special stage", () => {
    const decide = offer({ kind: "decide", step: "decide", signOff: null });
    expect(buildAction(decide, { ...EMPTY_FIELDS, opinion: "准予" })).toEqual({ ok: false, problem: "action.problem.outcome" });
    expect(buildAction(decide, { ...EMPTY_FIELDS, outcome: "rejected", opinion: "不符合条件" })).toEqual({ ok: true, action: { kind: "decide", outcome: "rejected", opinion: "不符合条件" } });
    expect(buildAction(offer({ kind: "start_special_stage", stage: "site", name: "现场核查", stageKind: "inspection" }), EMPTY_FIELDS)).toEqual({
      ok: true,
      action: { kind: "start_special_stage", stage: "site", overrideReason: null },
    });
  });

  it("runs a public notice to the end of its last day, China time", () => {
    expect(buildAction(offer({ kind: "start_public_notice" }), { ...EMPTY_FIELDS, until: "2026-01-31" })).toEqual({ ok: true, action: { kind: "start_public_notice", until: "2026-02-01T00:00:00+08:00" } });
    expect(buildAction(offer({ kind: "start_public_notice" }), { ...EMPTY_FIELDS, until: "2026-02-30" })).toEqual({ ok: false, problem: "action.problem.until" });
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("")).toBeNull();
  });
});

describe("the correction notice's checklist", () => {
  const materials: CorrectableMaterialView[] = [
    { id: "M1", name: "申请书", required: true, needsReason: false, paperAllowed: false },
    { id: "M2", name: "营业执照", required: true, needsReason: true, paperAllowed: false },
  ];

  it("holds the guide's materials only, none ticked", () => {
    expect(checklistOf(materials).map((l) => [l.material.id, l.checked, l.note])).toEqual([
      ["M1", false, ""],
      ["M2", false, ""],
    ]);
  });

  it("sends only ticked lines, each with its note", () => {
    const lines = checklistOf(materials);
    expect(correctionItems(lines)).toEqual({ ok: false, problem: "correction.problem.none" });
    const ticked = lines.map((l, i) => (i === 0 ? { ...l, checked: true } : l));
    expect(correctionItems(ticked)).toEqual({ ok: false, problem: "correction.problem.note", material: "申请书" });
    const noted = ticked.map((l, i) => (i === 0 ? { ...l, note: " 缺少签字 " } : l));
    expect(correctionItems(noted)).toEqual({ ok: true, items: [{ material: "M1", note: "缺少签字", paper: false }], secondNoticeReason: null });
  });

  it("asks for the reason of a second notice when a ticked material needs one", () => {
    const lines = checklistOf(materials).map((l) => ({ ...l, checked: l.material.id === "M2", note: "过期" }));
    expect(correctionItems(lines)).toEqual({ ok: false, problem: "correction.problem.secondReason" });
    expect(correctionItems(lines, "申请人补正后仍不符合")).toEqual({ ok: true, items: [{ material: "M2", note: "过期", paper: false }], secondNoticeReason: "申请人补正后仍不符合" });
  });
});

describe("the result letter's own work", () => {
  it("offers sealing a decided letter, then the paper's tracking number", () => {
    expect(documentActions(fixtures.caseReceived)).toEqual([]);
    expect(documentActions(fixtures.caseDecided)).toEqual(["seal_result"]);
    expect(documentActions(fixtures.caseSealed)).toEqual(["record_tracking"]);
    const noPaper: CaseView = { ...fixtures.caseSealed, item: { ...fixtures.caseSealed.item, hasPaper: false } };
    expect(documentActions(noPaper)).toEqual([]);
  });

  it("checks a tracking number as the backend does", () => {
    expect(isTrackingNumber("1234-ABCD")).toBe(true);
    expect(isTrackingNumber("")).toBe(false);
    expect(isTrackingNumber("邮件 1")).toBe(false);
    expect(isTrackingNumber("x".repeat(65))).toBe(false);
  });
});
