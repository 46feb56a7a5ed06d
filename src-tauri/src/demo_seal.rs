//! The demo officer's seal (演示印章): so a demo case can be sealed and
//! pushed the way a real one is — a PKCS#12 key file whose password sits in
//! the OS keyring — the demo makes a throwaway root and a seal certificate
//! of the demo department on first use, keeps the key file in the demo
//! folder, its password in the keyring, and the root in the demo
//! profile's trust folder (so the seal check calls demo seals trusted
//! there, and nowhere else).

use std::path::{Path, PathBuf};

use approval_api::results::{remember_password, KeyKind, KeyringEntry, PasswordSource, TestSeal};
use approval_api::views::session::DemoSealView;
use approval_api::{profile, ApiError, ErrorCode};
use chrono::{DateTime, FixedOffset};

/// The keyring entry of the demo seal's password.
pub const KEYRING_ENTRY: &str = "approval-desk-demo/seal";

/// The demo seal's password. Public like the demo accounts' passwords: a
/// demo seal is for trying the window out, never for a real result.
const PASSWORD: &str = "demo-seal";

/// The key file in the demo `folder`.
pub fn key_file(folder: &Path) -> PathBuf {
    folder.join("seal.p12")
}

/// The root's file name in the demo profile's trust folder.
const ROOT_FILE: &str = "demo-seal-root.pem";

fn unwritable(path: &Path, why: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorCode::FileUnwritable,
        format!("无法写入演示印章文件{}：{why}", path.display()),
        format!(
            "cannot write the demo seal's file {}: {why}",
            path.display()
        ),
    )
}

/// The demo seal of `department` for the demo profile `desk_database`:
/// made on first use (valid for a year from `now`), else the one made
/// before; its password is (again) put in the OS keyring. Fails when the
/// keyring refuses: the window then offers no demo seal.
pub fn provision(
    folder: &Path,
    desk_database: &Path,
    department: &str,
    now: DateTime<FixedOffset>,
) -> Result<DemoSealView, ApiError> {
    let key = key_file(folder);
    let trust = profile::trust_folder(desk_database);
    let root = trust.join(ROOT_FILE);
    if !key.is_file() || !root.is_file() {
        let seal = TestSeal::issue(department, KeyKind::P256, now)?;
        let p12 = seal.signer().to_pkcs12(PASSWORD, "seal").map_err(|e| {
            ApiError::new(
                ErrorCode::SealFailed,
                format!("无法生成演示印章：{e}"),
                format!("cannot make the demo seal: {e}"),
            )
        })?;
        std::fs::create_dir_all(&trust).map_err(|e| unwritable(&trust, e))?;
        std::fs::write(&root, seal.root_pem()?).map_err(|e| unwritable(&root, e))?;
        std::fs::write(&key, p12).map_err(|e| unwritable(&key, e))?;
    }
    let entry = KeyringEntry::parse(KEYRING_ENTRY)?;
    remember_password(&entry, &PasswordSource::Given(PASSWORD.to_owned().into()))?;
    Ok(DemoSealView {
        p12_path: key.display().to_string(),
        keyring_entry: KEYRING_ENTRY.to_owned(),
        department: department.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use approval_api::results::open_p12_signer;
    use approval_core::china_time::CHINA_STANDARD_TIME;
    use chrono::TimeZone;

    #[test]
    fn the_demo_seal_is_made_once_and_opens_with_its_password() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("desk.sqlite3");
        let now = CHINA_STANDARD_TIME
            .with_ymd_and_hms(2026, 12, 7, 9, 0, 0)
            .unwrap();
        let key = key_file(dir.path());
        // The keyring may be missing on a build machine: the files are
        // written before the password is kept, and that is what is tested.
        let _ = provision(dir.path(), &database, "蓝田县市场监督管理局", now);
        let first = std::fs::read(&key).unwrap();
        let _ = provision(dir.path(), &database, "蓝田县市场监督管理局", now);
        assert_eq!(std::fs::read(&key).unwrap(), first, "made once");
        let given = PasswordSource::Given(PASSWORD.to_owned().into());
        assert!(open_p12_signer("seal.p12", &first, &given).is_ok());
        let roots = approval_api::results::profile_trust_roots(&database).unwrap();
        assert_eq!(roots.len(), 1, "the root is trusted in the demo profile");
    }
}
