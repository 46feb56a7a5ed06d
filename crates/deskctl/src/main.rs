//! `deskctl`: Approval Desk on the command line, over the same layers as
//! the app. Errors go to stderr with a non-zero exit; output is for scripts.

mod args;
mod audit_cmd;
mod bench_cmd;
mod bundle_cmd;
mod calendar_cmd;
mod case_cmd;
mod deadline_cmd;
mod department_cmd;
mod failure;
mod filing_cmd;
mod findings;
mod flowchart_cmd;
mod guide_cmd;
mod hub_cmd;
mod identity;
mod pdf_cmd;
mod role_cmd;
mod window_cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use args::{Cli, Command};

fn main() -> ExitCode {
    // The matches too: `--as` is looked up in whichever subcommand has it.
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    // The log sits beside the profile's database, like the window's; a
    // command runs on without it when the folder cannot be written.
    let _log = cli.database().ok().and_then(|database| {
        approval_api::logging::init(&approval_api::logging::log_folder(&database), "deskctl").ok()
    });
    let result = identity::check(&cli, &matches).and_then(|()| match &cli.command {
        Command::Calendar(command) => calendar_cmd::run(&cli, command),
        Command::Deadline(request) => deadline_cmd::run(&cli, request),
        Command::Guide(command) => guide_cmd::run(&cli, command),
        Command::Bundle(command) => bundle_cmd::run(&cli, command),
        Command::Department(command) => department_cmd::run(&cli, command),
        Command::Flowchart(command) => flowchart_cmd::run(&cli, command),
        Command::Audit(command) => audit_cmd::run(&cli, command),
        Command::Case(command) => case_cmd::run(&cli, command),
        Command::Sweep { now } => case_cmd::sweep(&cli, *now),
        Command::Bench(command) => bench_cmd::run(&cli, command),
        Command::Role(command) => role_cmd::run(&cli, command),
        Command::Filing(command) => filing_cmd::run(&cli, command),
        Command::Pdf(command) => pdf_cmd::run(&cli, command),
        Command::Window(args) => window_cmd::run(args),
        Command::Hub(command) => hub_cmd::run(&cli, command),
        Command::Sync {
            watch,
            password_stdin,
        } => hub_cmd::sync(&cli, *watch, *password_stdin),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            tracing::warn!(
                code = failure.code(),
                "deskctl {} failed",
                command_name(&cli.command)
            );
            eprintln!("deskctl: {failure}");
            if let Some(hint) = failure.hint() {
                eprintln!("deskctl: hint: {hint}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The command's word, for the log (its arguments may be personal data).
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Calendar(_) => "calendar",
        Command::Deadline(_) => "deadline",
        Command::Guide(_) => "guide",
        Command::Bundle(_) => "bundle",
        Command::Department(_) => "department",
        Command::Flowchart(_) => "flowchart",
        Command::Audit(_) => "audit",
        Command::Case(_) => "case",
        Command::Sweep { .. } => "sweep",
        Command::Bench(_) => "bench",
        Command::Role(_) => "role",
        Command::Filing(_) => "filing",
        Command::Pdf(_) => "pdf",
        Command::Window(_) => "window",
        Command::Hub(_) => "hub",
        Command::Sync { .. } => "sync",
    }
}

/// The profile `--db` names (or the user's), opened and migrated.
async fn open_desk(cli: &args::Cli) -> Result<approval_api::Desk, failure::Failure> {
    Ok(approval_api::Desk::open(&cli.database()?).await?)
}

/// Now, in China Standard Time: the command line reads the clock, the use
/// cases take the instant as an argument.
fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&approval_core::china_time::CHINA_STANDARD_TIME)
}

/// Runs one async store operation to completion: the command line does one
/// thing at a time, so a single-threaded runtime is enough.
fn block_on<T>(
    work: impl std::future::Future<Output = Result<T, failure::Failure>>,
) -> Result<T, failure::Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| failure::Failure::Usage(format!("cannot start the async runtime: {e}")))?
        .block_on(work)
}
