//! Password-based encryption and the MAC of PKCS#12 files: PBES2 (what
//! OpenSSL 3 writes) and the legacy PKCS#12 SHA-1 schemes (3DES, RC2) of
//! older files, plus the HMAC over the authenticated safe.

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use der::{Decode, Encode};
use hmac::{Mac, SimpleHmac};
use pkcs12_types::kdf::{derive_key_utf8, Pkcs12KeyType};
use pkcs12_types::mac_data::MacData;
use pkcs12_types::pbe_params::Pkcs12PbeParams;
use sha2::digest::core_api::BlockSizeUser;
use sha2::digest::{Digest, FixedOutputReset};
use spki::AlgorithmIdentifierOwned;

use crate::signer::SignerError;

/// Iterations for the files we write: OpenSSL 3's default.
pub const ITERATIONS: u32 = 2048;

const SHA1: der::asn1::ObjectIdentifier = const_oid::db::rfc5912::ID_SHA_1;
const SHA256: der::asn1::ObjectIdentifier = const_oid::db::rfc5912::ID_SHA_256;

fn bad(what: &str) -> SignerError {
    SignerError::Key(what.to_string())
}

fn wrong_password() -> SignerError {
    SignerError::Key("密钥文件口令错误".into())
}

/// Decrypts `data` encrypted with `algorithm` under `password`.
pub fn decrypt(
    algorithm: &AlgorithmIdentifierOwned,
    data: &[u8],
    password: &str,
) -> Result<Vec<u8>, SignerError> {
    let oid = algorithm.oid;
    if oid == pkcs5::pbes2::PBES2_OID {
        let encoded = algorithm.to_der().map_err(|e| bad(&e.to_string()))?;
        let scheme = pkcs5::EncryptionScheme::from_der(&encoded)
            .map_err(|e| bad(&format!("不支持的 PBES2 参数：{e}")))?;
        if let Some(params) = scheme.pbes2() {
            check_kdf(&params.kdf)?;
        }
        return scheme
            .decrypt(password.as_bytes(), data)
            .map_err(|_| wrong_password());
    }
    let params = algorithm
        .parameters
        .as_ref()
        .ok_or_else(|| bad("加密参数缺失"))?
        .decode_as::<Pkcs12PbeParams>()
        .map_err(|e| bad(&e.to_string()))?;
    let salt = params.salt.as_bytes();
    let rounds = params.iterations;
    if !(1..=i64::from(MAX_ITERATIONS)).contains(&i64::from(rounds)) {
        return Err(bad("迭代次数不合理"));
    }
    let derive = |kind, len| {
        derive_key_utf8::<sha1::Sha1>(password, salt, kind, rounds, len)
            .map_err(|e| bad(&e.to_string()))
    };
    match oid {
        o if o == pkcs12_types::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => {
            let key = derive(Pkcs12KeyType::EncryptionKey, 24)?;
            let iv = derive(Pkcs12KeyType::Iv, 8)?;
            cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
                .map_err(|e| bad(&e.to_string()))?
                .decrypt_padded_vec_mut::<Pkcs7>(data)
                .map_err(|_| wrong_password())
        }
        o if o == pkcs12_types::PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC => {
            let key = derive(Pkcs12KeyType::EncryptionKey, 16)?;
            let iv = derive(Pkcs12KeyType::Iv, 8)?;
            cbc::Decryptor::<des::TdesEde2>::new_from_slices(&key, &iv)
                .map_err(|e| bad(&e.to_string()))?
                .decrypt_padded_vec_mut::<Pkcs7>(data)
                .map_err(|_| wrong_password())
        }
        o if o == pkcs12_types::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC => {
            rc2_decrypt(&derive, 5, data)
        }
        o if o == pkcs12_types::PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC => {
            rc2_decrypt(&derive, 16, data)
        }
        other => Err(bad(&format!("不支持的密钥文件加密算法 {other}"))),
    }
}

/// The most iterations a key file may ask for: far above what any tool
/// writes (OpenSSL 2048, others up to some 600 000), and a few seconds of
/// work at most, so a hostile file cannot hang the reader.
const MAX_ITERATIONS: u32 = 10_000_000;
/// The most memory scrypt may be asked to use (128 · r · N bytes).
const MAX_SCRYPT_MEMORY: u64 = 64 * 1024 * 1024;

/// Refuses key derivations a hostile file could use to hang the reader or
/// exhaust memory: PBKDF2 with billions of iterations, scrypt with
/// gigabytes of memory or a huge parallelism.
fn check_kdf(kdf: &pkcs5::pbes2::Kdf<'_>) -> Result<(), SignerError> {
    match kdf {
        pkcs5::pbes2::Kdf::Pbkdf2(p) => {
            if !(1..=MAX_ITERATIONS).contains(&p.iteration_count) {
                return Err(bad("迭代次数不合理"));
            }
        }
        pkcs5::pbes2::Kdf::Scrypt(p) => {
            let memory = 128u64
                .saturating_mul(u64::from(p.block_size))
                .saturating_mul(p.cost_parameter);
            if memory > MAX_SCRYPT_MEMORY || !(1..=16).contains(&p.parallelization) {
                return Err(bad("scrypt 参数过大"));
            }
        }
        _ => return Err(bad("不支持的密钥派生算法")),
    }
    Ok(())
}

fn rc2_decrypt(
    derive: &dyn Fn(Pkcs12KeyType, usize) -> Result<Vec<u8>, SignerError>,
    key_len: usize,
    data: &[u8],
) -> Result<Vec<u8>, SignerError> {
    use cbc::cipher::InnerIvInit;
    let key = derive(Pkcs12KeyType::EncryptionKey, key_len)?;
    let iv = derive(Pkcs12KeyType::Iv, 8)?;
    let cipher = rc2::Rc2::new_with_eff_key_len(&key, key_len * 8);
    cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
        .map_err(|e| bad(&e.to_string()))?
        .decrypt_padded_vec_mut::<Pkcs7>(data)
        .map_err(|_| wrong_password())
}

/// Encrypts with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC, as OpenSSL 3.
pub fn encrypt_pbes2(
    data: &[u8],
    password: &str,
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), SignerError> {
    let salt = random::<16>()?;
    let iv = random::<16>()?;
    let params = pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(ITERATIONS, &salt, &iv)
        .map_err(|e| bad(&e.to_string()))?;
    let scheme = pkcs5::EncryptionScheme::from(params);
    let ciphertext = scheme
        .encrypt(password.as_bytes(), data)
        .map_err(|e| bad(&e.to_string()))?;
    let encoded = scheme.to_der().map_err(|e| bad(&e.to_string()))?;
    let algorithm =
        AlgorithmIdentifierOwned::from_der(&encoded).map_err(|e| bad(&e.to_string()))?;
    Ok((algorithm, ciphertext))
}

pub fn random<const N: usize>() -> Result<[u8; N], SignerError> {
    use rand_core::RngCore;
    let mut bytes = [0u8; N];
    rand_core::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| bad(&e.to_string()))?;
    Ok(bytes)
}

/// Checks the MAC over `content` (the authenticated safe's octets).
pub fn verify_mac(mac: &MacData, content: &[u8], password: &str) -> Result<(), SignerError> {
    let oid = mac.mac.algorithm.oid;
    if oid == super::asn1::PBMAC1 {
        return Err(bad("不支持 PBMAC1 完整性保护的密钥文件"));
    }
    let expected = mac.mac.digest.as_bytes();
    let ok = if oid == SHA256 {
        hmac_pkcs12::<sha2::Sha256>(mac, content, password, 32)?.verify_slice(expected)
    } else if oid == SHA1 {
        hmac_pkcs12::<sha1::Sha1>(mac, content, password, 20)?.verify_slice(expected)
    } else if oid == const_oid::db::rfc5912::ID_SHA_384 {
        hmac_pkcs12::<sha2::Sha384>(mac, content, password, 48)?.verify_slice(expected)
    } else if oid == const_oid::db::rfc5912::ID_SHA_512 {
        hmac_pkcs12::<sha2::Sha512>(mac, content, password, 64)?.verify_slice(expected)
    } else {
        return Err(bad(&format!("不支持的 MAC 算法 {oid}")));
    };
    ok.map_err(|_| wrong_password())
}

fn hmac_pkcs12<D>(
    mac: &MacData,
    content: &[u8],
    password: &str,
    len: usize,
) -> Result<SimpleHmac<D>, SignerError>
where
    D: Digest + BlockSizeUser + FixedOutputReset,
{
    if !(1..=i64::from(MAX_ITERATIONS)).contains(&i64::from(mac.iterations)) {
        return Err(bad("迭代次数不合理"));
    }
    let key = derive_key_utf8::<D>(
        password,
        mac.mac_salt.as_bytes(),
        Pkcs12KeyType::Mac,
        mac.iterations,
        len,
    )
    .map_err(|e| bad(&e.to_string()))?;
    let mut hmac = <SimpleHmac<D> as Mac>::new_from_slice(&key).map_err(|e| bad(&e.to_string()))?;
    hmac.update(content);
    Ok(hmac)
}

/// The HMAC-SHA256 MAC for a file we write.
pub fn make_mac(content: &[u8], password: &str) -> Result<MacData, SignerError> {
    let salt = random::<16>()?;
    let mac = MacData {
        mac: pkcs12_types::digest_info::DigestInfo {
            algorithm: AlgorithmIdentifierOwned {
                oid: SHA256,
                parameters: Some(der::asn1::Any::null()),
            },
            digest: der::asn1::OctetString::new(Vec::new()).map_err(|e| bad(&e.to_string()))?,
        },
        mac_salt: der::asn1::OctetString::new(salt.to_vec()).map_err(|e| bad(&e.to_string()))?,
        iterations: ITERATIONS as i32,
    };
    let digest = hmac_pkcs12::<sha2::Sha256>(&mac, content, password, 32)?
        .finalize()
        .into_bytes();
    Ok(MacData {
        mac: pkcs12_types::digest_info::DigestInfo {
            digest: der::asn1::OctetString::new(digest.to_vec())
                .map_err(|e| bad(&e.to_string()))?,
            ..mac.mac
        },
        ..mac
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn algorithm(params: pkcs5::pbes2::Parameters<'_>) -> AlgorithmIdentifierOwned {
        let encoded = pkcs5::EncryptionScheme::from(params).to_der();
        AlgorithmIdentifierOwned::from_der(&encoded.unwrap_or_default()).unwrap_or(
            AlgorithmIdentifierOwned {
                oid: SHA1,
                parameters: None,
            },
        )
    }

    #[test]
    fn hostile_key_derivations_are_refused_before_any_work() {
        let (salt, iv) = ([7u8; 16], [9u8; 16]);
        // A hundred million PBKDF2 iterations (what the pkcs5 crate still
        // takes) would be a minute of work.
        let Ok(params) = pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(100_000_000, &salt, &iv)
        else {
            panic!("parameters");
        };
        let refused = decrypt(&algorithm(params), &[0u8; 32], "fuzz");
        assert!(
            matches!(&refused, Err(SignerError::Key(m)) if m.contains("迭代次数")),
            "{refused:?}"
        );
        // scrypt with N = 2^24, r = 8 would take 16 GiB.
        let Ok(scrypt) = pkcs5::scrypt::Params::new(24, 8, 1, 32) else {
            panic!("scrypt parameters");
        };
        let Ok(params) = pkcs5::pbes2::Parameters::scrypt_aes256cbc(scrypt, &salt, &iv) else {
            panic!("parameters");
        };
        let refused = decrypt(&algorithm(params), &[0u8; 32], "fuzz");
        assert!(
            matches!(&refused, Err(SignerError::Key(m)) if m.contains("scrypt")),
            "{refused:?}"
        );
    }
}
