//! The state machine, the submission checks and the audit records.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::model::deadline_day;
use super::*;
use crate::guide::{ItemChange, ItemType};

fn t(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn stage_subject() -> FilingSubject {
    FilingSubject::SpecialStage {
        item_code: "610100-XK-0001".into(),
        stage_id: "expert".into(),
        why_duration_cannot_be_stated: "国家级专家评审时间由国家部委确定".into(),
    }
}

fn draft(subject: FilingSubject) -> Filing {
    Filing::draft(
        "F-1",
        "市场监督管理局",
        "officer",
        subject,
        Vec::new(),
        None,
    )
}

fn submitted() -> Filing {
    draft(stage_subject())
        .submit("officer", t("2026-03-02T09:00:00+08:00"))
        .unwrap()
}

fn approved() -> Filing {
    submitted()
        .approve("manager", t("2026-03-03T09:00:00+08:00"), "同意")
        .unwrap()
}

#[test]
fn submission_is_by_the_filer_and_adds_one_event() {
    let d = draft(stage_subject());
    let at = t("2026-03-02T09:00:00+08:00");
    assert!(matches!(
        d.submit("someone", at),
        Err(FilingError::NotFiler { .. })
    ));
    assert_eq!(d.submit(" ", at), Err(FilingError::NoActor));
    let s = d.submit("officer", at).unwrap();
    assert_eq!(s.state, FilingState::Submitted { at });
    assert_eq!(s.history.len(), 1);
    assert_eq!(s.history[0].from, "draft");
    assert_eq!(s.history[0].to, "submitted");
    assert_eq!(
        s.submit("officer", at),
        Err(FilingError::AlreadySubmitted { id: "F-1".into() })
    );
    // The original is untouched: transitions return a new filing.
    assert_eq!(d.state, FilingState::Draft);
}

#[test]
fn nobody_decides_their_own_filing() {
    let s = submitted();
    let at = t("2026-03-03T09:00:00+08:00");
    let err = s.approve("officer", at, "同意").unwrap_err();
    assert_eq!(
        err,
        FilingError::OwnFiling {
            id: "F-1".into(),
            by: "officer".into()
        }
    );
    assert_eq!(err.code(), "filing_own_filing");
    assert!(matches!(
        s.reject("officer", at, "不同意"),
        Err(FilingError::OwnFiling { .. })
    ));
}

#[test]
fn a_rejection_needs_a_comment_an_approval_does_not() {
    let s = submitted();
    let at = t("2026-03-03T09:00:00+08:00");
    assert_eq!(
        s.reject("manager", at, "  "),
        Err(FilingError::CommentRequired { id: "F-1".into() })
    );
    let r = s.reject("manager", at, "理由不充分").unwrap();
    assert!(
        matches!(r.state, FilingState::Rejected { ref comment, .. } if comment == "理由不充分")
    );
    assert!(s.approve("manager", at, "").is_ok());
}

#[test]
fn only_the_filer_withdraws_and_only_while_submitted() {
    let at = t("2026-03-03T09:00:00+08:00");
    assert!(matches!(
        draft(stage_subject()).withdraw("officer", at),
        Err(FilingError::NotSubmitted { .. })
    ));
    let s = submitted();
    assert!(matches!(
        s.withdraw("manager", at),
        Err(FilingError::NotFiler { .. })
    ));
    let w = s.withdraw("officer", at).unwrap();
    assert_eq!(w.state, FilingState::Withdrawn { at });
    assert!(matches!(
        approved().withdraw("officer", at),
        Err(FilingError::Decided { .. })
    ));
}

#[test]
fn decided_filings_are_immutable() {
    let later = t("2026-03-05T09:00:00+08:00");
    let rejected = submitted()
        .reject("manager", t("2026-03-03T09:00:00+08:00"), "不同意")
        .unwrap();
    let withdrawn = submitted()
        .withdraw("officer", t("2026-03-03T09:00:00+08:00"))
        .unwrap();
    let revoked = approved().revoke("manager", later, "情况变化").unwrap();
    for filing in [rejected, withdrawn, revoked] {
        let state = filing.state.word();
        let decided = FilingError::Decided {
            id: "F-1".into(),
            state,
        };
        assert_eq!(filing.submit("officer", later), Err(decided.clone()));
        assert_eq!(filing.withdraw("officer", later), Err(decided.clone()));
        assert_eq!(
            filing.approve("manager", later, "同意"),
            Err(decided.clone())
        );
        assert_eq!(filing.reject("manager", later, "否"), Err(decided.clone()));
        assert_eq!(filing.revoke("manager", later, "否"), Err(decided.clone()));
        assert_eq!(
            filing.supersede("F-2", "manager", later),
            Err(decided.clone())
        );
        assert_eq!(
            filing.amend("officer", later, stage_subject(), Vec::new()),
            Err(decided)
        );
    }
    // An approved filing only accepts a revocation or a supersession.
    let a = approved();
    assert!(matches!(
        a.approve("boss", later, ""),
        Err(FilingError::Decided { .. })
    ));
    assert!(matches!(
        a.submit("officer", later),
        Err(FilingError::Decided { .. })
    ));
    assert!(matches!(
        a.amend("officer", later, stage_subject(), Vec::new()),
        Err(FilingError::Decided { .. })
    ));
}

#[test]
fn revocation_needs_a_reason_and_keeps_the_approval_window() {
    let a = approved();
    let at = t("2026-03-10T09:00:00+08:00");
    assert_eq!(
        a.revoke("manager", at, ""),
        Err(FilingError::ReasonRequired { id: "F-1".into() })
    );
    assert!(matches!(
        submitted().revoke("manager", at, "x"),
        Err(FilingError::NotApproved { .. })
    ));
    let r = a.revoke("manager", at, "依据已废止").unwrap();
    assert_eq!(
        r.state.effective_window(),
        Some((t("2026-03-03T09:00:00+08:00"), Some(at)))
    );
    assert!(r.in_effect_at(t("2026-03-05T00:00:00+08:00")));
    assert!(!r.in_effect_at(at));
    assert!(!r.in_effect_at(t("2026-03-03T08:59:59+08:00")));
}

#[test]
fn supersession_ends_an_approval_and_not_by_itself() {
    let a = approved();
    let at = t("2026-03-10T09:00:00+08:00");
    assert_eq!(
        a.supersede("F-1", "manager", at),
        Err(FilingError::ReplacesItself { id: "F-1".into() })
    );
    assert!(matches!(
        submitted().supersede("F-2", "manager", at),
        Err(FilingError::NotApproved { .. })
    ));
    let s = a.supersede("F-2", "manager", at).unwrap();
    assert!(matches!(s.state, FilingState::Superseded { ref by_filing, .. } if by_filing == "F-2"));
    assert!(s.state.is_terminal());
    assert_eq!(s.history.len(), 3);
}

#[test]
fn transitions_cannot_go_back_in_time() {
    let s = submitted();
    assert!(matches!(
        s.approve("manager", t("2026-03-01T09:00:00+08:00"), ""),
        Err(FilingError::OutOfOrder { .. })
    ));
}

#[test]
fn texts_must_be_filled_in() {
    let at = t("2026-03-02T09:00:00+08:00");
    let empty = FilingSubject::PaperMaterials {
        item_code: "X".into(),
        material_id: "drawings".into(),
        why_scanning_cannot_serve: " ".into(),
    };
    assert_eq!(
        draft(empty).submit("officer", at),
        Err(FilingError::EmptyField {
            id: "F-1".into(),
            field: "why_scanning_cannot_serve"
        })
    );
    let rename = FilingSubject::ItemChange {
        item_code: "X".into(),
        change: ItemChange::Rename { name: "".into() },
    };
    assert!(matches!(
        draft(rename).submit("officer", at),
        Err(FilingError::EmptyField { field: "name", .. })
    ));
    let retype = FilingSubject::ItemChange {
        item_code: "X".into(),
        change: ItemChange::Retype {
            item_type: ItemType::Record,
        },
    };
    assert!(draft(retype).submit("officer", at).is_ok());
}

#[test]
fn a_serial_filing_needs_its_explanation_and_two_items() {
    let at = t("2026-03-02T09:00:00+08:00");
    let serial = |prerequisite: &str, explanation: &str| FilingSubject::SerialApproval {
        bundle_code: "TC-01".into(),
        prerequisite: prerequisite.into(),
        dependent: "B".into(),
        ground: SerialGround::ReviewCannotStart,
        explanation: explanation.into(),
    };
    assert_eq!(
        draft(serial("A", "")).submit("officer", at),
        Err(FilingError::SerialExplanationMissing { id: "F-1".into() })
    );
    assert!(matches!(
        draft(serial("B", "说明")).submit("officer", at),
        Err(FilingError::SerialSelfEdge { .. })
    ));
    assert!(draft(serial("A", "未取得规划许可无法审查施工图"))
        .submit("officer", at)
        .is_ok());
}

#[test]
fn a_result_delay_is_filed_in_advance_for_a_later_day() {
    let deadline = t("2026-03-06T00:00:00+08:00"); // 24:00 of 5 March
    let delay = |day: u32| FilingSubject::ResultDelay {
        case_number: "SX2026-000123".into(),
        reason: "证照需省厅统一制作".into(),
        new_date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
        result_deadline: deadline,
    };
    assert!(draft(delay(10))
        .submit("officer", t("2026-03-05T23:59:59+08:00"))
        .is_ok());
    assert!(matches!(
        draft(delay(10)).submit("officer", deadline),
        Err(FilingError::DelayNotInAdvance { .. })
    ));
    assert_eq!(
        draft(delay(5)).submit("officer", t("2026-03-04T09:00:00+08:00")),
        Err(FilingError::DelayDateNotLater {
            id: "F-1".into(),
            new_date: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
            deadline_day: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap(),
        })
    );
    assert!(draft(delay(6))
        .submit("officer", t("2026-03-04T09:00:00+08:00"))
        .is_ok());
}

#[test]
fn the_day_of_a_deadline() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(deadline_day(t("2026-03-06T00:00:00+08:00")), d(2026, 3, 5));
    assert_eq!(deadline_day(t("2026-03-05T17:30:00+08:00")), d(2026, 3, 5));
    assert_eq!(deadline_day(t("2026-03-05T16:00:00Z")), d(2026, 3, 5));
}

#[test]
fn attachments_are_checked_on_submission() {
    let at = t("2026-03-02T09:00:00+08:00");
    let attachment = |hex: &str| Attachment {
        file_name: "图纸.pdf".into(),
        media_type: "application/pdf".into(),
        sha256_hex: hex.into(),
        size: 1024,
    };
    let mut bad = draft(stage_subject());
    bad.attachments = vec![attachment("ABC")];
    assert!(matches!(
        bad.submit("officer", at),
        Err(FilingError::BadAttachment { .. })
    ));
    let mut good = draft(stage_subject());
    good.attachments = vec![attachment(&"0a".repeat(32))];
    assert!(good.submit("officer", at).is_ok());
}

#[test]
fn amending_a_draft_is_the_filers_and_recorded() {
    let at = t("2026-03-01T09:00:00+08:00");
    let d = draft(stage_subject());
    assert!(matches!(
        d.amend("manager", at, stage_subject(), Vec::new()),
        Err(FilingError::NotFiler { .. })
    ));
    let amended = d.amend("officer", at, stage_subject(), Vec::new()).unwrap();
    assert_eq!(amended.history.len(), 1);
    assert_eq!(
        amended.audit_record(&d.state, "officer", at).action,
        "filing.amend"
    );
}

#[test]
fn every_transition_yields_an_audit_record() {
    let s = submitted();
    let at = t("2026-03-03T09:00:00+08:00");
    let a = s.approve("manager", at, "同意").unwrap();
    let record = a.audit_record(&s.state, "manager", at);
    assert_eq!(record.action, "filing.approve");
    assert_eq!(record.subject, "filing:F-1");
    assert_eq!(record.actor, "manager");
    assert_eq!(record.before["state"], "submitted");
    assert_eq!(record.after["state"], "approved");
    assert_eq!(record.after["comment"], "同意");
    let d = draft(stage_subject());
    let created = d.creation_audit_record("officer", at);
    assert_eq!(created.action, "filing.create");
    assert!(created.before.is_null());
    assert_eq!(created.after["subject"]["type"], "special_stage");
    assert_eq!(
        s.audit_record(&FilingState::Draft, "officer", at).action,
        "filing.submit"
    );
}

#[test]
fn filings_round_trip_through_json() {
    let subject = FilingSubject::ItemChange {
        item_code: "X".into(),
        change: ItemChange::Rename {
            name: "新名称".into(),
        },
    };
    let filing = draft(subject)
        .submit("officer", t("2026-03-02T09:00:00+08:00"))
        .unwrap();
    let json = serde_json::to_value(&filing).unwrap();
    assert_eq!(json["subject"]["type"], "item_change");
    assert_eq!(json["subject"]["change"]["change"], "rename");
    assert_eq!(json["state"]["state"], "submitted");
    let back: Filing = serde_json::from_value(json).unwrap();
    assert_eq!(back, filing);
}

#[test]
fn every_error_has_a_code_and_a_message() {
    let err = FilingError::DelayNotInAdvance {
        id: "F-1".into(),
        at: t("2026-03-06T00:00:00+08:00"),
        deadline: t("2026-03-06T00:00:00+08:00"),
    };
    assert_eq!(err.code(), "filing_delay_not_in_advance");
    assert!(err.message_zh().contains("第十二条"));
    assert!(err.to_string().contains("Art 12"));
}
