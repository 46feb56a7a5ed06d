//! The documented JSON exchange formats for a guide (with its flowchart) and
//! for a bundle (docs/formats.md). Reading a file reports every finding with
//! the JSON path of its field; a file with any error is not to be imported.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::bundle::{check_bundle, BundleDefinition};
use crate::guide::{check_guide, Finding, FindingCode, GuideContent, GuideVersion, ItemDefinition};

pub const GUIDE_FORMAT: &str = "approval-desk.guide/1";
pub const BUNDLE_FORMAT: &str = "approval-desk.bundle/1";

/// A guide as exchanged: the item as the guide states it, and the content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct GuideFile {
    /// Always [`GUIDE_FORMAT`].
    pub format: String,
    pub item: ItemDefinition,
    /// When the version takes effect once imported; absent: at import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>"))]
    pub effective_from: Option<DateTime<FixedOffset>>,
    pub guide: GuideContent,
}

impl GuideFile {
    /// The file of a stored version, for `guide export`.
    pub fn of_version(version: &GuideVersion) -> Self {
        Self {
            format: GUIDE_FORMAT.to_owned(),
            item: version.item.clone(),
            effective_from: version.effective_from(),
            guide: version.content.clone(),
        }
    }
}

/// A bundle as exchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFile {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    pub bundle: BundleDefinition,
}

/// What reading a file found: the parsed file (when its shape is right)
/// and every finding.
#[derive(Debug, Clone)]
pub struct Reading<T> {
    pub file: Option<T>,
    pub findings: Vec<Finding>,
}

impl<T> Reading<T> {
    /// The file, if it parsed and no finding is an error.
    pub fn accepted(self) -> Result<T, Vec<Finding>> {
        match self.file {
            Some(file) if !self.findings.iter().any(Finding::is_error) => Ok(file),
            _ => Err(self.findings),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.file.is_none() || self.findings.iter().any(Finding::is_error)
    }
}

fn parse<T: DeserializeOwned>(json: &str) -> Result<T, Finding> {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        // A syntax error has no field to name (its path ends in `?`): the
        // line and column are what an editor needs.
        let (path, message) = if inner.is_syntax() || inner.is_eof() {
            (
                format!("line {}, column {}", inner.line(), inner.column()),
                format!(
                    "第{}行第{}列：不是有效的 JSON（{inner}）",
                    inner.line(),
                    inner.column()
                ),
            )
        } else {
            (path, format!("字段内容不符合格式要求（{inner}）"))
        };
        Finding::error(FindingCode::Malformed, path, message)
    })
}

fn format_finding(found: &str, expected: &str) -> Option<Finding> {
    (found != expected).then(|| {
        Finding::error(
            FindingCode::Malformed,
            "format",
            format!("文件格式为“{found}”，应为“{expected}”"),
        )
    })
}

/// Reads a guide file: shape first (with the path of a wrong field), then
/// every rule of [`check_guide`].
pub fn read_guide_file(json: &str) -> Reading<GuideFile> {
    match parse::<GuideFile>(json) {
        Err(finding) => Reading {
            file: None,
            findings: vec![finding],
        },
        Ok(file) => Reading {
            findings: guide_file_findings(&file),
            file: Some(file),
        },
    }
}

/// What checking a guide file of the right shape finds: its format, then
/// every rule of [`check_guide`].
pub fn guide_file_findings(file: &GuideFile) -> Vec<Finding> {
    let mut findings: Vec<Finding> = format_finding(&file.format, GUIDE_FORMAT)
        .into_iter()
        .collect();
    findings.extend(check_guide(&file.item, &file.guide));
    findings
}

/// Reads a bundle file and checks it against the guides in force of its
/// items (`guides`, by item code).
pub fn read_bundle_file(json: &str, guides: &HashMap<String, GuideVersion>) -> Reading<BundleFile> {
    match parse::<BundleFile>(json) {
        Err(finding) => Reading {
            file: None,
            findings: vec![finding],
        },
        Ok(file) => {
            let mut findings: Vec<Finding> = format_finding(&file.format, BUNDLE_FORMAT)
                .into_iter()
                .collect();
            findings.extend(check_bundle(&file.bundle, guides));
            Reading {
                file: Some(file),
                findings,
            }
        }
    }
}
