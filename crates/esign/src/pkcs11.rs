//! A seal key on a PKCS#11 token (USB key, 签章 UKey, or an HSM).
//!
//! The token's module (a `.so` / `.dll` from the token's vendor) is loaded at
//! run time, so the app ships no vendor code. The private key never leaves
//! the token: the token signs, and this side only prepares what it signs.
//!
//! - RSA: `CKM_SHA256_RSA_PKCS` over the message where the token offers it;
//!   otherwise `CKM_RSA_PKCS` over a DigestInfo built here, which every RSA
//!   token supports (many USB keys lack the hash-and-sign mechanisms).
//! - ECDSA P-256: `CKM_ECDSA` over SHA-256 of the message computed here; the
//!   token returns r‖s, which is turned into the DER `Ecdsa-Sig-Value` that
//!   CMS carries.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::signer::{SignatureAlgorithm, Signer, SignerError};

/// Which private key on the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyRef {
    /// By `CKA_LABEL`.
    Label(String),
    /// By `CKA_ID` (the certificate of the key has the same ID).
    Id(Vec<u8>),
}

/// A [`Signer`] whose key sits on a PKCS#11 token.
pub struct Pkcs11Signer {
    module: PathBuf,
    token_label: String,
    // Kept so the module stays loaded as long as the session is used.
    _context: Pkcs11,
    // cryptoki sessions are `Send` but not `Sync`, and PKCS#11 forbids two
    // operations at once on one session; `sign` takes `&self`.
    session: Mutex<Session>,
    key: ObjectHandle,
    method: Method,
    chain: Vec<Vec<u8>>,
    // Only for keys marked CKA_ALWAYS_AUTHENTICATE, which need the PIN again
    // for every signature (a context-specific login); wiped on drop.
    context_pin: Option<Zeroizing<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    RsaSha256,
    RsaDigestInfo,
    EcdsaP256,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field("module", &self.module)
            .field("token_label", &self.token_label)
            .field("method", &self.method)
            .field("certificates", &self.chain.len())
            .finish_non_exhaustive()
    }
}

/// DER prefix of the DigestInfo for SHA-256 (RFC 8017, 9.2, note 1).
const SHA256_DIGEST_INFO_PREFIX: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// DER of the named curve P-256 (prime256v1, 1.2.840.10045.3.1.7), as
/// `CKA_EC_PARAMS` holds it.
const P256_PARAMS: [u8; 10] = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

impl Pkcs11Signer {
    /// Loads the PKCS#11 `module`, finds the token labelled `token_label`,
    /// logs in with `pin` (read from a [`crate::PasswordSource`]) and finds
    /// the private key `key`.
    ///
    /// `chain` is the signer's certificate first, then its issuers (DER); when
    /// `None`, the certificate with the key's `CKA_ID` is read from the token.
    pub fn open(
        module: &Path,
        token_label: &str,
        key: &KeyRef,
        pin: &str,
        chain: Option<Vec<Vec<u8>>>,
    ) -> Result<Self, SignerError> {
        let context = Pkcs11::new(module).map_err(|e| {
            SignerError::Token(format!(
                "无法加载 PKCS#11 模块 {}：{}",
                module.display(),
                ck_reason(&e)
            ))
        })?;
        match context.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
            // Another signer in this process opened the same module first.
            Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
            Err(e) => return Err(token_error("无法初始化 PKCS#11 模块", &e)),
        }

        let slot = find_token(&context, token_label)?;
        let session = context
            .open_ro_session(slot)
            .map_err(|e| token_error("无法打开签章设备会话", &e))?;
        let auth_pin = AuthPin::from(pin.to_owned());
        match session.login(UserType::User, Some(&auth_pin)) {
            // Login is per application and token, not per session.
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(e) => return Err(login_error(&e)),
        }

        let handle = find_private_key(&session, token_label, key)?;
        let attributes = session
            .get_attributes(
                handle,
                &[
                    AttributeType::KeyType,
                    AttributeType::Id,
                    AttributeType::EcParams,
                    AttributeType::AlwaysAuthenticate,
                ],
            )
            .map_err(|e| token_error("无法读取私钥属性", &e))?;
        let mut key_type = None;
        let mut id = None;
        let mut ec_params = None;
        let mut always_authenticate = false;
        for attribute in attributes {
            match attribute {
                Attribute::KeyType(t) => key_type = Some(t),
                Attribute::Id(v) => id = Some(v),
                Attribute::EcParams(v) => ec_params = Some(v),
                Attribute::AlwaysAuthenticate(v) => always_authenticate = v,
                _ => {}
            }
        }

        let method = match key_type {
            Some(t) if t == KeyType::RSA => {
                let mechanisms = context.get_mechanism_list(slot).unwrap_or_default();
                if mechanisms.contains(&MechanismType::SHA256_RSA_PKCS) {
                    Method::RsaSha256
                } else {
                    Method::RsaDigestInfo
                }
            }
            Some(t) if t == KeyType::EC => {
                if ec_params.as_deref() != Some(&P256_PARAMS[..]) {
                    return Err(SignerError::Key(
                        "签章设备上的椭圆曲线密钥不是 P-256 曲线".to_owned(),
                    ));
                }
                Method::EcdsaP256
            }
            Some(other) => {
                return Err(SignerError::Key(format!(
                    "签章设备上的密钥类型 {other} 不受支持（须为 RSA 或 ECDSA P-256）"
                )))
            }
            None => return Err(SignerError::Key("签章设备未给出密钥类型".to_owned())),
        };

        let chain = match chain {
            Some(chain) if !chain.is_empty() => chain,
            Some(_) => return Err(SignerError::Key("证书链为空".to_owned())),
            None => {
                let id = id.filter(|id| !id.is_empty()).ok_or_else(|| {
                    SignerError::Key("私钥没有 CKA_ID，无法在签章设备上找到其证书".to_owned())
                })?;
                vec![certificate_with_id(&session, &id)?]
            }
        };

        Ok(Pkcs11Signer {
            module: module.to_owned(),
            token_label: token_label.to_owned(),
            _context: context,
            session: Mutex::new(session),
            key: handle,
            method,
            chain,
            context_pin: always_authenticate.then(|| Zeroizing::new(pin.to_owned())),
        })
    }

    /// Signs RSA through `CKM_RSA_PKCS` over a DigestInfo built here even
    /// when the token lists `CKM_SHA256_RSA_PKCS`: some USB-key modules list
    /// the hash-and-sign mechanism but fail or hash wrongly with it. No
    /// effect on an ECDSA key.
    pub fn with_raw_rsa_pkcs(mut self) -> Self {
        if self.method == Method::RsaSha256 {
            self.method = Method::RsaDigestInfo;
        }
        self
    }
}

impl Signer for Pkcs11Signer {
    fn algorithm(&self) -> SignatureAlgorithm {
        match self.method {
            Method::RsaSha256 | Method::RsaDigestInfo => SignatureAlgorithm::RsaPkcs1Sha256,
            Method::EcdsaP256 => SignatureAlgorithm::EcdsaP256Sha256,
        }
    }

    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        let session = self
            .session
            .lock()
            .map_err(|_| SignerError::Token("签章设备会话在一次失败的签名后不可用".to_owned()))?;
        let (mechanism, data) = match self.method {
            Method::RsaSha256 => (Mechanism::Sha256RsaPkcs, message.to_vec()),
            Method::RsaDigestInfo => {
                let mut info = SHA256_DIGEST_INFO_PREFIX.to_vec();
                info.extend_from_slice(&Sha256::digest(message));
                (Mechanism::RsaPkcs, info)
            }
            Method::EcdsaP256 => (Mechanism::Ecdsa, Sha256::digest(message).to_vec()),
        };
        // C_Login(CKU_CONTEXT_SPECIFIC) must come after C_SignInit, which
        // cryptoki's one-shot `sign` hides; tokens accept it just before too.
        if let Some(pin) = &self.context_pin {
            let pin = AuthPin::from(pin.as_str().to_owned());
            session
                .login(UserType::ContextSpecific, Some(&pin))
                .map_err(|e| login_error(&e))?;
        }
        let signature = session
            .sign(&mechanism, self.key, &data)
            .map_err(|e| token_error("签章设备签名失败", &e))?;
        match self.method {
            Method::EcdsaP256 => ecdsa_raw_to_der(&signature),
            Method::RsaSha256 | Method::RsaDigestInfo => Ok(signature),
        }
    }
}

fn find_token(context: &Pkcs11, label: &str) -> Result<cryptoki::slot::Slot, SignerError> {
    let slots = context
        .get_slots_with_token()
        .map_err(|e| token_error("无法列出签章设备", &e))?;
    let mut seen = Vec::new();
    for slot in slots {
        let Ok(info) = context.get_token_info(slot) else {
            continue;
        };
        let found = info.label().trim_end();
        if found == label {
            return Ok(slot);
        }
        seen.push(found.to_owned());
    }
    Err(SignerError::Token(if seen.is_empty() {
        format!("未找到签章设备「{label}」：没有插入任何设备")
    } else {
        format!(
            "未找到签章设备「{label}」；已插入的设备：{}",
            seen.join("、")
        )
    }))
}

fn find_private_key(
    session: &Session,
    token_label: &str,
    key: &KeyRef,
) -> Result<ObjectHandle, SignerError> {
    let (select, described) = match key {
        KeyRef::Label(label) => (
            Attribute::Label(label.as_bytes().to_vec()),
            format!("标签为「{label}」"),
        ),
        KeyRef::Id(id) => (Attribute::Id(id.clone()), format!("ID 为 {}", hex(id))),
    };
    let found = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY), select])
        .map_err(|e| token_error("无法查找私钥", &e))?;
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(SignerError::Key(format!(
            "签章设备「{token_label}」上没有{described}的私钥"
        ))),
        _ => Err(SignerError::Key(format!(
            "签章设备「{token_label}」上有多个{described}的私钥，请改用密钥 ID 指定"
        ))),
    }
}

fn certificate_with_id(session: &Session, id: &[u8]) -> Result<Vec<u8>, SignerError> {
    let found = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::Id(id.to_vec()),
        ])
        .map_err(|e| token_error("无法查找证书", &e))?;
    let handle = found
        .first()
        .ok_or_else(|| SignerError::Key(format!("签章设备上没有 ID 为 {} 的证书", hex(id))))?;
    let attributes = session
        .get_attributes(*handle, &[AttributeType::Value])
        .map_err(|e| token_error("无法读取证书", &e))?;
    attributes
        .into_iter()
        .find_map(|a| match a {
            Attribute::Value(der) if !der.is_empty() => Some(der),
            _ => None,
        })
        .ok_or_else(|| SignerError::Key(format!("ID 为 {} 的证书没有内容", hex(id))))
}

/// Turns the token's r‖s (each 32 bytes for P-256) into the DER
/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`.
fn ecdsa_raw_to_der(raw: &[u8]) -> Result<Vec<u8>, SignerError> {
    if raw.len() != 64 {
        return Err(SignerError::Token(format!(
            "签章设备返回的 ECDSA 签名长度为 {} 字节，应为 64 字节",
            raw.len()
        )));
    }
    let (r, s) = raw.split_at(32);
    let mut body = der_unsigned_integer(r);
    body.extend(der_unsigned_integer(s));
    // At most 2 × 35 bytes: the length always fits the short form.
    let mut der = vec![0x30, body.len() as u8];
    der.extend(body);
    Ok(der)
}

/// A DER INTEGER of a big-endian unsigned value (at most 126 bytes).
fn der_unsigned_integer(bytes: &[u8]) -> Vec<u8> {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let mut value = bytes[first..].to_vec();
    if value.first().is_none_or(|&b| b & 0x80 != 0) {
        // Zero needs one byte; a set top bit would read as negative.
        value.insert(0, 0);
    }
    let mut out = vec![0x02, value.len() as u8];
    out.extend(value);
    out
}

fn login_error(error: &CkError) -> SignerError {
    match error {
        CkError::Pkcs11(RvError::PinIncorrect, _) => {
            SignerError::Key("签章设备 PIN 码不正确".to_owned())
        }
        CkError::Pkcs11(RvError::PinLocked, _) => {
            SignerError::Key("签章设备 PIN 码已锁定，请联系设备管理员解锁".to_owned())
        }
        CkError::Pkcs11(RvError::PinExpired, _) => {
            SignerError::Key("签章设备 PIN 码已过期，请先修改 PIN 码".to_owned())
        }
        other => token_error("无法登录签章设备", other),
    }
}

fn token_error(what: &str, error: &CkError) -> SignerError {
    SignerError::Token(format!("{what}：{}", ck_reason(error)))
}

/// A short reason: cryptoki's own text for return values is a paragraph of
/// the specification; the return value's name is what support staff look up.
fn ck_reason(error: &CkError) -> String {
    match error {
        CkError::Pkcs11(rv, function) => {
            let hint = match rv {
                RvError::DeviceRemoved | RvError::TokenNotPresent => "（设备已拔出）",
                RvError::SessionHandleInvalid | RvError::SessionClosed => {
                    "（会话已失效，请重新打开签章设备）"
                }
                RvError::UserNotLoggedIn => "（未登录）",
                _ => "",
            };
            format!("{function:?} 返回 {rv:?}{hint}")
        }
        other => other.to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_ecdsa_signatures_become_minimal_der_integers() {
        let mut raw = [0u8; 64];
        raw[0] = 0x80; // r has its top bit set: needs a leading zero
        raw[31] = 1;
        raw[63] = 5; // s is just 5
        let der = ecdsa_raw_to_der(&raw).unwrap_or_default();
        let mut expected = vec![0x30, 33 + 2 + 3, 0x02, 33, 0x00, 0x80];
        expected.extend([0u8; 30]);
        expected.push(1);
        expected.extend([0x02, 1, 5]);
        assert_eq!(der, expected);
        assert!(ecdsa_raw_to_der(&raw[..63]).is_err());
    }

    #[test]
    fn zero_is_one_byte() {
        assert_eq!(der_unsigned_integer(&[0, 0]), vec![0x02, 1, 0]);
    }
}
