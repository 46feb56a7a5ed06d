//! The one interface every seal key sits behind.

/// How a [`Signer`] signs. Both hash with SHA-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// RSA (2048 bits or more), PKCS#1 v1.5 padding, SHA-256.
    RsaPkcs1Sha256,
    /// ECDSA on P-256 with SHA-256.
    EcdsaP256Sha256,
}

/// Why a signer could not sign.
#[derive(Debug, thiserror::Error)]
pub enum SignerError {
    /// The key could not be opened or used (wrong password, broken file …).
    #[error("签章密钥不可用：{0}")]
    Key(String),
    /// The token (USB key, HSM) refused or failed.
    #[error("签章设备出错：{0}")]
    Token(String),
    /// The password could not be read from where it is kept.
    #[error("无法取得签章密钥口令：{0}")]
    Password(String),
}

/// A seal key: it signs the bytes it is given and knows its certificates.
///
/// `sign` receives the message itself (for PAdES, the DER encoding of the
/// CMS signed attributes), hashes it exactly once with SHA-256 and signs the
/// hash. An SM2/SM3 signer can be added beside these two.
pub trait Signer {
    /// The algorithm of the signatures this signer makes.
    fn algorithm(&self) -> SignatureAlgorithm;

    /// The signer's certificate first, then the certificates it chains
    /// through towards its root, each DER-encoded.
    fn certificate_chain(&self) -> &[Vec<u8>];

    /// Signs `message`. RSA returns the raw signature; ECDSA returns the
    /// DER-encoded `Ecdsa-Sig-Value` (SEQUENCE of r and s) that CMS carries.
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignerError>;
}
