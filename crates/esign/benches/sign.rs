//! Signing a ~50 KB one-page PDF with a visible seal, RSA-2048 and P-256.
//! The target for render + sign of a letter is under 50 ms in total.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use approval_esign::testca::TestCa;
use approval_esign::{sign_pdf, verify_pdf, Appearance, KeyKind, Placement, SignRequest};
use chrono::{FixedOffset, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let pdf = common::classic_pdf(50 * 1024);
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    // A seal-sized appearance: a few KB of path operators.
    let mut content = Vec::new();
    for i in 0..400 {
        content
            .extend_from_slice(format!("{i}.5 {i}.25 m {}.75 {}.5 l S\n", i + 3, i + 1).as_bytes());
    }
    let request = SignRequest {
        field_name: "审批专用章".into(),
        reason: Some("准予行政许可".into()),
        location: Some("浙江省杭州市".into()),
        name: Some("市场监督管理局".into()),
        signing_time: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2025, 3, 1, 9, 30, 0)
            .unwrap(),
        visible: Some((
            Placement {
                page_index: 0,
                rect: [400.0, 80.0, 520.0, 200.0],
            },
            Appearance {
                width: 120.0,
                height: 120.0,
                content,
            },
        )),
    };
    for (kind, label) in [(KeyKind::Rsa2048, "rsa2048"), (KeyKind::P256, "p256")] {
        let ca = TestCa::generate("Bench Root", kind, from, to).unwrap();
        let seal = ca.issue_seal("市场监督管理局", kind, from, to).unwrap();
        c.bench_function(&format!("sign_pdf 50KB {label}"), |b| {
            b.iter(|| sign_pdf(&pdf, &seal, &request).unwrap())
        });
        let signed = sign_pdf(&pdf, &seal, &request).unwrap();
        c.bench_function(&format!("verify_pdf 50KB {label}"), |b| {
            b.iter(|| verify_pdf(&signed, &[ca.root_der()]).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
