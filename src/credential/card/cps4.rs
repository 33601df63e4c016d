//! The place for CPS4 (NXP ChipDoc) support, not implemented yet.
//!
//! A CPS4 is recognised by its ATR and reported as such, but dmp does not drive it: its APDUs
//! differ from the CPS3's (CLA `01`, logical channel 1; authentication by raw RSA through
//! `MSE 01 22 41 B8 03 83 01 20` and PSO DECIPHER `01 2A 80 86` with PKCS#1 padding done on the
//! host and command chaining, which also allows RSA-PSS and thus TLS 1.3). Implementing
//! [`CardOperations`](super::operations::CardOperations) here, with `apdu::Class::Channel1`,
//! is all the session needs; until then every operation fails with [`not_supported`].

use crate::error::Error;

/// "CPS4 cards are not supported yet".
pub fn not_supported() -> Error {
    Error::card("CPS4 cards are not supported yet by dmp").with_hint(
        "use a CPS3 card for now (`dmp readers` shows each card's generation); CPS4 support is planned",
    )
}
