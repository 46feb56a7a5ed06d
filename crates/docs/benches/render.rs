//! Rendering one decision letter, as the app does it before signing: a
//! one-page 准予行政许可决定书 with the font already loaded (it is read once
//! per process). Target: well under 50 ms, since signing follows.
//!
//! ```text
//! cargo bench -p approval-docs --bench render
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_docs::font::DocumentFont;
use approval_docs::sample_documents;
use criterion::{criterion_group, criterion_main, Criterion};

fn render(c: &mut Criterion) {
    let font =
        DocumentFont::discover(None).expect("a CJK font (scripts/install-system-packages.sh)");
    let decision = sample_documents::approval_decision();
    let certificate = sample_documents::certificate();
    let long = sample_documents::long_correction_notice(60);
    c.bench_function("approval decision (1 page)", |b| {
        b.iter(|| decision.render(&font).unwrap())
    });
    c.bench_function("certificate (1 page)", |b| {
        b.iter(|| certificate.render(&font).unwrap())
    });
    c.bench_function("correction notice, 60 materials (6 pages)", |b| {
        b.iter(|| long.render(&font).unwrap())
    });
    c.bench_function("discover the font", |b| {
        b.iter(|| DocumentFont::discover(None).unwrap())
    });
}

criterion_group!(benches, render);
criterion_main!(benches);
