/**
 * IPC shapes of issue 14's commands that the Rust side has not generated
 * yet (ts-rs, ./generated/types.ts), written from the shared plan. Each type
 * moves to the generated one as soon as it lands; this file then goes.
 * Field names are camelCase, as the new view types serialise them.
 */

export type Timeliness = "on_time" | "warning" | "overdue";
export type ClockKind = "acceptance" | "processing";

export interface CodeName {
  code: string;
  name: string;
}

// ----- inbox (helper A) -----

export interface InboxCursor {
  due: string | null;
  number: string;
}

export interface InboxQuery {
  state: string | null;
  itemCode: string | null;
  assignedToMe: boolean;
  dueBefore: string | null;
  bundle: string | null;
  overdue: boolean;
  search: string | null;
  after: InboxCursor | null;
  limit: number;
}

export interface InboxRowView {
  number: string;
  itemCode: string;
  itemName: string;
  applicant: string;
  state: string;
  due: string | null;
  clock: ClockKind | null;
  timeliness: Timeliness | null;
  remainingWorkingDays: number | null;
  officer: string | null;
  bundle: string | null;
  receivedAt: string;
}

export interface InboxPageView {
  rows: InboxRowView[];
  next: InboxCursor | null;
  total: number;
}

export interface InboxFiltersView {
  items: CodeName[];
  bundles: CodeName[];
  states: string[];
}

// ----- session and sync (helper C) -----

export type SessionMode = "demo" | "hub" | "local";

export interface SessionView {
  mode: SessionMode;
  person: string;
  account: string | null;
  hubUrl: string | null;
  roles: string[];
  department: string | null;
}

export interface SyncErrorView {
  code: string;
  message: string;
  messageEn: string;
}

export interface SyncStatusView {
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  pendingPushes: number;
  failedPushes: number;
  waitingTransfers: number;
  online: boolean;
  running: boolean;
  lastError: SyncErrorView | null;
}

export interface SyncProgress {
  done: number;
  /** Unknown until the feed says how much there is. */
  total: number | null;
  label: string;
}

// ----- case (helper B; mirrors the draft of crates/api/src/views/case.rs) -----

export interface ApplicantView {
  name: string;
  kind: string | null;
  certificateType: string;
  certificateNumber: string;
  phone: string;
}

/** The seal check of a material (the same report as the seal check screen's). */
export interface MaterialSealView {
  verdict: "all_valid" | "invalid" | "untrusted" | "unsigned";
  file_name?: string;
  trust_root_count?: number;
}

export interface MaterialView {
  index: number;
  name: string;
  materialId: string | null;
  inGuide: boolean;
  form: string;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  sha256: string | null;
  hasFile: boolean;
  seal: MaterialSealView | null;
  sealError: { code: string; message: string; message_en: string } | null;
}

export interface FlowNodeView {
  id: string;
  label: string;
  role: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  shape: "start" | "step" | "special_stage" | "decision" | "end";
  status: "done" | "current" | "pending";
  special: boolean;
  limit: string | null;
}

export interface FlowEdgeView {
  from: string;
  to: string;
  points: { x: number; y: number }[];
  label: string | null;
}

export interface FlowchartView {
  width: number;
  height: number;
  nodes: FlowNodeView[];
  edges: FlowEdgeView[];
}

export interface ExplanationDayView {
  date: string;
  role: "start" | "counted" | "rest" | "paused" | "extended";
  ordinal: number | null;
  note: string | null;
  provisional: boolean;
}

export interface ExplanationView {
  days: ExplanationDayView[];
  text: string;
}

export interface PauseView {
  start: string;
  end: string | null;
  reason: string;
}

export interface ClockView {
  kind: "acceptance" | "processing" | "result_push";
  label: string;
  start: string;
  due: string | null;
  lastDay: string | null;
  timeliness: Timeliness | null;
  remainingWorkingDays: number | null;
  provisional: boolean;
  explanation: ExplanationView;
  pauses: PauseView[];
}

export interface StepStandingView {
  step: string;
  name: string;
  due: string;
  timeliness: Timeliness;
  remainingWorkingDays: number;
}

export interface CorrectionLineView {
  material: string;
  note: string;
  paper: boolean;
}

export interface HistoryEntryView {
  sequence: number;
  at: string;
  actor: string;
  action: string;
  stateBefore: string | null;
  stateAfter: string | null;
  events: string[];
  violations: string[];
}

export interface CorrectableMaterialView {
  id: string;
  name: string;
  required: boolean;
  needsReason: boolean;
  paperAllowed: boolean;
}

export interface SignOffView {
  mode: "all" | "any";
  signers: string[];
  signed: string[];
}

/** What the rules allow on the case now (core dry-runs the engine), one entry per step or stage. */
export type OfferedKindView =
  | { kind: "accept" }
  | { kind: "request_correction"; materials: CorrectableMaterialView[] }
  | { kind: "refuse_acceptance" }
  | { kind: "complete_step"; step: string; name: string; signOff: SignOffView | null }
  | { kind: "return_to_step"; step: string; name: string }
  | { kind: "start_special_stage"; stage: string; name: string; stageKind: string }
  | { kind: "end_special_stage"; stage: string }
  | { kind: "decide"; step: string | null; signOff: SignOffView | null }
  | { kind: "start_public_notice" }
  | { kind: "end_public_notice" }
  | { kind: "prepare_result" }
  | { kind: "push_result" }
  | { kind: "deliver_paper" }
  | { kind: "assign"; to: string[] }
  | { kind: "reassign"; to: string[] }
  | { kind: "urge" };

export type OfferedActionView = OfferedKindView & { onBehalfOf: string | null };

export type OfferedKind = OfferedKindView["kind"];

export interface ResultDocumentView {
  fileName: string;
  sha256: string;
  size: number;
  verificationCode: string;
  sealedAt: string;
}

export interface ResultView {
  outcome: "approved" | "rejected" | null;
  opinion: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  notAcceptedAt: string | null;
  publicNotice: { from: string; until: string; declared: boolean } | null;
  readyAt: string | null;
  pushedAt: string | null;
  releasedAt: string | null;
  paperDeliveredAt: string | null;
  document: ResultDocumentView | null;
  trackingNumber: string | null;
}

export interface CaseView {
  number: string;
  version: number;
  state: string;
  specialStage: string | null;
  item: { code: string; name: string; department: string; needsPublicNotice: boolean; hasPaper: boolean };
  guideVersion: number;
  applicant: ApplicantView;
  receivedAt: string;
  windowUnit: string;
  officer: string | null;
  materials: MaterialView[];
  flowchart: FlowchartView;
  clocks: ClockView[];
  steps: StepStandingView[];
  pauses: PauseView[];
  corrections: { submission: number; at: string; by: string; items: CorrectionLineView[]; secondNoticeReason: string | null }[];
  history: HistoryEntryView[];
  offered: OfferedActionView[];
  bundle: { id: string; code: string; name: string } | null;
  result: ResultView | null;
  reviews: { level: string; label: string; comment: string; at: string }[];
}

export type CaseAction =
  | { kind: "accept" }
  | { kind: "request_correction"; items: CorrectionLineView[]; secondNoticeReason?: string | null }
  | { kind: "refuse"; basis: string; reason: string }
  | { kind: "complete_step"; step: string; opinion: string }
  | { kind: "return_to_step"; step: string; reason: string }
  | { kind: "assign"; to: string }
  | { kind: "reassign"; to: string; reason: string }
  | { kind: "urge"; note: string }
  | { kind: "start_special_stage"; stage: string; overrideReason?: string | null }
  | { kind: "end_special_stage" }
  | { kind: "decide"; outcome: "approved" | "rejected"; opinion: string }
  | { kind: "start_public_notice"; until: string }
  | { kind: "end_public_notice" }
  | { kind: "prepare_result" }
  | { kind: "push_result" }
  | { kind: "deliver_paper" };

export interface CaseActionRequest {
  number: string;
  expectedVersion: number;
  action: CaseAction;
}

/** The result letter's particulars (文号, the review body and court the letter names). */
export interface ResultParticulars {
  documentNumber: string;
  reviewBody: string;
  court: string;
  verificationUrl?: string | null;
}

export type SealKeyRequest =
  | { kind: "pkcs12"; path: string; keyringEntry: string }
  | { kind: "pkcs11"; module: string; token: string; keyLabel: string; pin: string; chainPath?: string | null };

export interface SealResultRequest {
  number: string;
  particulars: ResultParticulars;
  key: SealKeyRequest;
}

// ----- bundle (helper B; mirrors the draft of crates/api/src/views/bundle.rs) -----

export interface BundleWaitView {
  itemCode: string;
  reason: "pending" | "rejected";
}

export interface BundleNodeView {
  itemCode: string;
  itemName: string | null;
  department: string;
  caseNumber: string | null;
  otherDepartment: boolean;
  state: string | null;
  outcome: "approved" | "rejected" | null;
  gate: "not_decided" | "releasable" | "withheld";
  waitingOn: BundleWaitView[];
  needsNewDecision: boolean;
  layer: number;
}

export interface BundleView {
  id: string;
  code: string;
  name: string;
  kind: "parallel" | "package";
  fromCase: string;
  nodes: BundleNodeView[];
  edges: { prerequisite: string; dependent: string; serial: boolean }[];
}
