/**
 * The only module that talks to Tauri. One typed function per command.
 * Every function resolves with the command's value or rejects with an IpcError.
 */
import { invoke, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import { toIpcError } from "./errors";
import type {
  CalendarImportArgs,
  CalendarImportSummary,
  CalendarMonth,
  CalendarMonthArgs,
  CalendarStatus,
  ComputeDeadlineArgs,
  DeadlineRequest,
  DeadlineResult,
  SealCheck,
} from "./types";
import type {
  AwaitingSealView,
  BatchSealRequest,
  BatchSealView,
  BundleView,
  CaseActionRequest,
  CaseView,
  CorrectionLineView,
  DelegateRequest,
  GuideCheckView,
  GuideDiffView,
  GuideDraftSavedView,
  GuideEditorItemView,
  GuideEditorView,
  GuideFile,
  GuidePublishedView,
  InboxFiltersView,
  InboxPageView,
  InboxQuery,
  MyDelegationsView,
  ResultParticulars,
  SealResultRequest,
  SessionView,
  SyncStatusView,
} from "./types";

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  try {
    return await invoke<T>(command, args, options);
  } catch (raw: unknown) {
    throw toIpcError(raw);
  }
}

export function calendarMonth(year: number, month: number): Promise<CalendarMonth> {
  const args: CalendarMonthArgs = { year, month };
  return call<CalendarMonth>("calendar_month", { ...args });
}

export function calendarStatus(): Promise<CalendarStatus> {
  return call<CalendarStatus>("calendar_status");
}

export function computeDeadline(request: DeadlineRequest): Promise<DeadlineResult> {
  const args: ComputeDeadlineArgs = { request };
  return call<DeadlineResult>("compute_deadline", { ...args });
}

/** Imports a year's holiday arrangement (the file's text); rejects with `import_invalid` and `details`. */
export function calendarImport(json: string): Promise<CalendarImportSummary> {
  const args: CalendarImportArgs = { json };
  return call<CalendarImportSummary>("calendar_import", { ...args });
}

/** The header that names the file sent as a raw body (see `sealCheck`). */
export const FILE_NAME_HEADER = "x-file-name";

/** The header that carries the id the window gave a seal check (see `sealCheckCancel`). */
export const CHECK_ID_HEADER = "x-check-id";

/**
 * Checks the e-seals of a PDF. The bytes go as the raw request body (a
 * `number[]` argument would be JSON, about four times the file); the name
 * goes percent-encoded in a header, since header values must be ASCII.
 * The backend gives up after its time limit (`seal_check_timed_out`).
 * Rejects with `file_too_large`, `pdf_unreadable`, `pdf_over_budget`, `trust_root_unreadable`…
 */
export function sealCheck(fileName: string, pdf: Uint8Array, checkId: string): Promise<SealCheck> {
  return call<SealCheck>("seal_check", pdf, { headers: { [FILE_NAME_HEADER]: encodeURIComponent(fileName), [CHECK_ID_HEADER]: checkId } });
}

/**
 * Cancels the running seal check `checkId`: its `sealCheck` then rejects with
 * `seal_check_cancelled`. Resolves false when no check runs under the id.
 */
export function sealCheckCancel(checkId: string): Promise<boolean> {
  return call<boolean>("seal_check_cancel", { checkId });
}

// ----- the officer's work (issue 14) -----

/** A PDF answered over IPC: Tauri sends raw bytes (ArrayBuffer) or, for a `Vec<u8>` in JSON, a number[]. */
export function toBytes(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (Array.isArray(raw)) return Uint8Array.from(raw as number[]);
  throw toIpcError({ code: "internal", message: "应为 PDF 字节" });
}

async function bytes(command: string, args: InvokeArgs): Promise<Uint8Array> {
  return toBytes(await call<unknown>(command, args));
}

/** One page of the inbox, from `query.after` on (keyset), sorted by due date. */
export function caseInbox(query: InboxQuery): Promise<InboxPageView> {
  return call<InboxPageView>("case_inbox", { query });
}

/** What the inbox's filters offer: the department's items, bundles and the state words. */
export function inboxFilters(): Promise<InboxFiltersView> {
  return call<InboxFiltersView>("inbox_filters");
}

export function caseView(number: string): Promise<CaseView> {
  return call<CaseView>("case_view", { number });
}

/** Applies an action; rejects with the rules' refusal (e.g. `case_changed`, `action_not_allowed`). */
export function caseAct(request: CaseActionRequest): Promise<CaseView> {
  return call<CaseView>("case_act", { request });
}

/** The one-time correction notice as it would be sent (PDF). */
export function correctionNoticePreview(number: string, items: CorrectionLineView[]): Promise<Uint8Array> {
  return bytes("correction_notice_preview", { number, items });
}

/** A material's file (PDF) by its index in CaseView.materials. */
export function caseMaterial(number: string, index: number): Promise<Uint8Array> {
  return bytes("case_material", { number, index });
}

/** The result letter: the sealed one once sealed, else as it would be with `particulars` (placeholders when null). */
export function resultPreview(number: string, particulars: ResultParticulars | null): Promise<Uint8Array> {
  return bytes("result_preview", { number, particulars });
}

/** Seals the result with the department's key; a USB key's PIN goes with this call only. */
export function sealResult(request: SealResultRequest): Promise<CaseView> {
  return call<CaseView>("seal_result", { request });
}

/** 批量签章: the decided cases whose letter waits for the seal. */
export function casesAwaitingSeal(): Promise<AwaitingSealView[]> {
  return call<AwaitingSealView[]>("cases_awaiting_seal");
}

/** Seals several letters with the key opened once; `seal-progress` after each case. A USB key's PIN goes with this call only. */
export function sealResults(request: BatchSealRequest): Promise<BatchSealView> {
  return call<BatchSealView>("seal_results", { request });
}

export function recordTracking(number: string, trackingNumber: string): Promise<CaseView> {
  return call<CaseView>("record_tracking", { number, trackingNumber });
}

/** 委托: the officer hands their work to another officer for a period; their delegations after. */
export function delegate(request: DelegateRequest): Promise<MyDelegationsView> {
  return call<MyDelegationsView>("delegate", { request });
}

export function withdrawDelegation(index: number): Promise<MyDelegationsView> {
  return call<MyDelegationsView>("withdraw_delegation", { index });
}

/** The officer's delegations not yet over, given and received, and whom they may delegate to. */
export function myDelegations(): Promise<MyDelegationsView> {
  return call<MyDelegationsView>("my_delegations");
}

export function bundleView(number: string): Promise<BundleView> {
  return call<BundleView>("bundle_view", { number });
}

/** The items whose guides the person may edit; `search` matches a part of the code or the name. */
export function guideEditorItems(search?: string): Promise<GuideEditorItemView[]> {
  return call<GuideEditorItemView[]>("guide_editor_items", { search: search ?? null });
}

/** An item's guide in the editor: the draft (or the version in force to start from), the published version, findings, layout. */
export function guideEditorView(code: string): Promise<GuideEditorView> {
  return call<GuideEditorView>("guide_editor_view", { code });
}

/**
 * The findings and chart layout of the draft as it stands (a `GuideFile`, or what editing made of
 * one). Never rejects for a half-edited draft: a wrong shape comes back as a `malformed` finding
 * with its path.
 */
export function checkGuideDraft(draft: unknown): Promise<GuideCheckView> {
  return call<GuideCheckView>("check_guide_draft", { draft });
}

/** Saves the draft of item `code`; a draft with errors is saved too (publishing refuses it). */
export function saveGuideDraft(code: string, file: GuideFile): Promise<GuideDraftSavedView> {
  return call<GuideDraftSavedView>("save_guide_draft", { code, file });
}

/**
 * Publishes item `code`'s draft from `effectiveFrom` (RFC 3339); rejects with `guide_invalid` and
 * the errors as `details`, or `guide_item_change_needs_approval` naming the item field a filing
 * must approve.
 */
export function publishGuideDraft(code: string, effectiveFrom: string): Promise<GuidePublishedView> {
  return call<GuidePublishedView>("publish_guide_draft", { code, effectiveFrom });
}

/** Item `code`'s draft against its published version; rejects with `guide_no_draft` without a draft. */
export function guideDiff(code: string): Promise<GuideDiffView> {
  return call<GuideDiffView>("guide_diff", { code });
}

export function session(): Promise<SessionView> {
  return call<SessionView>("session");
}

export function syncStatus(): Promise<SyncStatusView> {
  return call<SyncStatusView>("sync_status");
}

export function syncNow(): Promise<SyncStatusView> {
  return call<SyncStatusView>("sync_now");
}

/** Signs in at a real platform; the token goes to the OS keyring, the password nowhere. */
export function hubConnect(url: string, account: string, password: string): Promise<SessionView> {
  return call<SessionView>("hub_connect", { url, account, password });
}
