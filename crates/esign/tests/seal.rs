//! The visible seal, drawn with the real Song face and rendered by poppler
//! the way a reader sees it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../docs/examples/seal/one_page_pdf.rs"]
mod one_page_pdf;

use std::path::Path;
use std::process::Command;

use approval_esign::{face_index_by_family, seal_appearance, SealError, SealSpec};

const UMING: &str = "/usr/share/fonts/truetype/arphic/uming.ttc";
const MICROHEI: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

fn font(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| {
        panic!("{path}: {e}; the CJK fonts come from scripts/install-system-packages.sh")
    })
}

fn spec(code: Option<&str>) -> SealSpec {
    SealSpec {
        department: "某某市某某区行政审批局".to_owned(),
        purpose: "行政审批专用章".to_owned(),
        code: code.map(str::to_owned),
    }
}

/// Renders the appearance alone on a page of its own size at 72 dpi × 2,
/// so one seal unit is easy to find in pixels; returns (width, rgb bytes).
fn render(appearance: &approval_esign::Appearance) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("seal.pdf");
    let pdf_bytes =
        one_page_pdf::one_page_pdf(std::slice::from_ref(appearance), appearance.width, 0.0);
    std::fs::write(&pdf, pdf_bytes).unwrap();
    let out = dir.path().join("seal");
    let status = Command::new("pdftoppm")
        .args(["-r", "144", "-singlefile"])
        .arg(&pdf)
        .arg(&out)
        .status()
        .unwrap_or_else(|e| {
            panic!("pdftoppm: {e}; poppler-utils comes from scripts/install-system-packages.sh")
        });
    assert!(status.success(), "pdftoppm failed on the seal PDF");
    parse_ppm(&std::fs::read(out.with_extension("ppm")).unwrap())
}

fn parse_ppm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    // "P6\n<w> <h>\n255\n" then RGB triples.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P6");
    let w: usize = fields[1].parse().unwrap();
    let h: usize = fields[2].parse().unwrap();
    (w, h, bytes[at + 1..].to_vec())
}

fn is_red(rgb: &[u8]) -> bool {
    rgb[0] > 150 && rgb[1] < 110 && rgb[2] < 110
}

fn is_white(rgb: &[u8]) -> bool {
    rgb.iter().all(|&c| c > 240)
}

/// Share of red pixels among those whose position, in units of the seal's
/// radius from its centre (y up), satisfies `inside`.
fn red_share(image: &(usize, usize, Vec<u8>), inside: impl Fn(f32, f32) -> bool) -> f32 {
    let (w, h, rgb) = image;
    let r = *w as f32 / 2.0;
    let (mut red, mut all) = (0, 0);
    for y in 0..*h {
        for x in 0..*w {
            let (u, v) = ((x as f32 + 0.5 - r) / r, (r - y as f32 - 0.5) / r);
            if inside(u, v) {
                all += 1;
                let i = (y * w + x) * 3;
                if is_red(&rgb[i..i + 3]) {
                    red += 1;
                }
            }
        }
    }
    assert!(all > 0);
    red as f32 / all as f32
}

#[test]
fn the_seal_is_a_red_ring_with_the_name_above_a_star_and_the_purpose_below() {
    let bytes = font(UMING);
    let face = face_index_by_family(&bytes, "AR PL UMing CN").expect("AR PL UMing CN face");
    let seal = seal_appearance(&spec(Some("3301060012345")), &bytes, face, 120.0).unwrap();
    assert_eq!((seal.width, seal.height), (120.0, 120.0));

    // Self-contained: nothing but paths, colours and graphics state.
    let content = String::from_utf8(seal.content.clone()).unwrap();
    for token in content.split_whitespace() {
        assert!(
            !["BT", "Tf", "Tj", "TJ", "Do", "BI", "sh"].contains(&token) && !token.starts_with('/'),
            "the appearance uses {token}, which would need a resource"
        );
    }

    let image = render(&seal);
    let ring = red_share(&image, |u, v| {
        let d = (u * u + v * v).sqrt();
        (0.94..0.97).contains(&d)
    });
    assert!(ring > 0.95, "the ring is solid red: {ring}");
    let star_core = red_share(&image, |u, v| u * u + v * v < 0.08 * 0.08);
    assert!(star_core > 0.95, "the star's middle is red: {star_core}");
    // The name: plenty of ink in the band along the upper arc.
    let name = red_share(&image, |u, v| {
        let d = (u * u + v * v).sqrt();
        v > 0.0 && (0.6..0.86).contains(&d)
    });
    assert!((0.15..0.7).contains(&name), "name band ink: {name}");
    // The purpose: ink in the band below the star.
    let purpose = red_share(&image, |u, v| (-0.53..-0.36).contains(&v) && u.abs() < 0.4);
    assert!((0.1..0.7).contains(&purpose), "purpose line ink: {purpose}");
    // Clear gaps: between the ring and the name, around the star's tips.
    let gap = red_share(&image, |u, v| {
        let d = (u * u + v * v).sqrt();
        v > 0.3 && (0.885..0.905).contains(&d)
    });
    assert!(gap < 0.03, "gap inside the ring: {gap}");
    let (w, _, rgb) = &image;
    assert!(is_white(&rgb[0..3]), "the box corner stays white");
    assert!(is_white(&rgb[(w - 1) * 3..w * 3]));
}

#[test]
fn any_cjk_face_works_and_the_size_follows_the_diameter() {
    let bytes = font(MICROHEI);
    let seal = seal_appearance(&spec(None), &bytes, 0, 60.0).unwrap();
    assert_eq!(seal.width, 60.0);
    let image = render(&seal);
    assert_eq!(image.0, 120);
    let star_core = red_share(&image, |u, v| u * u + v * v < 0.08 * 0.08);
    assert!(star_core > 0.9, "{star_core}");
}

#[test]
fn a_character_the_font_lacks_is_named() {
    let bytes = font(MICROHEI);
    let mut spec = spec(None);
    spec.department = "某某局\u{1F600}".to_owned();
    match seal_appearance(&spec, &bytes, 0, 100.0) {
        Err(error @ SealError::MissingGlyph('\u{1F600}')) => {
            let text = error.to_string();
            assert!(
                text.contains('\u{1F600}') && text.contains("1F600"),
                "{text}"
            );
        }
        other => panic!("expected a missing glyph, got {other:?}"),
    }
}

#[test]
fn nonsense_input_is_refused_not_drawn() {
    let bytes = font(MICROHEI);
    let empty = SealSpec {
        department: "  ".to_owned(),
        ..spec(None)
    };
    assert!(matches!(
        seal_appearance(&empty, &bytes, 0, 100.0),
        Err(SealError::EmptyDepartment)
    ));
    assert!(matches!(
        seal_appearance(&spec(None), &bytes, 0, -1.0),
        Err(SealError::Diameter(_))
    ));
    assert!(matches!(
        seal_appearance(&spec(None), b"not a font", 0, 100.0),
        Err(SealError::Font { .. })
    ));
    assert!(face_index_by_family(&bytes, "No Such Family").is_none());
    assert!(Path::new(UMING).exists());
}
