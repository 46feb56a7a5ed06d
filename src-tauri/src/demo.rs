//! Demo mode (演示模式): the window's embedded default while no hub is
//! configured, and `approval-desk --demo`. The exchange hub runs in this
//! process on a loopback port (desk-hub's library over a SQLite file),
//! seeded with the demo's window units, departments, sample guides and
//! accounts, with a case transferred to the demo officer's department every
//! few seconds; the window works on a demo profile of its own, bound to
//! that hub as the demo officer. Real profiles are never touched: both
//! databases live in the `demo/` folder beside the profile's database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use approval_api::bundles::{check_bundle_file, guides_for_bundle, import_bundle};
use approval_api::guides::{check_guide_file, import_guide, GuideImportRequest};
use approval_api::{Actor, ApiError, Desk, ErrorCode};
use approval_contract::cases::{Applicant, MaterialUpload, NewCase, TransferRequest};
use approval_contract::codes::{ApplicantKind, CaseKind, CertificateType};
use approval_core::access::{Role, Scope};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::ids::samples;
use approval_hub::{demo, Hub, HubConfig};
use chrono::{DateTime, FixedOffset};

/// The demo's folder beside the profile database `profile`.
pub fn folder(profile: &Path) -> PathBuf {
    profile
        .parent()
        .map_or_else(|| PathBuf::from("demo"), |p| p.join("demo"))
}

/// The demo profile's database in `folder`.
pub fn desk_database(folder: &Path) -> PathBuf {
    folder.join("desk.sqlite3")
}

/// The demo hub's database in `folder`.
pub fn hub_database(folder: &Path) -> PathBuf {
    folder.join("hub.sqlite3")
}

/// Seconds between two demo cases for the officer's department.
pub const CASE_INTERVAL: Duration = Duration::from_secs(20);

/// Cases made when the demo hub is new, so the first inbox has work in it.
const FIRST_CASES: u64 = 6;

/// Who the window signs in as: the demo officer of the department that
/// handles the sample bundle's first item (the food business licence's
/// market regulation bureau), and that item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOfficer {
    pub account: String,
    pub password: String,
    pub department: String,
    /// The index of the officer's item in `samples::ITEMS` (the demo
    /// stream's n-th case is of item n mod the item count).
    pub item_index: usize,
}

/// The demo officer (see [`DemoOfficer`]); `None` if the compiled-in demo
/// data have no such officer.
pub fn officer() -> Option<DemoOfficer> {
    let bundle: serde_json::Value = serde_json::from_str(demo::BUNDLES.first()?).ok()?;
    let first = bundle.pointer("/bundle/members/0")?;
    let item_code = first.get("item_code")?.as_str()?;
    let department = first.get("department")?.as_str()?.to_owned();
    let item_index = samples::ITEMS
        .iter()
        .position(|i| i.item_code == item_code)?;
    let account = demo::accounts().into_iter().find(|a| {
        a.grants.iter().any(|(role, scope)| {
            *role == Role::Officer && *scope == Scope::Department(department.clone())
        })
    })?;
    Some(DemoOfficer {
        account: account.account.to_owned(),
        password: account.password.to_owned(),
        department,
        item_index,
    })
}

/// The running demo hub (it serves, and makes cases, on Tauri's async
/// runtime until the process ends).
pub struct DemoHub {
    pub url: String,
    pub officer: DemoOfficer,
}

fn failed(what: &str, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::Internal,
        format!("演示交换平台无法启动（{what}）：{why}"),
        format!("the demo hub could not start ({what}): {why}"),
    )
}

/// The `sqlite:` address of a database file, for any path: written as an
/// opaque path (so a Windows drive letter is no host), with forward
/// slashes on Windows (a backslash is a file name's own character elsewhere),
/// and `%`, `?` and `#` escaped (sqlx decodes them back).
fn sqlite_url(path: &Path) -> String {
    let mut text = path.display().to_string();
    if cfg!(windows) {
        text = text.replace('\\', "/");
    }
    let escaped = text
        .replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23");
    format!("sqlite:{escaped}")
}

/// Starts the demo hub over `folder`'s database on a loopback port —
/// `port` when it is free (the one the demo profile was bound to last
/// time, so the binding stays as it was), else any free one — seeds it
/// (idempotent), makes the first cases when the database is new, and keeps
/// making one every [`CASE_INTERVAL`]. Runs on Tauri's async runtime for
/// the life of the process.
pub async fn start(folder: &Path, port: Option<u16>) -> Result<DemoHub, ApiError> {
    let officer = officer().ok_or_else(|| failed("officer", "no demo officer"))?;
    std::fs::create_dir_all(folder).map_err(|e| failed("folder", e))?;
    let database = hub_database(folder);
    let fresh = !database.exists();
    let hub = Hub::open(&sqlite_url(&database), HubConfig::default())
        .await
        .map_err(|e| failed("database", e))?;
    demo::seed(&hub).await.map_err(|e| failed("seed", e.wire))?;
    let listener = match port {
        Some(port) => match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
            Ok(listener) => listener,
            Err(_) => free_listener().await?,
        },
        None => free_listener().await?,
    };
    let address = listener.local_addr().map_err(|e| failed("listen", e))?;
    let served = hub.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = approval_hub::serve(listener, served, std::future::pending()).await {
            tracing::error!("the demo hub stopped: {e}");
        }
    });
    if fresh {
        backlog(&format!("http://{address}"), &officer).await;
        for k in 0..FIRST_CASES {
            make_case(&hub, &officer, k).await;
        }
    }
    tauri::async_runtime::spawn(stream(hub.clone(), officer.clone()));
    tracing::info!(url = %address, "demo hub started");
    Ok(DemoHub {
        url: format!("http://{address}"),
        officer,
    })
}

async fn free_listener() -> Result<tokio::net::TcpListener, ApiError> {
    tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| failed("listen", e))
}

/// How many days before today each case of the first backlog was
/// received: spread so the inbox opens with clocks on time, in their
/// warning period and overdue (the food licence promises 10 working days).
const BACKLOG_DAYS: &[i64] = &[2, 5, 8, 11, 13, 14, 15, 18, 22];

/// The first backlog: cases received on earlier days at the county
/// window, submitted and transferred as its clerk does it (the demo's
/// public window account), through the hub's HTTP interface.
async fn backlog(url: &str, officer: &DemoOfficer) {
    let window = demo::accounts().into_iter().find(|a| {
        a.grants.iter().any(|(role, scope)| {
            *role == Role::WindowClerk && *scope == Scope::Department(demo::COUNTY.to_owned())
        })
    });
    let Some(window) = window else {
        return;
    };
    let client = match approval_session::sign_in(url, None, window.account, window.password).await {
        Ok((client, _)) => client,
        Err(e) => {
            tracing::warn!("demo backlog: the window clerk could not sign in: {e}");
            return;
        }
    };
    let item = &samples::ITEMS[officer.item_index];
    let today = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    for (i, days) in BACKLOG_DAYS.iter().enumerate() {
        let day = today.date_naive() - chrono::Days::new(*days as u64);
        let Some(received_at) = day
            .and_hms_opt(9 + (i as u32 % 7), 30, 0)
            .and_then(|t| t.and_local_timezone(CHINA_STANDARD_TIME).single())
        else {
            continue;
        };
        let Ok(number) = item.case_number(day, 500 + i as u32) else {
            continue;
        };
        let case = NewCase {
            case_number: number.as_str().to_owned(),
            implementation_code: item.implementation_code().as_str().to_owned(),
            handling_item_code: None,
            kind: CaseKind::Promised,
            applicant: Applicant {
                kind: ApplicantKind::LegalPerson,
                name: format!("蓝田县示范餐饮有限公司（第{}家）", i + 1),
                certificate_type: CertificateType::UnifiedSocialCreditCode,
                certificate_number: "91350100M000100Y43".to_owned(),
                phone: "029-8000-0000".to_owned(),
                address: None,
            },
            received_at,
            receiving_window: demo::COUNTY.to_owned(),
            handling_window: None,
            materials: ["申请书", "营业执照", "食品安全管理制度"]
                .iter()
                .enumerate()
                .map(|(m, name)| MaterialUpload {
                    name: (*name).to_owned(),
                    material_id: Some(format!("M0{}", m + 1)),
                    file: None,
                })
                .collect(),
            direct_mailing: false,
        };
        let key = format!("demo-backlog-{}", number.as_str());
        let made = async {
            client.create_case(&key, &case).await?;
            client
                .transfer_case(
                    number.as_str(),
                    &format!("{key}-transfer"),
                    &TransferRequest {
                        department: officer.department.clone(),
                    },
                )
                .await
        };
        if let Err(e) = made.await {
            tracing::warn!(case = %number.as_str(), "demo backlog case not made: {e}");
        }
    }
}

/// The `k`-th demo case of the officer's item (the hub's own demo stream
/// spreads its cases over every department; the window shows one).
async fn make_case(hub: &Hub, officer: &DemoOfficer, k: u64) {
    let items = samples::ITEMS.len() as u64;
    let n = k * items + officer.item_index as u64;
    match demo::make_case(hub, n).await {
        Ok(number) => tracing::info!(case = %number, "demo case transferred"),
        Err(error) => tracing::warn!("demo case not made: {}", error.wire),
    }
}

async fn stream(hub: Hub, officer: DemoOfficer) {
    let mut k = FIRST_CASES;
    loop {
        tokio::time::sleep(CASE_INTERVAL).await;
        make_case(&hub, &officer, k).await;
        k += 1;
    }
}

/// The installer of the demo profile's catalogue (on a profile with no
/// grant yet, the set-up allows it; then the hub's grants take over).
const INSTALLER: &str = "演示数据";

/// Imports the sample guides and bundle the demo hub publishes into the
/// demo profile, unless it has them: its cases need them to be received.
/// Guide versions take effect from their file's date or `now`, whichever
/// is earlier, so cases received before today are bound too.
pub async fn prepare_desk(desk: &Desk, now: DateTime<FixedOffset>) -> Result<(), ApiError> {
    let installer = Actor::new(INSTALLER);
    let known = approval_api::guides::list_guides(desk, &installer).await?;
    for json in demo::GUIDES {
        let file = check_guide_file(json).accepted("demo guide")?;
        if known.iter().any(|g| g.code == file.item.code) {
            continue;
        }
        let effective_from = Some(file.effective_from.map_or(now, |from| from.min(now)));
        import_guide(
            desk,
            &installer,
            now,
            GuideImportRequest {
                file,
                draft_only: false,
                effective_from,
            },
        )
        .await?;
    }
    for json in demo::BUNDLES {
        let guides = guides_for_bundle(desk, now, json, Default::default()).await?;
        let bundle = check_bundle_file(json, &guides).accepted("demo bundle")?;
        import_bundle(desk, &installer, now, bundle).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn the_demo_folder_sits_beside_the_profile_and_holds_both_databases() {
        let profile = Path::new("/home/li/.local/share/approval-desk/desk.sqlite3");
        let demo = folder(profile);
        assert_eq!(demo, Path::new("/home/li/.local/share/approval-desk/demo"));
        assert_eq!(desk_database(&demo), demo.join("desk.sqlite3"));
        assert_eq!(hub_database(&demo), demo.join("hub.sqlite3"));
        assert_ne!(desk_database(&demo), profile);
        assert_eq!(folder(Path::new("desk.sqlite3")), Path::new("demo"));
    }

    #[test]
    fn the_demo_officer_handles_the_sample_bundle_s_first_item() {
        let officer = officer().unwrap();
        assert_eq!(officer.account, "officer-market");
        assert_eq!(officer.department, "蓝田县市场监督管理局");
        assert_eq!(
            samples::ITEMS[officer.item_index].item_code,
            "610122-SCJG-XK-0001"
        );
        assert!(!officer.password.is_empty());
    }

    #[test]
    fn a_database_path_becomes_a_sqlite_url() {
        assert_eq!(
            sqlite_url(Path::new("/tmp/x/demo/hub.sqlite3")),
            "sqlite:/tmp/x/demo/hub.sqlite3"
        );
        if cfg!(windows) {
            assert_eq!(
                sqlite_url(Path::new(r"C:\Users\李\AppData\demo\hub.sqlite3")),
                "sqlite:C:/Users/李/AppData/demo/hub.sqlite3"
            );
        }
        assert_eq!(sqlite_url(Path::new("/a%b?c#d")), "sqlite:/a%25b%3Fc%23d");
    }

    #[tokio::test]
    async fn the_demo_hub_opens_under_any_folder_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("演示 数据 %#?");
        std::fs::create_dir_all(&folder).unwrap();
        let database = hub_database(&folder);
        let hub = Hub::open(&sqlite_url(&database), HubConfig::default())
            .await
            .unwrap();
        hub.pool.close().await;
        assert!(database.exists(), "{}", database.display());
    }

    #[tokio::test]
    async fn the_demo_desk_gets_the_sample_catalogue_once() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(&dir.path().join("desk.sqlite3")).await.unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-07T09:00:00+08:00").unwrap();
        prepare_desk(&desk, now).await.unwrap();
        let installer = Actor::new(INSTALLER);
        let guides = approval_api::guides::list_guides(&desk, &installer)
            .await
            .unwrap();
        assert_eq!(guides.len(), demo::GUIDES.len());
        // Again: nothing new.
        prepare_desk(&desk, now).await.unwrap();
        let again = approval_api::guides::list_guides(&desk, &installer)
            .await
            .unwrap();
        assert_eq!(again, guides);
        desk.close().await;
    }
}
