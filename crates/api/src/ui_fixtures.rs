//! The browser test's IPC stand-in (`ui/e2e/fixtures/`) answers with what
//! the real use cases answer: each fixture is the JSON of a use case's
//! result or error on the inputs the browser test sends, checked here for
//! drift like the generated types. Regenerate with
//! `UPDATE_UI_FIXTURES=1 cargo test -p approval-api --lib ui_fixtures`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use approval_esign::testca::TestCa;
use approval_esign::timestamp::TestTsa;
use approval_esign::{sign_pdf, sign_pdf_with, KeyKind, Pkcs12Signer, SignRequest};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use serde::Serialize;

use crate::calendar::{
    calendar_month, calendar_status, compute_requested_deadline, import_calendar_year,
};
use crate::seals::check_incoming_seal;
use crate::testing::{desk, one_page_letter};
use crate::views::{DeadlineRequest, ImportSummaryView, PauseRequest, UnitRequest};
use crate::{Actor, ApiError, Desk};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/e2e/fixtures")
}

/// Compares (or with `UPDATE_UI_FIXTURES` writes) one fixture; returns
/// its name when it drifted.
fn check(name: &str, value: &impl Serialize) -> Option<String> {
    let path = folder().join(name);
    let generated = format!("{}\n", serde_json::to_string_pretty(value).unwrap());
    if std::env::var_os("UPDATE_UI_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    (checked_in != generated).then(|| name.to_owned())
}

fn upload(name: &str) -> String {
    std::fs::read_to_string(folder().join("upload").join(name)).unwrap()
}

/// The backend's "today" for the calendar status: mid-January 2027, a year
/// whose arrangement is not imported yet, so the window warns that its days
/// are provisional (the notices are the backend's; the browser test's page
/// clock decides only which month is shown first).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()
}

fn deadline(
    start: &str,
    length: u32,
    pauses: Vec<PauseRequest>,
    allow_provisional: bool,
) -> DeadlineRequest {
    DeadlineRequest {
        start: start.to_owned(),
        unit: UnitRequest::WorkingDays,
        length,
        pauses,
        allow_provisional,
    }
}

fn beijing(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<FixedOffset> {
    approval_core::china_time::CHINA_STANDARD_TIME
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap()
}

/// The province's test root, the window unit's and the bureau's seals.
fn seals() -> (TestCa, Pkcs12Signer, Pkcs12Signer) {
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let until = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let ca = TestCa::generate("审批测试根 CA", KeyKind::P256, from, until).unwrap();
    let window = ca
        .issue_seal("蓝田县政务服务中心", KeyKind::P256, from, until)
        .unwrap();
    let bureau = ca
        .issue_seal("蓝田县市场监督管理局", KeyKind::P256, from, until)
        .unwrap();
    (ca, window, bureau)
}

fn sign(
    pdf: &[u8],
    signer: &Pkcs12Signer,
    field: &str,
    reason: &str,
    name: &str,
    at: DateTime<FixedOffset>,
) -> Vec<u8> {
    let request = SignRequest {
        field_name: field.to_owned(),
        reason: Some(reason.to_owned()),
        location: Some("蓝田县".to_owned()),
        name: Some(name.to_owned()),
        signing_time: at,
        visible: None,
    };
    sign_pdf(pdf, signer, &request).unwrap()
}

fn trust(desk: &Desk, ca: &TestCa) {
    let folder = crate::profile::trust_folder(desk.database_path());
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("省电子印章根证书.pem"), ca.root_pem().unwrap()).unwrap();
}

async fn calendar_fixtures(drifted: &mut Vec<String>) {
    let (_dir, desk) = desk().await;
    drifted.extend(check(
        "calendar_status.json",
        &calendar_status(&desk, today()).unwrap(),
    ));
    for (year, month, name) in [
        (2026, 1, "2026-01"),
        (2026, 2, "2026-02"),
        (2027, 1, "2027-01"),
    ] {
        let file = format!("calendar_month/{name}.json");
        drifted.extend(check(&file, &calendar_month(&desk, year, month).unwrap()));
    }
    let bad = import_calendar_year(
        &desk,
        &Actor::new("张三"),
        &upload("2027-bad.json"),
        Path::new("imported.json"),
    )
    .await
    .unwrap_err();
    drifted.extend(check("error_import_invalid.json", &bad));
    let imported = import_calendar_year(
        &desk,
        &Actor::new("张三"),
        &upload("2027.json"),
        Path::new("imported.json"),
    )
    .await
    .unwrap();
    let summary = ImportSummaryView::of(&imported.arrangement, imported.replaced_official);
    drifted.extend(check("calendar_import_ok.json", &summary));
    drifted.extend(check(
        "calendar_status_official_2027.json",
        &calendar_status(&desk, today()).unwrap(),
    ));
    drifted.extend(check(
        "calendar_month/2027-01-official.json",
        &calendar_month(&desk, 2027, 1).unwrap(),
    ));
}

async fn deadline_fixtures(drifted: &mut Vec<String>) {
    let (_dir, desk) = desk().await;
    let due = deadline("2026-02-12T10:00:00+08:00", 5, Vec::new(), false);
    drifted.extend(check(
        "compute_deadline_due.json",
        &compute_requested_deadline(&desk, &due).unwrap(),
    ));
    let pause = PauseRequest {
        start: "2026-02-25T09:00:00+08:00".to_owned(),
        end: None,
        reason: "补正材料".to_owned(),
    };
    let suspended = deadline("2026-02-12T09:00:00+08:00", 5, vec![pause], false);
    drifted.extend(check(
        "compute_deadline_suspended.json",
        &compute_requested_deadline(&desk, &suspended).unwrap(),
    ));
    let provisional = deadline("2026-12-30T09:00:00+08:00", 6, Vec::new(), true);
    drifted.extend(check(
        "compute_deadline_due_provisional.json",
        &compute_requested_deadline(&desk, &provisional).unwrap(),
    ));
    let refused: ApiError = compute_requested_deadline(
        &desk,
        &deadline("2026-12-30T09:00:00+08:00", 6, Vec::new(), false),
    )
    .unwrap_err();
    drifted.extend(check("error_provisional_year.json", &refused));
}

async fn seal_fixtures(drifted: &mut Vec<String>) {
    let (ca, window, bureau) = seals();
    let received = sign(
        &one_page_letter(),
        &window,
        "窗口受理章",
        "窗口受理",
        "蓝田县政务服务中心",
        beijing(2025, 2, 27, 16, 5),
    );
    let decided = sign(
        &received,
        &bureau,
        "审批专用章",
        "准予行政许可",
        "蓝田县市场监督管理局",
        beijing(2025, 3, 1, 9, 30),
    );
    let (_trusting_dir, trusting) = desk().await;
    trust(&trusting, &ca);
    let (_bare_dir, bare) = desk().await;

    // The bureau's seal with a timestamp from a TSA under the same root.
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let until = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let tsa_signer = ca
        .issue_timestamping("陕西省时间戳服务", KeyKind::P256, from, until)
        .unwrap();
    let stamped_at = Utc.with_ymd_and_hms(2025, 3, 1, 1, 31, 0).unwrap();
    let tsa = TestTsa::new(Box::new(tsa_signer), stamped_at);
    let request = SignRequest {
        field_name: "审批专用章".to_owned(),
        reason: Some("准予行政许可".to_owned()),
        location: Some("蓝田县".to_owned()),
        name: Some("蓝田县市场监督管理局".to_owned()),
        signing_time: beijing(2025, 3, 1, 9, 30),
        visible: None,
    };
    let stamped = sign_pdf_with(&one_page_letter(), &bureau, &request, Some(&tsa)).unwrap();
    let timestamped = check_incoming_seal(&trusting, "电子证照-带时间戳.pdf", &stamped).unwrap();
    drifted.extend(check("seal_check_timestamped.json", &timestamped));

    let valid = check_incoming_seal(&trusting, "准予许可决定书.pdf", &decided).unwrap();
    drifted.extend(check("seal_check_valid.json", &valid));
    let untrusted = check_incoming_seal(&bare, "外省来文.pdf", &decided).unwrap();
    drifted.extend(check("seal_check_untrusted.json", &untrusted));
    let mut changed = sign(
        &one_page_letter(),
        &bureau,
        "审批专用章",
        "准予行政许可",
        "蓝田县市场监督管理局",
        beijing(2025, 3, 1, 9, 30),
    );
    let at = changed.windows(8).position(|w| w == b"Decision").unwrap();
    changed[at] = b'd';
    let tampered = check_incoming_seal(&trusting, "营业执照-已改动.pdf", &changed).unwrap();
    drifted.extend(check("seal_check_tampered.json", &tampered));
    let unsigned = check_incoming_seal(&trusting, "申请表.pdf", &one_page_letter()).unwrap();
    drifted.extend(check("seal_check_unsigned.json", &unsigned));
    // What the browser test picks as "扫描件.pdf": a JPEG's first bytes.
    let jpeg = [0xff, 0xd8, 0xff, 0xe0, 0x20, 0x4a, 0x46, 0x49, 0x46];
    let unreadable = check_incoming_seal(&trusting, "扫描件.pdf", &jpeg).unwrap_err();
    drifted.extend(check("error_pdf_unreadable.json", &unreadable));
}

/// The case view of a case in acceptance, one in review with its site
/// survey running, one decided with its sealed letter kept; acting on the
/// first (accepted; refused as changed; refused by the rules); the bundle
/// view of a decided member whose result the gate withholds.
async fn case_fixtures(drifted: &mut Vec<String>) {
    use crate::cases::{bundle_view, case_act, case_view, scenarios};
    use crate::views::case::{CaseActionKind, CaseActionRequest};
    let officer = scenarios::officer();
    let march = scenarios::march;
    let (_dir, desk) = desk().await;
    for number in ["SX2026-000201", "SX2026-000202", "SX2026-000203"] {
        scenarios::received(&desk, number).await;
    }
    scenarios::in_survey(&desk, "SX2026-000202").await;
    scenarios::in_survey(&desk, "SX2026-000203").await;
    scenarios::approved(&desk, "SX2026-000203").await;
    scenarios::kept(&desk, "SX2026-000203").await;
    for (number, at, name) in [
        ("SX2026-000201", march(2, 9), "received"),
        ("SX2026-000202", march(4, 15), "special_stage"),
        ("SX2026-000203", march(6, 12), "result_ready"),
    ] {
        let view = case_view(&desk, &officer, number, at).await.unwrap();
        drifted.extend(check(&format!("case_view/{name}.json"), &view));
    }
    let request = |version, action| CaseActionRequest {
        number: "SX2026-000201".into(),
        expected_version: version,
        action,
    };
    let seen = case_view(&desk, &officer, "SX2026-000201", march(2, 9))
        .await
        .unwrap()
        .version;
    let accepted = case_act(
        &desk,
        &officer,
        request(seen, CaseActionKind::Accept),
        march(2, 10),
    )
    .await
    .unwrap();
    drifted.extend(check("case_act/accepted.json", &accepted));
    let changed = case_act(
        &desk,
        &officer,
        request(seen, CaseActionKind::Accept),
        march(2, 11),
    )
    .await
    .unwrap_err();
    drifted.extend(check("case_act/error_case_changed.json", &changed));
    let decide = CaseActionKind::Decide {
        outcome: "approved".into(),
        opinion: "准予行政许可".into(),
    };
    let early = case_act(
        &desk,
        &officer,
        request(accepted.version, decide),
        march(2, 11),
    )
    .await
    .unwrap_err();
    drifted.extend(check("case_act/error_step_not_ready.json", &early));

    let (_bundle_dir, bundled) = crate::testing::desk().await;
    let numbers = ["SX2026-000301", "SX2026-000302", "SX2026-000303"];
    scenarios::bundle(&bundled, numbers).await;
    scenarios::in_survey(&bundled, numbers[0]).await;
    scenarios::approved(&bundled, numbers[0]).await;
    let view = bundle_view(&bundled, &officer, numbers[0], march(6, 12))
        .await
        .unwrap();
    drifted.extend(check("bundle_view/withheld.json", &view));
}

/// The inbox as the officer pages it (helper D's): three received cases,
/// one of them in a survey, paged two at a time by the keyset cursor, and
/// the filters' choices.
async fn inbox_fixtures(drifted: &mut Vec<String>) {
    use crate::cases::{inbox_filters, inbox_page, scenarios};
    use crate::views::inbox::InboxQuery;
    let officer = scenarios::officer();
    let (_dir, desk) = desk().await;
    for number in ["SX2026-000201", "SX2026-000202", "SX2026-000203"] {
        scenarios::received(&desk, number).await;
    }
    scenarios::in_survey(&desk, "SX2026-000202").await;
    let at = scenarios::march(4, 15);
    let first = InboxQuery {
        limit: 2,
        ..InboxQuery::default()
    };
    let page = inbox_page(&desk, &officer, &first, at).await.unwrap();
    drifted.extend(check("case_inbox/page_1.json", &page));
    let second = InboxQuery {
        after: page.next.clone(),
        ..first
    };
    let rest = inbox_page(&desk, &officer, &second, at).await.unwrap();
    drifted.extend(check("case_inbox/page_2.json", &rest));
    let filters = inbox_filters(&desk, &officer).await.unwrap();
    drifted.extend(check("inbox_filters.json", &filters));
}

/// The officer's batch seal (批量签章): three decided cases listed as
/// awaiting a seal (SX2026-000401 and -000402 decided, -000403 with its
/// letter prepared); the batch the browser test sends — 401 and 402 as
/// 蓝市监许〔2026〕12号 and 13号 — after 402's letter was sealed meanwhile
/// from its case view: 401 sealed, 402 refused as sealed already; and the
/// list after the batch.
///
/// The batch's answer is not `seal_results`' own: that use case opens its
/// key from the request (a PKCS#12 file whose password is in the OS
/// keyring, or a USB key with its PIN), which this test cannot give it,
/// and the batch that takes an opened key is private to
/// `cases::batch_seal`. So each case goes through `seal_result_document`,
/// the path the batch takes for every case (its `seal_letter`), with a
/// throwaway test seal, and the answer is put together as the batch puts
/// it together: one outcome per case in the request's order, the case's
/// real `ApiError` when it is not sealed, and the counts.
async fn batch_seal_fixtures(drifted: &mut Vec<String>) {
    use crate::cases::{cases_awaiting_seal, scenarios};
    use crate::exchange::{seal_result_document, ResultSealing};
    use crate::results::{discover_font, KeyKind, TestSeal, VisibleSeal};
    use crate::testing::MARKET;
    use crate::views::batch_seal::{BatchSealOutcome, BatchSealView};
    use approval_core::case::Action;

    const SEALED: &str = "SX2026-000401";
    const SEALED_MEANWHILE: &str = "SX2026-000402";
    const PREPARED: &str = "SX2026-000403";
    let officer = scenarios::officer();
    let march = scenarios::march;
    let (_dir, desk) = desk().await;
    for number in [SEALED, SEALED_MEANWHILE, PREPARED] {
        scenarios::received(&desk, number).await;
        scenarios::in_survey(&desk, number).await;
        scenarios::approved(&desk, number).await;
    }
    scenarios::act(&desk, PREPARED, march(6, 11), Action::PrepareResult).await;
    let waiting = cases_awaiting_seal(&desk, &officer, march(6, 11))
        .await
        .unwrap();
    drifted.extend(check("batch_seal/cases_awaiting_seal.json", &waiting));

    let font = discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
    let seal = VisibleSeal::approval_seal(MARKET, &font).unwrap();
    let key = TestSeal::issue(MARKET, KeyKind::P256, march(1, 9)).unwrap();
    let seal_letter = |number: &'static str, document_number: &str, at| {
        let sealing = ResultSealing {
            font: &font,
            seal: &seal,
            signer: key.signer(),
            document_number: document_number.to_owned(),
            remedies: approval_docs::Remedies {
                review_body: "蓝田县人民政府".into(),
                court: "蓝田县人民法院".into(),
            },
            verification_url: None,
            location: None,
        };
        seal_result_document(&desk, &officer, number, sealing, at)
    };
    seal_letter(SEALED_MEANWHILE, "蓝市监许〔2026〕11号", march(6, 11))
        .await
        .unwrap();
    let mut outcomes = Vec::new();
    for (number, document_number) in [
        (SEALED, "蓝市监许〔2026〕12号"),
        (SEALED_MEANWHILE, "蓝市监许〔2026〕13号"),
    ] {
        let error = seal_letter(number, document_number, march(6, 12))
            .await
            .err();
        outcomes.push(BatchSealOutcome {
            number: number.to_owned(),
            error,
        });
    }
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let failed = u32::try_from(failed).unwrap();
    let view = BatchSealView {
        sealed: u32::try_from(outcomes.len()).unwrap() - failed,
        failed,
        outcomes,
    };
    assert_eq!((view.sealed, view.failed), (1, 1));
    drifted.extend(check("batch_seal/seal_results.json", &view));
    let after = cases_awaiting_seal(&desk, &officer, march(6, 12))
        .await
        .unwrap();
    drifted.extend(check("batch_seal/cases_awaiting_seal_after.json", &after));
}

#[tokio::test]
async fn the_browser_tests_fixtures_are_what_the_use_cases_answer() {
    let mut drifted = Vec::new();
    calendar_fixtures(&mut drifted).await;
    deadline_fixtures(&mut drifted).await;
    seal_fixtures(&mut drifted).await;
    case_fixtures(&mut drifted).await;
    inbox_fixtures(&mut drifted).await;
    batch_seal_fixtures(&mut drifted).await;
    assert!(
        drifted.is_empty(),
        "ui/e2e/fixtures/{drifted:?} differ from what the use cases answer: run `UPDATE_UI_FIXTURES=1 cargo test -p approval-api --lib ui_fixtures` and commit them"
    );
}
