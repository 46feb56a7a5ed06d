//! docs/formats.md documents every stable code of the exchange: a code
//! added to `codes.rs` without its row, or a row whose name drifted from
//! the code's, fails here.

use std::path::Path;

use approval_contract::codes::{
    ApplicantKind, CaseKind, CertificateType, DecisionOutcome, DeliveryMethod, ExchangeState,
    LicenceState, ReviewLevel,
};

fn stable_codes_section() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let start = text
        .find("### Stable codes")
        .unwrap_or_else(|| panic!("docs/formats.md has no \"### Stable codes\" section"));
    text[start..].to_owned()
}

/// The section's table rows, as (code, 中文) pairs.
fn documented_rows(section: &str) -> Vec<(String, String)> {
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            // `| `code` | 中文 | English |` splits into ["", code, zh, en, ""].
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((code.to_owned(), (*cells.get(2)?).to_owned()))
        })
        .collect()
}

fn check(table: &str, codes: &[(&'static str, &'static str)], rows: &[(String, String)]) {
    for (code, zh) in codes {
        assert!(
            rows.iter().any(|(c, z)| c == code && z == zh),
            "docs/formats.md (Stable codes) lacks the row `{code}` | {zh} of {table}"
        );
    }
}

macro_rules! pairs {
    ($enum:ty) => {
        <$enum>::ALL
            .iter()
            .map(|v| (v.code(), v.name_zh()))
            .collect::<Vec<_>>()
    };
}

#[test]
fn every_stable_code_has_its_row() {
    let rows = documented_rows(&stable_codes_section());
    check("CaseKind", &pairs!(CaseKind), &rows);
    check("ExchangeState", &pairs!(ExchangeState), &rows);
    check("ReviewLevel", &pairs!(ReviewLevel), &rows);
    check("ApplicantKind", &pairs!(ApplicantKind), &rows);
    check("CertificateType", &pairs!(CertificateType), &rows);
    check("LicenceState", &pairs!(LicenceState), &rows);
    check("DeliveryMethod", &pairs!(DeliveryMethod), &rows);
    check("DecisionOutcome", &pairs!(DecisionOutcome), &rows);
}
