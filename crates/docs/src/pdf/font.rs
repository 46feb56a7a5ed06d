//! The CJK font the result documents are set in: found on the machine or
//! read from a configured file.
//!
//! This is the one place of the crate that reads files: everything else is a
//! pure function from data to bytes. A font is read once and shared (cheap to
//! clone), since a CJK face is 10–20 MB.
//!
//! Which face: a Song/Ming face (宋体) first, because that is what official
//! documents are set in (GB/T 9704 uses 仿宋 for the body and 小标宋 for the
//! title; a government PC has SimSun and FangSong, Linux has AR PL UMing).
//! Then the Hei faces (黑体), which read well but look less official.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ttf_parser::{name_id, Face};

/// Characters every face must have to be usable for the documents: the
/// common words of the templates and the punctuation of document numbers
/// (〔〕). A face that lacks one of them is not a Simplified Chinese face.
const PROBE: &str = "受理通知书准予不行政许可决定号年月日第页共〔〕，。、；：（）";

/// A CJK font face: the bytes of its file and the index of the face in it
/// (a TrueType collection, `.ttc`, holds several).
#[derive(Clone)]
pub struct DocumentFont {
    bytes: Arc<[u8]>,
    face_index: u32,
    name: String,
    path: Option<PathBuf>,
}

impl fmt::Debug for DocumentFont {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DocumentFont")
            .field("name", &self.name)
            .field("face_index", &self.face_index)
            .field("path", &self.path)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

/// Why one candidate file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriedPath {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for TriedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.path.display(), self.problem)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontError {
    #[error(
        "no font for Chinese documents found; tried: {}. Install one (SimSun, FangSong, \
         AR PL UMing, Noto Serif CJK SC) or configure the path of a .ttf/.ttc/.otf file",
        list(.tried)
    )]
    NotFound { tried: Vec<TriedPath> },
    #[error("the configured font {} cannot be used: {problem}", .path.display())]
    Configured { path: PathBuf, problem: String },
    #[error("not a usable font: {0}")]
    Invalid(String),
    #[error("face {face_index} of the font cannot draw Chinese documents: it lacks {missing}")]
    NotChinese { face_index: u32, missing: String },
}

fn list(tried: &[TriedPath]) -> String {
    if tried.is_empty() {
        return "nothing".to_owned();
    }
    tried
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl DocumentFont {
    /// The configured font if there is one (no fallback: an administrator
    /// who configured a font wants to hear that it does not work), else the
    /// first usable font of [`DocumentFont::candidates`].
    pub fn discover(configured: Option<&Path>) -> Result<DocumentFont, FontError> {
        if let Some(path) = configured {
            return Self::from_file(path).map_err(|problem| FontError::Configured {
                path: path.to_path_buf(),
                problem,
            });
        }
        let mut tried = Vec::new();
        for path in Self::candidates() {
            match Self::from_file(&path) {
                Ok(font) => return Ok(font),
                Err(problem) => tried.push(TriedPath { path, problem }),
            }
        }
        Err(FontError::NotFound { tried })
    }

    /// Where [`DocumentFont::discover`] looks, best first.
    pub fn candidates() -> Vec<PathBuf> {
        if cfg!(windows) {
            let windir = std::env::var_os("WINDIR").map(PathBuf::from);
            windows_candidates(windir.as_deref())
        } else if cfg!(target_os = "macos") {
            macos_candidates()
        } else {
            linux_candidates()
        }
    }

    /// Reads a font file and picks its Simplified Chinese face.
    fn from_file(path: &Path) -> Result<DocumentFont, String> {
        if !path.exists() {
            return Err("not found".to_owned());
        }
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
        let face_index = chinese_face(&bytes)?;
        let mut font = Self::from_bytes(bytes, face_index).map_err(|e| e.to_string())?;
        font.path = Some(path.to_path_buf());
        Ok(font)
    }

    /// A face of font data already in memory (`face_index` 0 for a plain
    /// `.ttf`/`.otf`). Fails unless the face can draw the documents' text.
    pub fn from_bytes(
        bytes: impl Into<Vec<u8>>,
        face_index: u32,
    ) -> Result<DocumentFont, FontError> {
        let bytes: Vec<u8> = bytes.into();
        let face = Face::parse(&bytes, face_index)
            .map_err(|e| FontError::Invalid(format!("face {face_index}: {e}")))?;
        let missing: String = PROBE
            .chars()
            .filter(|&c| face.glyph_index(c).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(FontError::NotChinese {
                face_index,
                missing,
            });
        }
        let name = family_name(&face).unwrap_or_else(|| format!("face {face_index}"));
        Ok(DocumentFont {
            bytes: Arc::from(bytes),
            face_index,
            name,
            path: None,
        })
    }

    /// The whole font file (all faces of a collection).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The index of the face in [`DocumentFont::bytes`].
    pub fn face_index(&self) -> u32 {
        self.face_index
    }

    /// The face's family name, e.g. `AR PL UMing CN`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file it was read from, if it was.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The parsed face. Parsing only reads the table directory, so doing it
    /// per document costs nothing worth caching.
    pub(crate) fn face(&self) -> Result<Face<'_>, FontError> {
        Face::parse(&self.bytes, self.face_index)
            .map_err(|e| FontError::Invalid(format!("face {}: {e}", self.face_index)))
    }
}

/// The face of a file to use: in a collection, the one whose family says it
/// is for Simplified Chinese (`AR PL UMing CN`, `Noto Serif CJK SC`), else
/// the first that has every probe character.
fn chinese_face(bytes: &[u8]) -> Result<u32, String> {
    let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
    let mut best: Option<(u8, u32)> = None;
    let mut problems = Vec::new();
    for index in 0..count {
        let face = match Face::parse(bytes, index) {
            Ok(face) => face,
            Err(e) => {
                problems.push(format!("face {index}: {e}"));
                continue;
            }
        };
        if let Some(c) = PROBE.chars().find(|&c| face.glyph_index(c).is_none()) {
            problems.push(format!("face {index} has no glyph for {c}"));
            continue;
        }
        let score = if family_names(&face).iter().any(|n| is_simplified(n)) {
            2
        } else {
            1
        };
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, index));
        }
    }
    best.map(|(_, index)| index)
        .ok_or_else(|| problems.join(", "))
}

/// A family name that marks a Simplified Chinese face: a word such as `SC`
/// or `CN`, or a face Windows ships for it.
fn is_simplified(name: &str) -> bool {
    name.split_whitespace()
        .any(|word| matches!(word, "SC" | "CN" | "GB" | "Simplified"))
        || [
            "SimSun", "FangSong", "KaiTi", "SimHei", "YaHei", "宋体", "仿宋",
        ]
        .iter()
        .any(|known| name.contains(known))
}

fn family_names(face: &Face<'_>) -> Vec<String> {
    face.names()
        .into_iter()
        .filter(|n| n.name_id == name_id::FAMILY || n.name_id == name_id::TYPOGRAPHIC_FAMILY)
        .filter_map(|n| n.to_string())
        .collect()
}

/// The English family name if the face has one (it names the face in the
/// PDF, where ASCII is safest), else any.
fn family_name(face: &Face<'_>) -> Option<String> {
    let names: Vec<_> = face
        .names()
        .into_iter()
        .filter(|n| n.name_id == name_id::FAMILY)
        .filter_map(|n| Some((n.language_id, n.to_string()?)))
        .collect();
    names
        .iter()
        .find(|(lang, name)| *lang == 0x0409 && name.is_ascii())
        .or_else(|| names.iter().find(|(_, name)| name.is_ascii()))
        .or_else(|| names.first())
        .map(|(_, name)| name.clone())
}

/// The fonts of a Chinese Windows: SimSun (宋体), FangSong (仿宋), Microsoft
/// YaHei (微软雅黑), under `%WINDIR%\Fonts` (`C:\Windows` if unset).
pub(crate) fn windows_candidates(windir: Option<&Path>) -> Vec<PathBuf> {
    let fonts = windir
        .filter(|w| !w.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(r"C:\Windows"))
        .join("Fonts");
    ["simsun.ttc", "simfang.ttf", "msyh.ttc", "simhei.ttf"]
        .iter()
        .map(|file| fonts.join(file))
        .collect()
}

/// AR PL UMing (a Ming face) first, then Noto Serif/Sans CJK in the places
/// Debian, Fedora and Arch put them, then WenQuanYi.
pub(crate) fn linux_candidates() -> Vec<PathBuf> {
    [
        "/usr/share/fonts/truetype/arphic/uming.ttc",
        "/usr/share/fonts/arphic/uming.ttc",
        "/usr/share/fonts/TTF/uming.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

fn macos_candidates() -> Vec<PathBuf> {
    [
        "/System/Library/Fonts/Supplemental/Songti.ttc",
        "/Library/Fonts/Songti.ttc",
        "/System/Library/Fonts/STHeiti Light.ttc",
        "/System/Library/Fonts/PingFang.ttc",
    ]
    .iter()
    .map(PathBuf::from)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_fonts_live_under_windir() {
        let paths = windows_candidates(Some(Path::new(r"D:\WINNT")));
        assert_eq!(
            paths[0],
            Path::new(r"D:\WINNT").join("Fonts").join("simsun.ttc")
        );
        assert!(paths.iter().any(|p| p.ends_with("simfang.ttf")));
        assert!(paths.iter().any(|p| p.ends_with("msyh.ttc")));
        let fallback = windows_candidates(None);
        assert_eq!(
            fallback[0],
            Path::new(r"C:\Windows").join("Fonts").join("simsun.ttc")
        );
        assert_eq!(windows_candidates(Some(Path::new(""))), fallback);
    }

    #[test]
    fn a_ming_face_comes_first_on_linux() {
        let paths = linux_candidates();
        assert!(paths[0].ends_with("uming.ttc"));
        let noto = paths
            .iter()
            .position(|p| p.to_string_lossy().contains("Noto"));
        let wqy = paths
            .iter()
            .position(|p| p.to_string_lossy().contains("wqy"));
        assert!(noto < wqy);
    }

    #[test]
    fn simplified_faces_are_recognised_by_name() {
        assert!(is_simplified("AR PL UMing CN"));
        assert!(is_simplified("Noto Serif CJK SC"));
        assert!(is_simplified("Microsoft YaHei"));
        assert!(!is_simplified("AR PL UMing TW"));
        assert!(!is_simplified("Noto Serif CJK JP"));
        assert!(!is_simplified("SCRIPT"));
    }

    #[test]
    fn a_missing_configured_font_is_named() {
        let path = Path::new("/nonexistent/fonts/simsun.ttc");
        let err = DocumentFont::discover(Some(path)).map(|_| ()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("/nonexistent/fonts/simsun.ttc"),
            "{message}"
        );
        assert!(message.contains("not found"), "{message}");
    }

    #[test]
    fn garbage_is_not_a_font() {
        assert!(matches!(
            DocumentFont::from_bytes(b"not a font".to_vec(), 0),
            Err(FontError::Invalid(_))
        ));
    }

    #[test]
    fn not_found_lists_every_path() {
        let err = FontError::NotFound {
            tried: vec![
                TriedPath {
                    path: "/a/uming.ttc".into(),
                    problem: "not found".into(),
                },
                TriedPath {
                    path: "/b/wqy.ttc".into(),
                    problem: "face 0 has no glyph for 〔".into(),
                },
            ],
        };
        let message = err.to_string();
        assert!(message.contains("/a/uming.ttc (not found)"), "{message}");
        assert!(
            message.contains("/b/wqy.ttc (face 0 has no glyph for 〔)"),
            "{message}"
        );
    }
}
