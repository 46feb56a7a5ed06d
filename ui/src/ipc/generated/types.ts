// Generated from the Rust types by approval-api (crates/api/src/bindings.rs).
// Do not edit: run `UPDATE_BINDINGS=1 cargo test -p approval-api --test ipc_bindings`.
import type { ErrorCode } from "./errorCodes";

export type IpcError = { code: ErrorCode, 
/**
 * zh-CN: what is wrong and where.
 */
message: string, message_en: string, 
/**
 * The request field at fault (`start`, `pauses[1].end`, `--outcome`).
 */
field?: string, 
/**
 * One entry per finding of a rejected file.
 */
details?: Array<IpcErrorDetail>, };

export type IpcErrorDetail = { 
/**
 * A JSON path (`days[3].date`) or a line and column.
 */
location: string, message: string, message_en: string, };

export type CalendarDay = { date: string, 
/**
 * 1 = Monday … 7 = Sunday.
 */
weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7, kind: "workday" | "restday", holiday: string | null, adjusted_workday: boolean, provisional: boolean, };

export type CalendarMonth = { year: number, month: number, provisional: boolean, days: Array<CalendarDay>, };

export type CalendarNotice = { code: "official_data_runs_out" | "provisional_year_in_use", year: number, message: string, };

export type CalendarStatus = { official_years: Array<number>, first_year: number, last_year: number, notices: Array<CalendarNotice>, };

export type CalendarImportSummary = { year: number, rest_days: number, adjusted_workdays: number, 
/**
 * The year already had an official arrangement, which this replaced.
 */
replaced: boolean, };

export type Pause = { start: string, end: string | null, reason: string, };

export type PeriodUnit = "working_days" | "natural_days";

export type DeadlineRequest = { start: string, unit: PeriodUnit, length: number, pauses: Array<Pause>, allow_provisional: boolean, };

export type ExplanationRole = "start" | "counted" | "rest" | "paused" | "extended";

export type ExplanationDay = { 
/**
 * YYYY-MM-DD.
 */
date: string, role: ExplanationRole, 
/**
 * For counted days: the how-manieth.
 */
ordinal: number | null, 
/**
 * The holiday's name, the weekday of a weekend, or the pause's reason.
 */
note: string | null, provisional: boolean, };

export type Explanation = { days: Array<ExplanationDay>, text: string, };

export type DeadlineResult = { "outcome": "due", last_day: string, due: string, provisional: boolean, explanation: Explanation, } | { "outcome": "suspended", paused_since: string, reason: string, counted_days: number, remaining_days: number, provisional: boolean, explanation: Explanation, };

export type SealVerdict = "all_valid" | "invalid" | "untrusted" | "unsigned";

export type SealSignature = { field_name: string, 
/**
 * valid | malformed_byte_range | malformed_cms | digest_mismatch |
 * bad_signature | signing_certificate_mismatch |
 * signer_certificate_missing | unsupported
 */
status: "valid" | "malformed_byte_range" | "malformed_cms" | "digest_mismatch" | "bad_signature" | "signing_certificate_mismatch" | "signer_certificate_missing" | "unsupported", 
/**
 * zh-CN: what the status means for the officer, with the detail.
 */
message: string, covers_document: boolean, 
/**
 * whole_document | signature_updates_only | modified_after_signing |
 * not_checked
 */
coverage: "whole_document" | "signature_updates_only" | "modified_after_signing" | "not_checked", 
/**
 * Incremental updates after this signature that only add signatures.
 */
later_revisions: number, 
/**
 * zh-CN: what follows the signed revision, or what changed after it.
 */
coverage_message: string, trusted: boolean, 
/**
 * trusted | untrusted | not_checked
 */
trust: "trusted" | "untrusted" | "not_checked", 
/**
 * zh-CN: the trusted root, or why the signer is not trusted.
 */
trust_message: string, 
/**
 * The signer certificate's subject, e.g. `CN=… e-seal,O=…,C=CN`.
 */
signer_subject: string | null, 
/**
 * /M, the signing time the signer claims (RFC 3339).
 */
signing_time: string | null, 
/**
 * The RFC 3161 signature timestamp: valid | untrusted (intact, but its
 * TSA does not chain to a trusted root) | broken | none.
 */
timestamp: "valid" | "untrusted" | "broken" | "none", 
/**
 * The time the TSA vouches for (RFC 3339), when the token was read.
 */
timestamp_time: string | null, 
/**
 * zh-CN: who vouches for the time, or why the timestamp does not hold.
 */
timestamp_message: string | null, reason: string | null, location: string | null, name: string | null, };

export type SealCheck = { 
/**
 * The file's name as the officer picked it (echoed so the window can
 * tell which answer belongs to which pick).
 */
file_name: string, verdict: SealVerdict, 
/**
 * How many roots the profile trusts; none explains every `untrusted`.
 */
trust_root_count: number, signatures: Array<SealSignature>, };

export type CaseItemView = { code: string, name: string, department: string, 
/**
 * The result needs public notice before its release (Art 12).
 */
needsPublicNotice: boolean, 
/**
 * The result has paper documents or certificates (Art 12).
 */
hasPaper: boolean, };

export type ApplicantView = { name: string, 
/**
 * `legal_person` or `natural_person` where the certificate says so.
 */
kind: string | null, 
/**
 * e.g. 统一社会信用代码, 居民身份证.
 */
certificateType: string, certificateNumber: string, phone: string, };

export type MaterialView = { 
/**
 * Its place in the submission: `case_material({ number, index })`.
 */
index: number, name: string, 
/**
 * The guide material it answers.
 */
materialId: string | null, 
/**
 * It answers a material of the bound guide version (Art 7).
 */
inGuide: boolean, 
/**
 * `electronic` or `paper`.
 */
form: string, fileName: string | null, mediaType: string | null, size: number | null, sha256: string | null, 
/**
 * The file is kept in the profile (it can be opened).
 */
hasFile: boolean, 
/**
 * For a PDF: its e-seals checked against the profile's trust roots.
 */
seal: SealCheck | null, 
/**
 * For a PDF whose seals could not be checked: why.
 */
sealError: IpcError | null, };

export type Point = { x: number, y: number, };

export type FlowNodeView = { id: string, label: string, role: string | null, x: number, y: number, width: number, height: number, 
/**
 * The step kind: `start`, `step`, `special_stage`, `decision`, `end`.
 */
shape: "start" | "step" | "special_stage" | "decision" | "end", status: "done" | "current" | "pending", 
/**
 * A special stage (特殊环节): its time does not count (Art 11).
 */
special: boolean, 
/**
 * The step's maximum time, e.g. `2个工作日`.
 */
limit: string | null, };

export type FlowEdgeView = { from: string, to: string, points: Array<Point>, label: string | null, };

export type FlowchartView = { width: number, height: number, nodes: Array<FlowNodeView>, edges: Array<FlowEdgeView>, };

export type PauseView = { start: string, 
/**
 * `null`: still running.
 */
end: string | null, reason: string, };

export type ClockView = { 
/**
 * `acceptance` (Art 10), `processing` (Art 6, 11), `result_push` (Art 12).
 */
kind: "acceptance" | "processing" | "result_push", 
/**
 * zh-CN: 受理期限, 承诺办结时限, 结果推送期限.
 */
label: string, start: string, 
/**
 * `null` while a pause runs (the clock is suspended).
 */
due: string | null, lastDay: string | null, timeliness: "on_time" | "warning" | "overdue" | null, 
/**
 * Working days left, today included; negative: overdue by as many.
 */
remainingWorkingDays: number | null, provisional: boolean, explanation: Explanation, pauses: Array<PauseView>, };

export type StepStandingView = { step: string, name: string, due: string, timeliness: "on_time" | "warning" | "overdue", remainingWorkingDays: number, };

export type CorrectionLineView = { 
/**
 * The guide material's id.
 */
material: string, 
/**
 * What is wrong or needed.
 */
note: string, 
/**
 * Asked for on paper (only under an approved filing, Art 9).
 */
paper: boolean, };

export type CorrectionView = { submission: number, at: string, by: string, items: Array<CorrectionLineView>, secondNoticeReason: string | null, };

export type HistoryEntryView = { sequence: number, at: string, actor: string, 
/**
 * The audited action, e.g. `case.accept`, `case.paper_tracking`.
 */
action: string, stateBefore: string | null, stateAfter: string | null, 
/**
 * The engine's events, by name (`accepted`, `step_completed` …).
 */
events: Array<string>, 
/**
 * The efficiency violations recorded, in zh-CN (Art 23).
 */
violations: Array<string>, };

export type CorrectableMaterialView = { id: string, name: string, required: boolean, 
/**
 * Listing it needs `secondNoticeReason` (Art 10; recorded as a violation).
 */
needsReason: boolean, paperAllowed: boolean, };

export type SignOffView = { mode: "all" | "any", signers: Array<string>, signed: Array<string>, };

export type OfferedKindView = { "kind": "accept" } | { "kind": "request_correction", materials: Array<CorrectableMaterialView>, } | { "kind": "refuse_acceptance" } | { "kind": "complete_step", step: string, name: string, signOff: SignOffView | null, } | { "kind": "return_to_step", step: string, name: string, } | { "kind": "start_special_stage", stage: string, name: string, 
/**
 * site_survey | expert_review | hearing | public_notice | other
 */
stageKind: string, } | { "kind": "end_special_stage", stage: string, } | { "kind": "decide", step: string | null, signOff: SignOffView | null, } | { "kind": "start_public_notice" } | { "kind": "end_public_notice" } | { "kind": "prepare_result" } | { "kind": "push_result" } | { "kind": "deliver_paper" } | { "kind": "assign", to: Array<string>, } | { "kind": "reassign", to: Array<string>, } | { "kind": "urge" };

export type OfferedActionView = { 
/**
 * Acting under a delegation (委托) for this officer.
 */
onBehalfOf: string | null, } & ({ "kind": "accept" } | { "kind": "request_correction", materials: Array<CorrectableMaterialView>, } | { "kind": "refuse_acceptance" } | { "kind": "complete_step", step: string, name: string, signOff: SignOffView | null, } | { "kind": "return_to_step", step: string, name: string, } | { "kind": "start_special_stage", stage: string, name: string, 
/**
 * site_survey | expert_review | hearing | public_notice | other
 */
stageKind: string, } | { "kind": "end_special_stage", stage: string, } | { "kind": "decide", step: string | null, signOff: SignOffView | null, } | { "kind": "start_public_notice" } | { "kind": "end_public_notice" } | { "kind": "prepare_result" } | { "kind": "push_result" } | { "kind": "deliver_paper" } | { "kind": "assign", to: Array<string>, } | { "kind": "reassign", to: Array<string>, } | { "kind": "urge" });

export type BundleRefView = { 
/**
 * The bundle instance (one application under the bundle).
 */
id: string, code: string, name: string, };

export type PublicNoticeView = { from: string, until: string, 
/**
 * Declared by the guide: its time does not count (Art 11, 12).
 */
declared: boolean, };

export type ResultDocumentView = { fileName: string, sha256: string, size: number, verificationCode: string, sealedAt: string, };

export type ResultView = { outcome: "approved" | "rejected" | null, opinion: string | null, decidedBy: string | null, decidedAt: string | null, 
/**
 * 不予受理: when and why.
 */
notAcceptedAt: string | null, publicNotice: PublicNoticeView | null, readyAt: string | null, pushedAt: string | null, releasedAt: string | null, paperDeliveredAt: string | null, 
/**
 * The sealed decision letter kept for the push.
 */
document: ResultDocumentView | null, trackingNumber: string | null, };

export type ReviewView = { 
/**
 * The level's code: `5` 非常满意 … `1` 非常不满意.
 */
level: string, label: string, comment: string, at: string, };

export type CaseView = { number: string, 
/**
 * The stored version: send it back as `expectedVersion`.
 */
version: number, 
/**
 * The state word (`received`, `in_review`, … see `CASE_STATE_WORDS`).
 */
state: string, 
/**
 * The special stage running, when the state is `special_stage`.
 */
specialStage: string | null, item: CaseItemView, 
/**
 * The guide version the case is bound to (Art 7).
 */
guideVersion: number, applicant: ApplicantView, receivedAt: string, windowUnit: string, 
/**
 * The officer holding the case (承办人); `null`: in the pool.
 */
officer: string | null, materials: Array<MaterialView>, flowchart: FlowchartView, clocks: Array<ClockView>, 
/**
 * The open, ready steps against their maximum time (Art 6).
 */
steps: Array<StepStandingView>, 
/**
 * Every pause of the processing clock, with its reason.
 */
pauses: Array<PauseView>, corrections: Array<CorrectionView>, 
/**
 * The audit trail of the case, oldest first.
 */
history: Array<HistoryEntryView>, 
/**
 * What the acting person may do now: only what the rules allow.
 */
offered: Array<OfferedActionView>, bundle: BundleRefView | null, result: ResultView | null, reviews: Array<ReviewView>, };

export type DelegateRequest = { to: string, validFrom: string, validUntil: string, reason: string, };

export type DelegationView = { 
/**
 * Its place in the department's list: what withdrawing names.
 */
index: number, from: string, to: string, validFrom: string, validUntil: string, reason: string, 
/**
 * In force now (else it starts later).
 */
active: boolean, };

export type MyDelegationsView = { 
/**
 * The officer's work given to others.
 */
given: Array<DelegationView>, 
/**
 * Others' work the officer stands in for.
 */
received: Array<DelegationView>, 
/**
 * The department's other officers (by their grants), the choices for `to`.
 */
officers: Array<string>, };

export type CaseAction = { "kind": "accept" } | { "kind": "request_correction", items: Array<CorrectionLineView>, secondNoticeReason?: string | null, } | { "kind": "refuse", basis: string, reason: string, } | { "kind": "complete_step", step: string, opinion: string, } | { "kind": "return_to_step", step: string, reason: string, } | { "kind": "assign", to: string, } | { "kind": "reassign", to: string, reason: string, } | { "kind": "urge", note: string, } | { "kind": "start_special_stage", stage: string, overrideReason?: string | null, } | { "kind": "end_special_stage" } | { "kind": "decide", outcome: "approved" | "rejected", opinion: string, } | { "kind": "start_public_notice", until: string, } | { "kind": "end_public_notice" } | { "kind": "prepare_result" } | { "kind": "push_result" } | { "kind": "deliver_paper" };

export type CaseActionRequest = { number: string, 
/**
 * The `version` of the case view the officer acted on.
 */
expectedVersion: number, action: CaseAction, };

export type ResultParticulars = { 
/**
 * 发文字号, e.g. 蓝市监许〔2026〕12号.
 */
documentNumber: string, 
/**
 * 行政复议机关.
 */
reviewBody: string, 
/**
 * The court for a lawsuit against the decision.
 */
court: string, verificationUrl?: string | null, };

export type SealKeyRequest = { "kind": "pkcs12", 
/**
 * The key file's path.
 */
path: string, 
/**
 * `SERVICE/ACCOUNT` of the password in the OS keyring.
 */
keyringEntry: string, } | { "kind": "pkcs11", 
/**
 * The token's PKCS#11 module (a .so/.dll path).
 */
module: string, token: string, keyLabel: string, pin: string, 
/**
 * A certificate chain file, when the token holds no chain.
 */
chainPath?: string | null, };

export type SealResultRequest = { number: string, particulars: ResultParticulars, key: SealKeyRequest, };

export type AwaitingSealView = { number: string, itemCode: string, 
/**
 * The item's name (its code when the item is not stored).
 */
itemName: string, applicant: string, 
/**
 * The state's word (`decided`, `public_notice` or `result_ready`).
 */
state: string, };

export type BatchSealCase = { number: string, 
/**
 * e.g. 蓝市监许〔2026〕12号.
 */
documentNumber: string, };

export type BatchSealRequest = { cases: Array<BatchSealCase>, 
/**
 * 行政复议机关.
 */
reviewBody: string, 
/**
 * The court for a lawsuit against the decisions.
 */
court: string, verificationUrl?: string | null, key: SealKeyRequest, };

export type BatchSealProgress = { done: number, total: number, number: string, sealed: boolean, };

export type BatchSealOutcome = { number: string, error: IpcError | null, };

export type BatchSealView = { outcomes: Array<BatchSealOutcome>, sealed: number, failed: number, };

export type BundleWaitView = { itemCode: string, 
/**
 * `pending` (not decided) or `rejected`.
 */
reason: "pending" | "rejected", };

export type BundleNodeView = { itemCode: string, 
/**
 * The item's name where this profile knows the item.
 */
itemName: string | null, department: string, 
/**
 * The case's number; `null` for another department's case (its number
 * stays within it) or a case not received yet.
 */
caseNumber: string | null, 
/**
 * The case belongs to another department.
 */
otherDepartment: boolean, 
/**
 * The member case's state word, where this desk holds the case.
 */
state: string | null, outcome: "approved" | "rejected" | null, 
/**
 * The release gate (Art 17): `not_decided`, `releasable`, `withheld`.
 */
gate: "not_decided" | "releasable" | "withheld", 
/**
 * What a withheld result waits on.
 */
waitingOn: Array<BundleWaitView>, 
/**
 * A prerequisite was rejected: the item needs a new decision.
 */
needsNewDecision: boolean, 
/**
 * Depth in the prerequisite graph (0: no prerequisite), for drawing.
 */
layer: number, };

export type BundleEdgeView = { prerequisite: string, dependent: string, 
/**
 * Runs serially under an approved serial-approval filing (串联审批):
 * the dependent waits for the prerequisite's result.
 */
serial: boolean, };

export type BundleView = { 
/**
 * The bundle instance (one application under the bundle).
 */
id: string, code: string, name: string, 
/**
 * `parallel` (并联服务) or `package` (套餐服务).
 */
kind: "parallel" | "package", 
/**
 * The case the view was opened from.
 */
fromCase: string, 
/**
 * In the bundle's order.
 */
nodes: Array<BundleNodeView>, edges: Array<BundleEdgeView>, };

export type InboxCursor = { 
/**
 * The case's current deadline; `null`: it has none.
 */
due: string | null, number: string, };

export type InboxQuery = { 
/**
 * A state's word (`inbox_filters().states`).
 */
state: string | null, itemCode: string | null, 
/**
 * Only the cases the acting officer holds.
 */
assignedToMe: boolean, 
/**
 * Only the cases this officer holds (a section chief's look at one
 * officer's work); `assignedToMe` wins when both are given.
 */
officer?: string, 
/**
 * Only cases due before this day (`YYYY-MM-DD`, Beijing) begins, or
 * before this RFC 3339 instant.
 */
dueBefore: string | null, 
/**
 * Only the cases of an instance of this bundle (its code).
 */
bundle: string | null, 
/**
 * Only the cases whose deadline has passed.
 */
overdue: boolean, 
/**
 * A case number's beginning or a part of the applicant's name.
 */
search: string | null, 
/**
 * The page after this cursor; `null`: the first page.
 */
after: InboxCursor | null, 
/**
 * Rows on the page, 1 to 200.
 */
limit: number, };

export type InboxRowView = { number: string, itemCode: string, 
/**
 * The item's name (its code when the item is not stored).
 */
itemName: string, applicant: string, 
/**
 * The state's word (see `inbox_filters().states`).
 */
state: string, 
/**
 * The deadline the officer works against now; `null` when none runs
 * (waiting for corrections, paused, finished).
 */
due: string | null, 
/**
 * Which clock `due` is: 受理期限 or 承诺办结时限.
 */
clock: "acceptance" | "processing" | null, 
/**
 * Where the clock stands now (warning: one working day or fewer
 * left); `null` without a deadline or beyond the calendar's years.
 */
timeliness: "on_time" | "warning" | "overdue" | null, 
/**
 * Working days left, today included when it is one; negative: overdue
 * by as many.
 */
remainingWorkingDays: number | null, 
/**
 * Who holds the case (承办人); `null`: the department's pool.
 */
officer: string | null, 
/**
 * The code of the bundle (套餐) the case belongs to.
 */
bundle: string | null, 
/**
 * The window unit's receipt of the submission.
 */
receivedAt: string, };

export type InboxPageView = { rows: Array<InboxRowView>, 
/**
 * The cursor of the next page; `null`: this is the last.
 */
next: InboxCursor | null, 
/**
 * How many cases the filters let through in all.
 */
total: number, };

export type InboxChoiceView = { code: string, name: string, };

export type InboxFiltersView = { 
/**
 * The items whose cases the officer may see, by code.
 */
items: Array<InboxChoiceView>, 
/**
 * The bundles with a member the officer may see, by code.
 */
bundles: Array<InboxChoiceView>, 
/**
 * Every state's word, in the order of a case's life.
 */
states: Array<string>, };

export type SessionMode = "demo" | "hub" | "local";

export type DemoSealView = { 
/**
 * The PKCS#12 key file.
 */
p12Path: string, 
/**
 * `SERVICE/ACCOUNT` of its password in the OS keyring.
 */
keyringEntry: string, 
/**
 * The department the seal names.
 */
department: string, };

export type SessionView = { mode: SessionMode, 
/**
 * The person who acts (the hub session's name on a bound profile).
 */
person: string, account: string | null, hubUrl: string | null, 
/**
 * Role codes (`officer`, `manager` …) the person holds on this desk.
 */
roles: Array<string>, 
/**
 * The department of the person's first department-scoped grant.
 */
department: string | null, 
/**
 * In demo mode, the demo department's seal (a throwaway key file
 * whose password is in the OS keyring): the seal dialog offers it.
 */
demoSeal: DemoSealView | null, };

export type SyncErrorView = { code: string, message: string, messageEn: string, };

export type SyncStatusView = { 
/**
 * RFC 3339, +08:00.
 */
lastSuccessAt: string | null, lastAttemptAt: string | null, 
/**
 * Outbox records not pushed yet (refused ones included).
 */
pendingPushes: number, 
/**
 * Of those, refused by the hub for good.
 */
failedPushes: number, 
/**
 * Pulled transfers not stored as cases yet.
 */
waitingTransfers: number, 
/**
 * False when the last attempt found the hub unreachable.
 */
online: boolean, 
/**
 * A sync round is running now.
 */
running: boolean, 
/**
 * The last attempt's failure (`None` after a success).
 */
lastError: SyncErrorView | null, };

export type SyncProgress = { done: number, total: number | null, label: string, };

export type HubConnectRequest = { url: string, account: string, password: string, };

export type LimitUnit = "working_days" | "natural_days";

export type TimeLimit = { days: number, unit: LimitUnit, };

export type ItemType = "licensing" | "confirmation" | "payment" | "ruling" | "reward" | "record" | "other_power" | "public_service";

export type ItemLevel = "province" | "city" | "county" | "township";

export type ResultKind = "decision_letter" | "certificate" | "approval_document" | "other";

export type BureauMode = "entrusted" | "transferred";

export type ApprovalBureau = { 
/**
 * e.g. 蓝田县行政审批服务局.
 */
name: string, mode: BureauMode, };

export type InstantItem = { 
/**
 * The approval bureau (行政审批服务局) of this level that handles it in
 * the service hall, as Art 18 says it in principle should; `None`: the
 * department still handles it itself.
 */
handled_by?: ApprovalBureau | null, };

export type ItemDefinition = { 
/**
 * The catalogue code (事项编码).
 */
code: string, name: string, item_type: ItemType, 
/**
 * The implementing department (实施主体).
 */
department: string, level: ItemLevel, 
/**
 * The legal basis that sets the item up (设定依据).
 */
setting_basis: string, 
/**
 * Flagged complex: 5 working days for acceptance instead of 1 (Art 10).
 */
complex: boolean, 
/**
 * 法定时限.
 */
statutory_limit: TimeLimit, 
/**
 * 承诺时限: at most the statutory limit.
 */
promised_limit: TimeLimit, result_kind: ResultKind, 
/**
 * The law requires public notice of the result before its release (Art 12).
 */
result_needs_public_notice: boolean, 
/**
 * A lower level the item is delegated to (下放/委托), if any.
 */
delegated_to?: string | null, 
/**
 * An instant item (即办事项, Art 18): simple materials and procedure,
 * decided on the spot in the service hall. `None`: not instant.
 */
instant?: InstantItem | null, 
/**
 * A classified or sensitive item (涉密敏感事项, Art 28): handled under its
 * own laws, never published, its cases seen only with clearance.
 */
classified?: boolean, };

export type LegalBasis = { 
/**
 * e.g. 《中华人民共和国食品安全法》
 */
title: string, 
/**
 * e.g. 第三十五条
 */
provision: string, };

export type Fee = { name: string, 
/**
 * As the basis states it, e.g. `每件50元`.
 */
standard: string, basis: string, };

export type Contact = { 
/**
 * 咨询电话.
 */
phone: string, 
/**
 * 监督投诉电话.
 */
complaint_phone: string, };

export type ServiceWindow = { name: string, address: string, 
/**
 * 办公时间, as printed.
 */
hours: string, };

export type Requirement = { "kind": "required" } | { "kind": "conditional", condition: string, };

export type MaterialForm = "original" | "copy" | "original_and_copy";

export type SampleFile = { file_name: string, media_type: string, 
/**
 * Base64 in the exchange format; raw bytes in the store.
 */
content: string, };

export type Material = { 
/**
 * Stable within the guide across versions (e.g. `M03`): cases and
 * correction notices refer to materials by it.
 */
id: string, name: string, 
/**
 * The code of the province's material catalogue (材料目录编码), which
 * lets a bundle list a material shared by several items once.
 */
catalog_code?: string | null, requirement: Requirement, form: MaterialForm, originals: number, copies: number, 
/**
 * Electronic materials have the force of paper (Art 8).
 */
electronic_accepted: boolean, 
/**
 * Paper may only be required with an approved paper-materials filing
 * (Art 9), referenced here.
 */
paper_required: boolean, paper_filing?: string | null, format_notes: string, 
/**
 * 填写说明.
 */
filling_instructions: string, sample?: SampleFile | null, };

export type StageKind = "site_survey" | "expert_review" | "hearing" | "public_notice" | "other";

export type StageDuration = { "kind": "estimated", limit: TimeLimit, } | { "kind": "by_filing", filing: string, };

export type SpecialStage = { 
/**
 * Stable within the guide; flowchart steps refer to it.
 */
id: string, kind: StageKind, name: string, 
/**
 * 法律依据.
 */
legal_basis: string, 
/**
 * 拟采用方式.
 */
method: string, duration: StageDuration, };

export type StepKind = "start" | "step" | "special_stage" | "decision" | "end";

export type Step = { id: string, name: string, kind: StepKind, 
/**
 * For a special-stage step: the id of the guide's special stage.
 */
stage?: string | null, 
/**
 * The role that does the step (承办人, 审核人, 签发人 …).
 */
role?: string | null, 
/**
 * 环节最长时限.
 */
limit?: TimeLimit | null, };

export type Edge = { from: string, to: string, };

export type Flowchart = { steps: Array<Step>, edges: Array<Edge>, };

export type GuideContent = { 
/**
 * 受理条件: what the applicant must meet, nothing more (Art 7).
 */
conditions: Array<string>, legal_basis: Array<LegalBasis>, materials: Array<Material>, fees: Array<Fee>, special_stages: Array<SpecialStage>, flowchart: Flowchart, contact: Contact, windows: Array<ServiceWindow>, };

export type GuideFile = { 
/**
 * Always [`GUIDE_FORMAT`].
 */
format: string, item: ItemDefinition, 
/**
 * When the version takes effect once imported; absent: at import.
 */
effective_from?: string | null, guide: GuideContent, };

export type Severity = "error" | "warning";

export type FindingCode = "item_field_empty" | "promised_exceeds_statutory" | "limit_zero" | "duplicate_id" | "materials_empty" | "conditional_without_condition" | "paper_without_filing" | "paper_only_without_filing" | "no_copies_or_originals" | "instant_not_with_approval_bureau" | "stage_incomplete" | "stage_unused" | "flowchart_no_start" | "flowchart_many_starts" | "flowchart_no_end" | "edge_unknown_step" | "step_unreachable" | "step_cannot_reach_end" | "flowchart_cycle" | "step_without_limit" | "step_without_role" | "stage_step_undeclared" | "longest_path_exceeds_limit" | "limit_unit_mismatch" | "start_has_incoming" | "end_has_outgoing" | "no_decision_step" | "legal_basis_empty" | "conditions_empty" | "bundle_too_few_items" | "bundle_duplicate_item" | "bundle_edge_unknown_item" | "bundle_self_prerequisite" | "bundle_cycle" | "bundle_duplicate_edge" | "bundle_guide_missing" | "malformed";

export type Finding = { code: FindingCode, severity: Severity, 
/**
 * A JSON path into the exchange format, e.g. `guide.flowchart.steps[3].limit`.
 */
path: string, 
/**
 * For officers and editors, in zh-CN.
 */
message: string, };

export type GuideEditorItemView = { code: string, name: string, department: string, 
/**
 * The item's status: in force, a change awaiting its filing, or
 * cancelled.
 */
status: "active" | "change_pending" | "cancelled", 
/**
 * A draft is being edited.
 */
hasDraft: boolean, 
/**
 * The latest published version's number, if any.
 */
publishedNumber: number | null, 
/**
 * When that version took or takes effect (RFC 3339, +08:00).
 */
publishedEffectiveFrom: string | null, };

export type GuideLayoutNodeView = { 
/**
 * The step's id (`guide.flowchart.steps[stepIndex].id`).
 */
id: string, 
/**
 * The index of the step in `guide.flowchart.steps`.
 */
stepIndex: number, x: number, y: number, width: number, height: number, 
/**
 * 0 for the start, growing downward.
 */
layer: number, };

export type GuideLayoutView = { width: number, height: number, nodes: Array<GuideLayoutNodeView>, edges: Array<FlowEdgeView>, };

export type GuideCheckView = { 
/**
 * Every finding, errors first, each with its JSON path
 * (`guide.flowchart.steps[3].limit`) and a zh-CN message.
 */
findings: Array<Finding>, errors: number, warnings: number, 
/**
 * Whether the draft could be published as it is (no error).
 */
publishable: boolean, 
/**
 * The flowchart's layout; `null` when the flowchart's shape is wrong.
 */
layout: GuideLayoutView | null, };

export type GuideEditorView = { code: string, name: string, department: string, 
/**
 * The stored draft's number; `null` when there is no draft and
 * `draft` is the version in force, the starting point of a new one.
 */
draftNumber: number | null, 
/**
 * `draft` is a copy of the published version (no draft is stored).
 */
fromPublished: boolean, 
/**
 * What the editor edits.
 */
draft: GuideFile, 
/**
 * The latest published version, if any.
 */
published: GuideFile | null, publishedNumber: number | null, 
/**
 * The findings and layout of `draft`.
 */
check: GuideCheckView, };

export type GuideDraftSavedView = { draftNumber: number, check: GuideCheckView, };

export type GuidePublishedView = { code: string, number: number, 
/**
 * RFC 3339, +08:00.
 */
effectiveFrom: string, };

export type GuideChangeRowView = { 
/**
 * The field's path in the draft (`guide.materials[2].name`).
 */
path: string, label: string, before: string | null, after: string | null, };

export type GuideEntryChangeView = { section: "conditions" | "legal_basis" | "materials" | "fees" | "special_stages" | "windows" | "steps" | "edges", sectionLabel: string, 
/**
 * What names the entry: a material's, stage's or step's id, a fee's
 * or window's name, a condition's text, an edge `from→to`.
 */
key: string, change: "added" | "removed" | "changed", 
/**
 * The entry's path: in the draft, or for a removed one in the
 * published version.
 */
path: string, 
/**
 * The names of the fields that changed.
 */
fields: Array<string>, rows: Array<GuideChangeRowView>, };

export type GuideDiffView = { code: string, draftNumber: number, publishedNumber: number | null, 
/**
 * The item's fields and the contact.
 */
fields: Array<GuideChangeRowView>, entries: Array<GuideEntryChangeView>, };
