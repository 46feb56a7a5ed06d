//! Imported calendar years: each a validated `YYYY.json` in the profile's
//! calendar folder, written atomically so a failed import leaves the old
//! state whole.

use std::fs;
use std::path::{Path, PathBuf};

use approval_core::calendar::{parse_arrangement, ImportError, YearArrangement};
use approval_core::error_code::ErrorCode;

/// No year's arrangement comes near this size; a larger file is the wrong file.
pub const MAX_ARRANGEMENT_BYTES: usize = 1024 * 1024;

/// A store operation that failed, with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes; an arrangement file is at most {MAX_ARRANGEMENT_BYTES}")]
    TooLarge { path: PathBuf, size: usize },
    #[error("{path} is damaged: {problem}")]
    Corrupt { path: PathBuf, problem: String },
    #[error("{path}: {source}")]
    Invalid {
        path: PathBuf,
        #[source]
        source: ImportError,
    },
}

impl StoreError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Read { .. } => ErrorCode::FileUnreadable,
            StoreError::Write { .. } => ErrorCode::FileUnwritable,
            StoreError::TooLarge { .. } => ErrorCode::FileTooLarge,
            StoreError::Corrupt { .. } => ErrorCode::CalendarUnreadable,
            StoreError::Invalid { source, .. } => source.code(),
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            StoreError::Read { path, .. } => format!("无法读取文件{}", path.display()),
            StoreError::Write { path, .. } => format!(
                "无法写入文件{}，请检查该目录的权限和磁盘空间",
                path.display()
            ),
            StoreError::TooLarge { size, .. } => format!(
                "文件过大（{size}字节）：放假安排文件不超过{}MB",
                MAX_ARRANGEMENT_BYTES / (1024 * 1024)
            ),
            StoreError::Corrupt { path, problem } => format!(
                "工作日历数据{}已损坏，无法读取（{problem}）",
                path.display()
            ),
            StoreError::Invalid { source, .. } => source.message_zh(),
        }
    }
}

/// The imported years of one profile.
#[derive(Debug, Clone)]
pub struct CalendarYearStore {
    folder: PathBuf,
}

impl CalendarYearStore {
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        Self {
            folder: folder.into(),
        }
    }

    /// The store of the profile whose database is `database`.
    pub fn for_database(database: &Path) -> Self {
        Self::new(crate::profile::calendar_folder(database))
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Every imported year, oldest first. A missing folder is an empty store;
    /// a stored file that no longer validates is an error naming it.
    pub fn load_all(&self) -> Result<Vec<YearArrangement>, StoreError> {
        let entries = match fs::read_dir(&self.folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(StoreError::Read {
                    path: self.folder.clone(),
                    source,
                })
            }
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_year_file(p))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|path| {
                let text = fs::read_to_string(&path).map_err(|source| StoreError::Read {
                    path: path.clone(),
                    source,
                })?;
                parse_arrangement(&text).map_err(|source| StoreError::Invalid { path, source })
            })
            .collect()
    }

    /// A value that changes whenever an import or a local rest day changes
    /// the stored calendar (names, sizes and modification times of its
    /// files), so a running app can tell that it must rebuild its calendar.
    pub fn revision(&self) -> Vec<(String, u64, Option<std::time::SystemTime>)> {
        let Ok(entries) = fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        let mut revision: Vec<_> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let metadata = entry.metadata().ok()?;
                Some((
                    entry.file_name().to_string_lossy().into_owned(),
                    metadata.len(),
                    metadata.modified().ok(),
                ))
            })
            .collect();
        revision.sort();
        revision
    }

    /// Validates `json` and, only if it is valid, stores it as its year's
    /// file (replacing an earlier import of that year).
    pub fn import(&self, json: &str, origin: &Path) -> Result<YearArrangement, StoreError> {
        if json.len() > MAX_ARRANGEMENT_BYTES {
            return Err(StoreError::TooLarge {
                path: origin.to_path_buf(),
                size: json.len(),
            });
        }
        let arrangement = parse_arrangement(json).map_err(|source| StoreError::Invalid {
            path: origin.to_path_buf(),
            source,
        })?;
        let target = self.folder.join(format!("{}.json", arrangement.year));
        crate::atomic_file::write(&target, json.as_bytes())?;
        Ok(arrangement)
    }
}

fn is_year_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "json")
        && path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID_2020: &str = include_str!("../../core/data/holidays/2020.json");

    #[test]
    fn an_import_is_stored_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = CalendarYearStore::new(dir.path().join("cal"));
        assert!(store.load_all().unwrap().is_empty());
        store.import(VALID_2020, Path::new("2020.json")).unwrap();
        let years = store.load_all().unwrap();
        assert_eq!(years.len(), 1);
        assert_eq!(years[0].year, 2020);
    }

    #[test]
    fn an_oversized_file_is_refused_before_parsing() {
        let dir = tempfile::tempdir().unwrap();
        let store = CalendarYearStore::new(dir.path().join("cal"));
        let huge = " ".repeat(MAX_ARRANGEMENT_BYTES + 1);
        let err = store.import(&huge, Path::new("huge.json")).unwrap_err();
        assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    }

    #[test]
    fn every_store_error_has_its_code_and_a_zh_message() {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let read = StoreError::Read {
            path: PathBuf::from("/profile/calendar/2027.json"),
            source: io(),
        };
        assert_eq!(read.code(), ErrorCode::FileUnreadable);
        assert_eq!(read.message_zh(), "无法读取文件/profile/calendar/2027.json");
        let write = StoreError::Write {
            path: PathBuf::from("/profile/calendar/2028.json"),
            source: io(),
        };
        assert_eq!(write.code(), ErrorCode::FileUnwritable);
        assert!(write
            .message_zh()
            .contains("无法写入文件/profile/calendar/2028.json"));
        let too_large = StoreError::TooLarge {
            path: PathBuf::from("huge.json"),
            size: 2_000_000,
        };
        assert_eq!(too_large.code(), ErrorCode::FileTooLarge);
        assert_eq!(
            too_large.message_zh(),
            "文件过大（2000000字节）：放假安排文件不超过1MB"
        );
        let corrupt = StoreError::Corrupt {
            path: PathBuf::from("/profile/calendar/local-rest-days.json"),
            problem: "expected value at line 1 column 1".to_owned(),
        };
        assert_eq!(corrupt.code(), ErrorCode::CalendarUnreadable);
        assert!(corrupt.message_zh().contains("local-rest-days.json已损坏"));
        let bad = VALID_2020.replace("\"isOffDay\": false", "\"isOffDay\": 0");
        let source = parse_arrangement(&bad).unwrap_err();
        let invalid = StoreError::Invalid {
            path: PathBuf::from("bad.json"),
            source: source.clone(),
        };
        assert_eq!(invalid.code(), ErrorCode::ImportInvalid);
        assert_eq!(invalid.message_zh(), source.message_zh());
        assert!(invalid.message_zh().contains("放假安排文件"));
    }

    #[test]
    fn a_bad_import_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = CalendarYearStore::new(dir.path().join("cal"));
        store.import(VALID_2020, Path::new("good.json")).unwrap();
        let before = fs::read(store.folder().join("2020.json")).unwrap();
        let bad = VALID_2020.replace("\"isOffDay\": false", "\"isOffDay\": 0");
        let err = store.import(&bad, Path::new("bad.json")).unwrap_err();
        assert!(err.to_string().contains("bad.json"), "{err}");
        assert_eq!(fs::read(store.folder().join("2020.json")).unwrap(), before);
        assert_eq!(fs::read_dir(store.folder()).unwrap().count(), 1);
    }
}
