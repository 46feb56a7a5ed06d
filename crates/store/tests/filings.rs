//! Filings, their attachments and grants in the profile database.

mod common;

use approval_core::access::{Grant, Role, Scope};
use approval_core::audit::AuditRecord;
use approval_core::filing::{Filing, FilingLedger, FilingState, FilingSubject, SerialGround};
use approval_core::guide::{ItemChange, PendingChange};
use approval_store::{Database, DbError};
use common::{at, item, ITEM};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn serial(id: &str) -> Filing {
    Filing::draft(
        id,
        "市场监督管理局",
        "王科员",
        FilingSubject::SerialApproval {
            bundle_code: "TC-0001".into(),
            prerequisite: "610122-XF-XK-0001".into(),
            dependent: "610122-SCJG-XK-0001".into(),
            ground: SerialGround::ReviewCannotStart,
            explanation: "消防验收不合格则无法审查".into(),
        },
        Vec::new(),
        None,
    )
}

fn change() -> ItemChange {
    ItemChange::Rename {
        name: "食品经营许可（新）".into(),
    }
}

async fn submitted(db: &Database, filing: Filing) -> Result<Filing, Box<dyn std::error::Error>> {
    let t = at("2026-03-02T09:00:00+08:00");
    db.save_filing(&filing, vec![filing.creation_audit_record("王科员", t)])
        .await?;
    let next = filing.submit("王科员", t)?;
    db.save_filing(&next, vec![next.audit_record(&filing.state, "王科员", t)])
        .await?;
    Ok(next)
}

#[tokio::test]
async fn a_filing_round_trips_with_its_attachment_and_audit() -> TestResult {
    let db = Database::open_in_memory().await?;
    let draft = serial("BA-1");
    db.save_filing(
        &draft,
        vec![draft.creation_audit_record("王科员", at("2026-03-02T09:00:00+08:00"))],
    )
    .await?;
    let attachment = db
        .add_attachment("BA-1", "说明.txt", "text/plain", b"ok")
        .await?;
    assert_eq!(
        attachment.sha256_hex,
        "2689367b205c16ce32ed4200942b8b8b1e262dfc70d9bc9fbc77c49699a4f1df"
    );
    let stored = db.attachment("BA-1", "说明.txt").await?.ok_or("stored")?;
    assert_eq!(stored.content, b"ok");
    assert_eq!(stored.attachment, attachment);
    let draft = db.filing("BA-1").await?.ok_or("stored")?;
    assert_eq!(draft.attachments, vec![attachment]);

    let t = at("2026-03-02T10:00:00+08:00");
    let next = draft.submit("王科员", t)?;
    db.save_filing(&next, vec![next.audit_record(&draft.state, "王科员", t)])
        .await?;
    assert_eq!(db.filing("BA-1").await?, Some(next.clone()));
    assert_eq!(db.filings(Some("submitted")).await?, vec![next.clone()]);
    assert!(db.filings(Some("approved")).await?.is_empty());
    assert_eq!(db.filing_ledger().await?.get("BA-1"), Some(&next));
    assert_eq!(db.audit_entries().await?.len(), 2);
    assert!(
        matches!(
            db.add_attachment("BA-1", "b.txt", "text/plain", b"x").await,
            Err(DbError::FilingChanged { .. })
        ),
        "a submitted filing takes no more attachments"
    );
    Ok(())
}

#[tokio::test]
async fn grants_round_trip() -> TestResult {
    let db = Database::open_in_memory().await?;
    assert!(db.grants().await?.is_empty());
    let admin = Grant::new("管理员", Role::DepartmentAdmin, Scope::All);
    let officer = Grant::new(
        "王科员",
        Role::Officer,
        Scope::Department("市场监督管理局".into()),
    );
    db.grant(&officer).await?;
    db.grant(&admin).await?;
    db.grant(&admin).await?;
    assert_eq!(db.grants().await?, vec![officer, admin]);
    Ok(())
}

#[tokio::test]
async fn an_approval_with_an_item_change_writes_both_or_neither() -> TestResult {
    let db = Database::open_in_memory().await?;
    let mut service = item();
    let t = at("2026-03-02T09:00:00+08:00");
    service.request_change(PendingChange {
        change: change(),
        reason: "目录调整".into(),
        requested_by: "王科员".into(),
        requested_at: t,
    })?;
    db.save_item(&service).await?;
    let filing = Filing::draft(
        "BG-1",
        "市场监督管理局",
        "王科员",
        FilingSubject::ItemChange {
            item_code: ITEM.into(),
            change: change(),
        },
        Vec::new(),
        None,
    );
    let filing = submitted(&db, filing).await?;

    let mut ledger = FilingLedger::new();
    ledger.insert(filing.clone())?;
    let decided_at = at("2026-03-03T09:00:00+08:00");
    let records = ledger.approve_with_replacement("BG-1", "孙科长", decided_at, "同意")?;
    let approved = ledger.get("BG-1").ok_or("in ledger")?.clone();
    let mut changed = service.clone();
    ledger.approve_item_change("BG-1", &mut changed)?;

    // An audit record the schema refuses (no actor): nothing is written.
    let mut broken = records.clone();
    broken.push(AuditRecord {
        actor: String::new(),
        ..records[0].clone()
    });
    assert!(db
        .save_filing_approval(&approved, None, Some(&changed), broken)
        .await
        .is_err());
    assert_eq!(db.filing("BG-1").await?, Some(filing));
    assert_eq!(db.item(ITEM).await?, Some(service));

    db.save_filing_approval(&approved, None, Some(&changed), records)
        .await?;
    assert_eq!(db.filing("BG-1").await?, Some(approved));
    let stored = db.item(ITEM).await?.ok_or("item")?;
    assert_eq!(stored.definition.name, "食品经营许可（新）");
    assert!(stored.pending.is_none());
    Ok(())
}

#[tokio::test]
async fn a_decided_filing_is_not_overwritten_by_an_older_state() -> TestResult {
    let db = Database::open_in_memory().await?;
    let filing = submitted(&db, serial("BA-2")).await?;
    let t = at("2026-03-03T09:00:00+08:00");
    let approved = filing.approve("孙科长", t, "同意")?;
    db.save_filing(
        &approved,
        vec![approved.audit_record(&filing.state, "孙科长", t)],
    )
    .await?;

    // The submitted state again, and a rejection computed from it: both refused.
    let rejected = filing.reject("钱科长", t, "不同意")?;
    for stale in [&filing, &rejected] {
        assert!(matches!(
            db.save_filing(stale, Vec::new()).await,
            Err(DbError::FilingChanged { .. })
        ));
    }
    assert_eq!(db.filing("BA-2").await?, Some(approved.clone()));

    // Approved → revoked is the one later change allowed.
    let later = at("2026-03-04T09:00:00+08:00");
    let revoked = approved.revoke("孙科长", later, "情况变化")?;
    db.save_filing(
        &revoked,
        vec![revoked.audit_record(&approved.state, "孙科长", later)],
    )
    .await?;
    let stored = db.filing("BA-2").await?.ok_or("stored")?;
    assert!(matches!(stored.state, FilingState::Revoked { .. }));
    assert!(matches!(
        db.save_filing(&approved, Vec::new()).await,
        Err(DbError::FilingChanged { .. })
    ));
    Ok(())
}
