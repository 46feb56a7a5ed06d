//! The user's profile as the app holds it while running.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use approval_core::access::{authorize_unless_setting_up, Action, Target};
use approval_core::calendar::WorkingCalendar;
use approval_store::{CalendarYearStore, Database};

use crate::IpcError;

/// Overrides the profile database (tests and portable installs).
const DATABASE_ENV: &str = "APPROVAL_DESK_DB";

type Revision = Vec<(String, u64, Option<SystemTime>)>;

struct Loaded {
    revision: Revision,
    calendar: Result<Arc<WorkingCalendar>, IpcError>,
}

/// The app's state: the profile's calendar, rebuilt whenever its stored
/// years change (an import in the app or through `deskctl`), so provisional
/// days become official without a restart.
pub struct DeskState {
    database: Option<PathBuf>,
    loaded: Mutex<Option<Loaded>>,
}

impl DeskState {
    pub fn open() -> Self {
        let database = std::env::var_os(DATABASE_ENV)
            .map(PathBuf::from)
            .or_else(approval_store::profile::default_database_path);
        Self {
            database,
            loaded: Mutex::new(None),
        }
    }

    /// The profile database's path.
    pub fn database_path(&self) -> Result<&PathBuf, IpcError> {
        self.database
            .as_ref()
            .ok_or_else(|| IpcError::internal("找不到用户数据目录，无法打开工作日历".to_owned()))
    }

    /// The profile's calendar store.
    pub fn calendar_store(&self) -> Result<CalendarYearStore, IpcError> {
        Ok(CalendarYearStore::for_database(self.database_path()?))
    }

    /// The current calendar, rebuilt if the stored years changed.
    pub fn calendar(&self) -> Result<Arc<WorkingCalendar>, IpcError> {
        let database = self.database_path()?;
        let revision = CalendarYearStore::for_database(database).revision();
        let mut loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(current) = loaded.as_ref() {
            if current.revision == revision {
                return current.calendar.clone();
            }
        }
        let calendar = approval_store::open_profile_calendar(database)
            .map(Arc::new)
            .map_err(|e| {
                IpcError::internal(format!(
                    "无法读取工作日历数据（{}）：{e}",
                    database.display()
                ))
            });
        *loaded = Some(Loaded {
            revision,
            calendar: calendar.clone(),
        });
        calendar
    }

    /// `Ok` when the person using the app (the profile's login name) may do
    /// `action` on `target`, by core's one permission check over the
    /// profile's grants; a profile without any grant is still being set up.
    pub async fn authorize(&self, action: Action, target: Target) -> Result<(), IpcError> {
        let person = approval_store::profile::login_name();
        self.authorize_person(&person, action, target).await
    }

    async fn authorize_person(
        &self,
        person: &str,
        action: Action,
        target: Target,
    ) -> Result<(), IpcError> {
        let database = Database::open(self.database_path()?)
            .await
            .map_err(|e| IpcError::internal(format!("无法打开用户数据库，无法核对权限：{e}")))?;
        let grants = database
            .grants()
            .await
            .map_err(|e| IpcError::internal(format!("无法读取角色授权：{e}")))?;
        authorize_unless_setting_up(&grants, person, action, &target)
            .map(|_| ())
            .map_err(IpcError::from)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use approval_core::access::{Grant, Role, Scope};
    use chrono::DateTime;

    use super::*;

    fn state_at(database: PathBuf) -> DeskState {
        DeskState {
            database: Some(database),
            loaded: Mutex::new(None),
        }
    }

    #[tokio::test]
    async fn the_window_checks_the_shared_calendar_import_against_the_grants() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite3");
        let state = state_at(path.clone());
        let import = || Target::AllDepartments;
        // Being set up: nobody is granted anything yet.
        assert!(state
            .authorize_person("张三", Action::ImportCalendar, import())
            .await
            .is_ok());

        let at = DateTime::parse_from_rfc3339("2026-11-26T09:00:00+08:00").unwrap();
        let db = Database::open(&path).await.unwrap();
        let county = Scope::Department("蓝田县市场监督管理局".into());
        for grant in [
            Grant::new("王主任", Role::Manager, Scope::All),
            Grant::new("李科长", Role::Manager, county.clone()),
            Grant::new("张三", Role::Officer, county),
        ] {
            db.grant(&grant, "安装", at).await.unwrap();
        }

        assert!(state
            .authorize_person("王主任", Action::ImportCalendar, import())
            .await
            .is_ok());
        let officer = state
            .authorize_person("张三", Action::ImportCalendar, import())
            .await
            .unwrap_err();
        assert_eq!(officer.code, "access_no_role");
        assert!(officer.message.contains("张三"), "{}", officer.message);
        let county_manager = state
            .authorize_person("李科长", Action::ImportCalendar, import())
            .await
            .unwrap_err();
        assert_eq!(county_manager.code, "access_out_of_scope");
    }
}
