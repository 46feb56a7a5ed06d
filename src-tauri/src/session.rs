//! How the window starts and whom it works with: the mode (demo, a real
//! hub, or local), chosen from the command line, the environment and
//! whether the profile is bound; the profile it opens; and the signed-in
//! hub client the sync loop uses.
//!
//! - `approval-desk --demo` (or `APPROVAL_DESK_DEMO=1`): demo mode, even
//!   on a profile bound to a hub.
//! - A profile bound to a hub (`deskctl hub sign-in`, or the window's
//!   connect dialog): that hub. The token comes from the OS keyring; with
//!   `APPROVAL_DESK_HUB_PASSWORD` set (tests, machines without a keyring)
//!   the window signs in afresh with it and keeps the token in memory.
//! - An unbound profile: demo mode, unless `--no-demo` (or
//!   `APPROVAL_DESK_DEMO=0`) asks for the profile as it is (local mode:
//!   nothing is synced).
//!
//! The profile is `APPROVAL_DESK_DB` or the user's default; demo mode
//! never opens it for work: its hub and desk live in `demo/` beside it.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use approval_api::exchange::hub_status;
use approval_api::views::session::{DemoSealView, SessionModeView, SessionView};
use approval_api::{profile, ApiError, Desk, ErrorCode};
use approval_core::access::Scope;
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_session::Credentials;
use approval_sync::{HubClient, MemoryTokenStore};
use chrono::{DateTime, FixedOffset};
use tauri::{AppHandle, Manager};

use crate::{demo, demo_seal};

/// Overrides the profile database (tests and portable installs).
pub const DATABASE_ENV: &str = "APPROVAL_DESK_DB";
/// `1`/`on`: demo mode; `0`/`off`: never demo mode.
pub const DEMO_ENV: &str = "APPROVAL_DESK_DEMO";
/// Signs in with this password at start instead of the keyring's token.
pub const PASSWORD_ENV: &str = "APPROVAL_DESK_HUB_PASSWORD";

/// Which hub the window works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Demo,
    Hub,
    Local,
}

impl Mode {
    pub fn view(self) -> SessionModeView {
        match self {
            Mode::Demo => SessionModeView::Demo,
            Mode::Hub => SessionModeView::Hub,
            Mode::Local => SessionModeView::Local,
        }
    }
}

/// What the command line and the environment ask for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Demand {
    /// `--demo` or `APPROVAL_DESK_DEMO=1`.
    pub demo: bool,
    /// `--no-demo` or `APPROVAL_DESK_DEMO=0`.
    pub no_demo: bool,
}

impl Demand {
    /// From the program's arguments (others are left to Tauri) and the
    /// value of [`DEMO_ENV`]; a flag wins over the environment, `--demo`
    /// over `--no-demo`.
    pub fn of(args: &[OsString], env: Option<&str>) -> Self {
        let flag = |name: &str| args.iter().skip(1).any(|a| a == name);
        let (env_demo, env_no_demo) = match env.map(|v| v.trim().to_ascii_lowercase()) {
            Some(v) if matches!(v.as_str(), "1" | "on" | "yes" | "true") => (true, false),
            Some(v) if matches!(v.as_str(), "0" | "off" | "no" | "false") => (false, true),
            _ => (false, false),
        };
        let demo = flag("--demo") || (env_demo && !flag("--no-demo"));
        Self {
            demo,
            no_demo: !demo && (flag("--no-demo") || env_no_demo),
        }
    }
}

/// The mode: demo when asked for, else the bound hub, else demo unless
/// refused (then local).
pub fn choose(demand: Demand, profile_bound: bool) -> Mode {
    if demand.demo {
        Mode::Demo
    } else if profile_bound {
        Mode::Hub
    } else if demand.no_demo {
        Mode::Local
    } else {
        Mode::Demo
    }
}

/// The profile database: `APPROVAL_DESK_DB` or the user's default.
pub fn profile_database() -> Option<PathBuf> {
    std::env::var_os(DATABASE_ENV)
        .map(PathBuf::from)
        .or_else(profile::default_database_path)
}

/// How the hub client signs in again when its session ends.
#[derive(Clone)]
enum SignIn {
    /// The demo officer's public password (the token stays in memory).
    Demo { password: String },
    /// `APPROVAL_DESK_HUB_PASSWORD`.
    Password(String),
    /// The OS keyring's token (after `hub_connect` or `deskctl hub
    /// sign-in`): read again.
    Keyring,
    /// Nothing to sync with.
    None,
}

/// The window's session, shared by the commands and the sync loop.
pub struct AppSession {
    pub mode: Mode,
    /// The real profile (what `hub_connect` binds, even from demo mode).
    pub profile: PathBuf,
    /// The program's arguments, to start again after `hub_connect`.
    pub args: Vec<OsString>,
    sign_in: SignIn,
    client: Mutex<Option<HubClient>>,
    /// The last failure of a sync round of this run (`None` after a
    /// success).
    pub last_failure: Mutex<Option<ApiError>>,
    /// A round is running.
    pub running: Mutex<bool>,
    /// One round at a time (the loop's and `sync_now`'s).
    pub round: tokio::sync::Mutex<()>,
    /// Wakes the loop early.
    pub wake: tokio::sync::Notify,
    /// The demo officer's seal (demo mode, when the keyring took its
    /// password).
    demo_seal: Option<DemoSealView>,
}

/// What starting found: the open desk and the session.
pub struct Started {
    pub desk: Desk,
    pub session: Arc<AppSession>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Opens the profile (or the demo's), starting and binding the demo hub in
/// demo mode, and signs in.
pub async fn start(
    profile: &Path,
    demand: Demand,
    args: Vec<OsString>,
    now: DateTime<FixedOffset>,
) -> Result<Started, ApiError> {
    let real = Desk::open(profile).await?;
    let bound = real.db().hub_binding().await?.is_some();
    let mode = choose(demand, bound);
    tracing::info!(?mode, "starting");
    let mut demo_seal = None;
    let (desk, sign_in, client) = match mode {
        Mode::Demo => {
            real.close().await;
            let (desk, hub, client) = start_demo(profile, now).await?;
            let sign_in = SignIn::Demo {
                password: hub.officer.password.clone(),
            };
            let folder = demo::folder(profile);
            demo_seal = match demo_seal::provision(
                &folder,
                &demo::desk_database(&folder),
                &hub.officer.department,
                now,
            ) {
                Ok(seal) => Some(seal),
                Err(e) => {
                    tracing::warn!(code = %e.code, "no demo seal: {}", e.message_en);
                    None
                }
            };
            (desk, sign_in, Some(client))
        }
        Mode::Hub => {
            let sign_in = match std::env::var(PASSWORD_ENV) {
                Ok(password) if !password.is_empty() => SignIn::Password(password),
                _ => SignIn::Keyring,
            };
            // Signed in by the sync loop's first round, so a hub that does
            // not answer never holds the window back.
            (real, sign_in, None)
        }
        Mode::Local => (real, SignIn::None, None),
    };
    remember_person(&desk).await?;
    Ok(Started {
        desk,
        session: Arc::new(AppSession {
            mode,
            profile: profile.to_path_buf(),
            args,
            sign_in,
            client: Mutex::new(client),
            last_failure: Mutex::new(None),
            running: Mutex::new(false),
            round: tokio::sync::Mutex::new(()),
            wake: tokio::sync::Notify::new(),
            demo_seal,
        }),
    })
}

/// The demo: its hub started (on the port of last time when free), its
/// profile prepared on first use and bound to it as the demo officer.
async fn start_demo(
    profile: &Path,
    now: DateTime<FixedOffset>,
) -> Result<(Desk, demo::DemoHub, HubClient), ApiError> {
    let folder = demo::folder(profile);
    std::fs::create_dir_all(&folder).map_err(|e| {
        ApiError::new(
            ErrorCode::FileUnwritable,
            format!("无法创建演示数据目录{}：{e}", folder.display()),
            format!("cannot make the demo folder {}: {e}", folder.display()),
        )
    })?;
    let desk = Desk::open(&demo::desk_database(&folder)).await?;
    let binding = desk.db().hub_binding().await?;
    let port = binding.as_ref().and_then(|b| port_of(&b.url));
    let hub = demo::start(&folder, port).await?;
    if binding.is_none() {
        demo::prepare_desk(&desk, now).await?;
    }
    let tokens = MemoryTokenStore::new();
    let connected = approval_session::connect(
        &desk,
        &hub.url,
        None,
        &hub.officer.account,
        &hub.officer.password,
        Some(&tokens),
        now,
    )
    .await?;
    // The first round right away, so the inbox opens with the cases the
    // demo hub holds (loopback: this takes a moment).
    let first = approval_session::sync_round(&desk, &connected.client, now, None).await;
    if let Err(e) = first.sync {
        tracing::warn!(code = %e.code, "the demo's first sync failed: {}", e.message_en);
    }
    Ok((desk, hub, connected.client))
}

/// The port of a `http://127.0.0.1:PORT` address.
pub fn port_of(url: &str) -> Option<u16> {
    url.rsplit(':').next()?.trim_end_matches('/').parse().ok()
}

impl AppSession {
    /// The signed-in client, signing in again (or reading the keyring
    /// again) when there is none.
    pub async fn client(&self, desk: &Desk) -> Result<HubClient, ApiError> {
        if let Some(client) = lock(&self.client).clone() {
            return Ok(client);
        }
        if self.mode == Mode::Local {
            return Err(approval_session::not_bound());
        }
        let credentials = match &self.sign_in {
            SignIn::Demo { password } | SignIn::Password(password) => {
                Credentials::Password(password)
            }
            SignIn::Keyring => Credentials::Keyring,
            SignIn::None => return Err(approval_session::not_bound()),
        };
        let client = approval_session::bound_client(desk, credentials).await?;
        *lock(&self.client) = Some(client.clone());
        Ok(client)
    }

    /// Forgets the client after the hub said the session ended: the next
    /// round signs in again.
    pub fn signed_out(&self) {
        *lock(&self.client) = None;
    }

    pub fn set_running(&self, running: bool) {
        *lock(&self.running) = running;
    }

    pub fn is_running(&self) -> bool {
        *lock(&self.running)
    }

    pub fn set_failure(&self, failure: Option<ApiError>) {
        *lock(&self.last_failure) = failure;
    }

    pub fn failure(&self) -> Option<ApiError> {
        lock(&self.last_failure).clone()
    }

    /// The session's view.
    pub async fn view(&self, desk: &Desk) -> Result<SessionView, ApiError> {
        Ok(SessionView {
            demo_seal: self.demo_seal.clone(),
            ..view(desk, self.mode).await?
        })
    }
}

/// Who acts in the window (the commands' actor): the signed-in person on a
/// bound profile (demo included), else the login name. Set at start.
static PERSON: Mutex<Option<String>> = Mutex::new(None);

/// The person acting in the window.
pub fn person() -> String {
    lock(&PERSON).clone().unwrap_or_else(profile::login_name)
}

async fn remember_person(desk: &Desk) -> Result<(), ApiError> {
    let person = desk.db().hub_binding().await?.map(|b| b.person);
    *lock(&PERSON) = person;
    Ok(())
}

/// The session view of `desk` in `mode`: the signed-in person on a bound
/// profile (demo included), else the login name, with their roles here.
async fn view(desk: &Desk, mode: Mode) -> Result<SessionView, ApiError> {
    let status = hub_status(desk).await?;
    let binding = status.binding;
    let person = binding
        .as_ref()
        .map_or_else(profile::login_name, |b| b.person.clone());
    let grants: Vec<_> = desk
        .db()
        .grants()
        .await?
        .into_iter()
        .filter(|g| g.person == person)
        .collect();
    let mut roles: Vec<String> = grants.iter().map(|g| g.role.code().to_owned()).collect();
    roles.dedup();
    let department = grants.iter().find_map(|g| match &g.scope {
        Scope::Department(d) => Some(d.clone()),
        Scope::All => None,
    });
    Ok(SessionView {
        mode: mode.view(),
        person,
        account: binding.as_ref().map(|b| b.account.clone()),
        hub_url: binding.map(|b| b.url),
        roles,
        department,
        demo_seal: None,
    })
}

/// `hub_connect`: signs in to the hub at `url` as `account`, keeps the
/// token in the OS keyring, binds the real profile and adopts the
/// session's grants. On a profile already working with a hub the new
/// session takes over at once; from demo or local mode the window starts
/// again on the real profile (the demo's data stay in `demo/`).
pub async fn connect(
    app: &AppHandle,
    url: &str,
    account: &str,
    password: &str,
) -> Result<SessionView, ApiError> {
    let session = app.state::<Arc<AppSession>>().inner().clone();
    let now = chrono::Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    let keyring = approval_session::keyring()?;
    let url = url.trim();
    if session.mode == Mode::Hub {
        let desk = app.state::<Desk>();
        let connected =
            approval_session::connect(&desk, url, None, account, password, Some(&keyring), now)
                .await?;
        *lock(&session.client) = Some(connected.client);
        remember_person(&desk).await?;
        session.wake.notify_one();
        return view(&desk, Mode::Hub).await;
    }
    let real = Desk::open(&session.profile).await?;
    let connected =
        approval_session::connect(&real, url, None, account, password, Some(&keyring), now).await;
    let viewed = match connected {
        Ok(_) => view(&real, Mode::Hub).await,
        Err(e) => Err(e.into()),
    };
    real.close().await;
    let viewed = viewed?;
    restart_on_profile(app.clone(), session.args.clone());
    Ok(viewed)
}

/// Starts the window again without demo mode, once the answer to
/// `hub_connect` has reached the window.
fn restart_on_profile(app: AppHandle, args: Vec<OsString>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(800)).await;
        let relaunched = std::env::current_exe().and_then(|exe| {
            std::process::Command::new(exe)
                .args(
                    args.iter()
                        .skip(1)
                        .filter(|a| *a != "--demo" && *a != "--no-demo"),
                )
                .env_remove(DEMO_ENV)
                .spawn()
        });
        match relaunched {
            Ok(_) => app.exit(0),
            Err(e) => tracing::error!("the window could not start again on the profile: {e}"),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        std::iter::once("approval-desk")
            .chain(list.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn an_unbound_profile_starts_in_demo_mode_unless_refused() {
        let plain = Demand::of(&args(&[]), None);
        assert_eq!(choose(plain, false), Mode::Demo);
        assert_eq!(choose(plain, true), Mode::Hub);
        let refused = Demand::of(&args(&["--no-demo"]), None);
        assert_eq!(choose(refused, false), Mode::Local);
        assert_eq!(choose(refused, true), Mode::Hub);
        let by_env = Demand::of(&args(&[]), Some("0"));
        assert_eq!(choose(by_env, false), Mode::Local);
    }

    #[test]
    fn demo_is_forced_by_the_flag_or_the_environment() {
        let forced = Demand::of(&args(&["--demo"]), None);
        assert_eq!(choose(forced, true), Mode::Demo);
        let by_env = Demand::of(&args(&[]), Some("on"));
        assert_eq!(choose(by_env, true), Mode::Demo);
        // A flag wins over the environment; --demo over --no-demo.
        let flag_wins = Demand::of(&args(&["--no-demo"]), Some("1"));
        assert_eq!(choose(flag_wins, false), Mode::Local);
        let both = Demand::of(&args(&["--no-demo", "--demo"]), None);
        assert_eq!(choose(both, true), Mode::Demo);
        // The program's own name is not a flag.
        let named = Demand::of(&[OsString::from("--demo")], None);
        assert_eq!(named, Demand::default());
    }

    #[test]
    fn the_port_of_a_loopback_address() {
        assert_eq!(port_of("http://127.0.0.1:8480"), Some(8480));
        assert_eq!(port_of("http://127.0.0.1:8480/"), Some(8480));
        assert_eq!(port_of("https://hub.example.gov.cn"), None);
    }
}
