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
    use rsa::pkcs8::DecodePublicKey;
    let key = rsa::RsaPublicKey::from_public_key_der(key_der)
        .map_err(|e| CheckError::Unsupported(e.to_string()))?;
    verify_rsa_key(key, hash, message, signature)
}

fn verify_rsa_key(
    key: rsa::RsaPublicKey,
    hash: Hash,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CheckError> {
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    let signature = Signature::try_from(signature).map_err(|_| CheckError::Invalid)?;
    let result = match hash {
        Hash::Sha256 => VerifyingKey::<sha2::Sha256>::new(key).verify(message, &signature),
        Hash::Sha384 => VerifyingKey::<sha2::Sha384>::new(key).verify(message, &signature),
        Hash::Sha512 => VerifyingKey::<sha2::Sha512>::new(key).verify(message, &signature),
    };
    result.map_err(|_| CheckError::Invalid)
}

/// The smallest RSA modulus we accept anywhere in a certificate path, in
/// bits (NIST SP 800-131A; RFC 5280 leaves it to the relying party).
pub const MIN_RSA_BITS: usize = 2048;
/// The largest RSA modulus we check: `rsa` refuses bigger keys anyway, and
/// it bounds the work a hostile certificate can ask for.
const MAX_RSA_BITS: usize = 8192;

/// Signature checks plugged into `rustls-webpki` for certificate and CRL
/// signatures: the pure-Rust `rsa` and `p256` crates instead of ring or
/// aws-lc, so the Windows (gnu) build needs no C or assembler. webpki
/// hands us the original TBS bytes of the certificate or CRL as they were
/// encoded by their issuer, so nothing is re-encoded before the check.
pub static PATH_ALGORITHMS: &[&dyn rustls_pki_types::SignatureVerificationAlgorithm] = &[
    &RsaPkcs1 {
        hash: Hash::Sha256,
        with_null: true,
    },
    &RsaPkcs1 {
        hash: Hash::Sha384,
        with_null: true,
    },
    &RsaPkcs1 {
        hash: Hash::Sha512,
        with_null: true,
    },
    // Some issuers leave out the NULL parameters (RFC 4055 says they
    // MUST be present, but verifiers accept both).
    &RsaPkcs1 {
        hash: Hash::Sha256,
        with_null: false,
    },
    &RsaPkcs1 {
        hash: Hash::Sha384,
        with_null: false,
    },
    &RsaPkcs1 {
        hash: Hash::Sha512,
        with_null: false,
    },
    &EcdsaP256Sha256,
];

/// RSA PKCS#1 v1.5 with a SHA-2 digest; keys of 2048 to 8192 bits.
#[derive(Debug)]
struct RsaPkcs1 {
    hash: Hash,
    /// Whether the AlgorithmIdentifier carries NULL parameters.
    with_null: bool,
}

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        })
    }
}

// DER contents (without the outer SEQUENCE) of sha{256,384,512}WithRSAEncryption
// with absent parameters.
const RSA_SHA256_ABSENT: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
];
const RSA_SHA384_ABSENT: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c,
];
const RSA_SHA512_ABSENT: &[u8] = &[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d,
];

impl rustls_pki_types::SignatureVerificationAlgorithm for RsaPkcs1 {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), rustls_pki_types::InvalidSignature> {
        use der::Decode;
        use rsa::traits::PublicKeyParts;
        let invalid = rustls_pki_types::InvalidSignature;
        // `public_key` is the subjectPublicKey BIT STRING's content: an
        // RSAPublicKey (RFC 8017 A.1.1).
        let parsed = rsa::pkcs1::RsaPublicKey::from_der(public_key).map_err(|_| invalid)?;
        let n = rsa::BigUint::from_bytes_be(parsed.modulus.as_bytes());
        let e = rsa::BigUint::from_bytes_be(parsed.public_exponent.as_bytes());
        let key = rsa::RsaPublicKey::new_with_max_size(n, e, MAX_RSA_BITS).map_err(|_| invalid)?;
        if key.n().bits() < MIN_RSA_BITS {
            return Err(invalid);
        }
        verify_rsa_key(key, self.hash, message, signature).map_err(|_| invalid)
    }

    fn public_key_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        rustls_pki_types::alg_id::RSA_ENCRYPTION
    }

    fn signature_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        use rustls_pki_types::{alg_id, AlgorithmIdentifier};
        match (self.hash, self.with_null) {
            (Hash::Sha256, true) => alg_id::RSA_PKCS1_SHA256,
            (Hash::Sha384, true) => alg_id::RSA_PKCS1_SHA384,
            (Hash::Sha512, true) => alg_id::RSA_PKCS1_SHA512,
            (Hash::Sha256, false) => AlgorithmIdentifier::from_slice(RSA_SHA256_ABSENT),
            (Hash::Sha384, false) => AlgorithmIdentifier::from_slice(RSA_SHA384_ABSENT),
            (Hash::Sha512, false) => AlgorithmIdentifier::from_slice(RSA_SHA512_ABSENT),
        }
    }
}

/// ECDSA on P-256 with SHA-256, the signature DER-encoded (RFC 5480).
#[derive(Debug)]
struct EcdsaP256Sha256;

impl rustls_pki_types::SignatureVerificationAlgorithm for EcdsaP256Sha256 {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), rustls_pki_types::InvalidSignature> {
        let invalid = rustls_pki_types::InvalidSignature;
        // `public_key` is the EC point (SEC 1 2.3.3).
        let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(public_key).map_err(|_| invalid)?;
        let signature = p256::ecdsa::DerSignature::from_bytes(signature).map_err(|_| invalid)?;
        key.verify(message, &signature).map_err(|_| invalid)
    }

    fn public_key_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        rustls_pki_types::alg_id::ECDSA_P256
    }

    fn signature_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        rustls_pki_types::alg_id::ECDSA_SHA256
    }
}

/// The RSA modulus size of a DER SubjectPublicKeyInfo, in bits, or `None`
/// when the key is not RSA (or does not parse).
pub fn rsa_bits(spki_der: &[u8]) -> Option<usize> {
    use der::Decode;
    // Read the modulus without the `rsa` crate's size limits, so a small or
    // huge key is reported by its size rather than as unreadable.
    let info = spki::SubjectPublicKeyInfoRef::try_from(spki_der).ok()?;
    if info.algorithm.oid != RSA_ENCRYPTION {
        return None;
    }
    let bytes = info.subject_public_key.as_bytes()?;
    let key = rsa::pkcs1::RsaPublicKey::from_der(bytes).ok()?;
    let modulus = key.modulus.as_bytes();
    let leading = modulus.iter().take_while(|b| **b == 0).count();
    let rest = modulus.get(leading..)?;
    let first = rest.first()?;
    Some((rest.len() - 1) * 8 + (8 - first.leading_zeros() as usize))
}
