//! Credentials: what proves who the practitioner is and signs for them. Today the CPS card
//! (`card`) and the identity read from its certificate (`identity`).

pub mod anchors;
pub mod card;
pub mod identity;
