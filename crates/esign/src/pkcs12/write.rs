//! Writes a PKCS#12 file the way OpenSSL 3 does by default: the key in a
//! PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) shrouded bag, the certificates
//! in a PBES2-encrypted safe, and an HMAC-SHA256 MAC.

use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use const_oid::db::rfc5911::ID_DATA;
use der::asn1::{Any, BmpString, OctetString, SetOfVec};
use der::{Decode, Encode};
use pkcs12_types::cert_type::CertBag;
use pkcs12_types::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12_types::pfx::{Pfx, Version};
use sha1::{Digest, Sha1};
use x509_cert::attr::Attribute;

use super::asn1::{SafeBag, FRIENDLY_NAME, ID_ENCRYPTED_DATA, LOCAL_KEY_ID};
use super::crypt;
use crate::keys::PrivateKey;
use crate::signer::SignerError;

fn bad(e: impl std::fmt::Display) -> SignerError {
    SignerError::Key(format!("无法生成密钥文件：{e}"))
}

fn attribute(oid: der::asn1::ObjectIdentifier, value: Any) -> Result<Attribute, SignerError> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(bad)?;
    Ok(Attribute { oid, values })
}

/// `key` with `chain` (the key's certificate first), protected by
/// `password`, labelled `friendly_name`.
pub fn write(
    key: &PrivateKey,
    chain: &[Vec<u8>],
    password: &str,
    friendly_name: &str,
) -> Result<Vec<u8>, SignerError> {
    let leaf = chain.first().ok_or_else(|| bad("证书链为空"))?;
    // localKeyId pairs the key with its certificate; OpenSSL uses the
    // certificate's SHA-1 the same way.
    let key_id = Sha1::digest(leaf).to_vec();
    let mut leaf_attrs = SetOfVec::new();
    leaf_attrs
        .insert(attribute(
            LOCAL_KEY_ID,
            Any::encode_from(&OctetString::new(key_id).map_err(bad)?).map_err(bad)?,
        )?)
        .map_err(bad)?;
    leaf_attrs
        .insert(attribute(
            FRIENDLY_NAME,
            Any::encode_from(&BmpString::from_utf8(friendly_name).map_err(bad)?).map_err(bad)?,
        )?)
        .map_err(bad)?;

    let mut cert_bags = Vec::new();
    for (i, cert) in chain.iter().enumerate() {
        let bag = CertBag {
            cert_id: pkcs12_types::PKCS_12_X509_CERT_OID,
            cert_value: OctetString::new(cert.clone()).map_err(bad)?,
        };
        cert_bags.push(SafeBag {
            bag_id: pkcs12_types::PKCS_12_CERT_BAG_OID,
            bag_value: Any::encode_from(&bag).map_err(bad)?,
            bag_attributes: (i == 0).then(|| leaf_attrs.clone()),
        });
    }
    let certs_plain = cert_bags.to_der().map_err(bad)?;
    let (alg, certs_cipher) = crypt::encrypt_pbes2(&certs_plain, password)?;
    let certs_info = ContentInfo {
        content_type: ID_ENCRYPTED_DATA,
        content: Any::encode_from(&EncryptedData {
            version: CmsVersion::V0,
            enc_content_info: EncryptedContentInfo {
                content_type: ID_DATA,
                content_enc_alg: alg,
                encrypted_content: Some(OctetString::new(certs_cipher).map_err(bad)?),
            },
            unprotected_attrs: None,
        })
        .map_err(bad)?,
    };

    let key_plain = key.to_pkcs8_der()?;
    let (alg, key_cipher) = crypt::encrypt_pbes2(key_plain.as_bytes(), password)?;
    let shrouded = EncryptedPrivateKeyInfo {
        encryption_algorithm: alg,
        encrypted_data: OctetString::new(key_cipher).map_err(bad)?,
    };
    let key_bags = vec![SafeBag {
        bag_id: pkcs12_types::PKCS_12_PKCS8_KEY_BAG_OID,
        bag_value: Any::encode_from(&shrouded).map_err(bad)?,
        bag_attributes: Some(leaf_attrs),
    }];
    let key_info = ContentInfo {
        content_type: ID_DATA,
        content: Any::encode_from(&OctetString::new(key_bags.to_der().map_err(bad)?).map_err(bad)?)
            .map_err(bad)?,
    };

    let auth_safe = vec![certs_info, key_info].to_der().map_err(bad)?;
    let mac_data = crypt::make_mac(&auth_safe, password)?;
    let pfx = Pfx {
        version: Version::V3,
        auth_safe: ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&OctetString::new(auth_safe).map_err(bad)?).map_err(bad)?,
        },
        mac_data: Some(mac_data),
    };
    let der = pfx.to_der().map_err(bad)?;
    // Decode once more so a structural mistake shows here, not at the reader.
    Pfx::from_der(&der).map_err(bad)?;
    Ok(der)
}
