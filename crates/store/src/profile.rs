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
    let stem = database
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "desk".to_owned());
    database
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(format!("{stem}-calendar"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_folder_sits_beside_the_database() {
        let folder = calendar_folder(Path::new("/data/profile/desk.sqlite3"));
        assert_eq!(folder, Path::new("/data/profile/desk-calendar"));
    }
}
