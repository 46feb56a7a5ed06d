//! Replays what the fuzzers found (tests/regressions/) and their seed
//! corpus (fuzz/seeds/): every file must give a report or a typed error,
//! never a panic; the sealed seeds must verify and the seed key files open.
//! A short mutation run (2 048 mutated PDF seeds, 2 048 mutated key files)
//! stands in for the coverage-guided fuzzer (scripts/fuzz.sh) in
//! `cargo test`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use approval_esign::{page_count, signature_count, verify_pdf, Pkcs12Signer};
use proptest::prelude::*;

fn dir(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The files directly in `path`, by name (a README excepted).
fn files(path: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir(path)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    found.sort();
    found
}

fn root() -> Vec<u8> {
    std::fs::read(dir("fuzz/seeds/root.der")).unwrap()
}

fn read_pdf(bytes: &[u8]) {
    let _ = verify_pdf(bytes, &[root()]);
    let _ = page_count(bytes);
    let _ = signature_count(bytes);
}

#[test]
fn pdf_regressions_never_panic() {
    for (name, bytes) in files("tests/regressions/pdf") {
        eprintln!("{name}");
        read_pdf(&bytes);
    }
}

#[test]
fn pkcs12_regressions_never_panic() {
    for (name, bytes) in files("tests/regressions/pkcs12") {
        eprintln!("{name}");
        let _ = Pkcs12Signer::open(&bytes, "fuzz");
    }
}

#[test]
fn the_pdf_seeds_read_and_the_sealed_ones_verify() {
    let seeds = files("fuzz/seeds/pdf");
    assert!(seeds.len() >= 5, "seed corpus missing");
    for (name, bytes) in seeds {
        let report = verify_pdf(&bytes, &[root()]);
        if name.starts_with("sealed") {
            let report = report.unwrap();
            assert!(report.all_valid(), "{name}: {report:?}");
        } else {
            read_pdf(&bytes);
        }
    }
}

#[test]
fn the_pkcs12_seeds_open() {
    let seeds = files("fuzz/seeds/pkcs12");
    assert!(seeds.len() >= 2, "seed corpus missing");
    for (name, bytes) in seeds {
        let opened = Pkcs12Signer::open(&bytes, "fuzz");
        assert!(opened.is_ok(), "{name}: {:?}", opened.err());
    }
}

/// One mutation of a seed file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Set(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    /// Copies a slice of the file over another place.
    Splice(prop::sample::Index, prop::sample::Index, u8),
    Delete(prop::sample::Index, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 0u8..8).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, v)| Mutation::Set(i, v)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            1u8..64
        )
            .prop_map(|(a, b, n)| Mutation::Splice(a, b, n)),
        (any::<prop::sample::Index>(), 1u8..32).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match m {
        Mutation::Flip(i, bit) => {
            let at = i.index(bytes.len());
            bytes[at] ^= 1 << bit;
        }
        Mutation::Set(i, v) => {
            let at = i.index(bytes.len());
            bytes[at] = *v;
        }
        Mutation::Truncate(i) => bytes.truncate(i.index(bytes.len())),
        Mutation::Splice(from, to, n) => {
            let from = from.index(bytes.len());
            let to = to.index(bytes.len());
            let n = usize::from(*n)
                .min(bytes.len() - from)
                .min(bytes.len() - to);
            let piece = bytes[from..from + n].to_vec();
            bytes[to..to + n].copy_from_slice(&piece);
        }
        Mutation::Delete(i, n) => {
            let at = i.index(bytes.len());
            let end = (at + usize::from(*n)).min(bytes.len());
            bytes.drain(at..end);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn mutated_key_files_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let seeds = files("fuzz/seeds/pkcs12");
        let mut bytes = seeds[seed.index(seeds.len())].1.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let _ = Pkcs12Signer::open(&bytes, "fuzz");
    }

    #[test]
    fn mutated_pdf_seeds_never_panic(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let seeds = files("fuzz/seeds/pdf");
        let mut bytes = seeds[seed.index(seeds.len())].1.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        read_pdf(&bytes);
    }
}
