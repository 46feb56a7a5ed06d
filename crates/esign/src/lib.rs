//! E-seals on PDFs (DESIGN.md 3.4; Art 8, 12): an electronic document with
//! an e-seal has the same force as paper, so the signature is a real PAdES
//! baseline B-B signature that any outside verifier accepts.
//!
//! - [`signer`]: the one trait every key sits behind; it receives the bytes
//!   to sign, so an SM2/SM3 signer can be added later.
//! - The signers: a PKCS#12 key file and a PKCS#11 token (USB keys).
//! - The PDF side: the signature added as an incremental update, with the
//!   visible seal as its appearance, and verification of every signature.

pub mod signer;

pub use signer::{SignatureAlgorithm, Signer, SignerError};
pub mod appearance;
pub mod attack_corpus;

pub use appearance::{Appearance, Placement};
pub mod seal;

pub use seal::{face_index_by_family, seal_appearance, SealError, SealSpec};
pub mod password;

pub use password::{delete_from_keyring, store_in_keyring, PasswordSource};
pub mod pkcs11;

pub use pkcs11::{KeyRef, Pkcs11Signer};

// PAdES signatures: the CMS, the PDF incremental update, verification, the
// PKCS#12 key file signer and the test CA.
pub mod cms;
pub mod keys;
pub mod pdf;
pub mod pkcs12;
pub mod sign;
pub mod testca;
pub mod timestamp;
pub mod verify;

pub use keys::KeyKind;
pub use pkcs12::Pkcs12Signer;
pub use sign::{sign_pdf, sign_pdf_with, SignError, SignRequest};
pub use verify::{verify_pdf, Report, SignatureReport, SignatureStatus, VerifyError};
// Budgets for PDFs from outside (hostile files).
pub mod limits;

pub use limits::{verify_pdf_with_limits, Limits};
pub mod inspect;

pub use inspect::{certificate_organization, page_count, read_certificates, signature_count};
