//! Where the hub session's token is kept between runs: the operating
//! system's keyring and nowhere else — never the profile's database, a
//! configuration file or a log. Windows Credential Manager (凭据管理器), the
//! macOS Keychain, and on Linux the Secret Service (GNOME Keyring, KWallet)
//! or, where no such daemon runs, the kernel key retention service
//! (keyutils), which keeps the token until the next reboot. The store is
//! chosen as `approval-esign` chooses it for key passwords.
//!
//! An entry is service [`KEYRING_SERVICE`], user `<account>@<hub url>`
//! ([`keyring_user`]), so one person signed in to two hubs has two entries.
//! [`MemoryTokenStore`] is the same trait in memory, for tests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use keyring_core::api::CredentialStore;
use keyring_core::{Entry, Error as KeyringError};
use zeroize::Zeroizing;

/// The keyring entries' service name.
pub const KEYRING_SERVICE: &str = "approval-desk-hub";

/// The keyring entry's user for `account` on the hub at `hub_url` (its
/// trailing slashes dropped, so one hub has one spelling).
pub fn keyring_user(account: &str, hub_url: &str) -> String {
    format!("{account}@{}", hub_url.trim().trim_end_matches('/'))
}

/// Why the token could not be kept or read. Never carries the token.
#[derive(Debug, thiserror::Error)]
pub enum TokenStoreError {
    #[error("无法打开系统钥匙串：{0}")]
    Unavailable(String),
    #[error("钥匙串 {service} / {user}：{reason}")]
    Entry {
        service: String,
        user: String,
        reason: String,
    },
}

/// Keeps one session token per account and hub.
pub trait TokenStore: Send + Sync {
    /// The token kept for `account` at `hub_url`, if any.
    fn load(
        &self,
        account: &str,
        hub_url: &str,
    ) -> Result<Option<Zeroizing<String>>, TokenStoreError>;
    /// Keeps (or replaces) the token.
    fn save(&self, account: &str, hub_url: &str, token: &str) -> Result<(), TokenStoreError>;
    /// Forgets the token; one that is not there counts as forgotten.
    fn delete(&self, account: &str, hub_url: &str) -> Result<(), TokenStoreError>;
}

/// The OS keyring.
#[derive(Clone)]
pub struct KeyringTokenStore {
    store: Arc<CredentialStore>,
}

impl std::fmt::Debug for KeyringTokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyringTokenStore")
            .field("store", &self.store_name())
            .finish()
    }
}

impl KeyringTokenStore {
    /// The platform's keyring (opened once per process).
    pub fn platform() -> Result<Self, TokenStoreError> {
        Ok(Self {
            store: platform_store_once()?,
        })
    }

    /// Another keyring store: a deployment's choice, or
    /// `keyring_core::mock` in tests.
    pub fn in_store(store: Arc<CredentialStore>) -> Self {
        Self { store }
    }

    /// The store's name (e.g. "keyutils", "windows"), for diagnostics.
    pub fn store_name(&self) -> String {
        format!("{} ({})", self.store.vendor(), self.store.id())
    }

    fn entry(&self, account: &str, hub_url: &str) -> Result<Entry, TokenStoreError> {
        let user = keyring_user(account, hub_url);
        Entry::new_in_store(&self.store, KEYRING_SERVICE, &user).map_err(|e| entry_error(&user, &e))
    }
}

impl TokenStore for KeyringTokenStore {
    fn load(
        &self,
        account: &str,
        hub_url: &str,
    ) -> Result<Option<Zeroizing<String>>, TokenStoreError> {
        match self.entry(account, hub_url)?.get_password() {
            Ok(token) => Ok(Some(Zeroizing::new(token))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(e) => Err(entry_error(&keyring_user(account, hub_url), &e)),
        }
    }

    fn save(&self, account: &str, hub_url: &str, token: &str) -> Result<(), TokenStoreError> {
        self.entry(account, hub_url)?
            .set_password(token)
            .map_err(|e| entry_error(&keyring_user(account, hub_url), &e))
    }

    fn delete(&self, account: &str, hub_url: &str) -> Result<(), TokenStoreError> {
        match self.entry(account, hub_url)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(entry_error(&keyring_user(account, hub_url), &e)),
        }
    }
}

/// Tokens in this process's memory only (tests, and a session that must
/// not outlive the process).
#[derive(Default)]
pub struct MemoryTokenStore {
    tokens: Mutex<HashMap<String, Zeroizing<String>>>,
}

impl std::fmt::Debug for MemoryTokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self
            .tokens
            .lock()
            .map(|tokens| tokens.len())
            .unwrap_or_default();
        f.debug_struct("MemoryTokenStore")
            .field("entries", &count)
            .finish()
    }
}

impl MemoryTokenStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn tokens(&self) -> std::sync::MutexGuard<'_, HashMap<String, Zeroizing<String>>> {
        self.tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(
        &self,
        account: &str,
        hub_url: &str,
    ) -> Result<Option<Zeroizing<String>>, TokenStoreError> {
        Ok(self.tokens().get(&keyring_user(account, hub_url)).cloned())
    }

    fn save(&self, account: &str, hub_url: &str, token: &str) -> Result<(), TokenStoreError> {
        self.tokens().insert(
            keyring_user(account, hub_url),
            Zeroizing::new(token.to_owned()),
        );
        Ok(())
    }

    fn delete(&self, account: &str, hub_url: &str) -> Result<(), TokenStoreError> {
        self.tokens().remove(&keyring_user(account, hub_url));
        Ok(())
    }
}

/// Describes a keyring failure without the secret: `BadEncoding` and
/// `BadDataFormat` carry the stored bytes, which must not be shown.
fn entry_error(user: &str, error: &KeyringError) -> TokenStoreError {
    let reason = match error {
        KeyringError::NoEntry => "钥匙串中没有这一项".to_owned(),
        KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..) => {
            "钥匙串中保存的不是有效的文本".to_owned()
        }
        other => other.to_string(),
    };
    TokenStoreError::Entry {
        service: KEYRING_SERVICE.to_owned(),
        user: user.to_owned(),
        reason,
    }
}

static PLATFORM: Mutex<Option<Arc<CredentialStore>>> = Mutex::new(None);

fn platform_store_once() -> Result<Arc<CredentialStore>, TokenStoreError> {
    let mut chosen = PLATFORM
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(store) = chosen.as_ref() {
        return Ok(Arc::clone(store));
    }
    let store = platform_store().map_err(|e| TokenStoreError::Unavailable(e.to_string()))?;
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
    // The Secret Service keeps tokens across reboots, so it is preferred;
    // headless machines and minimal desktops run no such daemon, and the
    // kernel keyring is always there.
    if let Ok(secret_service) = dbus_secret_service_keyring_store::Store::new() {
        let secret_service: Arc<CredentialStore> = secret_service;
        let probe = Entry::new_in_store(&secret_service, KEYRING_SERVICE, "store-probe")?;
        if matches!(probe.get_password(), Ok(_) | Err(KeyringError::NoEntry)) {
            return Ok(secret_service);
        }
    }
    let keyutils = linux_keyutils_keyring_store::Store::new()?;
    let persistent: Arc<CredentialStore> = keyutils.clone();
    if writes(&persistent) {
        return Ok(persistent);
    }
    // Sandboxes and containers that map uids refuse the link into the
    // per-user persistent keyring the store makes on every write. The
    // session keyring still works there: the window, one long-lived
    // process, keeps its token for its lifetime; separate command-line
    // runs may not share it (deskctl's --no-keyring and --password-stdin
    // are for such machines).
    Ok(Arc::new(session_keyring::SessionOnly(keyutils)))
}

/// Whether a store accepts a write (and forgets it again).
#[cfg(target_os = "linux")]
fn writes(store: &Arc<CredentialStore>) -> bool {
    let Ok(probe) = Entry::new_in_store(store, KEYRING_SERVICE, "store-probe") else {
        return false;
    };
    let written = probe.set_password("probe").is_ok();
    let _ = probe.delete_credential();
    written
}

#[cfg(target_os = "linux")]
mod session_keyring {
    use std::collections::HashMap;
    use std::sync::Arc;

    use keyring_core::api::CredentialStoreApi;
    use keyring_core::Entry;
    use linux_keyutils_keyring_store::{Cred, Store};

    /// The kernel keyring store without the persistent-keyring link.
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

#[cfg(not(any(target_os = "windows", target_os = "macos", target_os = "linux")))]
fn platform_store() -> Result<Arc<CredentialStore>, KeyringError> {
    Err(KeyringError::NotSupportedByStore(
        "本平台没有受支持的系统钥匙串".to_owned(),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn round_trip(store: &dyn TokenStore, name: &str) {
        let account = format!("officer-{}", std::process::id());
        let hub = "https://hub.example.cn/";
        assert!(store.load(&account, hub).unwrap().is_none(), "{name}");
        store.save(&account, hub, "token-1").unwrap();
        store.save(&account, hub, "token-2 令牌").unwrap();
        // The trailing slash does not make another entry.
        assert_eq!(
            store
                .load(&account, "https://hub.example.cn")
                .unwrap()
                .unwrap()
                .as_str(),
            "token-2 令牌",
            "{name}"
        );
        // Another hub, another entry.
        assert!(store
            .load(&account, "https://other.example.cn")
            .unwrap()
            .is_none());
        store.delete(&account, hub).unwrap();
        // keyutils caches invalidated keys for a moment in this process.
        let gone = (0..50).any(|_| {
            if store.load(&account, hub).unwrap_or_default().is_none() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            false
        });
        assert!(gone, "{name}: the token is still there after deleting");
        store.delete(&account, hub).unwrap();
    }

    #[test]
    fn the_user_names_the_account_and_the_hub() {
        assert_eq!(
            keyring_user("zhang.san", " https://hub.example.cn/ "),
            "zhang.san@https://hub.example.cn"
        );
    }

    #[test]
    fn tokens_round_trip_in_memory() {
        let store = MemoryTokenStore::new();
        round_trip(&store, "memory");
        store.save("a", "http://h", "secret-token").unwrap();
        assert!(!format!("{store:?}").contains("secret"));
    }

    #[test]
    fn tokens_round_trip_in_keyring_cores_mock_store() {
        let mock: Arc<CredentialStore> = keyring_core::mock::Store::new().unwrap();
        let store = KeyringTokenStore::in_store(mock);
        round_trip(&store, "mock");
    }

    /// The kernel keyring's real calls (add, search, read, invalidate).
    /// This sandbox refuses linking keys into the per-user persistent
    /// keyring (it maps uids), which the keyutils store does on every
    /// write, so the test uses the fallback the platform store picks then:
    /// the session keyring only.
    #[cfg(target_os = "linux")]
    #[test]
    fn tokens_round_trip_in_the_kernel_keyring() {
        let store = KeyringTokenStore::in_store(Arc::new(super::session_keyring::SessionOnly(
            linux_keyutils_keyring_store::Store::new().unwrap(),
        )));
        assert!(store.store_name().contains("keyutils"));
        round_trip(&store, "keyutils");
    }
}
