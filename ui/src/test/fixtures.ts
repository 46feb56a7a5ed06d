/**
 * The browser test's fixtures (hand-made from the contract, or what the
 * backend answered for real files), typed for the component tests.
 */
import importOk from "../../e2e/fixtures/calendar_import_ok.json";
import month202601 from "../../e2e/fixtures/calendar_month/2026-01.json";
import month202602 from "../../e2e/fixtures/calendar_month/2026-02.json";
import month202701 from "../../e2e/fixtures/calendar_month/2027-01.json";
import status from "../../e2e/fixtures/calendar_status.json";
import statusOfficial2027 from "../../e2e/fixtures/calendar_status_official_2027.json";
import due from "../../e2e/fixtures/compute_deadline_due.json";
import suspended from "../../e2e/fixtures/compute_deadline_suspended.json";
import importInvalid from "../../e2e/fixtures/error_import_invalid.json";
import pdfUnreadable from "../../e2e/fixtures/error_pdf_unreadable.json";
import provisionalYear from "../../e2e/fixtures/error_provisional_year.json";
import sealTampered from "../../e2e/fixtures/seal_check_tampered.json";
import sealValid from "../../e2e/fixtures/seal_check_valid.json";
import bundleView from "../../e2e/fixtures/officer/bundle_view.json";
import caseDecided from "../../e2e/fixtures/officer/case_view_decided.json";
import caseInReview from "../../e2e/fixtures/officer/case_view_in_review.json";
import caseReceived from "../../e2e/fixtures/officer/case_view_received.json";
import caseSealed from "../../e2e/fixtures/officer/case_view_sealed.json";
import caseChanged from "../../e2e/fixtures/officer/error_case_changed.json";
import hubUnauthorized from "../../e2e/fixtures/officer/error_hub_unauthorized.json";
import inboxFilters from "../../e2e/fixtures/officer/inbox_filters.json";
import inboxPage1 from "../../e2e/fixtures/officer/inbox_page_1.json";
import inboxPage2 from "../../e2e/fixtures/officer/inbox_page_2.json";
import sessionDemo from "../../e2e/fixtures/officer/session_demo.json";
import syncStatus from "../../e2e/fixtures/officer/sync_status.json";
import type { BundleView, CaseView, InboxFiltersView, InboxPageView, SessionView, SyncStatusView } from "../ipc/types";
import type { CalendarImportSummary, CalendarMonth, CalendarStatus, DeadlineResult, IpcError, SealCheck } from "../ipc/types";

export const fixtures = {
  status: status as CalendarStatus,
  statusOfficial2027: statusOfficial2027 as CalendarStatus,
  months: {
    "2026-01": month202601 as CalendarMonth,
    "2026-02": month202602 as CalendarMonth,
    "2027-01": month202701 as CalendarMonth,
  } as Readonly<Record<string, CalendarMonth>>,
  due: due as DeadlineResult,
  suspended: suspended as DeadlineResult,
  provisionalYear: provisionalYear as IpcError,
  importOk: importOk as CalendarImportSummary,
  importInvalid: importInvalid as IpcError,
  sealValid: sealValid as SealCheck,
  sealTampered: sealTampered as SealCheck,
  pdfUnreadable: pdfUnreadable as IpcError,
  sessionDemo: sessionDemo as SessionView,
  syncStatus: syncStatus as SyncStatusView,
  inboxFilters: inboxFilters as InboxFiltersView,
  inboxPage1: inboxPage1 as InboxPageView,
  inboxPage2: inboxPage2 as InboxPageView,
  caseReceived: caseReceived as unknown as CaseView,
  caseInReview: caseInReview as unknown as CaseView,
  caseDecided: caseDecided as unknown as CaseView,
  caseSealed: caseSealed as unknown as CaseView,
  bundleView: bundleView as BundleView,
  caseChanged: caseChanged as IpcError,
  hubUnauthorized: hubUnauthorized as IpcError,
};

/** calendarMonth as the backend answers it from the fixtures, rejecting months it has none for. */
export function monthFromFixtures(year: number, month: number): Promise<CalendarMonth> {
  const found = fixtures.months[`${year}-${String(month).padStart(2, "0")}`];
  return found ? Promise.resolve(found) : Promise.reject<CalendarMonth>({ code: "date_out_of_range", message: "超出范围" } satisfies IpcError);
}
