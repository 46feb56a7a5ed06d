//! `desk-hub --db URL --listen ADDR [--demo]`: the exchange hub; and
//! `desk-hub account|unit|department …`: its administration, straight on
//! the database (see `approval_hub::admin`).

use std::io::{BufRead as _, IsTerminal as _};
use std::process::ExitCode;
use std::time::Duration;

use approval_hub::admin::{self, AdminError, UnitChange};
use approval_hub::{demo, Hub, HubConfig};
use clap::{Args as ClapArgs, Parser, Subcommand};

/// The reference exchange hub between window units and departments.
///
/// Without a command it serves: `desk-hub --db URL --listen ADDR [--demo]`.
/// The commands administer a deployment's accounts, window units and
/// departments directly on the database (the hub may be running).
#[derive(Parser, Debug)]
#[command(
    name = "desk-hub",
    version,
    about,
    subcommand_negates_reqs = true,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(flatten)]
    serve: Args,
    #[command(subcommand)]
    admin: Option<Admin>,
}

/// Serving (no command given).
#[derive(ClapArgs, Debug)]
struct Args {
    /// The database: sqlite://PATH (created when missing) or postgres://…
    #[arg(long, required = true)]
    db: Option<String>,
    /// Where to listen, e.g. 127.0.0.1:8080 (port 0: any free port; the
    /// bound address is printed).
    #[arg(long, required = true)]
    listen: Option<String>,
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

#[derive(Subcommand, Debug)]
enum Admin {
    /// Hub accounts (账号): add, password, grant, revoke, disable, list.
    #[command(subcommand)]
    Account(AccountCommand),
    /// Window units (政务服务窗口), the scopes of window clerks.
    #[command(subcommand)]
    Unit(UnitCommand),
    /// Departments, the scopes of officers, guide editors, managers and
    /// department administrators.
    #[command(subcommand)]
    Department(DepartmentCommand),
}

#[derive(ClapArgs, Debug)]
struct Db {
    /// The hub's database: sqlite://PATH or postgres://… (migrated when
    /// needed).
    #[arg(long)]
    db: String,
}

#[derive(ClapArgs, Debug)]
struct PasswordSource {
    /// Read the password from the first line of stdin instead of asking on
    /// the terminal.
    #[arg(long)]
    password_stdin: bool,
}

#[derive(ClapArgs, Debug)]
struct GrantArgs {
    #[command(flatten)]
    db: Db,
    #[arg(long)]
    account: String,
    /// officer, guide_editor, manager, department_admin, window_clerk or
    /// classified_clearance.
    #[arg(long)]
    role: String,
    /// The window unit (for a window clerk) or department (any other role);
    /// none: every unit and department.
    #[arg(long)]
    scope: Option<String>,
}

#[derive(Subcommand, Debug)]
enum AccountCommand {
    /// Create an account (no grants yet).
    Add {
        #[command(flatten)]
        db: Db,
        /// What the person signs in with.
        #[arg(long)]
        account: String,
        /// The person's name, shown on what they do.
        #[arg(long)]
        name: String,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Set an account's password (enables a disabled account; ends its
    /// sessions).
    Password {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        account: String,
        #[command(flatten)]
        password: PasswordSource,
    },
    /// Grant a role in a scope.
    Grant(GrantArgs),
    /// Withdraw a role in a scope (no --scope: the grant over everything).
    Revoke(GrantArgs),
    /// Lock an account out: no sign-in, its sessions end now.
    Disable {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        account: String,
    },
    /// Every account with its grants.
    List {
        #[command(flatten)]
        db: Db,
    },
}

#[derive(Subcommand, Debug)]
enum UnitCommand {
    /// Register a window unit under its upper unit (or move it there).
    Add {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        name: String,
        /// The upper window unit (none: a top unit, e.g. the province's).
        #[arg(long)]
        parent: Option<String>,
    },
    /// Every window unit with its upper unit.
    List {
        #[command(flatten)]
        db: Db,
    },
}

#[derive(Subcommand, Debug)]
enum DepartmentCommand {
    /// Register a department.
    Add {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        name: String,
    },
    /// Every department.
    List {
        #[command(flatten)]
        db: Db,
    },
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
    // Both are required by clap unless a command is given.
    let (Some(db), Some(listen)) = (args.db, args.listen) else {
        return Err("--db and --listen are required to serve".to_owned());
    };
    let config = HubConfig {
        max_body_bytes: args.max_body_mib.saturating_mul(1024 * 1024),
        max_file_bytes: args.max_file_mib.saturating_mul(1024 * 1024),
        session_ttl: Duration::from_secs(args.session_seconds),
    };
    let hub = Hub::open(&db, config).await.map_err(|e| e.to_string())?;
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
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{address}");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    approval_hub::serve(listener, hub, shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// The password: the first line of stdin with `--password-stdin`, else
/// asked twice on the terminal without echo.
fn read_password(source: &PasswordSource) -> Result<String, String> {
    let failed = |e: std::io::Error| format!("cannot read the password: {e}");
    if source.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(failed)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if !std::io::stdin().is_terminal() {
        return Err("no terminal to ask the password on: pass --password-stdin".to_owned());
    }
    let first = rpassword::prompt_password("password: ").map_err(failed)?;
    let again = rpassword::prompt_password("password again: ").map_err(failed)?;
    if first != again {
        return Err("the two passwords differ".to_owned());
    }
    Ok(first)
}

async fn pool(db: &Db) -> Result<sqlx::AnyPool, String> {
    approval_hub::db::open(&db.db)
        .await
        .map_err(|e| e.to_string())
}

fn admin_failed(error: AdminError) -> String {
    error.to_string()
}

async fn administer(command: Admin) -> Result<(), String> {
    match command {
        Admin::Account(command) => account(command).await,
        Admin::Unit(UnitCommand::Add { db, name, parent }) => {
            let change = admin::add_unit(&pool(&db).await?, &name, parent.as_deref())
                .await
                .map_err(admin_failed)?;
            let under =
                parent.map_or_else(|| " (a top unit)".to_owned(), |p| format!(" under {p}"));
            match change {
                UnitChange::Added => println!("window unit {name} added{under}"),
                UnitChange::Moved => println!("window unit {name} moved{under}"),
                UnitChange::Unchanged => {
                    println!("window unit {name} is registered{under} already")
                }
            }
            Ok(())
        }
        Admin::Unit(UnitCommand::List { db }) => {
            for (name, parent) in admin::list_units(&pool(&db).await?)
                .await
                .map_err(admin_failed)?
            {
                match parent {
                    Some(parent) => println!("{name}\t{parent}"),
                    None => println!("{name}\t-"),
                }
            }
            Ok(())
        }
        Admin::Department(DepartmentCommand::Add { db, name }) => {
            let new = admin::add_department(&pool(&db).await?, &name)
                .await
                .map_err(admin_failed)?;
            if new {
                println!("department {name} added");
            } else {
                println!("department {name} is registered already");
            }
            Ok(())
        }
        Admin::Department(DepartmentCommand::List { db }) => {
            for name in admin::list_departments(&pool(&db).await?)
                .await
                .map_err(admin_failed)?
            {
                println!("{name}");
            }
            Ok(())
        }
    }
}

async fn account(command: AccountCommand) -> Result<(), String> {
    match command {
        AccountCommand::Add {
            db,
            account,
            name,
            password,
        } => {
            // Checked before asking for a password, which would be wasted.
            admin::check_account_id(&account).map_err(admin_failed)?;
            let pool = pool(&db).await?;
            if admin::account_exists(&pool, &account)
                .await
                .map_err(admin_failed)?
            {
                return Err(admin_failed(AdminError::AccountExists(account)));
            }
            let password = read_password(&password)?;
            admin::add_account(&pool, &account, &name, &password)
                .await
                .map_err(admin_failed)?;
            println!("account {account} added (no grants yet: desk-hub account grant)");
        }
        AccountCommand::Password {
            db,
            account,
            password,
        } => {
            let pool = pool(&db).await?;
            if !admin::account_exists(&pool, &account)
                .await
                .map_err(admin_failed)?
            {
                return Err(admin_failed(AdminError::NoSuchAccount(account)));
            }
            let password = read_password(&password)?;
            admin::set_password(&pool, &account, &password)
                .await
                .map_err(admin_failed)?;
            println!("password of {account} set; its sessions ended");
        }
        AccountCommand::Grant(args) => {
            let role = admin::parse_role(&args.role).map_err(admin_failed)?;
            let new = admin::grant(
                &pool(&args.db).await?,
                &args.account,
                role,
                args.scope.as_deref(),
            )
            .await
            .map_err(admin_failed)?;
            let scope = args.scope.as_deref().unwrap_or("all");
            if new {
                println!("{} granted {} ({scope})", args.account, role.code());
            } else {
                println!("{} holds {} ({scope}) already", args.account, role.code());
            }
        }
        AccountCommand::Revoke(args) => {
            let role = admin::parse_role(&args.role).map_err(admin_failed)?;
            admin::revoke(
                &pool(&args.db).await?,
                &args.account,
                role,
                args.scope.as_deref(),
            )
            .await
            .map_err(admin_failed)?;
            let scope = args.scope.as_deref().unwrap_or("all");
            println!("{} no longer holds {} ({scope})", args.account, role.code());
        }
        AccountCommand::Disable { db, account } => {
            let ended = admin::disable_account(&pool(&db).await?, &account)
                .await
                .map_err(admin_failed)?;
            println!("account {account} disabled; {ended} session(s) ended");
        }
        AccountCommand::List { db } => {
            for account in admin::list_accounts(&pool(&db).await?)
                .await
                .map_err(admin_failed)?
            {
                let grants = account
                    .grants
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let state = if account.disabled {
                    "disabled"
                } else {
                    "active"
                };
                println!(
                    "{}\t{}\t{state}\t{}",
                    account.account,
                    account.name,
                    if grants.is_empty() { "-" } else { &grants }
                );
            }
        }
    }
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.admin {
        Some(command) => administer(command).await,
        None => run(cli.serve).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("desk-hub: {message}");
            ExitCode::FAILURE
        }
    }
}
