//! Peak memory and time of refusing each hostile file (the budgets of
//! `approval_esign::pdf::budget`): writes every case of
//! tests/common/hostile.rs to a temporary folder, then verifies each in a
//! process of its own and prints the verdict, the time and the process's
//! peak resident memory (VmHWM, on Linux).
//!
//!     cargo run --release -p approval-esign --example hostile
//!     cargo run --release -p approval-esign --example hostile -- FILE...
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/hostile.rs"]
mod hostile;

use std::process::Command;
use std::time::Instant;

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "n/a".into())
}

fn verify(path: &str) {
    let bytes = std::fs::read(path).unwrap();
    let none: [&[u8]; 0] = [];
    let started = Instant::now();
    let result = approval_esign::verify_pdf(&bytes, &none);
    let elapsed = started.elapsed();
    let verdict = match result {
        Ok(report) => format!("read: {} signatures", report.signatures.len()),
        Err(e) => e.to_string(),
    };
    println!(
        "{:>10} bytes  {:>8.1} ms  peak {:>10}  {verdict}",
        bytes.len(),
        elapsed.as_secs_f64() * 1000.0,
        peak_memory()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        for path in &args {
            verify(path);
        }
        return;
    }
    let dir = std::env::temp_dir().join(format!("esign-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let me = std::env::current_exe().unwrap();
    for (name, bytes) in hostile::all() {
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        drop(bytes);
        print!("{name:<40}");
        let out = Command::new(&me).arg(&path).output().unwrap();
        print!("{}", String::from_utf8_lossy(&out.stdout));
        let _ = std::fs::remove_file(&path);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
