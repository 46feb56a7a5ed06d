//! The visible seal (公章): a round red seal drawn as vector graphics.
//!
//! The layout follows the national style for official seals: a thick red
//! ring, the department name set along the upper arc with each character
//! upright towards the centre, a five-pointed star in the middle, the seal's
//! purpose (e.g. 行政审批专用章) as a straight line below the star and, when
//! given, the seal's code number along the bottom arc.
//!
//! All text is drawn as filled glyph outlines taken from the font, so the
//! resulting [`Appearance`] needs no font resource: it looks the same in every
//! viewer, and no font has to be embedded (or licensed for embedding) in the
//! signed PDF.

use std::f32::consts::PI;
use std::fmt::Write as _;

use ttf_parser::{Face, OutlineBuilder};

use crate::appearance::Appearance;

/// What the seal says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealSpec {
    /// The department's full name (单位名称), set along the upper arc.
    pub department: String,
    /// What the seal is for (印章用途), e.g. 行政审批专用章, below the star.
    pub purpose: String,
    /// The seal's code number (印章编码), along the bottom arc when given.
    pub code: Option<String>,
}

/// Why a seal could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The font bytes are not a font (or the collection has no such face).
    #[error("印章字体无法读取（字面 {face_index}）：{reason}")]
    Font { face_index: u32, reason: String },
    /// The font has no outline for a character the seal needs.
    #[error("印章字体缺少字符「{0}」（U+{code:04X}）的字形", code = u32::from(*.0))]
    MissingGlyph(char),
    /// The department name is empty: a seal without its owner means nothing.
    #[error("印章缺少单位名称")]
    EmptyDepartment,
    /// The diameter is not a positive number of points.
    #[error("印章直径无效：{0}")]
    Diameter(f32),
}

/// The official seal red (印章红).
const RED: [f32; 3] = [0.86, 0.08, 0.08];

// Proportions as fractions of the seal's radius R. They follow the common
// 42 mm seal: a ring of about 1.2 mm, name characters of about 6.5 mm, a star
// of about 14 mm across.
/// Outer edge of the ring; a hair inside the box so anti-aliasing is not cut.
const RING_OUTER: f32 = 0.99;
const RING_WIDTH: f32 = 0.065;
/// Gap between the ring and the tops of the name characters.
const RING_GAP: f32 = 0.05;
const NAME_HEIGHT: f32 = 0.31;
/// Widest a name character may be, relative to its height (seal characters
/// are never wider than tall; long names get narrower ones).
const NAME_MAX_ASPECT: f32 = 0.75;
const NAME_MIN_ASPECT: f32 = 0.5;
const STAR_RADIUS: f32 = 0.32;
/// Inner to outer radius of a regular five-pointed star: sin 18° / sin 54°.
const STAR_INNER_RATIO: f32 = 0.381_966;
const PURPOSE_TOP: f32 = -0.40;
const PURPOSE_HEIGHT: f32 = 0.19;
const PURPOSE_MAX_ASPECT: f32 = 0.85;
const CODE_HEIGHT: f32 = 0.10;
const CODE_ASPECT: f32 = 0.6;
/// The outline drawn around every glyph to make it heavier.
const GLYPH_STROKE: f32 = 0.008;

/// Draws the seal for `spec`, `diameter_pt` points across, with glyphs from
/// face `face_index` of `font_bytes` (a TrueType/OpenType font or collection).
///
/// Errors name the first character the font cannot draw.
pub fn seal_appearance(
    spec: &SealSpec,
    font_bytes: &[u8],
    face_index: u32,
    diameter_pt: f32,
) -> Result<Appearance, SealError> {
    if !(diameter_pt.is_finite() && diameter_pt > 0.0) {
        return Err(SealError::Diameter(diameter_pt));
    }
    let face = Face::parse(font_bytes, face_index).map_err(|e| SealError::Font {
        face_index,
        reason: e.to_string(),
    })?;
    // Seals carry no spaces; stray ones from data entry would only leave gaps.
    let department = glyphs(&face, &spec.department)?;
    if department.is_empty() {
        return Err(SealError::EmptyDepartment);
    }
    let purpose = glyphs(&face, &spec.purpose)?;
    let code = match &spec.code {
        Some(code) => glyphs(&face, code)?,
        None => Vec::new(),
    };

    let r = diameter_pt / 2.0;
    let mut pen = Pen::new(r);
    let [red, green, blue] = RED;
    pen.line(format_args!(
        "q {} {} {} rg {} {} {} RG",
        num(red),
        num(green),
        num(blue),
        num(red),
        num(green),
        num(blue)
    ));

    // The ring: stroked so its width is exact whatever the size.
    pen.line(format_args!("{} w", num(RING_WIDTH * r)));
    pen.circle(r * (RING_OUTER - RING_WIDTH / 2.0));
    pen.line(format_args!("S"));

    pen.star(STAR_RADIUS * r);
    pen.line(format_args!("f"));

    // Glyphs are filled and outlined with a thin round-joined stroke: seal
    // engravings are heavier than a book face's light strokes.
    pen.line(format_args!("{} w 1 j", num(GLYPH_STROKE * r)));
    let code_span = draw_code(&mut pen, &code);
    let name_cells = draw_department(&mut pen, &department, code_span);
    draw_purpose(&mut pen, &purpose, &name_cells, code_span > 0.0);
    pen.line(format_args!("Q"));

    Ok(Appearance {
        width: diameter_pt,
        height: diameter_pt,
        content: pen.out.into_bytes(),
    })
}

/// The index of the face in a font collection whose family name is `family`
/// (e.g. "AR PL UMing CN" in `uming.ttc`), or `None`. A single font counts as
/// a collection of one.
pub fn face_index_by_family(font_bytes: &[u8], family: &str) -> Option<u32> {
    let count = ttf_parser::fonts_in_collection(font_bytes).unwrap_or(1);
    (0..count).find(|&index| {
        Face::parse(font_bytes, index).is_ok_and(|face| {
            face.names().into_iter().any(|name| {
                (name.name_id == ttf_parser::name_id::FAMILY
                    || name.name_id == ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
                    && name.to_string().as_deref() == Some(family)
            })
        })
    })
}

/// The top of the name characters, from the centre, in units of R.
const NAME_TOP: f32 = RING_OUTER - RING_WIDTH - RING_GAP;

/// How the department name is laid out along the upper arc.
struct NameLayout {
    /// Arc from the first character's outer edge to the last one's, radians.
    span: f32,
    height: f32,
    width: f32,
}

fn name_layout(count: usize, code_span: f32) -> NameLayout {
    let n = count as f32;
    // Short names get about 210°, long ones up to 270° (never closing the
    // ring: the bottom stays open as on every official seal).
    let mut span_deg = (180.0 + 7.0 * n).clamp(210.0, 270.0);
    if code_span > 0.0 {
        // Leave the code its arc at the bottom plus a gap on either side.
        span_deg = span_deg.min(360.0 - code_span.to_degrees() - 40.0);
    }
    let span = span_deg.to_radians();
    let slot = span / n;
    let mut height = NAME_HEIGHT;
    let mut width = 0.0;
    // Twice: a narrow slot lowers the height, which moves the baseline out.
    for _ in 0..2 {
        // Neighbouring characters are rectangles turned by `slot`; measured
        // a quarter up from their baseline they must not touch.
        let radius = NAME_TOP - 0.75 * height;
        let fit = 0.9 * 2.0 * radius * (slot / 2.0).tan();
        width = fit.min(NAME_MAX_ASPECT * height);
        if width < NAME_MIN_ASPECT * height {
            height = width / NAME_MIN_ASPECT;
        }
    }
    NameLayout {
        span,
        height,
        width,
    }
}

/// Draws the name; returns the corners of the characters' cells (units of
/// R), which the purpose line must keep clear of.
fn draw_department(pen: &mut Pen, glyphs: &[Glyph], code_span: f32) -> Vec<(f32, f32)> {
    let mut corners = Vec::new();
    let layout = name_layout(glyphs.len(), code_span);
    let (low, high) = line_box(glyphs);
    let slot = layout.span / glyphs.len() as f32;
    let baseline = NAME_TOP - layout.height;
    for (i, glyph) in glyphs.iter().enumerate() {
        // Angle clockwise from 12 o'clock: left to right through the top.
        let theta = -layout.span / 2.0 + (i as f32 + 0.5) * slot;
        let (sin, cos) = theta.sin_cos();
        // The character's "up" points away from the centre, its writing
        // direction along the clockwise tangent.
        let place = Affine {
            a: cos,
            b: -sin,
            c: sin,
            d: cos,
            e: baseline * sin,
            f: baseline * cos,
        };
        for (x, y) in [(-0.5, 0.0), (0.5, 0.0), (-0.5, 1.0), (0.5, 1.0)] {
            corners.push(place.apply(x * layout.width, y * layout.height));
        }
        pen.glyph(glyph, low, high, layout.width, layout.height, &place);
    }
    corners
}

/// Draws the code along the bottom arc; returns the arc it takes (radians).
fn draw_code(pen: &mut Pen, glyphs: &[Glyph]) -> f32 {
    if glyphs.is_empty() {
        return 0.0;
    }
    let (low, high) = line_box(glyphs);
    let height = CODE_HEIGHT;
    let width = CODE_ASPECT * height;
    // The digits stand on the ring (their feet outwards) and read left to
    // right, as on real seals.
    let outer = NAME_TOP;
    let middle = outer - height / 2.0;
    let slot = 1.15 * width / middle;
    let span = slot * glyphs.len() as f32;
    for (i, glyph) in glyphs.iter().enumerate() {
        let theta = PI + span / 2.0 - (i as f32 + 0.5) * slot;
        let (sin, cos) = theta.sin_cos();
        let place = Affine {
            a: -cos,
            b: sin,
            c: -sin,
            d: -cos,
            e: outer * sin,
            f: outer * cos,
        };
        pen.glyph(glyph, low, high, width, height, &place);
    }
    span
}

fn draw_purpose(pen: &mut Pen, glyphs: &[Glyph], name_cells: &[(f32, f32)], has_code: bool) {
    if glyphs.is_empty() {
        return;
    }
    let (low, high) = line_box(glyphs);
    let mut height = PURPOSE_HEIGHT;
    let bottom = PURPOSE_TOP - height;
    // Room for the line: inside the ring (or the code's arc) with a margin,
    // and clear of the name's last characters where they come down this low.
    let outer = if has_code {
        NAME_TOP - CODE_HEIGHT - 0.05
    } else {
        NAME_TOP - 0.05
    };
    let mut half_room = (outer * outer - bottom * bottom).max(0.0).sqrt();
    for &(x, y) in name_cells {
        if (bottom - 0.06..PURPOSE_TOP + 0.06).contains(&y) {
            half_room = half_room.min(x.abs() - 0.06);
        }
    }
    let n = glyphs.len() as f32;
    let pitch = (2.0 * half_room.max(0.0) / n).min(0.95 * height);
    let mut width = 0.9 * pitch;
    if width < NAME_MIN_ASPECT * height {
        height = width / NAME_MIN_ASPECT;
    }
    width = width.min(PURPOSE_MAX_ASPECT * height);
    let baseline = PURPOSE_TOP - height;
    for (i, glyph) in glyphs.iter().enumerate() {
        let x = (i as f32 + 0.5 - n / 2.0) * pitch;
        let place = Affine {
            a: 1.0,
            b: 0.0,
            c: 0.0,
            d: 1.0,
            e: x,
            f: baseline,
        };
        pen.glyph(glyph, low, high, width, height, &place);
    }
}

/// The vertical extent shared by a line of glyphs, so that all characters of
/// a line sit on one baseline and have one height.
fn line_box(glyphs: &[Glyph]) -> (f32, f32) {
    let low = glyphs.iter().map(|g| g.y_min).fold(f32::INFINITY, f32::min);
    let high = glyphs
        .iter()
        .map(|g| g.y_max)
        .fold(f32::NEG_INFINITY, f32::max);
    (low, high.max(low + 1.0))
}

/// One character's outline in font units.
struct Glyph {
    advance: f32,
    y_min: f32,
    y_max: f32,
    segments: Vec<Segment>,
}

#[derive(Clone, Copy)]
enum Segment {
    Move(f32, f32),
    Line(f32, f32),
    Curve(f32, f32, f32, f32, f32, f32),
    Close,
}

fn glyphs(face: &Face<'_>, text: &str) -> Result<Vec<Glyph>, SealError> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|ch| {
            let id = face
                .glyph_index(ch)
                .filter(|id| id.0 != 0)
                .ok_or(SealError::MissingGlyph(ch))?;
            let mut recorder = Recorder::default();
            let bbox = face
                .outline_glyph(id, &mut recorder)
                .ok_or(SealError::MissingGlyph(ch))?;
            let advance = face
                .glyph_hor_advance(id)
                .map_or(f32::from(bbox.x_max), f32::from);
            Ok(Glyph {
                advance: advance.max(1.0),
                y_min: f32::from(bbox.y_min),
                y_max: f32::from(bbox.y_max),
                segments: recorder.segments,
            })
        })
        .collect()
}

/// Records an outline, turning TrueType's quadratic curves into the cubic
/// ones PDF paths have.
#[derive(Default)]
struct Recorder {
    segments: Vec<Segment>,
    current: (f32, f32),
}

impl OutlineBuilder for Recorder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.segments.push(Segment::Move(x, y));
        self.current = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.segments.push(Segment::Line(x, y));
        self.current = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // The cubic with control points 2/3 of the way to the quadratic's
        // control point is the same curve.
        let (x0, y0) = self.current;
        self.segments.push(Segment::Curve(
            x0 + 2.0 / 3.0 * (x1 - x0),
            y0 + 2.0 / 3.0 * (y1 - y0),
            x + 2.0 / 3.0 * (x1 - x),
            y + 2.0 / 3.0 * (y1 - y),
            x,
            y,
        ));
        self.current = (x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.segments.push(Segment::Curve(x1, y1, x2, y2, x, y));
        self.current = (x, y);
    }

    fn close(&mut self) {
        self.segments.push(Segment::Close);
    }
}

/// A 2-D affine map `(x, y) -> (a x + c y + e, b x + d y + f)`, as PDF's `cm`.
struct Affine {
    a: f32,
    b: f32,
    c: f32,
    d: f32,
    e: f32,
    f: f32,
}

impl Affine {
    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        (
            self.a * x + self.c * y + self.e,
            self.b * x + self.d * y + self.f,
        )
    }
}

/// Writes path operators in the form box: input coordinates are in units of
/// R around the seal's centre, output in points from the box's lower left.
struct Pen {
    r: f32,
    out: String,
}

impl Pen {
    fn new(r: f32) -> Self {
        Pen {
            r,
            out: String::new(),
        }
    }

    fn line(&mut self, args: std::fmt::Arguments<'_>) {
        // Writing to a String cannot fail.
        let _ = self.out.write_fmt(args);
        self.out.push('\n');
    }

    fn point(&self, x: f32, y: f32) -> String {
        format!("{} {}", num(self.r + x * self.r), num(self.r + y * self.r))
    }

    fn circle(&mut self, radius_pt: f32) {
        // Four cubic quarter arcs; 0.5523 puts the midpoints on the circle.
        let k = 0.552_284_8 * radius_pt;
        let (cx, cy, rr) = (self.r, self.r, radius_pt);
        let p = |x: f32, y: f32| format!("{} {}", num(x), num(y));
        self.line(format_args!("{} m", p(cx + rr, cy)));
        self.line(format_args!(
            "{} {} {} c",
            p(cx + rr, cy + k),
            p(cx + k, cy + rr),
            p(cx, cy + rr)
        ));
        self.line(format_args!(
            "{} {} {} c",
            p(cx - k, cy + rr),
            p(cx - rr, cy + k),
            p(cx - rr, cy)
        ));
        self.line(format_args!(
            "{} {} {} c",
            p(cx - rr, cy - k),
            p(cx - k, cy - rr),
            p(cx, cy - rr)
        ));
        self.line(format_args!(
            "{} {} {} c",
            p(cx + k, cy - rr),
            p(cx + rr, cy - k),
            p(cx + rr, cy)
        ));
        self.line(format_args!("h"));
    }

    /// A five-pointed star centred on the seal, one point straight up.
    fn star(&mut self, radius_pt: f32) {
        let outer = radius_pt / self.r;
        for i in 0..10 {
            let radius = if i % 2 == 0 {
                outer
            } else {
                outer * STAR_INNER_RATIO
            };
            let angle = PI / 2.0 + i as f32 * PI / 5.0;
            let point = self.point(radius * angle.cos(), radius * angle.sin());
            let op = if i == 0 { "m" } else { "l" };
            self.line(format_args!("{point} {op}"));
        }
        self.line(format_args!("h"));
    }

    /// Fills `glyph` scaled into a cell `width` x `height` (units of R) whose
    /// baseline centre is the origin of `place`. `low..high` is the line's
    /// vertical extent in font units.
    fn glyph(
        &mut self,
        glyph: &Glyph,
        low: f32,
        high: f32,
        width: f32,
        height: f32,
        place: &Affine,
    ) {
        let sx = width / glyph.advance;
        let sy = height / (high - low);
        let half = glyph.advance / 2.0;
        let map = |x: f32, y: f32| place.apply((x - half) * sx, (y - low) * sy);
        for segment in &glyph.segments {
            match *segment {
                Segment::Move(x, y) => {
                    let (x, y) = map(x, y);
                    let p = self.point(x, y);
                    self.line(format_args!("{p} m"));
                }
                Segment::Line(x, y) => {
                    let (x, y) = map(x, y);
                    let p = self.point(x, y);
                    self.line(format_args!("{p} l"));
                }
                Segment::Curve(x1, y1, x2, y2, x, y) => {
                    let (x1, y1) = map(x1, y1);
                    let (x2, y2) = map(x2, y2);
                    let (x, y) = map(x, y);
                    let (p1, p2, p) = (self.point(x1, y1), self.point(x2, y2), self.point(x, y));
                    self.line(format_args!("{p1} {p2} {p} c"));
                }
                Segment::Close => self.line(format_args!("h")),
            }
        }
        // Each glyph is its own path: TrueType holes wind the other way, so
        // the non-zero rule keeps them open; `B` fills, then strokes.
        self.line(format_args!("B"));
    }
}

/// A number as PDF wants it: at most two decimals, no exponent, no "-0".
fn num(v: f32) -> String {
    let mut s = format!("{v:.2}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_owned();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.345), "12.35");
    }

    #[test]
    fn quadratics_become_the_same_cubics() {
        let mut r = Recorder::default();
        r.move_to(0.0, 0.0);
        r.quad_to(3.0, 3.0, 6.0, 0.0);
        match r.segments[1] {
            Segment::Curve(x1, y1, x2, y2, x, y) => {
                assert_eq!((x1, y1, x2, y2, x, y), (2.0, 2.0, 4.0, 2.0, 6.0, 0.0));
            }
            _ => panic!("expected a cubic"),
        }
    }

    #[test]
    fn long_names_take_more_arc_but_never_close_the_ring() {
        let short = name_layout(4, 0.0);
        let long = name_layout(30, 0.0);
        assert!((short.span.to_degrees() - 210.0).abs() < 0.01);
        assert!((long.span.to_degrees() - 270.0).abs() < 0.01);
        assert!(long.width >= NAME_MIN_ASPECT * long.height * 0.999);
    }
}
