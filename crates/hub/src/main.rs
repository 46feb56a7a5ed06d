//! `desk-hub --db URL --listen ADDR [--demo]`: the exchange hub.

use std::process::ExitCode;
use std::time::Duration;

use approval_hub::{demo, Hub, HubConfig};
use clap::Parser;

/// The reference exchange hub between window units and departments.
#[derive(Parser, Debug)]
#[command(name = "desk-hub", version, about)]
struct Args {
    /// The database: sqlite://PATH (created when missing) or postgres://…
    #[arg(long)]
    db: String,
    /// Where to listen, e.g. 127.0.0.1:8080 (port 0: any free port; the
    /// bound address is printed).
    #[arg(long)]
    listen: String,
    /// Seed demo units, departments, accounts, guides and bundles, and
    /// create a window-unit case every --demo-interval seconds.
    #[arg(long)]
    demo: bool,
    /// Seconds between two demo cases (0: none).
    #[arg(long, default_value_t = 30)]
    demo_interval: u64,
    /// The largest request body, in MiB.
    #[arg(long, default_value_t = 64)]
    max_body_mib: usize,
    /// The largest single file (material, document, attachment), in MiB.
    #[arg(long, default_value_t = 20)]
    max_file_mib: usize,
    /// How long a sign-in lasts, in seconds.
    #[arg(long, default_value_t = 12 * 3600)]
    session_seconds: u64,
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("desk-hub: shutting down");
}

async fn run(args: Args) -> Result<(), String> {
    let config = HubConfig {
        max_body_bytes: args.max_body_mib.saturating_mul(1024 * 1024),
        max_file_bytes: args.max_file_mib.saturating_mul(1024 * 1024),
        session_ttl: Duration::from_secs(args.session_seconds),
    };
    let hub = Hub::open(&args.db, config)
        .await
        .map_err(|e| e.to_string())?;
    if args.demo {
        demo::seed(&hub).await.map_err(|e| e.wire.to_string())?;
        println!("demo accounts (account / password / grants):");
        for account in demo::accounts() {
            let grants: Vec<String> = account
                .grants
                .iter()
                .map(|(role, scope)| match scope {
                    approval_core::access::Scope::All => format!("{} (all)", role.code()),
                    approval_core::access::Scope::Department(d) => format!("{} ({d})", role.code()),
                })
                .collect();
            println!(
                "  {} / {} / {}",
                account.account,
                account.password,
                grants.join(", ")
            );
        }
        if args.demo_interval > 0 {
            tokio::spawn(demo::stream(
                hub.clone(),
                Duration::from_secs(args.demo_interval),
            ));
        }
    }
    let listener = tokio::net::TcpListener::bind(&args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{address}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    approval_hub::serve(listener, hub, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("desk-hub: {message}");
            ExitCode::FAILURE
        }
    }
}
