//! Domain values shared by the layers: identifiers and their rules, with no I/O.

pub mod practitioner;
