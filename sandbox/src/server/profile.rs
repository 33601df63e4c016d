//! The ready-to-use client profile written by `serve`: a TOML file with a
//! `[profiles.sandbox]` table. Every key name is defined here, and only here (SEED.md lists them).

use std::path::{Path, PathBuf};

pub const PROFILE_NAME: &str = "sandbox";
pub const KEY_PROFILES: &str = "profiles";
pub const KEY_ENDPOINT: &str = "endpoint";
pub const KEY_WEB_PS_URL: &str = "web_ps_url";
pub const KEY_TRUST_ANCHORS: &str = "trust_anchors";
pub const KEY_STRUCTURE_CERT: &str = "structure_cert";
pub const KEY_STRUCTURE_CERT_PASSWORD_FILE: &str = "structure_cert_password_file";
pub const KEY_STRUCTURE_ID: &str = "structure_id";
pub const KEY_LPS_NAME: &str = "lps_name";
pub const KEY_LPS_OID: &str = "lps_oid";
pub const KEY_LPS_ID: &str = "lps_id";
pub const KEY_TEST_PROFILE: &str = "test_profile";
pub const KEY_LPS_VERSION: &str = "lps_version";
pub const KEY_LPS_HOMOLOGATION: &str = "lps_homologation";
pub const KEY_CREDENTIAL: &str = "credential";
pub const KEY_INS_AUTHORITY: &str = "ins_authority";
pub const KEY_READER: &str = "reader";
pub const KEY_ACTIVITY_SECTOR: &str = "activity_sector";
pub const KEY_PRACTITIONER_ID: &str = "practitioner_id";
pub const KEY_PRACTITIONER_NAME: &str = "practitioner_name";
pub const KEY_PRACTITIONER_PROFESSION: &str = "practitioner_profession";

/// The professional acting through the structure certificate (indirect mode): the clinic's
/// nurse of the seed.
pub const INDIRECT_PRACTITIONER_ID: &str = "899700000039";
pub const INDIRECT_PRACTITIONER_NAME: &str = "EMILIE TESTINF0000003";
pub const INDIRECT_PRACTITIONER_PROFESSION: &str = "60";
/// The vpcd reader the virtual card plugs into.
pub const VIRTUAL_READER: &str = "Virtual PCD 00 00";

/// Where `dmp` looks for dropped-in profiles: `$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml`.
pub fn default_client_profile_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("dmp").join("profiles.d").join("sandbox.toml"))
}

/// LPS identity the sandbox suggests (any non-empty values are accepted).
pub const LPS_NAME: &str = "dmp";
pub const LPS_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const LPS_HOMOLOGATION: &str = "SANDBOX-HOMOLOGATION";
/// An OID under the arc this sandbox invents identifiers under (a test profile only).
pub const LPS_OID: &str = "1.2.250.1.999.1";
/// The software instance id (VIHF `LPS_ID`).
pub const LPS_ID: &str = "sandbox-workstation-1";

#[derive(Debug, Clone)]
pub struct SandboxProfile {
    pub endpoint: String,
    /// The base address of the sandbox's Web PS pages (the same listener).
    pub web_ps_url: String,
    pub trust_anchors: Vec<PathBuf>,
    pub structure_cert: PathBuf,
    pub structure_cert_password_file: PathBuf,
    pub structure_id: String,
}

impl SandboxProfile {
    pub fn to_table(&self) -> toml::Table {
        let mut t = toml::Table::new();
        t.insert(KEY_ENDPOINT.into(), self.endpoint.clone().into());
        t.insert(KEY_WEB_PS_URL.into(), self.web_ps_url.clone().into());
        t.insert(
            KEY_TRUST_ANCHORS.into(),
            toml::Value::Array(
                self.trust_anchors
                    .iter()
                    .map(|p| p.display().to_string().into())
                    .collect(),
            ),
        );
        t.insert(
            KEY_STRUCTURE_CERT.into(),
            self.structure_cert.display().to_string().into(),
        );
        t.insert(
            KEY_STRUCTURE_CERT_PASSWORD_FILE.into(),
            self.structure_cert_password_file
                .display()
                .to_string()
                .into(),
        );
        t.insert(KEY_STRUCTURE_ID.into(), self.structure_id.clone().into());
        // The sandbox is a test platform: its patients are under the test NIR authority and
        // the software OID below is invented.
        t.insert(KEY_TEST_PROFILE.into(), true.into());
        t.insert(KEY_LPS_OID.into(), LPS_OID.into());
        t.insert(KEY_LPS_ID.into(), LPS_ID.into());
        t.insert(KEY_LPS_NAME.into(), LPS_NAME.into());
        t.insert(KEY_LPS_VERSION.into(), LPS_VERSION.into());
        t.insert(KEY_LPS_HOMOLOGATION.into(), LPS_HOMOLOGATION.into());
        // Indirect mode by default: the demo runs with no card reader.
        t.insert(KEY_CREDENTIAL.into(), "structure".into());
        t.insert(KEY_INS_AUTHORITY.into(), "test".into());
        t.insert(KEY_READER.into(), VIRTUAL_READER.into());
        // Indirect mode's; direct mode takes the sector (and the specialty) from the card.
        t.insert(KEY_ACTIVITY_SECTOR.into(), "SA07".into());
        t.insert(KEY_PRACTITIONER_ID.into(), INDIRECT_PRACTITIONER_ID.into());
        t.insert(
            KEY_PRACTITIONER_NAME.into(),
            INDIRECT_PRACTITIONER_NAME.into(),
        );
        t.insert(
            KEY_PRACTITIONER_PROFESSION.into(),
            INDIRECT_PRACTITIONER_PROFESSION.into(),
        );
        t
    }
}

/// Write (or update, keeping other tables) `path` with `[profiles.sandbox]`.
pub fn write_profile(path: &Path, p: &SandboxProfile) -> Result<(), String> {
    let mut doc: toml::Table = match std::fs::read_to_string(path) {
        Ok(s) => s
            .parse()
            .map_err(|e| format!("{}: not valid TOML: {e}", path.display()))?,
        Err(_) => toml::Table::new(),
    };
    let profiles = doc
        .entry(KEY_PROFILES)
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    let toml::Value::Table(profiles) = profiles else {
        return Err(format!(
            "{}: `{KEY_PROFILES}` is not a table",
            path.display()
        ));
    };
    profiles.insert(PROFILE_NAME.into(), toml::Value::Table(p.to_table()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = format!(
        "# Written by dmp-sandbox serve: the profile of the local DMP sandbox.\n{}",
        toml::to_string(&doc).map_err(|e| e.to_string())?
    );
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_other_profiles() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "[profiles.prod]\nendpoint = \"https://x\"\n").unwrap();
        let p = SandboxProfile {
            endpoint: "https://127.0.0.1:1/si-dmp-server/v2/services".into(),
            web_ps_url: "https://127.0.0.1:1".into(),
            trust_anchors: vec!["/a/ca-bundle.pem".into()],
            structure_cert: "/a/s.p12".into(),
            structure_cert_password_file: "/a/s.pass".into(),
            structure_id: "1999000017".into(),
        };
        write_profile(&path, &p).unwrap();
        let t: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        assert_eq!(
            t["profiles"]["prod"]["endpoint"].as_str(),
            Some("https://x")
        );
        assert_eq!(
            t["profiles"]["sandbox"]["trust_anchors"][0].as_str(),
            Some("/a/ca-bundle.pem")
        );
        assert_eq!(
            t["profiles"]["sandbox"]["structure_id"].as_str(),
            Some("1999000017")
        );
    }
}
