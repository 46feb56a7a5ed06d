//! Where the key file's password (口令) or the token's PIN comes from.
//!
//! The usual place is the operating system's keyring, so the secret is
//! neither typed at every signature nor kept in the app's own files:
//! Windows Credential Manager (凭据管理器), the macOS Keychain, and on Linux
//! the Secret Service (GNOME Keyring, KWallet) or, where no such daemon runs,
//! the kernel key retention service (keyutils), which keeps the secret only
//! until the next reboot.
//!
//! Secrets are held in [`Zeroizing`] strings, wiped when dropped, and never
//! appear in an error message or in `Debug` output.

use std::sync::{Arc, RwLock};

use keyring_core::api::CredentialStore;
use keyring_core::{Entry, Error as KeyringError};
use zeroize::Zeroizing;

use crate::signer::SignerError;

/// Where a secret is read from.
#[derive(Clone)]
pub enum PasswordSource {
    /// The OS keyring entry `service` / `account`.
    Keyring { service: String, account: String },
    /// An environment variable, by name (for automated set-ups and tests).
    Env(String),
    /// The secret itself, e.g. just typed by the officer.
    Given(Zeroizing<String>),
}

impl std::fmt::Debug for PasswordSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PasswordSource::Keyring { service, account } => f
                .debug_struct("Keyring")
                .field("service", service)
                .field("account", account)
                .finish(),
            PasswordSource::Env(name) => f.debug_tuple("Env").field(name).finish(),
            PasswordSource::Given(_) => f.write_str("Given(<hidden>)"),
        }
    }
}

impl PasswordSource {
    /// Reads the secret.
    pub fn read(&self) -> Result<Zeroizing<String>, SignerError> {
        match self {
            PasswordSource::Keyring { service, account } => {
                let entry = entry(service, account)?;
                entry
                    .get_password()
                    .map(Zeroizing::new)
                    .map_err(|e| keyring_error(service, account, &e))
            }
            PasswordSource::Env(name) => std::env::var(name).map(Zeroizing::new).map_err(|e| {
                let why = match e {
                    std::env::VarError::NotPresent => "未设置",
                    std::env::VarError::NotUnicode(_) => "不是有效的 Unicode 文本",
                };
                SignerError::Password(format!("环境变量 {name} {why}"))
            }),
            PasswordSource::Given(secret) => Ok(secret.clone()),
        }
    }
}

/// Stores (or replaces) `password` in the OS keyring under `service` /
/// `account`, where [`PasswordSource::Keyring`] will find it.
pub fn store_in_keyring(service: &str, account: &str, password: &str) -> Result<(), SignerError> {
    entry(service, account)?
        .set_password(password)
        .map_err(|e| keyring_error(service, account, &e))
}

/// Removes the secret of `service` / `account` from the OS keyring; an entry
/// that is not there counts as removed.
pub fn delete_from_keyring(service: &str, account: &str) -> Result<(), SignerError> {
    match entry(service, account)?.delete_credential() {
        Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
        Err(e) => Err(keyring_error(service, account, &e)),
    }
}

/// Uses `store` as the keyring from now on instead of the platform's own:
/// for a deployment that wants a particular store, and for tests (the
/// `keyring_core::mock` store).
pub fn use_keyring_store(store: Arc<CredentialStore>) {
    let mut chosen = STORE
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    *chosen = Some(store);
}

/// The name of the keyring store in use (e.g. "keyutils", "windows"), for
/// diagnostics; opens the platform's store if none is open yet.
pub fn keyring_store_name() -> Result<String, SignerError> {
    let store = store()?;
    Ok(format!("{} ({})", store.vendor(), store.id()))
}

/// The store the entries live in: chosen once, on first use.
static STORE: RwLock<Option<Arc<CredentialStore>>> = RwLock::new(None);

fn store() -> Result<Arc<CredentialStore>, SignerError> {
    if let Some(store) = STORE
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .as_ref()
    {
        return Ok(Arc::clone(store));
    }
    let mut chosen = STORE
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(store) = chosen.as_ref() {
        return Ok(Arc::clone(store));
    }
    let store =
        platform_store().map_err(|e| SignerError::Password(format!("无法打开系统钥匙串：{e}")))?;
    *chosen = Some(Arc::clone(&store));
    Ok(store)
}

#[cfg(target_os = "windows")]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "linux")]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    // The Secret Service keeps secrets across reboots, so it is preferred;
    // but headless machines and minimal desktops run no such daemon, and the
    // kernel keyring is always there.
    if let Ok(secret_service) = dbus_secret_service_keyring_store::Store::new() {
        let secret_service: Arc<CredentialStore> = secret_service;
        let probe = Entry::new_in_store(&secret_service, "approval-desk", "store-probe")?;
        if matches!(probe.get_password(), Ok(_) | Err(KeyringError::NoEntry)) {
            return Ok(secret_service);
        }
    }
    Ok(linux_keyutils_keyring_store::Store::new()?)
}

#[cfg(not(any(target_os = "windows", target_os = "macos", target_os = "linux")))]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    Err(KeyringError::NotSupportedByStore(
        "本平台没有受支持的系统钥匙串".to_owned(),
    ))
}

fn entry(service: &str, account: &str) -> Result<Entry, SignerError> {
    Entry::new_in_store(&store()?, service, account)
        .map_err(|e| keyring_error(service, account, &e))
}

/// Describes a keyring failure without the secret: the `BadEncoding` and
/// `BadDataFormat` errors carry the stored bytes, which must not be shown.
fn keyring_error(service: &str, account: &str, error: &KeyringError) -> SignerError {
    let why = match error {
        KeyringError::NoEntry => "钥匙串中没有这一项".to_owned(),
        KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..) => {
            "钥匙串中保存的不是有效的文本".to_owned()
        }
        other => other.to_string(),
    };
    SignerError::Password(format!("钥匙串 {service} / {account}：{why}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_given_secret() {
        let source = PasswordSource::Given(Zeroizing::new("s3cret-PIN".to_owned()));
        assert_eq!(format!("{source:?}"), "Given(<hidden>)");
    }

    /// Both keyring round trips in one test: the store is process-wide.
    #[test]
    fn the_password_goes_into_the_keyring_and_comes_back() {
        // keyring-core's mock store: the same Entry calls as the real ones.
        let mock: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        use_keyring_store(mock);
        round_trip("mock");

        // The kernel keyring (keyutils). This sandbox refuses to link keys
        // into the per-user persistent keyring (EACCES; it maps uids), which
        // the keyutils store does on every write, so here the store keeps
        // keys in the session keyring only; add, search, read and
        // invalidate are the real kernel calls.
        #[cfg(target_os = "linux")]
        {
            use_keyring_store(Arc::new(keyutils::SessionOnly(
                linux_keyutils_keyring_store::Store::new().unwrap(),
            )));
            round_trip("keyutils");
        }
    }

    fn round_trip(store: &str) {
        let service = format!("approval-desk-test-{}", std::process::id());
        let account = "行政审批局";
        let source = PasswordSource::Keyring {
            service: service.clone(),
            account: account.to_owned(),
        };
        let missing = source
            .read()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(missing.contains("没有这一项"), "{store}: {missing}");

        store_in_keyring(&service, account, "pässwörd 口令 1").unwrap();
        store_in_keyring(&service, account, "pässwörd 口令 2").unwrap();
        assert_eq!(
            source.read().unwrap().as_str(),
            "pässwörd 口令 2",
            "{store}"
        );

        delete_from_keyring(&service, account).unwrap();
        // keyutils caches invalidated keys for a moment in this process.
        let gone = (0..50).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(20));
            source.read().is_err()
        });
        assert!(gone, "{store}: the password is still there after deleting");
        delete_from_keyring(&service, account).unwrap();
    }

    #[cfg(target_os = "linux")]
    mod keyutils {
        use std::collections::HashMap;
        use std::sync::Arc;

        use keyring_core::api::CredentialStoreApi;
        use keyring_core::Entry;
        use linux_keyutils_keyring_store::{Cred, Store};

        /// The keyutils store without the persistent-keyring link.
        #[derive(Debug)]
        pub struct SessionOnly(pub Arc<Store>);

        impl CredentialStoreApi for SessionOnly {
            fn vendor(&self) -> String {
                "keyutils, session keyring only".to_owned()
            }

            fn id(&self) -> String {
                self.0.id()
            }

            fn build(
                &self,
                service: &str,
                user: &str,
                modifiers: Option<&HashMap<&str, &str>>,
            ) -> keyring_core::Result<Entry> {
                let entry = self.0.build(service, user, modifiers)?;
                let mut cred = entry
                    .as_any()
                    .downcast_ref::<Cred>()
                    .cloned()
                    .ok_or(keyring_core::Error::NoDefaultStore)?;
                cred.persistent = None;
                Ok(Entry::new_with_credential(Arc::new(cred)))
            }

            fn as_any(&self) -> &dyn std::any::Any {
                self
            }
        }
    }

    #[test]
    fn a_missing_environment_variable_is_named() {
        let name = "APPROVAL_ESIGN_TEST_SURELY_UNSET_VARIABLE";
        let error = PasswordSource::Env(name.to_owned())
            .read()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains(name), "{error}");
    }
}
