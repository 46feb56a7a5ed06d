//! Public-key signature checks shared by the CMS and the certificate chain:
//! RSA PKCS#1 v1.5 (SHA-256/384/512) and ECDSA P-256 (SHA-256). Each hashes
//! the message itself, once.

use const_oid::db::rfc5912::{
    ECDSA_WITH_SHA_256, ID_EC_PUBLIC_KEY, RSA_ENCRYPTION, SHA_256_WITH_RSA_ENCRYPTION,
    SHA_384_WITH_RSA_ENCRYPTION, SHA_512_WITH_RSA_ENCRYPTION,
};
use der::asn1::ObjectIdentifier;
use der::Encode;
use rsa::signature::Verifier;
use spki::SubjectPublicKeyInfoOwned;

/// How a signature check failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// The algorithm or key type is not one we check.
    Unsupported(String),
    /// The signature does not verify.
    Invalid,
}

#[derive(Clone, Copy)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

/// Verifies `signature` over `message` with `key`, for the signature
/// algorithm `algorithm` (as a CMS SignerInfo or a certificate names it).
/// In CMS, `rsaEncryption` and `id-ecPublicKey` stand for "with the digest
/// algorithm", which PAdES fixes to SHA-256 here.
pub fn verify(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: &ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CheckError> {
    let key_der = key
        .to_der()
        .map_err(|e| CheckError::Unsupported(e.to_string()))?;
    let key_alg = key.algorithm.oid;
    if key_alg == RSA_ENCRYPTION {
        let hash = match *algorithm {
            a if a == RSA_ENCRYPTION || a == SHA_256_WITH_RSA_ENCRYPTION => Hash::Sha256,
            a if a == SHA_384_WITH_RSA_ENCRYPTION => Hash::Sha384,
            a if a == SHA_512_WITH_RSA_ENCRYPTION => Hash::Sha512,
            other => return Err(unsupported(other)),
        };
        verify_rsa(&key_der, hash, message, signature)
    } else if key_alg == ID_EC_PUBLIC_KEY {
        if *algorithm != ECDSA_WITH_SHA_256 && *algorithm != ID_EC_PUBLIC_KEY {
            return Err(unsupported(*algorithm));
        }
        use p256::pkcs8::DecodePublicKey;
        let key = p256::ecdsa::VerifyingKey::from_public_key_der(&key_der)
            .map_err(|_| CheckError::Unsupported("只支持 P-256 椭圆曲线".into()))?;
        let signature =
            p256::ecdsa::DerSignature::from_bytes(signature).map_err(|_| CheckError::Invalid)?;
        key.verify(message, &signature)
            .map_err(|_| CheckError::Invalid)
    } else {
        Err(CheckError::Unsupported(format!("公钥算法 {key_alg}")))
    }
}

fn unsupported(oid: ObjectIdentifier) -> CheckError {
    CheckError::Unsupported(format!("签名算法 {oid}"))
}

fn verify_rsa(
    key_der: &[u8],
    hash: Hash,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CheckError> {
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::pkcs8::DecodePublicKey;
    let key = rsa::RsaPublicKey::from_public_key_der(key_der)
        .map_err(|e| CheckError::Unsupported(e.to_string()))?;
    let signature = Signature::try_from(signature).map_err(|_| CheckError::Invalid)?;
    let result = match hash {
        Hash::Sha256 => VerifyingKey::<sha2::Sha256>::new(key).verify(message, &signature),
        Hash::Sha384 => VerifyingKey::<sha2::Sha384>::new(key).verify(message, &signature),
        Hash::Sha512 => VerifyingKey::<sha2::Sha512>::new(key).verify(message, &signature),
    };
    result.map_err(|_| CheckError::Invalid)
}
