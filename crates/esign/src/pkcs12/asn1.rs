//! The PKCS#12 structures we encode ourselves (RFC 7292), next to the ones
//! the `pkcs12` crate provides.

use der::asn1::{Any, ObjectIdentifier, SetOfVec};
use der::Sequence;
use x509_cert::attr::Attribute;

/// `SafeBag`. Our own definition: the `pkcs12` crate's 0.1 `SafeBag`
/// decodes `bagValue` with its `[0]` tag but encodes it with a second one.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SafeBag {
    pub bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub bag_value: Any,
    #[asn1(optional = "true")]
    pub bag_attributes: Option<SetOfVec<Attribute>>,
}

pub type SafeContents = Vec<SafeBag>;

/// `localKeyId` (PKCS#9): pairs the key bag with its certificate bag.
pub const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
/// `friendlyName` (PKCS#9).
pub const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
/// `id-encryptedData` (CMS).
pub const ID_ENCRYPTED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
/// PBMAC1 (RFC 9579), written by OpenSSL 3.4+ on request.
pub const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");
