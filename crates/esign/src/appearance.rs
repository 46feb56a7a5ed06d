//! What a visible signature looks like and where it sits.

/// A signature's visible appearance: a self-contained content stream drawn
/// in a form box from (0, 0) to (`width`, `height`) in PDF points. It uses
/// only path, colour and graphics-state operators (text is drawn as glyph
/// outlines), so the form needs no resources.
#[derive(Debug, Clone, PartialEq)]
pub struct Appearance {
    pub width: f32,
    pub height: f32,
    pub content: Vec<u8>,
}

/// Where the visible signature goes: a page (0-based) and a rectangle in
/// that page's default user space, `[llx, lly, urx, ury]` in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub page_index: usize,
    pub rect: [f32; 4],
}
