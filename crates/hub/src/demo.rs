//! `desk-hub --demo`: window units (a province, city, county chain and a
//! second district), the departments of the sample guides, an account for
//! every role, the sample guides and bundle of `tests/fixtures` (compiled
//! in, so an installed binary has them), and a stream of window-unit cases
//! arriving over time, each transferred to its department.
//!
//! Everything goes through the same handlers and checks as a request, with
//! idempotency keys, so seeding a database twice changes nothing.

use std::time::Duration;

use approval_contract::cases::{Applicant, FileUpload, MaterialUpload, NewCase, TransferRequest};
use approval_contract::catalogue::{BundlePublication, GuidePublication};
use approval_contract::codes::{ApplicantKind, CaseKind, CertificateType};
use approval_core::access::{Grant, Role, Scope};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::ids::samples;
use axum::extract::State;
use base64::Engine as _;
use chrono::Utc;
use sha2::{Digest, Sha256};

use crate::auth::{upsert_account, Caller};
use crate::cases;
use crate::catalogue;
use crate::error::{HubError, HubResult};
use crate::extract::{Body, IdemKey, PathParam};
use crate::units::{upsert_department, upsert_unit};
use crate::Hub;

pub const PROVINCE: &str = "陕西省政务服务中心";
pub const CITY: &str = "西安市政务服务中心";
pub const COUNTY: &str = "蓝田县政务服务中心";
pub const DISTRICT: &str = "西安市长安区政务服务中心";

/// The window units, each with its upper unit.
pub const UNITS: &[(&str, Option<&str>)] = &[
    (PROVINCE, None),
    (CITY, Some(PROVINCE)),
    (COUNTY, Some(CITY)),
    (DISTRICT, Some(CITY)),
];

/// The sample guides (tests/fixtures/guides).
pub const GUIDES: &[&str] = &[
    include_str!("../../../tests/fixtures/guides/food-business-licence.json"),
    include_str!("../../../tests/fixtures/guides/fire-safety-inspection.json"),
    include_str!("../../../tests/fixtures/guides/pollutant-discharge-registration.json"),
    include_str!("../../../tests/fixtures/guides/construction-works-permit.json"),
];

/// The sample bundle (tests/fixtures/bundles).
pub const BUNDLES: &[&str] = &[include_str!(
    "../../../tests/fixtures/bundles/open-restaurant.json"
)];

/// A demo account: (account, name, password, grants).
pub struct DemoAccount {
    pub account: &'static str,
    pub name: &'static str,
    pub password: &'static str,
    pub grants: Vec<(Role, Scope)>,
}

fn department(name: &str) -> Scope {
    Scope::Department(name.to_owned())
}

/// Every demo account. The passwords are public: a demo hub is for trying
/// things out, never for real cases.
pub fn accounts() -> Vec<DemoAccount> {
    let departments: Vec<&str> = samples::ITEMS.iter().map(|i| i.department.name).collect();
    let mut list = vec![
        DemoAccount {
            account: "admin",
            name: "系统管理员",
            password: "demo-admin",
            grants: vec![(Role::DepartmentAdmin, Scope::All)],
        },
        DemoAccount {
            account: "manager",
            name: "王审核（政务服务管理局）",
            password: "demo-manager",
            grants: vec![(Role::Manager, Scope::All)],
        },
        DemoAccount {
            account: "editor",
            name: "赵编辑",
            password: "demo-editor",
            grants: departments
                .iter()
                .map(|d| (Role::GuideEditor, department(d)))
                .collect(),
        },
    ];
    let windows = [
        ("window-county", "蓝田县窗口 刘收件", COUNTY),
        ("window-district", "长安区窗口 陈收件", DISTRICT),
        ("window-city", "西安市窗口 孙收件", CITY),
        ("window-province", "陕西省窗口 周收件", PROVINCE),
    ];
    for (account, name, unit) in windows {
        list.push(DemoAccount {
            account,
            name,
            password: "demo-window",
            grants: vec![(Role::WindowClerk, department(unit))],
        });
    }
    let officers = [
        (
            "officer-market",
            "张承办（市场监管）",
            "610122-SCJG-XK-0001",
        ),
        ("officer-fire", "李承办（消防）", "610122-XF-XK-0001"),
        (
            "officer-ecology",
            "吴承办（生态环境）",
            "610122-STHJ-BA-0001",
        ),
        ("officer-housing", "郑承办（住建）", "610122-ZJ-XK-0001"),
    ];
    for (account, name, code) in officers {
        if let Some(item) = samples::item(code) {
            list.push(DemoAccount {
                account,
                name,
                password: "demo-officer",
                grants: vec![(Role::Officer, department(item.department.name))],
            });
        }
    }
    list
}

fn caller_of(account: &DemoAccount) -> Caller {
    let grants = account
        .grants
        .iter()
        .map(|(role, scope)| Grant::new(account.account, *role, scope.clone()))
        .collect();
    Caller::internal(account.account, account.name, grants)
}

fn demo_account(name: &str) -> HubResult<DemoAccount> {
    accounts()
        .into_iter()
        .find(|a| a.account == name)
        .ok_or_else(|| HubError::internal(&format!("no demo account {name}")))
}

fn body<T: serde::Serialize>(value: T) -> HubResult<Body<T>> {
    let canonical = serde_json::to_vec(&serde_json::to_value(&value)?)?;
    Ok(Body {
        hash: hex::encode(Sha256::digest(&canonical)),
        value,
    })
}

/// Seeds units, departments, accounts, guides and bundles.
pub async fn seed(hub: &Hub) -> HubResult<()> {
    for (unit, parent) in UNITS {
        upsert_unit(&hub.pool, unit, *parent).await?;
    }
    let mut conn = hub.pool.acquire().await?;
    for item in samples::ITEMS {
        upsert_department(&mut conn, item.department.name).await?;
    }
    drop(conn);
    for account in accounts() {
        upsert_account(
            &hub.pool,
            account.account,
            account.name,
            account.password,
            &account.grants,
        )
        .await?;
    }
    let editor = caller_of(&demo_account("editor")?);
    for guide in GUIDES {
        let guide: serde_json::Value = serde_json::from_str(guide)?;
        let code = guide["item"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let Some(item) = samples::item(&code) else {
            continue;
        };
        let publication = GuidePublication {
            implementation_code: item.implementation_code().as_str().to_owned(),
            version: 1,
            guide,
        };
        let _ = catalogue::publish_guide(
            State(hub.clone()),
            editor.clone(),
            IdemKey(format!("demo-seed-guide-{code}")),
            body(publication)?,
        )
        .await?;
    }
    for bundle in BUNDLES {
        let bundle: serde_json::Value = serde_json::from_str(bundle)?;
        let code = bundle["bundle"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let _ = catalogue::publish_bundle(
            State(hub.clone()),
            editor.clone(),
            IdemKey(format!("demo-seed-bundle-{code}")),
            body(BundlePublication { bundle })?,
        )
        .await?;
    }
    Ok(())
}

fn material(name: &str, id: &str, text: &str) -> MaterialUpload {
    let bytes = text.as_bytes();
    MaterialUpload {
        name: name.to_owned(),
        material_id: Some(id.to_owned()),
        file: Some(FileUpload {
            file_name: format!("{id}.txt"),
            media_type: "text/plain; charset=utf-8".to_owned(),
            content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
            sha256: hex::encode(Sha256::digest(bytes)),
        }),
    }
}

/// Creates the `n`th demo case (0-based) at the county window and transfers
/// it; every third one is handled by the district (a cross-region case,
/// reported to the city). Returns its case number.
pub async fn make_case(hub: &Hub, n: u64) -> HubResult<String> {
    let clerk = caller_of(&demo_account("window-county")?);
    let item = &samples::ITEMS[(n % samples::ITEMS.len() as u64) as usize];
    let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    // A free sequence number of today's cases of the item.
    let mut sequence = 1u32;
    let number = loop {
        let number = item
            .case_number(now.date_naive(), sequence)
            .map_err(|e| HubError::internal(&e.to_string()))?;
        let mut conn = hub.pool.acquire().await?;
        if cases::load_case(&mut conn, number.as_str())
            .await?
            .is_none()
        {
            break number;
        }
        sequence += 1;
        if sequence > 999_999 {
            return Err(HubError::internal("no free case number today"));
        }
    };
    let legal = n.is_multiple_of(2);
    let applicant = if legal {
        Applicant {
            kind: ApplicantKind::LegalPerson,
            name: format!("蓝田县示范餐饮有限公司{n}"),
            certificate_type: CertificateType::UnifiedSocialCreditCode,
            certificate_number: "91350100M000100Y43".to_owned(),
            phone: "029-8000-0000".to_owned(),
            address: Some("陕西省西安市蓝田县蓝关街道示范路 1 号".to_owned()),
        }
    } else {
        Applicant {
            kind: ApplicantKind::Individual,
            name: format!("示范申请人{n}"),
            certificate_type: CertificateType::ResidentIdCard,
            certificate_number: "610122199001010007".to_owned(),
            phone: "13800000000".to_owned(),
            address: None,
        }
    };
    let handling = if n % 3 == 2 {
        Some(DISTRICT.to_owned())
    } else {
        None
    };
    let new = NewCase {
        case_number: number.as_str().to_owned(),
        implementation_code: item.implementation_code().as_str().to_owned(),
        handling_item_code: None,
        kind: CaseKind::Promised,
        applicant,
        received_at: now,
        receiving_window: COUNTY.to_owned(),
        handling_window: handling,
        materials: vec![
            material(
                "申请书",
                "M01",
                &format!("{} 申请书（示范）", item.item_name),
            ),
            material("营业执照", "M02", "营业执照（示范）"),
        ],
        direct_mailing: false,
    };
    let key = format!("demo-case-{}", number.as_str());
    let _ = cases::create_case(
        State(hub.clone()),
        clerk.clone(),
        IdemKey(key.clone()),
        body(new)?,
    )
    .await?;
    let _ = cases::transfer(
        State(hub.clone()),
        clerk,
        PathParam(number.as_str().to_owned()),
        IdemKey(format!("{key}-transfer")),
        body(TransferRequest {
            department: item.department.name.to_owned(),
        })?,
    )
    .await?;
    Ok(number.as_str().to_owned())
}

/// Makes a case every `interval` until the process ends.
pub async fn stream(hub: Hub, interval: Duration) {
    let mut n = 0u64;
    let mut ticker = tokio::time::interval(interval);
    loop {
        ticker.tick().await;
        match make_case(&hub, n).await {
            Ok(number) => eprintln!("demo: case {number} created and transferred"),
            Err(error) => eprintln!("demo: could not make a case: {}", error.wire),
        }
        n += 1;
    }
}
