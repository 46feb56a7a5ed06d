//! `deskctl`: Approval Desk on the command line, over the same layers as
//! the app. Errors go to stderr with a non-zero exit; output is for scripts.

mod args;
mod calendar_cmd;
mod deadline_cmd;
mod failure;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Calendar(command) => calendar_cmd::run(&cli, command),
        Command::Deadline(request) => deadline_cmd::run(&cli, request),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("deskctl: {failure}");
            if let Some(hint) = failure.hint() {
                eprintln!("deskctl: hint: {hint}");
            }
            ExitCode::FAILURE
        }
    }
}
