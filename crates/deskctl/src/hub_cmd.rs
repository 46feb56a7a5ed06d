//! `deskctl hub …` and `deskctl sync`: the department's side of the
//! exchange. Signing in binds the profile to the hub and keeps the session's
//! token in the OS keyring (never in the database, a file or a log); a sync
//! runs the api's `sync_once` over the sync crate's HTTP client.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Duration;

use approval_api::exchange::{
    adopt_hub_grants, audit_against_hub, bind_hub, fetch_calendar, hub_status, sync_once,
    AdoptedGrants, BindRequest, CalendarFetch, CheckpointAudit, HubStatus, SyncOptions, SyncReport,
};
use approval_api::exchange::{seal_result_document, Remedies, ResultSealing};
use approval_api::results::{
    discover_font, open_p12_signer, KeyringEntry, PasswordSource, VisibleSeal,
};
use approval_api::Actor;
use approval_api::{ApiError, Desk, ErrorCode};
use approval_core::access::Scope;
use approval_sync::hub::{HubClient, HubConfig};
use approval_sync::{Backoff, KeyringTokenStore, TokenStore};
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
            let status = crate::block_on(async {
                let client = client(url, ca.as_deref())?;
                let session = client
                    .sign_in(account, &password)
                    .await
                    .map_err(ApiError::from)?;
                if !no_keyring {
                    keyring()?
                        .save(account, url, &session.token)
                        .map_err(keyring_failed)?;
                }
                let desk = crate::open_desk(cli).await?;
                let bound = async {
                    let status = bind_hub(
                        &desk,
                        BindRequest {
                            url: url.clone(),
                            account: account.clone(),
                            person: session.name.clone(),
                            ca_path: ca.as_ref().map(|p| p.display().to_string()),
                        },
                        crate::now(),
                    )
                    .await?;
                    // The hub is the authority on who may do what: the
                    // signed-in person's grants here become the session's.
                    let grants =
                        adopt_hub_grants(&desk, &session.name, &session.grants, crate::now())
                            .await?;
                    Ok::<_, ApiError>((status, grants))
                }
                .await;
                desk.close().await;
                Ok(bound?)
            })?;
            let (status, grants) = status;
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

/// The pause before an outbox record is tried again after its
/// `attempts`-th failure: exponential with full jitter (approval_sync's
/// Backoff, 1 s doubling up to its cap).
fn retry_delay(attempts: u32) -> Duration {
    let mut backoff = Backoff::default();
    for _ in 1..attempts {
        backoff.next_delay();
    }
    backoff.next_delay()
}

/// One sync of the bound profile: the session's grants adopted (from
/// `whoami`, one small request; when it fails, the sync below meets and
/// records the same failure), then `sync_once`, then the hub's calendar
/// (a failure there is reported and tried again at the next sync: the
/// cases are synced already).
async fn sync_bound(desk: &Desk, password: Option<&str>) -> Result<SyncReport, Failure> {
    let client = bound_client(desk, password).await?;
    match client.whoami().await {
        Ok(me) => match adopt_hub_grants(desk, &me.name, &me.grants, crate::now()).await {
            Ok(adopted) if adopted.changed => print_grants(&adopted),
            Ok(_) => {}
            Err(e) => eprintln!("deskctl: the hub's grants were not adopted: {e}"),
        },
        Err(e) => tracing::warn!(error = %e, "whoami failed before the sync"),
    }
    let options = SyncOptions {
        retry_delay: &retry_delay,
        progress: None,
    };
    let report = sync_once(desk, &client, crate::now(), &options).await?;
    match fetch_calendar(desk, &client).await {
        Ok(fetch) => print_calendar(&fetch),
        Err(e) => eprintln!("deskctl: the hub's calendar was not fetched: {e}"),
    }
    Ok(report)
}

/// The client of the hub the profile is bound to, signed in: with
/// `password`, afresh for this run (the token in memory only), else with
/// the token kept in the keyring; `None` when the profile is not bound.
pub async fn bound_client_if_any(
    desk: &Desk,
    password: Option<&str>,
) -> Result<Option<HubClient>, Failure> {
    let Some(binding) = desk.db().hub_binding().await.map_err(ApiError::from)? else {
        return Ok(None);
    };
    let client = client(&binding.url, binding.ca_path.as_deref().map(Path::new))?;
    if let Some(password) = password {
        let session = client
            .sign_in(&binding.account, password)
            .await
            .map_err(ApiError::from)?;
        return Ok(Some(client.with_token(session.token)));
    }
    let token = keyring()?
        .load(&binding.account, &binding.url)
        .map_err(keyring_failed)?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::HubUnauthorized,
                format!(
                    "系统钥匙串中没有{}在{}的登录凭据，请重新登录（deskctl hub sign-in）",
                    binding.account, binding.url
                ),
                format!(
                    "no session for {} at {} in the OS keyring: sign in again (deskctl hub sign-in)",
                    binding.account, binding.url
                ),
            )
        })?;
    Ok(Some(client.with_token(token.as_str())))
}

async fn bound_client(desk: &Desk, password: Option<&str>) -> Result<HubClient, Failure> {
    bound_client_if_any(desk, password).await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::HubNotBound,
            "本用户数据尚未绑定交换平台，请先登录（deskctl hub sign-in）",
            "this profile is not bound to a hub: sign in first (deskctl hub sign-in)",
        )
        .into()
    })
}

/// `audit verify` on a bound profile: the local chain against the hub's
/// checkpoints.
pub async fn audit_against_bound_hub(
    desk: &Desk,
    password_stdin: bool,
) -> Result<Option<CheckpointAudit>, Failure> {
    let password = password_stdin.then(|| password(true)).transpose()?;
    match bound_client_if_any(desk, password.as_deref()).await? {
        None => Ok(None),
        Some(client) => Ok(Some(audit_against_hub(desk, &client).await?)),
    }
}

fn client(url: &str, ca: Option<&Path>) -> Result<HubClient, Failure> {
    let mut config = HubConfig::new(url.to_owned());
    if let Some(ca) = ca {
        let pem = std::fs::read(ca).map_err(|source| Failure::ReadInput {
            path: ca.display().to_string(),
            source,
        })?;
        config = config.with_extra_ca_pem(pem);
    }
    HubClient::new(config).map_err(|e| {
        ApiError::invalid_input(
            format!("无法连接交换平台{url}：{e}"),
            format!("cannot set up the hub client for {url}: {e}"),
        )
        .at_field("url")
        .into()
    })
}

fn keyring() -> Result<KeyringTokenStore, Failure> {
    KeyringTokenStore::platform().map_err(keyring_failed)
}

fn keyring_failed(error: approval_sync::credentials::TokenStoreError) -> Failure {
    ApiError::new(
        ErrorCode::KeyringFailed,
        format!("系统钥匙串不可用：{error}"),
        format!("the OS keyring failed: {error}"),
    )
    .into()
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
