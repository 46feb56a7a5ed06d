//! The profile's local extra rest days (地方性假日), kept as one JSON list.

use std::fs;
use std::path::{Path, PathBuf};

use approval_core::calendar::LocalRestDay;

use crate::calendar_years::StoreError;

const FILE_NAME: &str = "local-rest-days.json";

/// Local rest days of one profile.
#[derive(Debug, Clone)]
pub struct LocalRestDayStore {
    path: PathBuf,
}

impl LocalRestDayStore {
    /// The store inside a profile's calendar folder.
    pub fn in_folder(folder: &Path) -> Self {
        Self {
            path: folder.join(FILE_NAME),
        }
    }

    /// All local rest days, by date; none when the file does not exist.
    pub fn load(&self) -> Result<Vec<LocalRestDay>, StoreError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Read {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            problem: format!("line {}, column {}: {e}", e.line(), e.column()),
        })
    }

    /// Adds or renames the local rest day on `day.date`.
    pub fn put(&self, day: LocalRestDay) -> Result<Vec<LocalRestDay>, StoreError> {
        let mut days = self.load()?;
        days.retain(|d| d.date != day.date);
        days.push(day);
        days.sort_by_key(|d| d.date);
        self.save(&days)?;
        Ok(days)
    }

    /// Removes the local rest day on `date`; `false` when there was none.
    pub fn remove(&self, date: chrono::NaiveDate) -> Result<bool, StoreError> {
        let mut days = self.load()?;
        let before = days.len();
        days.retain(|d| d.date != date);
        if days.len() == before {
            return Ok(false);
        }
        self.save(&days)?;
        Ok(true)
    }

    fn save(&self, days: &[LocalRestDay]) -> Result<(), StoreError> {
        let text = serde_json::to_string_pretty(days).map_err(|e| StoreError::Corrupt {
            path: self.path.clone(),
            problem: e.to_string(),
        })?;
        crate::atomic_file::write(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn local_days_are_added_replaced_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let store = LocalRestDayStore::in_folder(dir.path());
        let date = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        store
            .put(LocalRestDay {
                date,
                name: "甲".into(),
            })
            .unwrap();
        let days = store
            .put(LocalRestDay {
                date,
                name: "乙".into(),
            })
            .unwrap();
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].name, "乙");
        assert!(store.remove(date).unwrap());
        assert!(!store.remove(date).unwrap());
        assert!(store.load().unwrap().is_empty());
    }
}
