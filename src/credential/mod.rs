//! Credentials: what proves who the practitioner is and signs for them. Today the CPS card
//! (`card`) and the identity read from its certificate (`identity`), the card through a PKCS#11
//! module (`pkcs11`), the structure certificate of the indirect mode (`structure`), and their
//! rustls glue (`tls`).

pub mod anchors;
pub mod card;
pub mod dn;
pub mod identity;
pub mod pkcs11;
pub mod structure;
pub mod tls;
