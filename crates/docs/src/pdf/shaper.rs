//! Characters to glyphs, with their advances, and the record of which glyphs
//! a document uses (the font is subset to exactly those).
//!
//! No OpenType shaping: Chinese needs none (one character, one glyph, no
//! kerning in the faces we use), and Latin text in these documents is
//! numbers and codes.

use std::collections::{BTreeMap, BTreeSet};

use ttf_parser::{Face, GlyphId};

use super::font::DocumentFont;
use super::RenderError;

/// One positioned glyph's source.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub gid: u16,
    pub ch: char,
    /// The advance in em.
    pub advance: f32,
}

pub(crate) struct Shaper<'f> {
    face: Face<'f>,
    units_per_em: f32,
    font_name: &'f str,
    /// Glyph id → the character it shows (for the ToUnicode map).
    used: BTreeMap<u16, char>,
    missing: BTreeSet<char>,
}

impl<'f> Shaper<'f> {
    pub(crate) fn new(font: &'f DocumentFont) -> Result<Self, RenderError> {
        let face = font.face()?;
        let units_per_em = f32::from(face.units_per_em().max(1));
        Ok(Shaper {
            face,
            units_per_em,
            font_name: font.name(),
            used: BTreeMap::new(),
            missing: BTreeSet::new(),
        })
    }

    /// Tabs and the odd control character from pasted text become blanks;
    /// line breaks are the caller's business (they never reach a glyph).
    fn normal(c: char) -> char {
        if c.is_control() {
            ' '
        } else {
            c
        }
    }

    fn lookup(&self, c: char) -> Option<(GlyphId, f32)> {
        let gid = self.face.glyph_index(Self::normal(c))?;
        let advance = self.face.glyph_hor_advance(gid).map(f32::from)?;
        Some((gid, advance / self.units_per_em))
    }

    /// The advance of `c` in em (1 em for a character the face lacks: it
    /// is reported when the text is drawn).
    pub(crate) fn advance(&self, c: char) -> f32 {
        self.lookup(c).map(|(_, a)| a).unwrap_or(1.0)
    }

    /// The width of `text` in points at `size`.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The glyphs of `text`, noting them as used.
    pub(crate) fn glyphs(&mut self, text: &str) -> Vec<Glyph> {
        let mut out = Vec::with_capacity(text.len());
        for c in text.chars() {
            match self.lookup(c) {
                Some((gid, advance)) => {
                    self.used.insert(gid.0, Self::normal(c));
                    out.push(Glyph {
                        gid: gid.0,
                        ch: Self::normal(c),
                        advance,
                    });
                }
                None => {
                    self.missing.insert(c);
                }
            }
        }
        out
    }

    /// The glyphs used, once everything is drawn; an error names every
    /// character the face could not draw (a rare name character, 生僻字,
    /// must not silently vanish from an official document).
    pub(crate) fn finish(self) -> Result<BTreeMap<u16, char>, RenderError> {
        if self.missing.is_empty() {
            Ok(self.used)
        } else {
            Err(RenderError::MissingGlyphs {
                font: self.font_name.to_owned(),
                chars: self.missing.into_iter().collect(),
            })
        }
    }
}
