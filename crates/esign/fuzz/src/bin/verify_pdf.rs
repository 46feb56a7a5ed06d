//! AFL++ target: any bytes as a PDF from outside. Verification, the page
//! count and the signature count must answer (a report or a typed error)
//! without panicking, and within the budgets.

/// The root the seed files are signed under (written by `seeds`), so
/// mutated seeds reach the certificate path checks.
const ROOT: &[u8] = include_bytes!("../../seeds/root.der");

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = approval_esign::verify_pdf(data, &[ROOT]);
        let _ = approval_esign::page_count(data);
        let _ = approval_esign::signature_count(data);
    });
}
