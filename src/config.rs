//! The configuration file: named profiles (endpoint, trust anchors, reader, credential, LPS
//! identity). `$XDG_CONFIG_HOME/dmp/config.toml`, plus every `profiles.d/*.toml` beside it, so a
//! tool (such as `dmp-sandbox serve`) can drop a ready-made profile without editing the user's
//! file. Unknown keys are errors: a typo must not silently fall back to a default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::journal::syslog::RepositorySettings;

/// One configuration file, or the merge of several.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Profile used when `--profile` is not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// Which credential signs the TLS session.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CredentialKind {
    /// The practitioner's CPS card (direct mode).
    #[default]
    Card,
    /// A structure certificate in a PKCS#12 file (indirect mode, unattended).
    Structure,
    /// The practitioner's CPS card through a PKCS#11 module (the ANS Cryptolib CPS, OpenSC…),
    /// direct mode.
    Pkcs11,
}

/// A named set of settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Base URL of the DMP services, e.g. `https://host/si-dmp-server/v2/services`.
    pub endpoint: Option<String>,
    /// Base address of the DMP's web site for professionals (Web PS), e.g. `https://host`:
    /// `dmp patient history-url` adds `/AccesDirect/HistoriqueAcces/<INS>` (TD0.9).
    pub web_ps_url: Option<String>,
    /// PEM files holding the trust anchors (roots and intermediates).
    #[serde(default)]
    pub trust_anchors: Vec<PathBuf>,
    /// Card reader name (or a unique part of it).
    pub reader: Option<String>,
    /// `card` (default), `structure` or `pkcs11`.
    pub credential: Option<CredentialKind>,
    /// The PKCS#11 module of `credential = "pkcs11"` (default: the ANS Cryptolib CPS,
    /// `/usr/lib/libcps3_pkcs11.so`, then `/usr/local/lib/libcps3_pkcs11.so`).
    pub pkcs11_module: Option<PathBuf>,
    /// PKCS#12 file of the structure certificate (indirect mode).
    pub structure_cert: Option<PathBuf>,
    /// File holding the PKCS#12 password.
    pub structure_cert_password_file: Option<PathBuf>,
    /// Identifier of the health structure (FINESS, SIRET…, as the DMP knows it).
    pub structure_id: Option<String>,
    /// Name of the structure.
    pub structure_name: Option<String>,
    /// Activity sector of the structure (VIHF `secteur_activite`), indirect mode (direct mode
    /// takes it from the card's activity).
    pub activity_sector: Option<String>,
    /// Not used: direct mode takes the specialty from the card (`CPS_INFO_PS`), indirect mode
    /// from `practitioner_specialty`. Still accepted so that older profiles parse.
    pub specialty: Option<String>,
    /// Direct mode: the card's activity to work in, by number, structure id or sector (as
    /// `--activity`); needed when the card holds several.
    pub activity: Option<String>,
    /// The card holder's profession code (TRE_G15), when the card's title is not enough.
    pub profession: Option<String>,
    /// Indirect mode: the professional acting through the structure certificate.
    pub practitioner_id: Option<String>,
    pub practitioner_name: Option<String>,
    /// TRE_G15 profession code of that professional (e.g. `60` for a nurse).
    pub practitioner_profession: Option<String>,
    /// TRE_R01 specialty code of that professional (doctors and pharmacists).
    pub practitioner_specialty: Option<String>,
    /// The INS authority assumed for an INS typed without its OID: `nir` (default), `test`
    /// (test platforms and the sandbox) or `demo`.
    pub ins_authority: Option<String>,
    /// A profile for a test platform or the sandbox: only then may test OIDs (the test and
    /// demo NIR authorities, invented OID arcs) be sent.
    pub test_profile: Option<bool>,
    /// The practice software's OID: the HL7 v3 sender device, and the root of the HL7 message
    /// and query ids (`<lps_oid>.1.1`, `<lps_oid>.2`).
    pub lps_oid: Option<String>,
    /// The software instance's id, sent as the optional VIHF attribute `LPS_ID`.
    pub lps_id: Option<String>,
    /// Name, version and homologation id of the practice software (LPS) for the VIHF.
    pub lps_name: Option<String>,
    pub lps_version: Option<String>,
    pub lps_homologation: Option<String>,
    /// Sign the VIHF with the card's signature key in direct mode.
    pub sign_vihf: Option<bool>,
    /// How long one request to the DMP may take, in seconds (default 60; `dmp doctor`: 30).
    /// Connecting waits at most 15 s of it, per attempt.
    pub timeout_secs: Option<u64>,
    /// Write wire traces of every DMP transaction in this directory (as `--trace-wire`).
    pub trace_wire: Option<PathBuf>,
    /// The practice's audit record repository (IHE ATNA: syslog over TLS), `host:port`.
    pub audit_repository: Option<String>,
    /// PEM file of the CA certificate(s) the repository's certificate must chain to.
    pub audit_repository_ca: Option<PathBuf>,
    /// PEM file of our client certificate for the repository (with its intermediates).
    pub audit_repository_cert: Option<PathBuf>,
    /// PEM file of the key of `audit_repository_cert`.
    pub audit_repository_key: Option<PathBuf>,
    /// The language of messages, help and errors: `en` or `fr` (default: the locale). `--lang`
    /// and `DMP_LANG` win over it.
    #[serde(default, with = "lang_key", skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
}

/// The profile key `lang`: `"en"` or `"fr"`; anything else is an error of the file (with its
/// line, as every other).
mod lang_key {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::i18n::Lang;

    pub fn serialize<S: Serializer>(lang: &Option<Lang>, s: S) -> Result<S::Ok, S::Error> {
        match lang {
            Some(l) => s.serialize_str(l.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Lang>, D::Error> {
        let v = String::deserialize(d)?;
        Lang::parse(&v).map(Some).ok_or_else(|| {
            serde::de::Error::custom(crate::tr!("config-bad-lang", value = v.as_str()))
        })
    }
}

/// The `lang` of the profile a command line would use, read before the command line is parsed
/// (the help and the errors of the parsing are in that language): the configuration file of
/// `--config` (else `DMP_CONFIG`, else the default), the profile of `--profile` (else
/// `DMP_PROFILE`, else the file's default). Any error gives `None`: the command reports it
/// when it loads the configuration.
pub fn profile_lang(
    args: &[std::ffi::OsString],
    get: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Option<Lang> {
    let config = option_value(args, "--config")
        .or_else(|| get("DMP_CONFIG").filter(|v| !v.is_empty()))
        .map(PathBuf::from);
    let profile = option_value(args, "--profile")
        .or_else(|| get("DMP_PROFILE").filter(|v| !v.is_empty()))
        .map(|p| p.to_string_lossy().into_owned());
    Config::load(config.as_deref())
        .ok()?
        .profile(profile.as_deref())
        .ok()?
        .lang
}

/// The value of `--name V` or `--name=V` (the last one) before any `--`.
fn option_value(args: &[std::ffi::OsString], name: &str) -> Option<std::ffi::OsString> {
    let mut found = None;
    let mut iter = args.iter().skip(1);
    let prefix = format!("{name}=");
    while let Some(a) = iter.next() {
        let s = a.to_string_lossy();
        if s == "--" {
            break;
        } else if s == name {
            found = iter.next().cloned();
        } else if let Some(v) = s.strip_prefix(&prefix) {
            found = Some(v.into());
        }
    }
    found
}

impl Profile {
    /// The audit repository's settings, when `audit_repository` is set; each of its files must
    /// be named too.
    pub fn audit_repository_settings(&self) -> Result<Option<RepositorySettings>> {
        let files = [
            ("audit_repository_ca", &self.audit_repository_ca),
            ("audit_repository_cert", &self.audit_repository_cert),
            ("audit_repository_key", &self.audit_repository_key),
        ];
        let Some(address) = &self.audit_repository else {
            if let Some((key, _)) = files.iter().find(|(_, v)| v.is_some()) {
                return Err(Error::config(crate::tr!(
                    "config-repository-key-without-address",
                    key = *key
                ))
                .with_hint(crate::tr!("config-repository-key-without-address-hint")));
            }
            return Ok(None);
        };
        let missing: Vec<&str> = files
            .iter()
            .filter(|(_, v)| v.is_none())
            .map(|(k, _)| *k)
            .collect();
        if !missing.is_empty() {
            return Err(Error::config(crate::tr!(
                "config-repository-files-missing",
                keys = missing.join(&crate::tr!("config-and")),
                count = missing.len()
            ))
            .with_hint(crate::tr!("config-repository-files-missing-hint")));
        }
        let file = |v: &Option<PathBuf>| v.clone().unwrap_or_default();
        Ok(Some(RepositorySettings {
            address: address.clone(),
            ca_file: file(&self.audit_repository_ca),
            cert_file: file(&self.audit_repository_cert),
            key_file: file(&self.audit_repository_key),
            timeout: crate::journal::syslog::DEFAULT_TIMEOUT,
        }))
    }
}

impl Config {
    /// The default location: `$XDG_CONFIG_HOME/dmp/config.toml`.
    pub fn default_path() -> Option<PathBuf> {
        dirs::config_dir().map(|d| d.join("dmp").join("config.toml"))
    }

    /// Loads `path` (when given it must exist) or the default file (absent is fine), then
    /// merges `profiles.d/*.toml` from the same directory, in name order.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let (main, must_exist) = match path {
            Some(p) => (Some(p.to_path_buf()), true),
            None => (Self::default_path(), false),
        };
        let Some(main) = main else {
            return Ok(Config::default());
        };
        let mut config = if main.exists() {
            Self::read_file(&main)?
        } else if must_exist {
            return Err(
                Error::config(crate::tr!("config-file-missing", path = main.as_path()))
                    .with_hint(crate::tr!("config-file-missing-hint")),
            );
        } else {
            Config::default()
        };
        if let Some(dir) = main.parent().map(|d| d.join("profiles.d")) {
            if let Ok(entries) = std::fs::read_dir(&dir) {
                let mut files: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect();
                files.sort();
                for f in files {
                    let extra = Self::read_file(&f)?;
                    for (name, profile) in extra.profiles {
                        // The user's own file wins over dropped-in profiles.
                        config.profiles.entry(name).or_insert(profile);
                    }
                    if config.default_profile.is_none() {
                        config.default_profile = extra.default_profile;
                    }
                }
            }
        }
        Ok(config)
    }

    fn read_file(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::config(crate::tr!(
                "config-cannot-read",
                path = path,
                error = e.to_string()
            ))
            .with_hint(crate::tr!("config-cannot-read-hint"))
        })?;
        toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(&text, s.start));
            let place = match line {
                Some(line) => crate::tr!("config-file-line", path = path, line = line),
                None => path.display().to_string(),
            };
            if let Some((key, known)) = unknown_key(e.message()) {
                let hint = match closest(key, &known) {
                    Some(k) => crate::tr!("config-did-you-mean", key = k),
                    None => crate::tr!("config-known-keys", keys = known.join(", ")),
                };
                return Error::config(crate::tr!("config-unknown-key", place = place, key = key))
                    .with_hint(hint);
            }
            let message = match line {
                Some(line) => crate::tr!(
                    "config-invalid-file-line",
                    path = path,
                    line = line,
                    error = e.message()
                ),
                None => crate::tr!("config-invalid-file", path = path, error = e.message()),
            };
            Error::config(message).with_hint(crate::tr!("config-invalid-file-hint"))
        })
    }

    /// The profile named on the command line, else the default one, else an empty profile.
    pub fn profile(&self, name: Option<&str>) -> Result<Profile> {
        let wanted = name.or(self.default_profile.as_deref());
        match wanted {
            None => Ok(Profile::default()),
            Some(n) => self.profiles.get(n).cloned().ok_or_else(|| {
                let known: Vec<&str> = self.profiles.keys().map(String::as_str).collect();
                Error::config(crate::tr!("config-no-such-profile", name = n)).with_hint(
                    if known.is_empty() {
                        crate::tr!("config-no-profile-yet")
                    } else {
                        crate::tr!("config-known-profiles", names = known.join(", "))
                    },
                )
            }),
        }
    }
}

/// The key and the keys accepted in its table, from serde's `deny_unknown_fields` message
/// ("unknown field `x`, expected one of `a`, `b`" or "…, expected `a`"), which the `toml` error
/// carries as it is.
fn unknown_key(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
    let known = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|k| !k.is_empty())
        .collect();
    Some((key, known))
}

/// The known key closest to `key`, if one is close enough to be a typo of it (the measure and
/// threshold of clap's own suggestions).
fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_dropped_in_profiles_without_overriding_the_users() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("config.toml");
        std::fs::write(&main, "[profiles.sandbox]\nreader = \"mine\"\n").unwrap();
        std::fs::create_dir(dir.path().join("profiles.d")).unwrap();
        std::fs::write(
            dir.path().join("profiles.d/sandbox.toml"),
            "default_profile = \"sandbox\"\n[profiles.sandbox]\nreader = \"theirs\"\n[profiles.other]\nendpoint = \"https://x\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&main)).unwrap();
        assert_eq!(c.profiles["sandbox"].reader.as_deref(), Some("mine"));
        assert_eq!(c.profiles["other"].endpoint.as_deref(), Some("https://x"));
        assert_eq!(c.profile(None).unwrap().reader.as_deref(), Some("mine"));
    }

    #[test]
    fn unknown_key_is_a_config_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("config.toml");
        std::fs::write(&main, "[profiles.a]\nendpiont = \"x\"\n").unwrap();
        let e = Config::load(Some(&main)).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
        assert!(e.message().contains("config.toml"), "{}", e.message());
        assert!(e.message().contains("line 2"), "{}", e.message());
    }

    #[test]
    fn a_mistyped_key_gets_its_file_line_and_the_closest_key() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("config.toml");
        std::fs::write(
            &main,
            "default_profile = \"a\"\n\n[profiles.a]\nendpoint = \"https://x\"\nstructur_id = \"1\"\n",
        )
        .unwrap();
        let e = Config::load(Some(&main)).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
        assert_eq!(
            e.message(),
            format!("{}, line 5: unknown key `structur_id`", main.display())
        );
        assert_eq!(e.hint(), Some("did you mean `structure_id`?"));

        // At the top level the known keys are the file's, not a profile's.
        std::fs::write(&main, "default_profil = \"a\"\n").unwrap();
        let e = Config::load(Some(&main)).unwrap_err();
        assert!(
            e.message()
                .ends_with(", line 1: unknown key `default_profil`"),
            "{}",
            e.message()
        );
        assert_eq!(e.hint(), Some("did you mean `default_profile`?"));
    }

    #[test]
    fn a_key_like_no_known_one_gets_the_list_of_keys() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("config.toml");
        std::fs::write(&main, "[profiles.a]\nzzz = 1\n").unwrap();
        let e = Config::load(Some(&main)).unwrap_err();
        assert!(
            e.message().ends_with(", line 2: unknown key `zzz`"),
            "{}",
            e.message()
        );
        let hint = e.hint().unwrap();
        assert!(
            hint.starts_with("the keys accepted here: endpoint, web_ps_url,"),
            "{hint}"
        );
        assert!(hint.contains("structure_id"), "{hint}");
    }

    #[test]
    fn missing_profile_lists_known_ones() {
        let mut c = Config::default();
        c.profiles.insert("a".into(), Profile::default());
        let e = c.profile(Some("b")).unwrap_err();
        assert!(e.hint().unwrap().contains("a"));
    }

    #[test]
    fn the_audit_repository_needs_its_three_files() {
        let none = Profile::default();
        assert_eq!(none.audit_repository_settings().unwrap(), None);
        let mut p: Profile = toml::from_str(
            "audit_repository = \"arr.example:6514\"\naudit_repository_ca = \"/ca.pem\"\n",
        )
        .unwrap();
        let e = p.audit_repository_settings().unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
        assert!(
            e.message()
                .contains("audit_repository_cert and audit_repository_key are not"),
            "{}",
            e.message()
        );
        p.audit_repository_cert = Some("/c.pem".into());
        p.audit_repository_key = Some("/k.pem".into());
        let s = p.audit_repository_settings().unwrap().unwrap();
        assert_eq!(s.address, "arr.example:6514");
        assert_eq!(s.key_file, Path::new("/k.pem"));
        p.audit_repository = None;
        let e = p.audit_repository_settings().unwrap_err();
        assert!(
            e.message().contains("audit_repository is not"),
            "{}",
            e.message()
        );
    }

    #[test]
    fn explicit_missing_file_is_an_error() {
        let e = Config::load(Some(Path::new("/nonexistent/dmp.toml"))).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
    }
}
