//! The attack corpus (`deskctl pdf attack-corpus`, i.e.
//! `approval_esign::attack_corpus`) built on the demo's sealed decision
//! letter, run through `deskctl pdf verify --json`, poppler's `pdfsig` and
//! pyHanko. The verdicts go side by side into
//! `target/attack-corpus/verdicts.md` (printed too) with the files beside
//! it; ours must refuse every attack with its reason named, and the
//! controls must be valid in all three.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::verifiers::{demo, pdfsig, pyhanko_said};
use common::Profile;

use std::path::{Path, PathBuf};

/// What the manifest says a sound verifier answers.
#[derive(Debug, PartialEq)]
enum Expected {
    Valid,
    Malformed,
    /// Modified after signing, the reason holding these words.
    Modified(Vec<String>),
    /// Intact, but its signer untrusted, the reason holding these words.
    Untrusted(Vec<String>),
}

/// One file of `corpus.json`.
struct Row {
    id: String,
    file: String,
    class: String,
    expected: Expected,
}

fn manifest(text: &str) -> Vec<Row> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
    rows.iter()
        .map(|row| {
            let text = |v: &serde_json::Value| v.as_str().unwrap().to_owned();
            let words = || -> Vec<String> {
                row["expected"]["reason_names"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(text)
                    .collect()
            };
            let expected = match row["expected"]["verdict"].as_str().unwrap() {
                "valid" => Expected::Valid,
                "malformed" => Expected::Malformed,
                "untrusted" => Expected::Untrusted(words()),
                _ => Expected::Modified(words()),
            };
            Row {
                id: text(&row["id"]),
                file: text(&row["file"]),
                class: text(&row["class"]),
                expected,
            }
        })
        .collect()
}

/// Where the table and the files go: the workspace's target folder.
fn out_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("attack-corpus")
}

/// Our verdict, from `deskctl pdf verify --json`: whether every signature
/// is valid, why not (the reason `expected` names if a signature gives it,
/// else the first reason of a signature that is not valid), and whether a
/// signature named the expected reason.
fn ours(p: &Profile, file: &Path, roots: &[&Path], expected: &Expected) -> (bool, String, bool) {
    let mut args = vec!["pdf", "verify", file.to_str().unwrap(), "--json"];
    for root in roots {
        args.extend(["--trust", root.to_str().unwrap()]);
    }
    let output = p.run(&args);
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        let err = String::from_utf8_lossy(&output.stderr).into_owned();
        return (false, format!("unreadable: {}", err.trim()), false);
    };
    let valid = json["all_valid"] == true;
    let signatures = json["signatures"].as_array().cloned().unwrap_or_default();
    let reason = |s: &serde_json::Value| {
        let (code, message) = if s["status"] != "valid" {
            ("status", "status_message")
        } else if s["covers_document"] != true {
            ("coverage", "coverage_message")
        } else {
            ("trust", "trust_message")
        };
        format!(
            "{}: {}",
            s[code].as_str().unwrap_or("?"),
            s[message].as_str().unwrap_or("")
        )
    };
    let named = signatures.iter().find(|s| names_the_reason(expected, s));
    let said = named
        .or_else(|| signatures.iter().find(|s| s["valid"] != true))
        .map(reason)
        .unwrap_or_else(|| {
            if valid {
                "valid".to_owned()
            } else {
                json["verdict"].as_str().unwrap_or("").to_owned()
            }
        });
    (valid, said, named.is_some())
}

/// Whether one signature of our JSON names the reason `expected` says.
fn names_the_reason(expected: &Expected, s: &serde_json::Value) -> bool {
    match expected {
        Expected::Valid => s["valid"] == true,
        Expected::Malformed => s["status"]
            .as_str()
            .is_some_and(|s| s.starts_with("malformed")),
        Expected::Modified(words) => {
            s["coverage"] == "modified_after_signing"
                && words
                    .iter()
                    .all(|w| s["coverage_message"].as_str().unwrap_or("").contains(w))
        }
        Expected::Untrusted(words) => {
            s["status"] == "valid"
                && s["trust"] == "untrusted"
                && words
                    .iter()
                    .all(|w| s["trust_message"].as_str().unwrap_or("").contains(w))
        }
    }
}

/// pdfsig's verdict per signature: ✔ (valid) or ✘ and what it says, and
/// whether it covers the total document.
fn pdfsig_verdict(report: &str) -> (bool, String) {
    let blocks: Vec<&str> = report.split("Signature #").skip(1).collect();
    if blocks.is_empty() {
        let said = report
            .lines()
            .next()
            .unwrap_or("no output")
            .trim()
            .to_owned();
        return (false, format!("no signature: {said}"));
    }
    let mut all_valid = true;
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| {
            let validation = b
                .lines()
                .find_map(|l| l.trim().strip_prefix("- Signature Validation: "))
                .unwrap_or("?")
                .trim_end_matches('.');
            let valid = validation == "Signature is Valid";
            all_valid &= valid;
            let total = if b.contains("- Total document signed") {
                "total"
            } else if b.contains("- Not total document signed") {
                "not total"
            } else {
                "?"
            };
            if valid {
                format!("✔ {total}")
            } else {
                format!("✘ {validation}")
            }
        })
        .collect();
    (all_valid, parts.join("; "))
}

/// pyHanko's bottom line per signature: VALID or INVALID, with the
/// coverage or the modification level it reports.
fn pyhanko_verdict((report, errors): (String, String)) -> (bool, String) {
    let report = report.as_str();
    let blocks: Vec<&str> = report.split("Field ").skip(1).collect();
    let judged: Vec<String> = report
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix("The signature is judged ")
                .map(|v| v.trim_end_matches('.').to_owned())
        })
        .collect();
    if judged.is_empty() {
        let said = errors
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix("Error: "))
            .or_else(|| report.lines().rev().find(|l| !l.trim().is_empty()))
            .unwrap_or("no output")
            .trim()
            .to_owned();
        return (false, format!("error: {said}"));
    }
    let all_valid = judged.iter().all(|j| j == "VALID");
    let notes: Vec<String> = blocks
        .iter()
        .zip(&judged)
        .map(|(b, j)| {
            let detail = if b.contains("The signature covers the entire file.") {
                "whole file"
            } else if b.contains("All modifications relate to signing and form filling") {
                "form filling/signing"
            } else if b.contains("permitted") || b.contains("annotation") {
                "annotations"
            } else if b.contains("does not cover the entire file") {
                "partial"
            } else {
                "?"
            };
            format!("{} {j} ({detail})", if j == "VALID" { "✔" } else { "✘" })
        })
        .collect();
    let notes = if notes.is_empty() {
        judged.join("; ")
    } else {
        notes.join("; ")
    };
    (all_valid, notes)
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[test]
fn every_attack_is_refused_with_its_reason_and_the_verdicts_are_tabled() {
    let p = Profile::empty();
    let (letter, letter_ca) = demo(&p, "ecdsa");

    let out = out_dir();
    let printed = p.ok(&[
        "pdf",
        "attack-corpus",
        "--in",
        letter.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(printed.contains("files"), "{printed}");
    let files = manifest(&std::fs::read_to_string(out.join("corpus.json")).unwrap());
    let corpus_ca = out.join("corpus-ca.pem");
    // pyHanko is given one file of roots: both.
    let both = out.join("roots.pem");
    let roots = [&letter_ca, &corpus_ca].map(|r| std::fs::read_to_string(r).unwrap());
    std::fs::write(&both, roots.concat()).unwrap();

    let mut table = String::from(
        "| id | class | ours (`deskctl pdf verify`) | pdfsig | pyHanko |\n|---|---|---|---|---|\n",
    );
    let mut failures = Vec::new();
    let mut pyhanko_accepts = Vec::new();
    for file in &files {
        let path = out.join(&file.file);
        let (our_valid, our_reason, named) =
            ours(&p, &path, &[&letter_ca, &corpus_ca], &file.expected);
        let (pdfsig_valid, pdfsig_says) = pdfsig_verdict(&pdfsig(&path));
        let (hanko_valid, hanko_says) = pyhanko_verdict(pyhanko_said(&path, &both));
        let control = file.expected == Expected::Valid;
        let ours_cell = if our_valid {
            "✔ valid".to_owned()
        } else {
            format!("✘ {our_reason}")
        };
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            file.id,
            file.class,
            cell(&ours_cell),
            cell(&pdfsig_says),
            cell(&hanko_says)
        ));
        if control {
            if !(our_valid && pdfsig_valid && hanko_valid) {
                failures.push(format!(
                    "control {}: ours {our_reason} / pdfsig {pdfsig_says} / pyHanko {hanko_says}",
                    file.id
                ));
            }
            continue;
        }
        if our_valid || !named {
            failures.push(format!(
                "{}: ours says {our_reason}, expected {:?}",
                file.id, file.expected
            ));
        }
        if hanko_valid {
            pyhanko_accepts.push(file.id.clone());
        }
    }
    let attacks = files
        .iter()
        .filter(|f| f.expected != Expected::Valid)
        .count();
    table.push_str(&format!(
        "\n{} files ({} attacks, {} controls). pyHanko accepts as valid: {}.\n",
        files.len(),
        attacks,
        files.len() - attacks,
        if pyhanko_accepts.is_empty() {
            "none".to_owned()
        } else {
            pyhanko_accepts
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    ));
    std::fs::write(out.join("verdicts.md"), &table).unwrap();
    println!("{table}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
