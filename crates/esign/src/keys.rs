//! Private keys held in memory (from a PKCS#12 file or made by the test
//! CA): RSA with PKCS#1 v1.5 and ECDSA P-256, both over SHA-256.

use const_oid::db::rfc5912::{ID_EC_PUBLIC_KEY, RSA_ENCRYPTION, SECP_256_R_1};
use der::{Decode, Encode};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rsa::pkcs1v15;
use rsa::signature::{RandomizedSigner as _, SignatureEncoding, Signer as _};
use rsa::traits::PublicKeyParts;
use sha2::Sha256;

use crate::signer::{SignatureAlgorithm, SignerError};

/// Which kind of key to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// RSA with a 2048-bit modulus.
    Rsa2048,
    /// ECDSA on NIST P-256.
    P256,
}

/// A private key that can sign.
#[derive(Clone)]
pub enum PrivateKey {
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::ecdsa::SigningKey),
}

impl std::fmt::Debug for PrivateKey {
    // Never print key material.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrivateKey::Rsa(_) => f.write_str("PrivateKey::Rsa(..)"),
            PrivateKey::P256(_) => f.write_str("PrivateKey::P256(..)"),
        }
    }
}

fn key_error(e: impl std::fmt::Display) -> SignerError {
    SignerError::Key(e.to_string())
}

impl PrivateKey {
    /// Makes a fresh key from the operating system's random source.
    pub fn generate(kind: KeyKind) -> Result<Self, SignerError> {
        let mut rng = rand_core::OsRng;
        match kind {
            KeyKind::Rsa2048 => Ok(PrivateKey::Rsa(Box::new(
                rsa::RsaPrivateKey::new(&mut rng, 2048).map_err(key_error)?,
            ))),
            KeyKind::P256 => Ok(PrivateKey::P256(p256::ecdsa::SigningKey::random(&mut rng))),
        }
    }

    /// Reads an unencrypted PKCS#8 `PrivateKeyInfo`.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, SignerError> {
        let info = pkcs8::PrivateKeyInfo::from_der(der).map_err(key_error)?;
        let oid = info.algorithm.oid;
        if oid == RSA_ENCRYPTION {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(der).map_err(key_error)?;
            if key.size() < 256 {
                return Err(SignerError::Key("RSA 密钥短于 2048 位".into()));
            }
            Ok(PrivateKey::Rsa(Box::new(key)))
        } else if oid == ID_EC_PUBLIC_KEY {
            let curve = info
                .algorithm
                .parameters_oid()
                .map_err(|_| SignerError::Key("椭圆曲线未注明".into()))?;
            if curve != SECP_256_R_1 {
                return Err(SignerError::Key(format!("不支持的椭圆曲线 {curve}")));
            }
            let key = p256::SecretKey::from_pkcs8_der(der).map_err(key_error)?;
            Ok(PrivateKey::P256(p256::ecdsa::SigningKey::from(key)))
        } else {
            Err(SignerError::Key(format!("不支持的密钥算法 {oid}")))
        }
    }

    /// The key as unencrypted PKCS#8 DER (wiped when dropped).
    pub fn to_pkcs8_der(&self) -> Result<pkcs8::SecretDocument, SignerError> {
        match self {
            PrivateKey::Rsa(k) => k.to_pkcs8_der().map_err(key_error),
            PrivateKey::P256(k) => k.to_pkcs8_der().map_err(key_error),
        }
    }

    /// The public key as DER `SubjectPublicKeyInfo`.
    pub fn public_key_der(&self) -> Result<Vec<u8>, SignerError> {
        let doc = match self {
            PrivateKey::Rsa(k) => k.to_public_key().to_public_key_der(),
            PrivateKey::P256(k) => k.verifying_key().to_public_key_der(),
        };
        Ok(doc.map_err(key_error)?.into_vec())
    }

    pub fn algorithm(&self) -> SignatureAlgorithm {
        match self {
            PrivateKey::Rsa(_) => SignatureAlgorithm::RsaPkcs1Sha256,
            PrivateKey::P256(_) => SignatureAlgorithm::EcdsaP256Sha256,
        }
    }

    /// Signs SHA-256(`message`): the hash is taken here, once.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError> {
        match self {
            PrivateKey::Rsa(k) => {
                // RSA with blinding: `rsa` 0.9 is under RUSTSEC-2023-0071
                // (Marvin: the private-key operation's time leaks through
                // its non-constant-time big integers). The randomized
                // signer blinds the operation with a fresh random factor
                // from the OS, so its timing no longer follows the key and
                // the message. PKCS#1 v1.5 stays deterministic: the
                // signature bytes are the same as without blinding.
                let key = pkcs1v15::SigningKey::<Sha256>::new(k.as_ref().clone());
                let signature = key
                    .try_sign_with_rng(&mut rand_core::OsRng, message)
                    .map_err(key_error)?;
                Ok(signature.to_vec())
            }
            PrivateKey::P256(k) => {
                let signature: p256::ecdsa::Signature = k.try_sign(message).map_err(key_error)?;
                Ok(signature.to_der().to_bytes().to_vec())
            }
        }
    }

    /// Whether `spki_der` is this key's public key.
    pub fn matches_public_key(&self, spki_der: &[u8]) -> bool {
        let Ok(ours) = self.public_key_der() else {
            return false;
        };
        // Compare decoded-and-reencoded forms so equal keys with different
        // (but valid) encodings of parameters still match.
        let normalise = |d: &[u8]| {
            spki::SubjectPublicKeyInfoOwned::from_der(d)
                .ok()
                .and_then(|s| s.to_der().ok())
        };
        normalise(&ours).is_some() && normalise(&ours) == normalise(spki_der)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// Blinding changes how the RSA operation is computed, not its result:
    /// PKCS#1 v1.5 signatures stay deterministic and verify.
    #[test]
    fn blinded_rsa_signatures_verify_and_are_deterministic() {
        use rsa::pkcs8::DecodePublicKey;
        use rsa::signature::Verifier;
        let key = PrivateKey::generate(KeyKind::Rsa2048).unwrap();
        let message = b"\xe5\x87\x86\xe4\xba\x88\xe8\xa1\x8c\xe6\x94\xbf\xe8\xae\xb8\xe5\x8f\xaf";
        let first = key.sign(message).unwrap();
        let second = key.sign(message).unwrap();
        assert_eq!(first, second);
        let public =
            rsa::RsaPublicKey::from_public_key_der(&key.public_key_der().unwrap()).unwrap();
        let verifier = pkcs1v15::VerifyingKey::<Sha256>::new(public);
        for signature in [&first, &second] {
            let signature = pkcs1v15::Signature::try_from(signature.as_slice()).unwrap();
            verifier.verify(message, &signature).unwrap();
        }
    }
}
