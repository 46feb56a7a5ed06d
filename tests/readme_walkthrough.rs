//! The README's walkthrough, run as written (issue 14): every ```sh block
//! between `<!-- walkthrough` and `<!-- /walkthrough -->` in README.md, in
//! order, in one `bash -euo pipefail`, from the repository's root, with the
//! workspace's own `deskctl` first on the PATH. A command that fails fails
//! this test, naming its README line; so does an output the walkthrough
//! promises that is missing.
//!
//! The walkthrough makes its own throwaway profile; HOME, XDG_DATA_HOME and
//! TMPDIR point into this test's temporary folder all the same, so the
//! machine's real profile is never touched even if the README lost that
//! line, and the walkthrough's `mktemp -d` is cleaned up with the test.
//!
//! The binaries are the workspace's own (`scripts/test.sh` builds them
//! before the tests run; by hand: `cargo build -p deskctl`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use approval_desk_tests::workspace_binary;

const START: &str = "<!-- walkthrough";
const END: &str = "<!-- /walkthrough -->";
/// Printed on stdout before each block, followed by the block's number.
const BLOCK_MARK: &str = "::walkthrough-block ";

/// The folder of the workspace's binaries, which must hold `name`.
fn binary_folder(name: &str) -> PathBuf {
    let binary = workspace_binary(name);
    match binary.parent() {
        Some(folder) => folder.to_path_buf(),
        None => panic!("{} has no folder", binary.display()),
    }
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A ```sh block of the walkthrough: its text and the README line of its
/// first command line.
#[derive(Debug, PartialEq, Eq)]
struct Block {
    first_line: usize,
    text: String,
}

/// The ```sh blocks between the walkthrough's markers, in order.
fn walkthrough_blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let start = markdown
        .find(START)
        .ok_or_else(|| format!("no `{START}` marker"))?;
    let end = markdown[start..]
        .find(END)
        .map(|at| start + at)
        .ok_or_else(|| format!("no `{END}` marker after `{START}`"))?;
    let offset = markdown[..start].lines().count();
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for (index, line) in markdown[start..end].lines().enumerate() {
        let number = offset + index + 1;
        match current.as_mut() {
            None if line.trim_end() == "```sh" => current = Some((number + 1, Vec::new())),
            None => {}
            Some((first_line, lines)) if line.trim_end() == "```" => {
                blocks.push(Block {
                    first_line: *first_line,
                    text: lines.join("\n"),
                });
                current = None;
            }
            Some((_, lines)) => lines.push(line),
        }
    }
    if current.is_some() {
        return Err("a ```sh block of the walkthrough is not closed".to_owned());
    }
    Ok(blocks)
}

/// Printed on stderr by the first failing command: the script's line of
/// the command (the outermost caller's, when it fails in a function).
const FAILED_MARK: &str = "::walkthrough-failed-at ";

/// One bash script of all the blocks, each announcing itself on stdout;
/// and for each of its lines, the README line it comes from (0: none).
fn script(blocks: &[Block]) -> (String, Vec<usize>) {
    let mut script = vec![
        "set -E".to_owned(),
        format!("walkthrough_failed() {{ echo \"{FAILED_MARK}${{BASH_LINENO[-1]}}\" >&2; }}"),
        "trap walkthrough_failed ERR".to_owned(),
    ];
    let mut origins = vec![0; script.len()];
    for (index, block) in blocks.iter().enumerate() {
        script.push(format!("echo '{BLOCK_MARK}{}'", index + 1));
        origins.push(0);
        for (line_index, line) in block.text.lines().enumerate() {
            script.push(line.to_owned());
            origins.push(block.first_line + line_index);
        }
    }
    (script.join("\n"), origins)
}

/// Where the walkthrough failed, from its stderr: `README.md:LINE: TEXT`.
fn failure_place(stderr: &str, origins: &[usize], markdown: &str) -> Option<String> {
    let line: usize = stderr
        .lines()
        .find_map(|l| l.strip_prefix(FAILED_MARK))?
        .trim()
        .parse()
        .ok()?;
    let origin = *origins.get(line.checked_sub(1)?)?;
    let text = markdown.lines().nth(origin.checked_sub(1)?)?;
    Some(format!("README.md:{origin}: {}", text.trim()))
}

/// Runs `script` with `bash -euo pipefail` from `root`, `bin` first on the
/// PATH, every home-like variable in `scratch`.
fn run_script(script: &str, root: &Path, bin: &Path, scratch: &Path) -> Output {
    let home = scratch.join("home");
    let data = scratch.join("data");
    let tmp = scratch.join("tmp");
    for folder in [&home, &data, &tmp] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(root)
        .env("PATH", path)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &data)
        .env("TMPDIR", &tmp)
        .env_remove("APPROVAL_DESK_DB")
        .env_remove("APPROVAL_DESK_USER")
        .output()
        .unwrap()
}

/// The stdout of block `number` (1-based).
fn block_output(stdout: &str, number: usize) -> &str {
    let mark = format!("{BLOCK_MARK}{number}\n");
    let Some(start) = stdout.find(&mark).map(|at| at + mark.len()) else {
        return "";
    };
    let rest = &stdout[start..];
    let end = rest.find(BLOCK_MARK).unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn the_readme_walkthrough_runs_as_written_on_a_fresh_profile() {
    let root = repository_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let blocks = walkthrough_blocks(&readme).unwrap();
    assert!(
        blocks.len() >= 6,
        "the README's walkthrough lost blocks: {} found",
        blocks.len()
    );
    let bin = binary_folder("deskctl");
    let scratch = tempfile::tempdir().unwrap();
    let (script, origins) = script(&blocks);
    let output = run_script(&script, &root, &bin, scratch.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the README's walkthrough failed ({}) at {}\n--- stderr\n{stderr}\n--- stdout\n{stdout}",
        output.status,
        failure_place(&stderr, &origins, &readme).unwrap_or_else(|| "an unknown line".to_owned()),
    );
    assert!(
        !block_output(&stdout, blocks.len()).is_empty(),
        "the last block printed nothing:\n{stdout}"
    );

    // Whatever the blocks' order, these are the walkthrough's points.
    let expected = [
        // The bundle is checked once its guides are in.
        "610122-XF-XK-0001\tversion 1\tpublished",
        "tests/fixtures/bundles/open-restaurant.json: no errors",
        "longest chain: 17 days: 610122-XF-XK-0001 → 610122-SCJG-XK-0001",
        // The bundle instance is received, with its three cases.
        "bundle instance BI-2026-0001\t610122-TC-0001",
        // The case received now is accepted (Art 10), whatever the day.
        "SX2026-000101\tin_review\t",
        "{\"event\":\"accepted\"}",
        // The March cases are deemed accepted by the sweep.
        "deemed accepted: 3 of 3 received",
        "610122-XF-XK-0001\tSX2026-000202\t蓝田县消防救援大队",
        "chain intact",
        "F-2026-0001\tapproved",
        "verdict: all 1 signature(s) valid, covering the document and trusted",
    ];
    for line in expected {
        assert!(
            stdout.contains(line),
            "the walkthrough's output lacks {line:?}:\n{stdout}\n--- stderr\n{stderr}"
        );
    }
    // Nothing of the walkthrough was left in the repository.
    for stray in ["chart.svg", "demo", "corpus", "food-today.json"] {
        assert!(
            !root.join(stray).exists(),
            "the walkthrough wrote {stray} into the repository's root"
        );
    }
}

#[test]
fn a_failing_block_fails_the_walkthrough_and_names_its_line() {
    let markdown = "intro\n```sh\necho outside\n```\n<!-- walkthrough -->\n\
                    ```sh\necho one\n```\ntext\n```sh\nf() { command false; }\n\
                    echo two\nf | cat\necho after\n```\n\
                    ```sh\necho three\n```\n<!-- /walkthrough -->\n```sh\necho past\n```\n";
    let blocks = walkthrough_blocks(markdown).unwrap();
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "echo one",
            "f() { command false; }\necho two\nf | cat\necho after",
            "echo three"
        ]
    );
    assert_eq!(blocks[1].first_line, 11);
    let scratch = tempfile::tempdir().unwrap();
    let (script, origins) = script(&blocks);
    let output = run_script(&script, scratch.path(), scratch.path(), scratch.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stdout}");
    assert_eq!(block_output(&stdout, 1), "one\n");
    assert_eq!(block_output(&stdout, 2), "two\n");
    assert!(!stdout.contains("after"), "{stdout}");
    assert!(!stdout.contains("three"), "{stdout}");
    assert_eq!(
        failure_place(&stderr, &origins, markdown).as_deref(),
        Some("README.md:13: f | cat"),
        "{stderr}"
    );
}

#[test]
fn a_walkthrough_without_its_markers_or_with_an_open_block_is_refused() {
    assert!(walkthrough_blocks("```sh\necho hi\n```\n").is_err());
    assert!(walkthrough_blocks("<!-- walkthrough -->\n```sh\necho hi\n").is_err());
    assert!(
        walkthrough_blocks("<!-- walkthrough -->\n```sh\necho hi\n<!-- /walkthrough -->").is_err()
    );
}
