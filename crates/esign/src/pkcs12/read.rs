//! Reads a PKCS#12 file: checks its MAC, decrypts its bags, and finds the
//! private key and the certificates.

use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use const_oid::db::rfc5911::ID_DATA;
use der::asn1::OctetString;
use der::Decode;
use pkcs12_types::cert_type::CertBag;
use pkcs12_types::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12_types::pfx::{Pfx, Version};

use super::asn1::{SafeContents, ID_ENCRYPTED_DATA};
use super::crypt;
use crate::keys::PrivateKey;
use crate::signer::SignerError;

/// What a PKCS#12 file holds: every private key and every certificate.
pub struct Contents {
    pub keys: Vec<PrivateKey>,
    pub certificates: Vec<Vec<u8>>,
}

fn bad(what: impl std::fmt::Display) -> SignerError {
    SignerError::Key(format!("密钥文件格式错误：{what}"))
}

pub fn read(p12: &[u8], password: &str) -> Result<Contents, SignerError> {
    let pfx = Pfx::from_der(p12).map_err(bad)?;
    if pfx.version != Version::V3 {
        return Err(bad("版本不是 3"));
    }
    if pfx.auth_safe.content_type != ID_DATA {
        return Err(bad("不支持公钥完整性保护模式"));
    }
    let auth_safe = pfx
        .auth_safe
        .content
        .decode_as::<OctetString>()
        .map_err(bad)?;
    // A file without a MAC cannot tell a wrong password from a right one
    // until decryption; PKCS#12 allows it, so go on.
    if let Some(mac) = &pfx.mac_data {
        crypt::verify_mac(mac, auth_safe.as_bytes(), password)?;
    }
    let infos = Vec::<ContentInfo>::from_der(auth_safe.as_bytes()).map_err(bad)?;
    let mut contents = Contents {
        keys: Vec::new(),
        certificates: Vec::new(),
    };
    for info in infos {
        let bags_der = if info.content_type == ID_DATA {
            info.content
                .decode_as::<OctetString>()
                .map_err(bad)?
                .into_bytes()
        } else if info.content_type == ID_ENCRYPTED_DATA {
            let encrypted = info.content.decode_as::<EncryptedData>().map_err(bad)?;
            let eci = encrypted.enc_content_info;
            let ciphertext = eci.encrypted_content.ok_or_else(|| bad("加密内容缺失"))?;
            crypt::decrypt(&eci.content_enc_alg, ciphertext.as_bytes(), password)?
        } else {
            // Public-key-encrypted safes (envelopedData) need a key we do not
            // have; skip them rather than fail, another safe may hold the key.
            continue;
        };
        let bags = SafeContents::from_der(&bags_der).map_err(bad)?;
        for bag in bags {
            let value = der::Encode::to_der(&bag.bag_value).map_err(bad)?;
            if bag.bag_id == pkcs12_types::PKCS_12_PKCS8_KEY_BAG_OID {
                let epki = EncryptedPrivateKeyInfo::from_der(&value).map_err(bad)?;
                let plain = zeroize::Zeroizing::new(crypt::decrypt(
                    &epki.encryption_algorithm,
                    epki.encrypted_data.as_bytes(),
                    password,
                )?);
                contents.keys.push(PrivateKey::from_pkcs8_der(&plain)?);
            } else if bag.bag_id == pkcs12_types::PKCS_12_KEY_BAG_OID {
                contents.keys.push(PrivateKey::from_pkcs8_der(&value)?);
            } else if bag.bag_id == pkcs12_types::PKCS_12_CERT_BAG_OID {
                let cert = CertBag::from_der(&value).map_err(bad)?;
                if cert.cert_id == pkcs12_types::PKCS_12_X509_CERT_OID {
                    contents.certificates.push(cert.cert_value.into_bytes());
                }
            }
            // CRL, secret and nested bags are not needed to sign.
        }
    }
    Ok(contents)
}
