//! Whole-file replacement that never leaves a half-written file behind.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::calendar_years::StoreError;

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, creating the folder when needed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let write_error = |source| StoreError::Write {
        path: path.to_path_buf(),
        source,
    };
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(folder).map_err(write_error)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let partial = folder.join(format!(".{name}.partial"));
    let mut file = fs::File::create(&partial).map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.sync_all().map_err(write_error)?;
    drop(file);
    fs::rename(&partial, path).map_err(write_error)
}
