//! Filings, their attachments and grants in the profile database.

mod common;

use approval_core::access::{Grant, Role, Scope};
use approval_core::audit::AuditRecord;
use approval_core::filing::{Filing, FilingLedger, FilingState, FilingSubject, SerialGround};
use approval_core::guide::{ItemChange, PendingChange};
use approval_store::{attachment_of, Database, DbError};
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
    let t = at("2026-03-02T09:00:00+08:00");
    assert!(db.grant(&officer, "管理员", t).await?);
    assert!(db.grant(&admin, "installer", t).await?);
    assert!(!db.grant(&admin, "installer", t).await?, "already stored");
    assert_eq!(db.grants().await?, vec![officer, admin]);
    // Each new grant went into the audit log with it; the repeat did not.
    let entries = db.audit_entries().await?;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].record.action, "role.grant");
    assert_eq!(entries[0].record.subject, "person:王科员");
    assert_eq!(entries[0].record.actor, "管理员");
    assert_eq!(entries[0].record.after["role"], "officer");
    assert_eq!(entries[0].record.after["scope"], "市场监督管理局");
    assert_eq!(entries[1].record.subject, "person:管理员");
    assert_eq!(entries[1].record.after["scope"], "*");
    Ok(())
}

#[tokio::test]
async fn a_persons_grants_are_replaced_whole_with_one_audit_entry() -> TestResult {
    let db = Database::open_in_memory().await?;
    let t = at("2026-03-02T09:00:00+08:00");
    let market = Scope::Department("市场监督管理局".into());
    let old = Grant::new("王科员", Role::Officer, market.clone());
    let other = Grant::new("李科员", Role::Officer, market.clone());
    db.grant(&old, "管理员", t).await?;
    db.grant(&other, "管理员", t).await?;
    let new = vec![
        Grant::new("王科员", Role::Manager, Scope::All),
        Grant::new(
            "王科员",
            Role::WindowClerk,
            Scope::Department("蓝田县政务服务中心".into()),
        ),
    ];
    let mut tx = db.write().await?;
    let (before, after) = tx
        .replace_grants_of("王科员", &new, "role.adopt_hub", t)
        .await?
        .ok_or("changed")?;
    tx.commit().await?;
    assert_eq!(before, vec![old]);
    assert_eq!(after.len(), 2, "{after:?}");
    let stored = db.grants().await?;
    assert!(stored.contains(&other), "another person's grants stay");
    assert!(new.iter().all(|g| stored.contains(g)), "{stored:?}");
    let entries = db.audit_entries().await?;
    let last = &entries.last().ok_or("audited")?.record;
    assert_eq!(last.action, "role.adopt_hub");
    assert_eq!(last.subject, "person:王科员");
    assert_eq!(last.before["grants"][0]["role"], "officer");
    assert_eq!(last.after["grants"].as_array().map(Vec::len), Some(2));
    // The same grants again: nothing written, nothing audited.
    let count = entries.len();
    let mut tx = db.write().await?;
    assert!(tx
        .replace_grants_of("王科员", &new, "role.adopt_hub", t)
        .await?
        .is_none());
    // A grant of somebody else is refused.
    assert!(tx
        .replace_grants_of("王科员", std::slice::from_ref(&other), "role.adopt_hub", t)
        .await
        .is_err());
    tx.commit().await?;
    assert_eq!(db.audit_entries().await?.len(), count);
    Ok(())
}

#[tokio::test]
async fn a_filing_is_put_in_the_outbox_once_and_apart_from_the_cases() -> TestResult {
    let db = Database::open_in_memory().await?;
    let filing = submitted(&db, serial("BA-7")).await?;
    let payload = serde_json::json!({ "filing": filing });
    let t = at("2026-03-02T10:00:00+08:00");
    let mut tx = db.write().await?;
    assert!(tx.enqueue_filing_push("BA-7", &payload, t).await?);
    assert!(!tx.enqueue_filing_push("BA-7", &payload, t).await?, "once");
    tx.commit().await?;
    let pending = db.pending_filing_pushes().await?;
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].filing_id, "BA-7");
    assert_eq!(pending[0].payload, payload);
    assert!(db.pending_pushes().await?.is_empty(), "no case record");
    assert!(db.outbox().await?.is_empty(), "the case outbox");
    db.mark_pushed(pending[0].id, t).await?;
    assert!(db.pending_filing_pushes().await?.is_empty());
    // An unknown filing cannot have a record.
    let mut tx = db.write().await?;
    assert!(tx.enqueue_filing_push("BA-404", &payload, t).await.is_err());
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

#[tokio::test]
async fn a_new_filing_is_submitted_with_its_attachments_item_and_audit_or_not_at_all() -> TestResult
{
    let db = Database::open_in_memory().await?;
    let service = item();
    db.save_item(&service).await?;
    let t = at("2026-03-02T09:00:00+08:00");
    let note = attachment_of("说明.txt", "text/plain", b"ok");
    let plan = attachment_of("方案.pdf", "application/pdf", b"%PDF-1.7");
    // The second attachment declares a size its bytes do not have: the
    // table refuses it, half-way through.
    let mut lying = attachment_of("图纸.pdf", "application/pdf", b"drawing");
    lying.size += 1;
    let draft = Filing::draft(
        "BG-1",
        "市场监督管理局",
        "王科员",
        FilingSubject::ItemChange {
            item_code: ITEM.into(),
            change: change(),
        },
        vec![note.clone(), lying.clone()],
        None,
    );
    let submitted = draft.submit("王科员", t)?;
    let mut changed = service.clone();
    changed.request_change(PendingChange {
        change: change(),
        reason: "目录调整".into(),
        requested_by: "王科员".into(),
        requested_at: t,
    })?;
    let records = |draft: &Filing, submitted: &Filing| {
        vec![
            draft.creation_audit_record("王科员", t),
            submitted.audit_record(&draft.state, "王科员", t),
        ]
    };
    let result = db
        .submit_new_filing(
            &submitted,
            &[(note.clone(), b"ok".to_vec()), (lying, b"drawing".to_vec())],
            Some(&changed),
            records(&draft, &submitted),
        )
        .await;
    assert!(result.is_err(), "{result:?}");
    assert_eq!(db.filing("BG-1").await?, None);
    assert_eq!(db.attachment("BG-1", "说明.txt").await?, None);
    assert!(db.audit_entries().await?.is_empty());
    assert_eq!(db.item(ITEM).await?, Some(service.clone()));

    // The same filing with honest attachments: all of it is stored.
    let draft = Filing::draft(
        "BG-1",
        "市场监督管理局",
        "王科员",
        FilingSubject::ItemChange {
            item_code: ITEM.into(),
            change: change(),
        },
        vec![note.clone(), plan.clone()],
        None,
    );
    let submitted = draft.submit("王科员", t)?;
    db.submit_new_filing(
        &submitted,
        &[
            (note.clone(), b"ok".to_vec()),
            (plan.clone(), b"%PDF-1.7".to_vec()),
        ],
        Some(&changed),
        records(&draft, &submitted),
    )
    .await?;
    assert_eq!(db.filing("BG-1").await?, Some(submitted.clone()));
    let stored = db.attachment("BG-1", "方案.pdf").await?.ok_or("stored")?;
    assert_eq!(stored.attachment, plan);
    assert_eq!(stored.content, b"%PDF-1.7");
    assert_eq!(db.item(ITEM).await?, Some(changed.clone()));
    let entries = db.audit_entries().await?;
    let actions: Vec<&str> = entries.iter().map(|e| e.record.action.as_str()).collect();
    assert_eq!(actions, ["filing.create", "filing.submit"]);

    // A second filing of the same id is refused, and changes nothing.
    assert!(matches!(
        db.submit_new_filing(&submitted, &[], None, records(&draft, &submitted))
            .await,
        Err(DbError::FilingChanged { .. })
    ));
    assert_eq!(db.audit_entries().await?.len(), 2);
    Ok(())
}
