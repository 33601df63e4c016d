//! IHE XDS.b transactions of the DMP: ITI-18 stored queries (TD3.1), the registry metadata they
//! return, and ITI-43 retrieval (TD3.2).

pub mod metadata;
pub mod query;
pub mod retrieve;
pub mod submit;
pub mod update;

/// ebRIM/XDS identifiers (IHE ITI TF-3 §4.2.5).
pub mod uuid {
    pub const DOC_ENTRY_OBJECT_TYPE: &str = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    pub const DOC_ENTRY_AUTHOR: &str = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    pub const DOC_ENTRY_CLASS_CODE: &str = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    pub const DOC_ENTRY_CONFIDENTIALITY: &str = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    pub const DOC_ENTRY_EVENT_CODE: &str = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
    pub const DOC_ENTRY_FORMAT_CODE: &str = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    pub const DOC_ENTRY_FACILITY_TYPE: &str = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
    pub const DOC_ENTRY_PRACTICE_SETTING: &str = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
    pub const DOC_ENTRY_TYPE_CODE: &str = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    pub const DOC_ENTRY_PATIENT_ID: &str = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    pub const DOC_ENTRY_UNIQUE_ID: &str = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    pub const SUBMISSION_SET_NODE: &str = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    pub const SUBMISSION_SET_AUTHOR: &str = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
    pub const SUBMISSION_SET_CONTENT_TYPE: &str = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
    pub const SUBMISSION_SET_UNIQUE_ID: &str = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    pub const SUBMISSION_SET_SOURCE_ID: &str = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    pub const SUBMISSION_SET_PATIENT_ID: &str = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
}

/// Association types.
pub mod association {
    pub const HAS_MEMBER: &str = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    pub const RPLC: &str = "urn:ihe:iti:2007:AssociationType:RPLC";
    pub const SIGNS: &str = "urn:ihe:iti:2007:AssociationType:signs";
}
