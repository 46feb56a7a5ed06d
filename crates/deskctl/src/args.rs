//! The command line's shape.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use clap::{Args, Parser, Subcommand};

use crate::failure::Failure;

#[derive(Debug, Parser)]
#[command(
    name = "deskctl",
    version,
    about = "Approval Desk (部门审批工作台) on the command line"
)]
pub struct Cli {
    /// The profile database (default: APPROVAL_DESK_DB as the app reads
    /// it, else the current user's, shared with the app).
    #[arg(long, global = true, value_name = "PATH", env = "APPROVAL_DESK_DB")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The profile database this invocation works on.
    pub fn database(&self) -> Result<PathBuf, Failure> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => approval_api::profile::default_database_path().ok_or(Failure::NoProfile),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The working-day calendar (工作日历).
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// The deadline of a period (期限计算).
    Deadline(DeadlineRequest),
    /// Service guides (办事指南) and their flowcharts.
    #[command(subcommand)]
    Guide(GuideCommand),
    /// The department's way of working.
    #[command(subcommand)]
    Department(DepartmentCommand),
    /// Bundles (并联服务 / 套餐服务).
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// Public flowcharts (办事流程图).
    #[command(subcommand)]
    Flowchart(FlowchartCommand),
    /// The append-only audit log (审计日志).
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Cases (办件) transferred by the window unit.
    #[command(subcommand)]
    Case(CaseCommand),
    /// The deemed-acceptance sweep (视同受理) over the stored received cases.
    Sweep {
        /// The instant to sweep at (default: now).
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        now: Option<DateTime<FixedOffset>>,
    },
    /// Who holds which role (角色授权).
    #[command(subcommand)]
    Role(RoleCommand),
    /// Exemption filings (备案): submit, decide, withdraw, revoke.
    #[command(subcommand)]
    Filing(FilingCommand),
    /// Measurements of the store and the engine.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Result documents with e-seals (电子印章): sign and verify PDFs.
    #[command(subcommand)]
    Pdf(PdfCommand),
    /// The window unit's side of the exchange (综合窗口), through a hub:
    /// submit, transfer, follow, release and review cases.
    Window(crate::window_cmd::WindowArgs),
    /// The department's binding to the exchange hub (交换平台): sign in,
    /// status.
    #[command(subcommand)]
    Hub(crate::hub_cmd::HubCommand),
    /// Pulls the transferred cases, reviews and filing decisions from the
    /// hub and pushes the notices, results and the audit checkpoint.
    Sync {
        /// Sync every SECS seconds until stopped (a failed sync is reported
        /// and the next one tried).
        #[arg(long, value_name = "SECS")]
        watch: Option<u64>,
        /// Sign in for this run with the password on the first line of
        /// stdin, instead of the session kept in the OS keyring (where the
        /// machine has no keyring; the token stays in memory).
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PdfCommand {
    /// Writes DIR/decision.pdf, an approval decision (准予行政许可决定书) for
    /// a sample case signed with a freshly generated test seal certificate,
    /// and DIR/ca.pem, the root that certificate chains to.
    Demo {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The seal key's algorithm.
        #[arg(long, value_enum, default_value_t = KeyAlgorithm::Rsa)]
        algorithm: KeyAlgorithm,
        /// The CJK font for the document and the seal (default: found on
        /// the machine).
        #[arg(long, value_name = "FILE")]
        font: Option<PathBuf>,
    },
    /// FOR DEMONSTRATIONS AND TESTS ONLY — never a real department's seal:
    /// writes DIR/seal.p12, a seal key file (PKCS#12) of a freshly generated
    /// test seal certificate for DEPARTMENT under the password read from
    /// --password-env VAR, and DIR/ca.pem, the throwaway root it chains to
    /// (put it in a trust folder, or pass it to `pdf verify --trust`).
    TestSeal {
        /// The department the seal certificate is issued to (drawn on the
        /// seal), e.g. 蓝田县市场监督管理局.
        #[arg(long, value_name = "NAME")]
        department: String,
        /// The folder to write into (made if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Read the key file's password from this environment variable.
        #[arg(long, value_name = "VAR")]
        password_env: String,
        /// The seal key's algorithm.
        #[arg(long, value_enum, default_value_t = KeyAlgorithm::Ecdsa)]
        algorithm: KeyAlgorithm,
    },
    /// Adds an e-seal to a PDF as an incremental update (PAdES B-B); earlier
    /// seals stay valid.
    Sign(Box<SignArgs>),
    /// Keeps a seal key file's password (or a token's PIN) in the OS
    /// keyring, where `pdf sign --password-keyring` and the app find it.
    RememberPassword {
        /// The keyring entry: SERVICE/ACCOUNT, e.g. approval-desk/seal.
        entry: String,
        /// Read the secret from this environment variable.
        #[arg(long, value_name = "VAR")]
        password_env: String,
    },
    /// Removes a secret kept by `remember-password`.
    ForgetPassword {
        /// The keyring entry: SERVICE/ACCOUNT.
        entry: String,
    },
    /// Writes the attack corpus built on a sealed PDF (one file per
    /// published attack on PDF signatures, and controls), the root of the
    /// seals it adds (corpus-ca.pem) and corpus.json (id, class, what each
    /// does, what a sound verifier says): to hold any verifier to them.
    AttackCorpus {
        /// A PDF with one seal, e.g. `pdf demo`'s decision.pdf.
        #[arg(long = "in", value_name = "FILE")]
        input: PathBuf,
        /// The folder to write into (made if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Checks every signature: integrity, whether it covers the document,
    /// the signer, the signing time and trust. Exit 0 only when every
    /// signature is valid, covers the document and is trusted.
    Verify {
        file: PathBuf,
        /// A root certificate (PEM or DER) to trust; repeatable. Default:
        /// the profile's trust folder.
        #[arg(long = "trust", value_name = "CA.pem")]
        trust: Vec<PathBuf>,
        /// A certificate revocation list (PEM or DER) to check the
        /// signers' certificate paths against; repeatable. A revoked
        /// certificate, or a CRL that does not verify or has expired at the
        /// signing time, makes the signature untrusted.
        #[arg(long = "crl", value_name = "FILE.crl")]
        crl: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KeyAlgorithm {
    /// RSA-2048, PKCS#1 v1.5, SHA-256.
    Rsa,
    /// ECDSA P-256, SHA-256.
    Ecdsa,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    #[arg(long = "in", value_name = "FILE")]
    pub input: PathBuf,
    #[arg(long = "out", value_name = "FILE")]
    pub output: PathBuf,
    /// The seal's PKCS#12 key file (.p12/.pfx).
    #[arg(long, value_name = "KEY.p12", required_unless_present = "pkcs11")]
    pub p12: Option<PathBuf>,
    /// Read the key file's password from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "password_keyring")]
    pub password_env: Option<String>,
    /// Read the key file's password (or the token's PIN) from the OS
    /// keyring: SERVICE/ACCOUNT.
    #[arg(long, value_name = "SERVICE/ACCOUNT")]
    pub password_keyring: Option<String>,
    /// Sign with a PKCS#11 token (USB key) through this module library
    /// instead of a key file.
    #[arg(long, value_name = "MODULE", conflicts_with = "p12")]
    pub pkcs11: Option<PathBuf>,
    /// The token's label.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub token: Option<String>,
    /// The key's label on the token.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub key_label: Option<String>,
    /// Read the token's PIN from this environment variable.
    #[arg(long, value_name = "VAR", requires = "pkcs11")]
    pub pin_env: Option<String>,
    /// The seal certificate and the certificates it chains through (PEM or
    /// DER), for a token that does not hold them.
    #[arg(long, value_name = "CERTS.pem", requires = "pkcs11")]
    pub chain: Option<PathBuf>,
    /// Why the document is sealed (/Reason).
    #[arg(long, default_value = "行政审批结果文书电子签章")]
    pub reason: String,
    /// Where (/Location).
    #[arg(long)]
    pub location: Option<String>,
    /// The seal's department, drawn along its arc (default: the
    /// certificate's organisation).
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// The seal's purpose, drawn under the star.
    #[arg(long, default_value = "行政审批专用章")]
    pub purpose: String,
    /// The page for the visible seal, 1-based (default: the last page).
    #[arg(long)]
    pub page: Option<usize>,
    /// The seal's centre on the page, in millimetres from the lower-left
    /// corner: X,Y (default: lower right, over the issuing line).
    #[arg(long, value_name = "X,Y")]
    pub at: Option<String>,
    /// Sign without a visible seal.
    #[arg(long)]
    pub invisible: bool,
    /// A timestamp authority (RFC 3161, http:// or https://): its token
    /// over the signature makes the seal PAdES B-T, dated by the TSA rather
    /// than by this machine's clock alone.
    #[arg(long, value_name = "URL")]
    pub tsa: Option<String>,
    /// The CJK font for the seal's characters (default: found on the
    /// machine).
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Ingest N transferred cases, query the inbox and run the sweep over
    /// them, printing how long each took (in a temporary database unless
    /// --db is given).
    Cases {
        #[arg(long, default_value_t = 10_000)]
        count: usize,
    },
    /// Fills the profile (--db, or the default one) with N realistic cases
    /// of four departments' items: received, accepted or sent a correction
    /// notice by the engine, some in bundles, held by officers or in the
    /// pool, received over the last 60 days. For benchmarking the window
    /// with a full inbox.
    SeedInbox {
        #[arg(long, default_value_t = 100_000)]
        cases: usize,
    },
    /// Times the inbox of the profile (--db, or the default one) as the
    /// window reads it: the first page, a page deep into the scroll, filtered
    /// pages and the count.
    Inbox {
        /// How many rows the deep page starts after.
        #[arg(long, default_value_t = 50_000)]
        depth: usize,
        /// How many times each query is run again after the first.
        #[arg(long, default_value_t = 10)]
        runs: usize,
        /// Who looks (default: the login name, or the hub's signed-in
        /// person on a bound profile).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Renders and signs N one-page decision letters with a test seal,
    /// reporting progress, then prints the time per letter.
    Pdf {
        #[arg(long, default_value_t = 1_000)]
        count: usize,
        /// Keep the signed letters in DIR (default: discarded).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = KeyAlgorithm::Rsa)]
        algorithm: KeyAlgorithm,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Renders the decision letter (准予/不予行政许可决定书) of a decided
    /// case, seals it with the department's seal and keeps it for the
    /// result push (`deskctl sync`); a result waits for it.
    SealResult(crate::hub_cmd::SealResultArgs),
    /// Records the tracking number of the case's paper result when it
    /// leaves by government express (政务专递) or by post: the delivery
    /// pushed to the window unit carries it (a government-express delivery
    /// waits for it).
    Tracking {
        number: String,
        tracking_number: String,
        /// When the paper left (default: now).
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        at: Option<DateTime<FixedOffset>>,
        /// Who records it (default: the login name; refused on a profile
        /// bound to a hub).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Receives a transfer (JSON of a case, or an array of them), bound to
    /// the guide version in force when the window unit received it. A file
    /// with any refused case stores nothing.
    Receive {
        file: PathBuf,
        /// Who receives the transfer (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// One line per case: number, item, state, due (earliest first, cases
    /// without a deadline last), a page at a time; when more follow, where
    /// the next page starts is printed on standard error (`--after`).
    List {
        /// Only cases in this state (received, in_review, …).
        #[arg(long)]
        state: Option<String>,
        /// Only cases whose current deadline is before this instant.
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        due_before: Option<DateTime<FixedOffset>>,
        /// Only cases whose deadline has passed.
        #[arg(long)]
        overdue: bool,
        /// Only cases of this item.
        #[arg(long = "item", value_name = "CODE")]
        item: Option<String>,
        /// Only cases this officer holds.
        #[arg(long)]
        officer: Option<String>,
        /// Only cases of an instance of this bundle.
        #[arg(long, value_name = "CODE")]
        bundle: Option<String>,
        /// A case number's beginning or a part of the applicant's name.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Cases on the page (1 to 200).
        #[arg(long, default_value_t = 100)]
        limit: u32,
        /// The page after this case (the last one of the page before).
        #[arg(long, value_name = "CASE")]
        after: Option<String>,
        /// Who looks (default: the login name): only the cases of the
        /// departments they may see are listed.
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// The case, its events and the explanation of its current deadline.
    Show {
        number: String,
        /// Who looks (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Acts on a case: accept, request_correction, receive_corrections,
    /// reject_at_acceptance, complete_step, return_to_step,
    /// start_special_stage, end_special_stage, decide, start_public_notice,
    /// end_public_notice, prepare_result, push_result, deliver_paper, release.
    Act(Box<ActArgs>),
}

#[derive(Debug, Args)]
pub struct ActArgs {
    pub number: String,
    pub action: String,
    #[arg(long)]
    pub opinion: Option<String>,
    #[arg(long)]
    pub step: Option<String>,
    #[arg(long)]
    pub stage: Option<String>,
    /// A material of the correction notice asked for on paper (needs a
    /// paper-materials filing in effect, Art 9); repeatable.
    #[arg(long = "paper-material", value_name = "ID")]
    pub paper_materials: Vec<String>,
    /// A material of the correction notice; each takes the --problem at its position.
    #[arg(long = "material", value_name = "ID")]
    pub materials: Vec<String>,
    #[arg(long = "problem", value_name = "TEXT")]
    pub problems: Vec<String>,
    /// approved | rejected
    #[arg(long)]
    pub outcome: Option<String>,
    /// The reason (not accepted, return, undeclared stage, second notice).
    #[arg(long)]
    pub reason: Option<String>,
    /// The legal basis of a refusal at acceptance.
    #[arg(long)]
    pub basis: Option<String>,
    /// The end of a public notice.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub until: Option<DateTime<FixedOffset>>,
    /// When it happens (default: now); for receive_corrections, when the
    /// window unit received the corrected materials.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub at: Option<DateTime<FixedOffset>>,
    /// Who acts (default: the login name).
    #[arg(long = "as", value_name = "USER")]
    pub user: Option<String>,
    /// The officer a case is assigned or reassigned to.
    #[arg(long, value_name = "USER")]
    pub to: Option<String>,
    /// What an urging (催办) says.
    #[arg(long)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum RoleCommand {
    /// Grants ROLE (officer | guide_editor | manager | department_admin) to
    /// PERSON in --department D (all departments when omitted: only the
    /// first grant may be so). Checked with the stored grants (a department
    /// admin grants within their departments, never the manager role).
    ///
    /// Bootstrap: while NO grant is stored, the very first grant is stored
    /// without a check: it is the installer's first administrator (e.g.
    /// `deskctl role grant admin department_admin --as installer`).
    Grant {
        person: String,
        role: String,
        #[arg(long)]
        department: Option<String>,
        /// Who grants (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// One line per grant: person, role, scope (`*`: all departments).
    List,
}

#[derive(Debug, Subcommand)]
pub enum FilingCommand {
    /// Creates a filing from FILE and submits it at once. FILE is JSON:
    /// `{"id", "department", "subject": <FilingSubject>, "replaces": null|ID,
    /// "attachments": [PATH, …], "reason": TEXT}` (attachment paths relative
    /// to FILE's folder; media type from the extension). For a
    /// `result_delay` subject give `case_number`, `reason` and `new_date`:
    /// `result_deadline` is computed from the stored case's decision (3
    /// working days) and any value in FILE is ignored and overwritten. For
    /// an `item_change` subject the change is recorded as the item's
    /// pending change (`reason` is its reason).
    Submit {
        file: PathBuf,
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
        /// When (default: now).
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        at: Option<DateTime<FixedOffset>>,
    },
    /// One line per filing: id, type, department, state, filed_by (only
    /// the departments the user may see).
    List {
        #[arg(long)]
        state: Option<String>,
        /// Who looks (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// The filing as JSON, with its history and attachments.
    Show {
        id: String,
        /// Who looks (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Approves or rejects a submitted filing (a rejection needs --comment).
    Decide {
        id: String,
        /// approve | reject
        decision: String,
        #[arg(long, default_value = "")]
        comment: String,
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        at: Option<DateTime<FixedOffset>>,
    },
    /// Withdraws a submitted filing (the filer only).
    Withdraw {
        id: String,
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        at: Option<DateTime<FixedOffset>>,
    },
    /// Revokes an approved filing from now on, with a reason.
    Revoke {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        at: Option<DateTime<FixedOffset>>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DepartmentCommand {
    /// Sets the department's workflow (role holders, assignment rules,
    /// 会签/或签, delegations, urging interval) from a JSON file.
    Set {
        file: PathBuf,
        /// Who sets it (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Prints the stored workflow.
    Show,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Checks the log's hash chain: prints the number of entries, or names
    /// the first broken entry and exits 1. On a profile bound to a hub,
    /// also compares the chain with the checkpoints the hub holds, so a
    /// rewritten history is found even when consistent in itself.
    Verify {
        /// Sign in to the hub for this run with the password on the first
        /// line of stdin, instead of the session kept in the OS keyring.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum GuideCommand {
    /// Checks a guide file and prints every finding; exit 1 when any is an error.
    Check {
        file: PathBuf,
        /// Print the findings as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Validates a guide file and stores it: a new version of the item's
    /// guide, published (effective from the file's `effective_from`, else
    /// now) unless `--draft`. A file with any error changes nothing.
    Import {
        file: PathBuf,
        /// Keep the new version as a draft.
        #[arg(long)]
        draft: bool,
        /// When the version takes effect (RFC 3339), instead of the file's
        /// `effective_from`.
        #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
        effective_from: Option<DateTime<FixedOffset>>,
        /// Who publishes (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Prints the guide in force (or version N) in the exchange format.
    Export {
        code: String,
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        /// Write to FILE instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Who reads (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Lists the stored items the user may read, with their status and
    /// guide versions.
    List {
        /// Who reads (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Checks a bundle file against the items' guides (stored, or given with
    /// --guide) and prints findings, the consolidated materials list and the
    /// longest chain; exit 1 when any finding is an error.
    Check {
        file: PathBuf,
        /// A guide file to use for its item instead of the stored guide.
        #[arg(long = "guide", value_name = "FILE")]
        guides: Vec<PathBuf>,
    },
    /// Validates a bundle file against the stored guides and stores it. The
    /// user must be a guide editor for every department of the bundle.
    Import {
        file: PathBuf,
        /// Who stores it (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// The bundle view of one application: each item's case and outcome,
    /// which results are withheld and on what they wait (Art 17). Case
    /// numbers of departments the user may not see are not shown.
    Status {
        /// The bundle instance's id.
        instance: String,
        /// Who reads (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum FlowchartCommand {
    /// Renders the flowchart of a guide file (or of a bundle file, with its
    /// items' guides stored or given with --guide) as SVG.
    Render {
        file: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long = "guide", value_name = "FILE")]
        guides: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// One line per day: `DATE<TAB>workday|restday[<TAB>holiday]`, plus
    /// `<TAB>provisional` for days of a year without a published arrangement.
    Days {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: NaiveDate,
    },
    /// Validates a year's arrangement (`{year, papers, days}` JSON) and loads it.
    Import {
        /// The JSON file.
        file: PathBuf,
        /// Who imports it (default: the login name).
        #[arg(long = "as", value_name = "USER")]
        user: Option<String>,
    },
    /// Which years are official, which provisional, and the warnings today.
    Status,
    /// Adds (or renames) a local extra rest day (地方性假日).
    LocalAdd {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: NaiveDate,
        #[arg(long)]
        name: String,
    },
    /// Removes a local extra rest day.
    LocalRemove {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: NaiveDate,
    },
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("length").required(true).args(["working_days", "natural_days"])))]
pub struct DeadlineRequest {
    /// When the period's event happened (RFC 3339), e.g. 2026-11-26T10:00:00+08:00.
    #[arg(long, value_name = "RFC3339", value_parser = parse_instant)]
    pub start: DateTime<FixedOffset>,
    /// The period's length in working days (工作日).
    #[arg(long, value_name = "N")]
    pub working_days: Option<u32>,
    /// The period's length in natural days (自然日).
    #[arg(long, value_name = "N")]
    pub natural_days: Option<u32>,
    /// A pause `START/END`, or `START/` while it still runs; `#REASON` may follow.
    #[arg(long = "pause", value_name = "RFC3339/RFC3339[#REASON]", value_parser = parse_pause)]
    pub pauses: Vec<PauseArg>,
    /// Close of office hours (HH:MM); periods then end then instead of 24:00.
    #[arg(long, value_name = "HH:MM", value_parser = parse_time)]
    pub office_closes: Option<NaiveTime>,
    /// Allow the period to reach a year without a published arrangement.
    #[arg(long)]
    pub provisional: bool,
    /// Show which days counted, which were skipped and why.
    #[arg(long)]
    pub explain: bool,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone)]
pub struct PauseArg {
    pub start: DateTime<FixedOffset>,
    pub end: Option<DateTime<FixedOffset>>,
    pub reason: String,
}

fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|e| {
        format!("\"{text}\" is not an RFC 3339 instant such as 2026-11-26T10:00:00+08:00 ({e})")
    })
}

fn parse_time(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("\"{text}\" is not a time of day such as 17:30"))
}

fn parse_pause(text: &str) -> Result<PauseArg, String> {
    let (span, reason) = match text.split_once('#') {
        Some((span, reason)) if !reason.trim().is_empty() => (span, reason.trim().to_owned()),
        Some((span, _)) => (span, "暂停".to_owned()),
        None => (text, "暂停".to_owned()),
    };
    let Some((start, end)) = span.split_once('/') else {
        return Err(format!(
            "pause \"{text}\" must be START/END or START/ (still running)"
        ));
    };
    let start = parse_instant(start).map_err(|e| format!("pause start: {e}"))?;
    let end = match end.trim() {
        "" => None,
        end => Some(parse_instant(end).map_err(|e| format!("pause end: {e}"))?),
    };
    Ok(PauseArg { start, end, reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_parse_closed_open_and_with_reasons() {
        let closed =
            parse_pause("2026-12-01T09:00:00+08:00/2026-12-03T17:00:00+08:00#专家论证").unwrap();
        assert!(closed.end.is_some());
        assert_eq!(closed.reason, "专家论证");
        let open = parse_pause("2026-12-01T09:00:00+08:00/").unwrap();
        assert!(open.end.is_none());
        assert!(parse_pause("2026-12-01T09:00:00+08:00").is_err());
        assert!(parse_pause("yesterday/today").is_err());
    }
}
