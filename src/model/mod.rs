//! Domain values shared by every layer: identifiers (INS, practitioners) and their rules,
//! document metadata, value sets. No I/O.

pub mod codes;
pub mod document;
pub mod ins;
pub mod practitioner;
pub mod timestamp;
pub mod valuesets;
