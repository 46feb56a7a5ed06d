//! A page being drawn: text, lines and shapes as printpdf operators.
//!
//! Coordinates here run from the top left corner downwards, in points, as
//! a layout thinks; they are turned into PDF space (origin bottom left) when
//! the operator is made.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, FontId, Line, LineCapStyle, LineDashPattern,
    LineJoinStyle, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt, Rgb,
    TextItem, TextMatrix, TextRenderingMode, WindingOrder,
};

use super::shaper::Shaper;

/// A4 in points.
pub(crate) const A4_WIDTH: f32 = 595.276;
pub(crate) const A4_HEIGHT: f32 = 841.89;
/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;

/// The resource name of the document's one font.
pub(crate) const FONT_RESOURCE: &str = "F1";

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    pub const BLACK: Rgb8 = Rgb8(0, 0, 0);

    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub size: f32,
    /// Drawn with a thin outline as well: CJK system faces have no bold
    /// weight, and titles are set heavier than the body.
    pub bold: bool,
    pub color: Rgb8,
}

impl TextStyle {
    pub(crate) const fn plain(size: f32) -> Self {
        TextStyle {
            size,
            bold: false,
            color: Rgb8::BLACK,
        }
    }

    pub(crate) const fn bold(size: f32) -> Self {
        TextStyle {
            size,
            bold: true,
            color: Rgb8::BLACK,
        }
    }

    pub(crate) const fn with_color(self, color: Rgb8) -> Self {
        TextStyle { color, ..self }
    }
}

/// Rounds to 1/100 pt: enough for any printer, and it keeps the content
/// streams short and byte-for-byte stable.
fn r(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

pub(crate) struct Page {
    pub width: f32,
    pub height: f32,
    pub ops: Vec<Op>,
}

impl Page {
    pub(crate) fn new(width: f32, height: f32) -> Self {
        Page {
            width,
            height,
            ops: Vec::new(),
        }
    }

    pub(crate) fn a4_portrait() -> Self {
        Self::new(A4_WIDTH, A4_HEIGHT)
    }

    pub(crate) fn a4_landscape() -> Self {
        Self::new(A4_HEIGHT, A4_WIDTH)
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point {
            x: Pt(r(x)),
            y: Pt(r(self.height - y)),
        }
    }

    /// Draws `text` with its baseline at `baseline` (from the top), starting
    /// at `x`. `extra` is added after every glyph but the last (points), to
    /// justify a line. Returns the drawn width.
    pub(crate) fn text_spaced(
        &mut self,
        shaper: &mut Shaper<'_>,
        x: f32,
        baseline: f32,
        style: TextStyle,
        text: &str,
        extra: f32,
    ) -> f32 {
        let glyphs = shaper.glyphs(text);
        if glyphs.is_empty() {
            return 0.0;
        }
        // TJ numbers are in thousandths of an em and move the pen left.
        let kern = if extra == 0.0 {
            0.0
        } else {
            r(-extra * 1000.0 / style.size)
        };
        let count = glyphs.len();
        let mut width = 0.0;
        let codepoints: Vec<Codepoint> = glyphs
            .iter()
            .enumerate()
            .map(|(i, g)| {
                width += g.advance * style.size;
                let offset = if i + 1 < count { kern } else { 0.0 };
                if i + 1 < count {
                    width += extra;
                }
                Codepoint {
                    gid: g.gid,
                    offset,
                    cid: Some(g.ch.to_string()),
                }
            })
            .collect();
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont {
            font: PdfFontHandle::External(FontId(FONT_RESOURCE.to_owned())),
            size: Pt(style.size),
        });
        self.ops.push(Op::SetFillColor {
            col: style.color.color(),
        });
        if style.bold {
            self.ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::FillStroke,
            });
            self.ops.push(Op::SetOutlineColor {
                col: style.color.color(),
            });
            self.ops.push(Op::SetOutlineThickness {
                pt: Pt(r(style.size * 0.035)),
            });
            self.ops.push(Op::SetLineJoinStyle {
                join: LineJoinStyle::Round,
            });
        }
        let origin = self.point(x, baseline);
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(origin.x, origin.y),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(codepoints)],
        });
        if style.bold {
            self.ops.push(Op::SetTextRenderingMode {
                mode: TextRenderingMode::Fill,
            });
        }
        self.ops.push(Op::EndTextSection);
        width
    }

    pub(crate) fn text(
        &mut self,
        shaper: &mut Shaper<'_>,
        x: f32,
        baseline: f32,
        style: TextStyle,
        text: &str,
    ) -> f32 {
        self.text_spaced(shaper, x, baseline, style, text, 0.0)
    }

    /// Text drawn as `shown` but read (copied, searched, extracted) as
    /// `actual`: a title spread out with spaces still reads as one word.
    pub(crate) fn text_centered_as(
        &mut self,
        shaper: &mut Shaper<'_>,
        center: f32,
        baseline: f32,
        style: TextStyle,
        shown: &str,
        actual: &str,
    ) {
        let mut utf16 = vec![0xFE, 0xFF];
        for unit in actual.encode_utf16() {
            utf16.extend_from_slice(&unit.to_be_bytes());
        }
        let mut properties = BTreeMap::new();
        properties.insert(
            "ActualText".to_owned(),
            DictItem::String {
                data: utf16,
                literal: false,
            },
        );
        self.ops.push(Op::BeginMarkedContentWithProperties {
            tag: "Span".to_owned(),
            properties: DictItem::Dict { map: properties },
        });
        self.text_centered(shaper, center, baseline, style, shown);
        self.ops.push(Op::EndMarkedContentWithProperties);
    }

    /// Text centred on `center`.
    pub(crate) fn text_centered(
        &mut self,
        shaper: &mut Shaper<'_>,
        center: f32,
        baseline: f32,
        style: TextStyle,
        text: &str,
    ) {
        let width = shaper.width(text, style.size);
        self.text(shaper, center - width / 2.0, baseline, style, text);
    }

    /// Text ending at `right`.
    pub(crate) fn text_right(
        &mut self,
        shaper: &mut Shaper<'_>,
        right: f32,
        baseline: f32,
        style: TextStyle,
        text: &str,
    ) {
        let width = shaper.width(text, style.size);
        self.text(shaper, right - width, baseline, style, text);
    }

    fn stroke_state(&mut self, color: Rgb8, width: f32, dash: Option<&[f32]>) {
        self.ops.push(Op::SetOutlineColor { col: color.color() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(r(width)) });
        self.ops.push(Op::SetLineCapStyle {
            cap: LineCapStyle::Butt,
        });
        self.ops.push(Op::SetLineJoinStyle {
            join: LineJoinStyle::Miter,
        });
        self.ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, dash.unwrap_or(&[])),
        });
    }

    /// An open polyline.
    pub(crate) fn polyline(
        &mut self,
        points: &[(f32, f32)],
        color: Rgb8,
        width: f32,
        dash: Option<&[f32]>,
    ) {
        if points.len() < 2 {
            return;
        }
        self.ops.push(Op::SaveGraphicsState);
        self.stroke_state(color, width, dash);
        let line = Line {
            points: points
                .iter()
                .map(|&(x, y)| LinePoint {
                    p: self.point(x, y),
                    bezier: false,
                })
                .collect(),
            is_closed: false,
        };
        self.ops.push(Op::DrawLine { line });
        self.ops.push(Op::RestoreGraphicsState);
    }

    pub(crate) fn hline(&mut self, x1: f32, x2: f32, y: f32, color: Rgb8, width: f32) {
        self.polyline(&[(x1, y), (x2, y)], color, width, None);
    }

    /// A closed shape from rings of points; a point marked `true` is a
    /// Bézier control point (two of them, then the end point).
    pub(crate) fn shape(
        &mut self,
        rings: &[Vec<((f32, f32), bool)>],
        fill: Option<Rgb8>,
        stroke: Option<(Rgb8, f32)>,
        dash: Option<&[f32]>,
    ) {
        let mode = match (fill, stroke) {
            (Some(_), Some(_)) => PaintMode::FillStroke,
            (Some(_), None) => PaintMode::Fill,
            (None, Some(_)) => PaintMode::Stroke,
            (None, None) => return,
        };
        self.ops.push(Op::SaveGraphicsState);
        if let Some(fill) = fill {
            self.ops.push(Op::SetFillColor { col: fill.color() });
        }
        if let Some((color, width)) = stroke {
            self.stroke_state(color, width, dash);
        }
        let polygon = Polygon {
            rings: rings
                .iter()
                .map(|ring| PolygonRing {
                    points: ring
                        .iter()
                        .map(|&((x, y), bezier)| LinePoint {
                            p: self.point(x, y),
                            bezier,
                        })
                        .collect(),
                })
                .collect(),
            mode,
            winding_order: WindingOrder::NonZero,
        };
        self.ops.push(Op::DrawPolygon { polygon });
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// A rectangle, top left at (x, y).
    pub(crate) fn rect(
        &mut self,
        (x, y, w, h): (f32, f32, f32, f32),
        fill: Option<Rgb8>,
        stroke: Option<(Rgb8, f32)>,
    ) {
        let ring = vec![
            ((x, y), false),
            ((x + w, y), false),
            ((x + w, y + h), false),
            ((x, y + h), false),
        ];
        self.shape(&[ring], fill, stroke, None);
    }

    /// Many filled rectangles as one path (a QR code's modules).
    pub(crate) fn fill_rects(&mut self, rects: &[(f32, f32, f32, f32)], color: Rgb8) {
        let rings: Vec<Vec<((f32, f32), bool)>> = rects
            .iter()
            .map(|&(x, y, w, h)| {
                vec![
                    ((x, y), false),
                    ((x + w, y), false),
                    ((x + w, y + h), false),
                    ((x, y + h), false),
                ]
            })
            .collect();
        self.shape(&rings, Some(color), None, None);
    }

    /// Clips everything drawn until [`Page::end_clip`] to a rectangle.
    pub(crate) fn begin_clip(&mut self, (x, y, w, h): (f32, f32, f32, f32)) {
        self.ops.push(Op::SaveGraphicsState);
        let ring = [
            ((x, y), false),
            ((x + w, y), false),
            ((x + w, y + h), false),
            ((x, y + h), false),
        ];
        let polygon = Polygon {
            rings: vec![PolygonRing {
                points: ring
                    .iter()
                    .map(|&((px, py), bezier)| LinePoint {
                        p: self.point(px, py),
                        bezier,
                    })
                    .collect(),
            }],
            mode: PaintMode::Clip,
            winding_order: WindingOrder::NonZero,
        };
        self.ops.push(Op::DrawPolygon { polygon });
    }

    pub(crate) fn end_clip(&mut self) {
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// Everything drawn until [`Page::end_transform`] is scaled by `scale`
    /// around the top left corner of the page and then moved by (dx, dy).
    pub(crate) fn begin_transform(&mut self, scale: f32, dx: f32, dy: f32) {
        self.ops.push(Op::SaveGraphicsState);
        // In PDF space: y' = H - (dy + s * (H - y)) = s*y + (1 - s)*H - dy.
        let h = self.height;
        self.ops.push(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([scale, 0.0, 0.0, scale, r(dx), r((1.0 - scale) * h - dy)]),
        });
    }

    pub(crate) fn end_transform(&mut self) {
        self.ops.push(Op::RestoreGraphicsState);
    }
}
