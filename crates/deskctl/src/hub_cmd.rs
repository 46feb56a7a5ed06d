//! `deskctl hub …` and `deskctl sync`: the department's side of the
//! exchange. Signing in binds the profile to the hub and keeps the session's
//! token in the OS keyring (never in the database, a file or a log); a sync
//! runs the api's `sync_once` over the sync crate's HTTP client.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::time::Duration;

use approval_api::exchange::{
    audit_against_hub, hub_status, AdoptedGrants, CalendarFetch, CheckpointAudit, HubStatus,
    SyncReport,
};
use approval_api::exchange::{seal_result_document, Remedies, ResultSealing};
use approval_api::results::{
    discover_font, open_p12_signer, KeyringEntry, PasswordSource, VisibleSeal,
};
use approval_api::Actor;
use approval_api::Desk;
use approval_core::access::Scope;
use approval_session::{self as session, Credentials, SessionError};
use approval_sync::TokenStore;
use clap::{Args, Subcommand};

use crate::args::Cli;
use crate::failure::Failure;

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Signs in to the hub and binds this profile to it: from then on the
    /// signed-in person acts (`--as` and APPROVAL_DESK_USER are refused).
    /// The password is asked on the terminal, or read from the first line
    /// of stdin with --password-stdin; the session's token goes to the OS
    /// keyring.
    SignIn {
        /// The hub's address (`https://hub.example.gov.cn`).
        #[arg(long, value_name = "URL")]
        url: String,
        #[arg(long, value_name = "ACCOUNT")]
        account: String,
        /// A PEM file with an extra CA the hub's certificate chains to.
        #[arg(long, value_name = "PEM")]
        ca: Option<PathBuf>,
        #[arg(long)]
        password_stdin: bool,
        /// Keep no token (a machine without a keyring): the profile is
        /// bound, and each sync signs in again (`sync --password-stdin`).
        #[arg(long)]
        no_keyring: bool,
    },
    /// The binding and the last sync: hub, account, desk id, feed cursor,
    /// pending and refused pushes, waiting transfers, last success, last
    /// error.
    Status,
}

pub fn run(cli: &Cli, command: &HubCommand) -> Result<(), Failure> {
    match command {
        HubCommand::SignIn {
            url,
            account,
            ca,
            password_stdin,
            no_keyring,
        } => {
            let password = password(*password_stdin)?;
            let (status, grants) = crate::block_on(async {
                let (_client, session) = session::sign_in(url, ca.as_deref(), account, &password)
                    .await
                    .map_err(failed)?;
                if !no_keyring {
                    session::keyring()?
                        .save(&session.account, url, &session.token)
                        .map_err(session::keyring_failed)?;
                }
                let desk = crate::open_desk(cli).await?;
                let bound =
                    session::bind_signed_in(&desk, url, ca.as_deref(), &session, crate::now())
                        .await;
                desk.close().await;
                Ok(bound?)
            })?;
            println!(
                "signed in to {} as {} ({}); {}",
                url,
                account,
                status.binding.map(|b| b.person).unwrap_or_default(),
                if *no_keyring {
                    "no token kept: sign in with each sync (--password-stdin)"
                } else {
                    "the token is in the OS keyring"
                }
            );
            print_grants(&grants);
            Ok(())
        }
        HubCommand::Status => {
            let status = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                let status = hub_status(&desk).await;
                desk.close().await;
                Ok(status?)
            })?;
            print_status(&status);
            Ok(())
        }
    }
}

/// A session step's failure as deskctl reports it (an unreadable CA file
/// as any unreadable input).
fn failed(error: SessionError) -> Failure {
    match error {
        SessionError::CaUnreadable { path, source } => Failure::ReadInput { path, source },
        SessionError::Api(error) => Failure::Api(error),
    }
}

fn print_status(status: &HubStatus) {
    match &status.binding {
        Some(b) => {
            println!("hub\t{}", b.url);
            println!("account\t{} ({})", b.account, b.person);
            if let Some(ca) = &b.ca_path {
                println!("extra CA\t{ca}");
            }
        }
        None => println!("hub\tnot bound (deskctl hub sign-in)"),
    }
    if let Some(s) = &status.state {
        println!("desk id\t{}", s.desk_id);
        println!(
            "feed cursor\t{} (acknowledged {})",
            s.feed_cursor, s.acknowledged
        );
        println!("checkpoint\t{} entries", s.checkpoint_length);
        let when = |t: Option<chrono::DateTime<chrono::FixedOffset>>| {
            t.map_or("never".to_owned(), |t| t.to_rfc3339())
        };
        println!("last success\t{}", when(s.last_success_at));
        println!("last attempt\t{}", when(s.last_attempt_at));
        if let Some((code, message)) = &s.last_error {
            println!("last error\t{code}: {message}");
        }
    }
    println!(
        "outbox\t{} pending, {} refused",
        status.pending_pushes, status.failed_pushes
    );
    println!("waiting transfers\t{}", status.waiting_transfers);
}

/// `deskctl sync [--watch SECS]`: one sync, or one every SECS seconds
/// until stopped (a failed one is reported and the next tried).
pub fn sync(cli: &Cli, watch: Option<u64>, password_stdin: bool) -> Result<(), Failure> {
    let password = password_stdin.then(|| password(true)).transpose()?;
    loop {
        let outcome = crate::block_on(async {
            let desk = crate::open_desk(cli).await?;
            let outcome = sync_bound(&desk, password.as_deref()).await;
            desk.close().await;
            outcome
        });
        match (outcome, watch) {
            (Ok(report), _) => print_report(&report),
            (Err(failure), None) => return Err(failure),
            (Err(failure), Some(_)) => eprintln!("deskctl: sync failed: {failure}"),
        }
        match watch {
            None => return Ok(()),
            Some(seconds) => std::thread::sleep(Duration::from_secs(seconds.max(1))),
        }
    }
}

fn print_grants(adopted: &AdoptedGrants) {
    let grants: Vec<String> = adopted
        .grants
        .iter()
        .map(|g| match &g.scope {
            Scope::All => format!("{} (all)", g.role.code()),
            Scope::Department(d) => format!("{} ({d})", g.role.code()),
        })
        .collect();
    println!(
        "grants from the hub{}: {}",
        if adopted.changed { " (updated)" } else { "" },
        if grants.is_empty() {
            "none".to_owned()
        } else {
            grants.join(", ")
        }
    );
    if !adopted.unknown_roles.is_empty() {
        println!(
            "roles this desk does not know (ignored): {}",
            adopted.unknown_roles.join(", ")
        );
    }
}

fn print_calendar(fetch: &CalendarFetch) {
    if !fetch.imported.is_empty() {
        let years: Vec<String> = fetch.imported.iter().map(i32::to_string).collect();
        println!("calendar: imported {} from the hub", years.join(", "));
    }
    for (year, why) in &fetch.refused {
        let year = year.map_or("a year".to_owned(), |y| y.to_string());
        eprintln!("deskctl: the hub's calendar for {year} does not validate, kept ours: {why}");
    }
}

fn print_report(report: &SyncReport) {
    println!(
        "pulled {} (cases stored {}, waiting {}, skipped {}); pushed {}, refused {}, waiting {}{}",
        report.pulled,
        report.cases_stored,
        report.transfers_waiting,
        report.skipped,
        report.pushed,
        report.failed,
        report.waiting,
        report
            .checkpoint
            .map(|n| format!("; checkpoint at {n} audit entries"))
            .unwrap_or_default()
    );
}

/// One sync of the bound profile (approval_session's round): the
/// session's grants adopted, `sync_once`, the hub's calendar; printed as
/// it went.
async fn sync_bound(desk: &Desk, password: Option<&str>) -> Result<SyncReport, Failure> {
    let client = session::bound_client(desk, credentials(password))
        .await
        .map_err(failed)?;
    let round = session::sync_round(desk, &client, crate::now(), None).await;
    match round.grants {
        Some(Ok(adopted)) if adopted.changed => print_grants(&adopted),
        Some(Ok(_)) | None => {}
        Some(Err(e)) => eprintln!("deskctl: the hub's grants were not adopted: {e}"),
    }
    let report = round.sync?;
    match round.calendar {
        Some(Ok(fetch)) => print_calendar(&fetch),
        Some(Err(e)) => eprintln!("deskctl: the hub's calendar was not fetched: {e}"),
        None => {}
    }
    Ok(report)
}

/// With `password`, sign in afresh for this run (the token in memory
/// only), else use the token kept in the OS keyring.
fn credentials(password: Option<&str>) -> Credentials<'_> {
    password.map_or(Credentials::Keyring, Credentials::Password)
}

/// `audit verify` on a bound profile: the local chain against the hub's
/// checkpoints.
pub async fn audit_against_bound_hub(
    desk: &Desk,
    password_stdin: bool,
) -> Result<Option<CheckpointAudit>, Failure> {
    let password = password_stdin.then(|| password(true)).transpose()?;
    match session::bound_client_if_any(desk, credentials(password.as_deref()))
        .await
        .map_err(failed)?
    {
        None => Ok(None),
        Some(client) => Ok(Some(audit_against_hub(desk, &client).await?)),
    }
}

/// The password: the first line of stdin with `--password-stdin`, else
/// asked on the terminal without echo.
fn password(from_stdin: bool) -> Result<String, Failure> {
    let stdin_failed = |source| Failure::ReadInput {
        path: "stdin".to_owned(),
        source,
    };
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(stdin_failed)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::Usage(
            "no terminal to ask the password on: pass --password-stdin".to_owned(),
        ));
    }
    rpassword::prompt_password("hub password: ").map_err(stdin_failed)
}

/// `deskctl case seal-result`.
#[derive(Debug, Args)]
pub struct SealResultArgs {
    /// The decided case (办件编号).
    pub case: String,
    /// The seal's PKCS#12 key file (.p12/.pfx).
    #[arg(long, value_name = "KEY.p12")]
    pub p12: PathBuf,
    /// Read the key file's password from this environment variable.
    #[arg(long, value_name = "VAR", conflicts_with = "password_keyring")]
    pub password_env: Option<String>,
    /// Read the key file's password from the OS keyring: SERVICE/ACCOUNT.
    #[arg(long, value_name = "SERVICE/ACCOUNT")]
    pub password_keyring: Option<String>,
    /// The department the seal names (drawn along its arc).
    #[arg(long, value_name = "NAME")]
    pub department: String,
    /// 发文字号, e.g. 蓝市监许〔2026〕12号.
    #[arg(long, value_name = "NUMBER")]
    pub document_number: String,
    /// 行政复议机关.
    #[arg(long, value_name = "NAME")]
    pub review_body: String,
    /// The court for a lawsuit against the decision.
    #[arg(long, value_name = "NAME")]
    pub court: String,
    /// Where the letter's QR code points (the verification code appended).
    #[arg(long, value_name = "URL")]
    pub verification_url: Option<String>,
    /// The CJK font (default: found on the machine).
    #[arg(long, value_name = "FILE")]
    pub font: Option<PathBuf>,
    /// Who seals it (refused on a profile bound to a hub).
    #[arg(long = "as", value_name = "USER")]
    pub user: Option<String>,
}

pub fn seal_result(cli: &Cli, args: &SealResultArgs) -> Result<(), Failure> {
    let password = match (&args.password_env, &args.password_keyring) {
        (Some(var), _) => PasswordSource::Env(var.clone()),
        (None, Some(entry)) => KeyringEntry::parse(entry)?.source(),
        (None, None) => {
            return Err(Failure::Usage(
                "say where the key's password is: --password-env VAR or --password-keyring SERVICE/ACCOUNT"
                    .to_owned(),
            ))
        }
    };
    let p12 = std::fs::read(&args.p12).map_err(|source| Failure::ReadInput {
        path: args.p12.display().to_string(),
        source,
    })?;
    let signer = open_p12_signer(&args.p12.display().to_string(), &p12, &password)?;
    let font = discover_font(args.font.as_deref())?;
    let actor = Actor::new(
        args.user
            .clone()
            .unwrap_or_else(crate::identity::login_name),
    );
    let sealed = crate::block_on(async {
        let desk = crate::open_desk(cli).await?;
        let seal = VisibleSeal::approval_seal(&args.department, &font)?;
        let sealed = seal_result_document(
            &desk,
            &actor,
            &args.case,
            ResultSealing {
                font: &font,
                seal: &seal,
                signer: &signer,
                document_number: args.document_number.clone(),
                remedies: Remedies {
                    review_body: args.review_body.clone(),
                    court: args.court.clone(),
                },
                verification_url: args.verification_url.clone(),
                location: None,
            },
            crate::now(),
        )
        .await;
        desk.close().await;
        Ok(sealed?)
    })?;
    println!(
        "{}\t{}\t{} bytes\tsha256 {}\tverification code {}",
        sealed.case_number, sealed.file_name, sealed.size, sealed.sha256, sealed.verification_code
    );
    Ok(())
}
