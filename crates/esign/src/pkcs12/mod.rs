//! The PKCS#12 key file signer: a seal key and its certificate chain in one
//! password-protected file (.p12/.pfx).

mod asn1;
mod crypt;
mod read;
mod write;

use der::Decode;
use x509_cert::Certificate;

use crate::keys::PrivateKey;
use crate::signer::{SignatureAlgorithm, Signer, SignerError};

pub use write::write as write_pkcs12;

/// A seal key read from a PKCS#12 file (or made in memory), with its chain.
#[derive(Debug, Clone)]
pub struct Pkcs12Signer {
    key: PrivateKey,
    chain: Vec<Vec<u8>>,
}

impl Pkcs12Signer {
    /// Opens a PKCS#12 file. Accepts what OpenSSL 3 writes (PBES2 with
    /// AES-256-CBC, HMAC-SHA256) and legacy files (SHA-1 with 3DES or RC2).
    /// The key is RSA (2048 bits or more) or ECDSA P-256.
    pub fn open(p12: &[u8], password: &str) -> Result<Self, SignerError> {
        let contents = read::read(p12, password)?;
        let mut keys = contents.keys.into_iter();
        let key = keys
            .next()
            .ok_or_else(|| SignerError::Key("密钥文件中没有私钥".into()))?;
        if keys.next().is_some() {
            return Err(SignerError::Key("密钥文件中有多个私钥".into()));
        }
        let chain = order_chain(&key, contents.certificates)?;
        Ok(Self { key, chain })
    }

    /// A signer from a key and its chain (the key's certificate first).
    pub fn from_key(key: PrivateKey, chain: Vec<Vec<u8>>) -> Result<Self, SignerError> {
        let leaf = chain
            .first()
            .ok_or_else(|| SignerError::Key("证书链为空".into()))?;
        if !key.matches_public_key(&leaf_spki(leaf)?) {
            return Err(SignerError::Key("私钥与证书不匹配".into()));
        }
        Ok(Self { key, chain })
    }

    pub fn key(&self) -> &PrivateKey {
        &self.key
    }

    /// Writes this key and chain as a PKCS#12 file under `password`.
    pub fn to_pkcs12(&self, password: &str, friendly_name: &str) -> Result<Vec<u8>, SignerError> {
        write::write(&self.key, &self.chain, password, friendly_name)
    }
}

impl Signer for Pkcs12Signer {
    fn algorithm(&self) -> SignatureAlgorithm {
        self.key.algorithm()
    }

    fn certificate_chain(&self) -> &[Vec<u8>] {
        &self.chain
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        self.key.sign(message)
    }
}

fn leaf_spki(cert_der: &[u8]) -> Result<Vec<u8>, SignerError> {
    let cert = Certificate::from_der(cert_der)
        .map_err(|e| SignerError::Key(format!("证书格式错误：{e}")))?;
    der::Encode::to_der(&cert.tbs_certificate.subject_public_key_info)
        .map_err(|e| SignerError::Key(e.to_string()))
}

/// The key's certificate first, then each issuer found among `certs`.
fn order_chain(key: &PrivateKey, certs: Vec<Vec<u8>>) -> Result<Vec<Vec<u8>>, SignerError> {
    let parsed: Vec<(Vec<u8>, Certificate)> = certs
        .into_iter()
        .filter_map(|der| Certificate::from_der(&der).ok().map(|c| (der, c)))
        .collect();
    let leaf_index = parsed
        .iter()
        .position(|(_, c)| {
            der::Encode::to_der(&c.tbs_certificate.subject_public_key_info)
                .is_ok_and(|spki| key.matches_public_key(&spki))
        })
        .ok_or_else(|| SignerError::Key("密钥文件中没有与私钥匹配的证书".into()))?;
    let mut chain = vec![parsed[leaf_index].clone()];
    let mut used = vec![leaf_index];
    while let Some((_, last)) = chain.last() {
        if last.tbs_certificate.issuer == last.tbs_certificate.subject {
            break;
        }
        let next = parsed.iter().enumerate().find(|(i, (_, c))| {
            !used.contains(i) && c.tbs_certificate.subject == last.tbs_certificate.issuer
        });
        match next {
            Some((i, found)) => {
                used.push(i);
                chain.push(found.clone());
            }
            None => break,
        }
    }
    Ok(chain.into_iter().map(|(der, _)| der).collect())
}
