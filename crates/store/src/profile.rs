//! Where a user's profile lives on this machine.

use std::path::{Path, PathBuf};

/// The folder under the platform's data directory (%APPDATA% on Windows,
/// `~/.local/share` on Linux).
const PROFILE_FOLDER: &str = "ApprovalDesk";
const DATABASE_FILE: &str = "desk.sqlite3";
/// Names the person explicitly (a shared workstation, the tests).
const USER_ENV: &str = "APPROVAL_DESK_USER";

/// Who is using the profile, as grants name people: `APPROVAL_DESK_USER`
/// when set, else the operating system's login name (`USERNAME` on
/// Windows, `USER` elsewhere). The app and `deskctl` check permissions
/// against this name until sign-in against the platform arrives.
pub fn login_name() -> String {
    [USER_ENV, "USERNAME", "USER"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "deskctl".to_owned())
}

/// The default profile database of the current user, shared by the app and
/// `deskctl`. `None` when the platform reports no data directory.
pub fn default_database_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(PROFILE_FOLDER).join(DATABASE_FILE))
}

/// The folder that holds the imported calendar years of the profile whose
/// database is `database`: `<folder of the database>/<file stem>-calendar`.
pub fn calendar_folder(database: &Path) -> PathBuf {
    sibling_folder(database, "calendar")
}

fn sibling_folder(database: &Path, purpose: &str) -> PathBuf {
    let stem = database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "desk".to_owned());
    database
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(format!("{stem}-{purpose}"))
}

/// The folder of certificates (PEM or DER, one root per file) the profile
/// trusts to issue seals (电子印章): `<folder of the database>/<file
/// stem>-trust`. Incoming e-materials are checked against them (Art 8).
pub fn trust_folder(database: &Path) -> PathBuf {
    sibling_folder(database, "trust")
}

/// Every file in the profile's trust folder, as (file name, bytes), in
/// name order; none when the folder does not exist.
pub fn trusted_root_files(database: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let folder = trust_folder(database);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            files.push((name, std::fs::read(entry.path())?));
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_calendar_folder_sits_beside_the_database() {
        let folder = calendar_folder(Path::new("/data/profile/desk.sqlite3"));
        assert_eq!(folder, Path::new("/data/profile/desk-calendar"));
    }

    #[test]
    fn trusted_roots_are_read_from_the_trust_folder_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("desk.sqlite3");
        assert!(trusted_root_files(&database).unwrap().is_empty());
        let folder = trust_folder(&database);
        assert_eq!(folder, dir.path().join("desk-trust"));
        std::fs::create_dir_all(folder.join("ignored-subfolder")).unwrap();
        std::fs::write(folder.join("b.pem"), b"B").unwrap();
        std::fs::write(folder.join("a.cer"), b"A").unwrap();
        let files = trusted_root_files(&database).unwrap();
        assert_eq!(
            files,
            vec![
                ("a.cer".to_owned(), b"A".to_vec()),
                ("b.pem".to_owned(), b"B".to_vec())
            ]
        );
    }
}
