/**
 * Types of the Tauri IPC contract between this UI and the Rust backend.
 * Every type that crosses IPC is generated from the Rust types
 * (`./generated/`, by approval-api; a Rust test fails when they drift);
 * this module re-exports them under the names the UI uses and adds the
 * aliases and argument shapes that are the UI's own.
 */
import type {
  CalendarMonth,
  DeadlineRequest,
  DeadlineResult,
  InboxRowView,
  IpcError as GeneratedIpcError,
  OfferedKindView,
  SealCheck as GeneratedSealCheck,
  SealSignature as GeneratedSealSignature,
} from "./generated/types";
import type { ErrorCode } from "./generated/errorCodes";

export type {
  CalendarDay,
  CalendarImportSummary,
  CalendarMonth,
  CalendarNotice,
  CalendarStatus,
  DeadlineRequest,
  DeadlineResult,
  Explanation,
  ExplanationDay,
  ExplanationRole,
  IpcErrorDetail,
  Pause,
  PeriodUnit,
  SealVerdict,
} from "./generated/types";
export type {
  ApplicantView,
  AwaitingSealView,
  BatchSealCase,
  BatchSealOutcome,
  BatchSealProgress,
  BatchSealRequest,
  BatchSealView,
  BundleEdgeView,
  BundleNodeView,
  BundleView,
  BundleWaitView,
  CaseAction,
  CaseActionRequest,
  CaseView,
  ClockView,
  CorrectableMaterialView,
  CorrectionLineView,
  DelegateRequest,
  DelegationView,
  DemoSealView,
  FlowchartView,
  FlowEdgeView,
  FlowNodeView,
  HistoryEntryView,
  InboxChoiceView,
  InboxCursor,
  InboxFiltersView,
  InboxPageView,
  InboxQuery,
  InboxRowView,
  MaterialView,
  MyDelegationsView,
  OfferedActionView,
  OfferedKindView,
  PauseView,
  ResultParticulars,
  ResultView,
  SealKeyRequest,
  SealResultRequest,
  SessionMode,
  SessionView,
  SignOffView,
  SyncErrorView,
  SyncProgress,
  SyncStatusView,
} from "./generated/types";
/** The guide exchange format (docs/formats.md) and the guide editor's views. */
export type {
  ApprovalBureau,
  BureauMode,
  Contact,
  Edge,
  Fee,
  Finding,
  FindingCode,
  Flowchart,
  GuideChangeRowView,
  GuideCheckView,
  GuideContent,
  GuideDiffView,
  GuideDraftSavedView,
  GuideEditorItemView,
  GuideEditorView,
  GuideEntryChangeView,
  GuideFile,
  GuideLayoutNodeView,
  GuideLayoutView,
  GuidePublishedView,
  InstantItem,
  ItemDefinition,
  ItemLevel,
  ItemType,
  LegalBasis,
  LimitUnit,
  Material,
  MaterialForm,
  Requirement,
  ResultKind,
  SampleFile,
  ServiceWindow,
  Severity,
  SpecialStage,
  StageDuration,
  StageKind,
  Step,
  StepKind,
  TimeLimit,
} from "./generated/types";
export type { ErrorCode } from "./generated/errorCodes";
export { ERROR_CODE_TITLES } from "./generated/errorCodes";

/** Every stable code a command can reject with. */
export type IpcErrorCode = ErrorCode;

/**
 * A rejected command as the UI holds it: the backend's error, or Tauri's
 * own (a plain string, normalised to `internal` without an English text).
 * A code this build does not know yet stays a string, shown by its message.
 */
export type IpcError = Omit<GeneratedIpcError, "code" | "message_en"> & {
  code: ErrorCode | (string & {});
  message_en?: string;
};

/** YYYY-MM-DD (a civil date in China). */
export type IsoDate = string;
/** RFC 3339 instant, e.g. 2026-11-26T10:00:00+08:00. */
export type Rfc3339 = string;

/** 1 = Monday … 7 = Sunday. */
export type Weekday = CalendarMonth["days"][number]["weekday"];

export type NoticeCode = "official_data_runs_out" | "provisional_year_in_use";

export interface CalendarMonthArgs {
  year: number;
  /** 1–12 */
  month: number;
}

export interface CalendarImportArgs {
  /** The arrangement file's text. */
  json: string;
}

export interface ComputeDeadlineArgs {
  request: DeadlineRequest;
}

export type DeadlineDue = Extract<DeadlineResult, { outcome: "due" }>;
export type DeadlineSuspended = Extract<DeadlineResult, { outcome: "suspended" }>;


export type SealStatus = GeneratedSealSignature["status"];
export type SealCoverage = GeneratedSealSignature["coverage"];
export type SealTrust = GeneratedSealSignature["trust"];

/** A signature as the UI reads it: a status a newer backend adds stays a string. */
export type SealSignature = Omit<GeneratedSealSignature, "status" | "coverage" | "trust"> & {
  status: SealStatus | (string & {});
  coverage: SealCoverage | (string & {});
  trust: SealTrust | (string & {});
};

export type SealCheck = Omit<GeneratedSealCheck, "signatures"> & { signatures: SealSignature[] };

/** A clock's standing: on time, in its warning days, or overdue. */
export type Timeliness = NonNullable<InboxRowView["timeliness"]>;

/** The kind of an action the rules offer on a case. */
export type OfferedKind = OfferedKindView["kind"];
