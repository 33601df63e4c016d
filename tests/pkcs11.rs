//! `--credential pkcs11` against two PKCS#11 modules that are not ours: SoftHSM2 holding the
//! test PKI's card-holder keys and certificates under the ANS Cryptolib's labels and ids, and
//! the card's data objects (`CPS_INFO_PS`, `CPS_ACTIVITY_nn_PS`, private) as CKO_DATA objects;
//! and OpenSC's `opensc-pkcs11.so` reading the virtual CPS3 through pcscd. Card info (the
//! specialty, the activities after login), the PIN rules (a wrong PIN costs one try and is not
//! retried, the last try is refused unattended), a TLS session with the sandbox DMP and a VIHF
//! signed through the module and verified by the sandbox (xmlsec1), naming the structure,
//! sector and specialty of the card's activity.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use dmp_sandbox::pki::{HolderIdentity, HolderKeys};
use support::*;

const SOFTHSM: &str = "/usr/lib/softhsm/libsofthsm2.so";
const OPENSC_PKCS11: &str = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";
const TOKEN: &str = "CPS SoftHSM";
/// The CPS3 PKCS#15 application's AID: the Cryptolib's CKA_IDs are AID‖01 (signature) and
/// AID‖02 (authentication) (reference cps-card.md §3).
const AID: &str = "E828BD080F8025000001FF0010";
const ALICE: &str = "280057505600117";
const DOCTOR: &str = "899700000017";
const PIN_EXIT: i32 = 6; // README: PIN wrong, blocked, refused or unavailable
const USAGE_EXIT: i32 = 2;
const CARD_EXIT: i32 = 5;
/// The default holder's cabinet and the group practice the sandbox also links to him.
const CABINET: &str = "499700000017001";
const GROUP: &str = "499700000017002";

/// The card's practice data: the specialty of `CPS_INFO_PS` and the activities
/// (structure id, sector, organisation).
struct Practice {
    specialty: Option<&'static str>,
    activities: Vec<(&'static str, &'static str, &'static str)>,
}

impl Practice {
    /// What the virtual CPS3 carries by default: SM26, the holder's cabinet in SA07.
    fn default_card() -> Practice {
        Practice {
            specialty: Some("SM26"),
            activities: vec![(CABINET, "SA07", "CABINET TESTDOC0000001")],
        }
    }

    fn two_activities() -> Practice {
        Practice {
            specialty: Some("SM26"),
            activities: vec![
                (CABINET, "SA07", "CABINET TESTDOC0000001"),
                (GROUP, "SA08", "CABINET DE GROUPE SANDBOX"),
            ],
        }
    }

    fn none() -> Practice {
        Practice {
            specialty: None,
            activities: Vec::new(),
        }
    }
}

/// A BER-TLV with a one-byte tag and a short length (every value here is under 128 bytes).
fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    assert!(value.len() < 0x80);
    let mut out = vec![tag, value.len() as u8];
    out.extend_from_slice(value);
    out
}

/// An activity as the reference's on-card data row lays it out:
/// `EE { 84 raison sociale, 85 Struct_IdNat, 86 activity sector }`.
fn activity_bytes(structure_id: &str, sector: &str, organisation: &str) -> Vec<u8> {
    let mut inner = tlv(0x84, organisation.as_bytes());
    inner.extend(tlv(0x85, structure_id.as_bytes()));
    inner.extend(tlv(0x86, sector.as_bytes()));
    tlv(0xEE, &inner)
}

/// `CPS_INFO_PS`: the holder's identity, the specialty as the value's last 4 characters (the
/// ANS code example reads it there).
fn info_ps_bytes(holder: &HolderIdentity, specialty: Option<&str>) -> Vec<u8> {
    let mut inner = tlv(0x81, holder.national_id.as_bytes());
    inner.extend(tlv(0x82, holder.surname.as_bytes()));
    inner.extend(tlv(0x83, holder.given_name.as_bytes()));
    if let Some(s) = specialty {
        inner.extend(tlv(0x84, s.as_bytes()));
    }
    tlv(0xEE, &inner)
}

/// A SoftHSM2 token of its own (SOFTHSM2_CONF in a temporary directory) holding the default
/// holder's two key pairs and certificates, labelled as the ANS Cryptolib labels them.
struct SoftToken {
    dir: tempfile::TempDir,
    holder: HolderKeys,
}

fn run(program: &str, args: &[&str], conf: &Path) -> String {
    let out = std::process::Command::new(program)
        .args(args)
        .env("SOFTHSM2_CONF", conf)
        .output()
        .unwrap_or_else(|e| panic!("{program} (Debian packages softhsm2, opensc): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (key label, certificate label, CKA_ID) of the authentication and signature pairs.
type Labels = [(&'static str, &'static str, String); 2];

fn cryptolib_labels() -> Labels {
    [
        (
            "CPS_PRIV_AUT",
            "Certificat d'Authentification CPS",
            format!("{AID}02"),
        ),
        (
            "CPS_PRIV_SIG",
            "Certificat de Signature CPS",
            format!("{AID}01"),
        ),
    ]
}

impl SoftToken {
    fn new() -> SoftToken {
        Self::with_labels(cryptolib_labels(), false, false)
    }

    /// The Cryptolib's labels and the data objects of `practice`.
    fn with_practice(practice: Practice) -> SoftToken {
        Self::build(cryptolib_labels(), false, false, practice)
    }

    /// The pairs under `labels`, the signature pair written first when `sign_first`; with
    /// `sign_hashed_by_token`, the signature key allows CKM_SHA256_RSA_PKCS only. The data
    /// objects are the virtual card's default ones.
    fn with_labels(labels: Labels, sign_first: bool, sign_hashed_by_token: bool) -> SoftToken {
        Self::build(
            labels,
            sign_first,
            sign_hashed_by_token,
            Practice::default_card(),
        )
    }

    fn build(
        labels: Labels,
        sign_first: bool,
        sign_hashed_by_token: bool,
        practice: Practice,
    ) -> SoftToken {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("tokens")).unwrap();
        let conf = dir.path().join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                dir.path().join("tokens").display()
            ),
        )
        .unwrap();
        let holder = pki().holder(&HolderIdentity::default()).unwrap();
        // The token's PINs are test values, on the tools' command lines only here.
        run(
            "softhsm2-util",
            &[
                "--init-token",
                "--free",
                "--label",
                TOKEN,
                "--pin",
                PIN,
                "--so-pin",
                "12345678",
            ],
            &conf,
        );
        let [(ak, ac, aid), (sk, sc, sid)] = labels;
        let mut pairs = vec![
            ("auth", ak, ac, aid, &holder.auth_cert_der),
            ("sign", sk, sc, sid, &holder.sign_cert_der),
        ];
        if sign_first {
            pairs.reverse();
        }
        for (stem, key_label, cert_label, id, cert) in pairs {
            let key = holder.dir.join(format!("{stem}-key.pem"));
            if stem == "sign" && sign_hashed_by_token {
                let der = dir.path().join("sign-key.der");
                std::fs::write(&der, &holder.sign_key_pkcs8_der).unwrap();
                run(
                    "pkcs11-tool",
                    &[
                        "--module",
                        SOFTHSM,
                        "--token-label",
                        TOKEN,
                        "--login",
                        "--pin",
                        PIN,
                        "--write-object",
                        der.to_str().unwrap(),
                        "--type",
                        "privkey",
                        "--id",
                        &id,
                        "--label",
                        key_label,
                        "--allowed-mechanisms",
                        "SHA256-RSA-PKCS",
                    ],
                    &conf,
                );
            } else {
                run(
                    "softhsm2-util",
                    &[
                        "--import",
                        key.to_str().unwrap(),
                        "--token",
                        TOKEN,
                        "--label",
                        key_label,
                        "--id",
                        &id,
                        "--pin",
                        PIN,
                    ],
                    &conf,
                );
            }
            let der = dir.path().join(format!("{stem}.der"));
            std::fs::write(&der, cert).unwrap();
            run(
                "pkcs11-tool",
                &[
                    "--module",
                    SOFTHSM,
                    "--token-label",
                    TOKEN,
                    "--login",
                    "--pin",
                    PIN,
                    "--write-object",
                    der.to_str().unwrap(),
                    "--type",
                    "cert",
                    "--id",
                    &id,
                    "--label",
                    cert_label,
                ],
                &conf,
            );
        }
        // The data objects as the Cryptolib shows a CPS's: application "CPS", the activities
        // private.
        let mut objects = vec![(
            "CPS_INFO_PS".to_string(),
            info_ps_bytes(&holder.identity, practice.specialty),
            false,
        )];
        if practice.specialty.is_none() && practice.activities.is_empty() {
            objects.clear();
        }
        for (i, (structure_id, sector, organisation)) in practice.activities.iter().enumerate() {
            objects.push((
                format!("CPS_ACTIVITY_{:02}_PS", i + 1),
                activity_bytes(structure_id, sector, organisation),
                true,
            ));
        }
        for (label, bytes, private) in objects {
            let file = dir.path().join(format!("{label}.bin"));
            std::fs::write(&file, bytes).unwrap();
            let mut args = vec![
                "--module",
                SOFTHSM,
                "--token-label",
                TOKEN,
                "--login",
                "--pin",
                PIN,
                "--write-object",
                file.to_str().unwrap(),
                "--type",
                "data",
                "--label",
                &label,
                "--application-label",
                "CPS",
            ];
            if private {
                args.push("--private");
            }
            run("pkcs11-tool", &args, &conf);
        }
        SoftToken { dir, holder }
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("softhsm2.conf")
    }

    /// The token's serial number as SoftHSM's own tool shows it.
    fn serial(&self) -> String {
        let out = run("softhsm2-util", &["--show-slots"], &self.conf());
        for slot in out.split("\nSlot ") {
            let field = |name: &str| {
                slot.lines()
                    .find_map(|l| l.trim().strip_prefix(name))
                    .map(|v| v.trim().to_string())
            };
            if field("Label:").as_deref() == Some(TOKEN) {
                return field("Serial number:").unwrap();
            }
        }
        panic!("no serial for {TOKEN} in:\n{out}")
    }

    /// `dmp` with this home and this token (no --reader: the first slot with a token).
    fn dmp(&self, home: &Home) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dmp"));
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home.dir.path())
            .env("XDG_CONFIG_HOME", home.path("config"))
            .env("XDG_CACHE_HOME", home.path("cache"))
            .env("XDG_DATA_HOME", home.path("data"))
            .env("SOFTHSM2_CONF", self.conf());
        c
    }

    /// `dmp --profile sandbox patient status --ins ALICE EXTRA…` with this token, the PIN
    /// from the environment.
    fn patient_status(&self, home: &Home, extra: &[&str]) -> Output {
        output(
            self.dmp(home)
                .args(["--profile", "sandbox", "--pin-env", "P"])
                .args(["patient", "status", "--ins", ALICE])
                .args(extra)
                .env("P", PIN),
        )
    }
}

fn output(c: &mut std::process::Command) -> Output {
    c.output().expect("dmp runs")
}

/// The sandbox profile, in direct mode through `module`, the VIHF signed or not.
fn pkcs11_profile(home: &Home, module: &str, sign_vihf: bool, keep_reader: bool) {
    home.install_edited_profile(sandbox(), |p| {
        p.insert("credential".into(), "pkcs11".into());
        p.insert("pkcs11_module".into(), module.into());
        p.insert("sign_vihf".into(), sign_vihf.into());
        if !keep_reader {
            p.remove("reader");
        }
    });
}

#[test]
fn card_info_through_softhsm_names_the_holder_and_the_token() {
    let token = SoftToken::new();
    let home = Home::new();
    let out = output(token.dmp(&home).args([
        "--credential",
        "pkcs11",
        "--pkcs11-module",
        SOFTHSM,
        "--output",
        "json",
        "card",
        "info",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["national_id"], DOCTOR);
    assert_eq!(v["surname"], token.holder.identity.surname.as_str());
    assert_eq!(v["serial"], token.serial().as_str());
    assert!(v["generation"].as_str().unwrap().contains(TOKEN), "{v}");
    assert_eq!(v["pin_status"], "not_verified");
    assert_eq!(v["pin_tries_left"], 3);
    let certs = v["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2);
    assert_eq!(certs[0]["usage"], "authentication");
    assert_eq!(certs[1]["usage"], "signature");
    assert_ne!(certs[0]["serial_number"], certs[1]["serial_number"]);

    // --reader picks the token by a part of its label; a name no slot has is a clear error.
    let out = output(token.dmp(&home).args([
        "--credential",
        "pkcs11",
        "--pkcs11-module",
        SOFTHSM,
        "--reader",
        "no such token",
        "card",
        "info",
    ]));
    assert!(!out.status.success());
    assert!(stderr(&out).contains("no such token"), "{}", stderr(&out));
    let out = output(token.dmp(&home).args([
        "--credential",
        "pkcs11",
        "--pkcs11-module",
        SOFTHSM,
        "--reader",
        "CPS Soft",
        "card",
        "info",
    ]));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("CAMILLE"), "{}", stdout(&out));
}

#[test]
fn a_missing_module_is_a_configuration_error_naming_it() {
    let home = Home::new();
    let out = output(
        std::process::Command::new(env!("CARGO_BIN_EXE_dmp"))
            .env_clear()
            .env("XDG_CONFIG_HOME", home.path("config"))
            .args([
                "--credential",
                "pkcs11",
                "--pkcs11-module",
                "/nonexistent/libcps3_pkcs11.so",
                "card",
                "info",
            ]),
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("/nonexistent/libcps3_pkcs11.so"));
}

#[test]
fn a_wrong_pin_through_softhsm_is_tried_once_and_lowers_the_count() {
    let token = SoftToken::new();
    let home = Home::new();
    let base = [
        "--credential",
        "pkcs11",
        "--pkcs11-module",
        SOFTHSM,
        "--pin-env",
        "P",
    ];
    let out = output(
        token
            .dmp(&home)
            .args(base)
            .env("P", "9999")
            .args(["card", "verify-pin"]),
    );
    assert_eq!(out.status.code(), Some(PIN_EXIT), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrong PIN: 2 tries left"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("9999"));
    // SoftHSM's own flags now say a wrong PIN was given (CKF_USER_PIN_COUNT_LOW).
    let flags = run("pkcs11-tool", &["--module", SOFTHSM, "-T"], &token.conf());
    assert!(flags.contains("user PIN count low"), "{flags}");
    let out = output(token.dmp(&home).args([
        "--credential",
        "pkcs11",
        "--pkcs11-module",
        SOFTHSM,
        "--output",
        "json",
        "card",
        "info",
    ]));
    assert_eq!(json(&out)["pin_tries_left"], 2);
    // The right PIN logs in.
    let out = output(
        token
            .dmp(&home)
            .args(base)
            .env("P", PIN)
            .args(["card", "verify-pin"]),
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_softhsm_token_opens_a_tls_session_and_signs_the_vihf_the_sandbox_verifies() {
    let _server = server_shared();
    let token = SoftToken::new();
    let home = Home::new();
    pkcs11_profile(&home, SOFTHSM, true, false);
    let traces = home.path("traces");
    let out = output(
        token
            .dmp(&home)
            .args([
                "--profile",
                "sandbox",
                "--pin-env",
                "P",
                "--output",
                "json",
                "--trace-wire",
                traces.to_str().unwrap(),
                "docs",
                "list",
                "--ins",
                ALICE,
            ])
            .env("P", PIN),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!json(&out)["documents"].as_array().unwrap().is_empty());
    // Every request carried a signed VIHF whose certificate is the token's signature one.
    let sign_b64 = base64_of(&token.holder.sign_cert_der);
    let mut requests = 0;
    for e in std::fs::read_dir(&traces).unwrap() {
        let p = e.unwrap().path();
        if p.to_string_lossy().contains("request") {
            let text = std::fs::read_to_string(&p).unwrap();
            assert!(text.contains("SignatureValue"), "{}", p.display());
            assert!(
                text.replace(['\n', '\r'], "").contains(&sign_b64),
                "{}",
                p.display()
            );
            requests += 1;
        }
    }
    assert!(requests >= 2, "{requests} traced requests");
    // The journal names the practitioner and the token's serial as the card's.
    let records = home.journal();
    assert!(
        records.iter().all(|r| r["practitioner"] == DOCTOR),
        "{records:?}"
    );
    assert!(records
        .iter()
        .all(|r| r["card_serial"] == token.serial().as_str()));
}

fn base64_of(der: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(der)
}

#[test]
fn doctor_reports_the_module_its_slots_and_the_token() {
    let token = SoftToken::new();
    let home = Home::new();
    pkcs11_profile(&home, SOFTHSM, false, false);
    let out = output(
        token
            .dmp(&home)
            .args(["--profile", "sandbox", "--output", "json", "doctor"]),
    );
    let v = json(&out);
    let check = |id: &str| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no check {id} in {v}"))
            .clone()
    };
    let module = check("pkcs11_module");
    assert_eq!(module["status"], "ok", "{module}");
    let detail = module["detail"].as_str().unwrap();
    assert!(
        detail.contains(SOFTHSM) && detail.contains("SoftHSM"),
        "{detail}"
    );
    let slots = check("pkcs11_slots");
    assert!(slots["detail"].as_str().unwrap().contains(TOKEN), "{slots}");
    assert!(
        slots["detail"].as_str().unwrap().contains(&token.serial()),
        "{slots}"
    );
    let t = check("pkcs11_token");
    assert_eq!(t["status"], "ok", "{t}");
    assert!(t["detail"].as_str().unwrap().contains(DOCTOR), "{t}");
    assert_eq!(check("certificate_chain")["status"], "ok");
    assert_eq!(check("pin_not_blocked")["status"], "ok");
    // No PIN source and no terminal: the handshake is skipped, no try spent.
    assert_eq!(check("tls_handshake")["status"], "skip");
}

// OpenSC's module over the virtual CPS3, through pcscd.

#[test]
fn opensc_card_info_and_a_wrong_pin_costs_exactly_one_try_and_the_last_is_kept() {
    let card = insert_cps3_for_opensc();
    let home = Home::new();
    let info = home
        .dmp()
        .args(["--credential", "pkcs11", "--pkcs11-module", OPENSC_PKCS11])
        .args(["--output", "json", "card", "info"])
        .output()
        .unwrap();
    assert!(info.status.success(), "{}", stderr(&info));
    let v = json(&info);
    assert_eq!(v["national_id"], DOCTOR);
    assert!(v["reader"].as_str().unwrap().contains(READER), "{v}");
    assert_eq!(v["certificates"].as_array().unwrap().len(), 2);
    assert_eq!(v["pin_tries_left"], 3);

    let verify = |pin: &str| {
        home.dmp()
            .args(["--credential", "pkcs11", "--pkcs11-module", OPENSC_PKCS11])
            .args(["--pin-env", "P", "card", "verify-pin"])
            .env("P", pin)
            .output()
            .unwrap()
    };
    let out = verify("9999");
    assert_eq!(out.status.code(), Some(PIN_EXIT), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrong PIN: 2 tries left"),
        "{}",
        stderr(&out)
    );
    assert_eq!(card.pin_tries_left(), 2);
    let out = verify("9998");
    assert!(
        stderr(&out).contains("wrong PIN: 1 try left"),
        "{}",
        stderr(&out)
    );
    assert_eq!(card.pin_tries_left(), 1);
    // The last try: refused without a person at a terminal, and nothing reaches the card.
    let out = verify(PIN);
    assert_eq!(out.status.code(), Some(PIN_EXIT), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("only one PIN try is left"),
        "{}",
        stderr(&out)
    );
    assert_eq!(card.pin_tries_left(), 1);
}

#[test]
fn opensc_opens_a_tls_session_with_the_sandbox_with_one_card_signature() {
    let _server = server_shared();
    let card = insert_cps3_for_opensc();
    let home = Home::new();
    pkcs11_profile(&home, OPENSC_PKCS11, false, true);
    let before = card.signature_count();
    let out = home
        .dmp()
        .args(["--profile", "sandbox", "--pin-env", "P", "--output", "json"])
        .args(["docs", "list", "--ins", ALICE])
        .env("P", PIN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!json(&out)["documents"].as_array().unwrap().is_empty());
    // One TLS handshake, signed by the card's authentication key.
    assert_eq!(card.signature_count() - before, 1);
    assert_eq!(card.pin_tries_left(), 3);
}

/// The library's signatures through SoftHSM, checked by aws-lc-rs with the certificates'
/// public keys: PKCS#1 v1.5 and RSA-PSS with the authentication key (TLS), PKCS#1 v1.5 SHA-256
/// with the signature key (VIHF).
#[test]
fn the_token_signs_pkcs1_and_pss_and_the_public_keys_verify() {
    use aws_lc_rs::signature::{self, UnparsedPublicKey};
    use dmp::credential::card::HashAlg;
    use dmp::credential::pkcs11::{Pkcs11Settings, Pkcs11Token};
    use sha2::{Digest, Sha256, Sha384};
    use x509_parser::prelude::*;
    use zeroize::Zeroizing;

    let token = SoftToken::new();
    // The module reads its configuration when this process initialises it.
    std::env::set_var("SOFTHSM2_CONF", token.conf());
    let t = Pkcs11Token::open(&Pkcs11Settings {
        module: Some(SOFTHSM.into()),
        slot: Some(TOKEN.into()),
    })
    .unwrap();
    assert!(t.supports_pss(), "SoftHSM lists CKM_RSA_PKCS_PSS");
    let e = t
        .sign_authentication(HashAlg::Sha256, &[0; 32])
        .unwrap_err();
    assert!(e.message().contains("no private key"), "before login: {e}");
    t.login(&Zeroizing::new(PIN.to_string())).unwrap();

    let key = |der: &[u8]| {
        let (_, c) = X509Certificate::from_der(der).unwrap();
        c.public_key().subject_public_key.data.to_vec()
    };
    let auth = key(&token.holder.auth_cert_der);
    let sign = key(&token.holder.sign_cert_der);
    let msg = b"handshake transcript";

    let sig = t
        .sign_authentication(HashAlg::Sha256, &Sha256::digest(msg))
        .unwrap();
    UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &auth)
        .verify(msg, &sig)
        .expect("PKCS#1 v1.5 SHA-256 verifies");
    let sig = t
        .sign_authentication_pss(HashAlg::Sha384, &Sha384::digest(msg))
        .unwrap();
    UnparsedPublicKey::new(&signature::RSA_PSS_2048_8192_SHA384, &auth)
        .verify(msg, &sig)
        .expect("PSS SHA-384 verifies");
    assert!(
        UnparsedPublicKey::new(&signature::RSA_PSS_2048_8192_SHA384, &sign)
            .verify(msg, &sig)
            .is_err()
    );
    let sig = t.sign_non_repudiation(msg).unwrap();
    UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, &sign)
        .verify(msg, &sig)
        .expect("the signature key signs the VIHF's SHA-256");
}

/// A module without the Cryptolib's labels: the certificates are told apart by their key usage
/// (digitalSignature: authentication; nonRepudiation: signature), the keys by their CKA_ID.
#[test]
fn without_the_cryptolib_labels_key_usage_tells_the_certificates_apart() {
    let labelled = SoftToken::new();
    let other = SoftToken::with_labels(
        [
            ("key A", "certificate A", "0A".into()),
            ("key B", "certificate B", "0B".into()),
        ],
        true,
        false,
    );
    let home = Home::new();
    let info = |token: &SoftToken| {
        let out = output(token.dmp(&home).args([
            "--credential",
            "pkcs11",
            "--pkcs11-module",
            SOFTHSM,
            "--output",
            "json",
            "card",
            "info",
        ]));
        assert!(out.status.success(), "{}", stderr(&out));
        json(&out)
    };
    let (a, b) = (info(&labelled), info(&other));
    assert_eq!(a["certificates"], b["certificates"]);
    // The keys follow their certificates' CKA_ID: the TLS session and the signed VIHF work.
    let _server = server_shared();
    pkcs11_profile(&home, SOFTHSM, true, false);
    let out = other.patient_status(&home, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A module that takes the signature key's message and hashes it itself (CKM_SHA256_RSA_PKCS
/// only, as OpenSC offers a card-side-hash key): the VIHF is signed that way and the sandbox
/// verifies it.
#[test]
fn a_signature_key_hashed_by_the_module_still_signs_the_vihf() {
    let _server = server_shared();
    let token = SoftToken::with_labels(cryptolib_labels(), false, true);
    let home = Home::new();
    pkcs11_profile(&home, SOFTHSM, true, false);
    let out = token.patient_status(&home, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// The card's data objects through PKCS#11.

/// The text values of the VIHF attribute `name` in a request body.
fn vihf_values(body: &str, name: &str) -> Vec<String> {
    let Some(start) = body.find(&format!("Name=\"{name}\"")) else {
        return Vec::new();
    };
    let rest = &body[start..];
    let rest = &rest[..rest.find("</saml2:Attribute>").expect("attribute closed")];
    rest.split("<saml2:AttributeValue")
        .skip(1)
        .map(|v| {
            let v = &v[v.find('>').expect("start tag closed") + 1..];
            v[..v.find("</saml2:AttributeValue>").expect("value closed")].to_string()
        })
        .collect()
}

/// The bodies the sandbox DMP received from runs whose profile named `marker` as its software
/// version (the VIHF's `LPS_Version`): this test's requests, whatever other tests send.
fn received_with(marker: &str) -> Vec<String> {
    let needle = format!(">{marker}<");
    sandbox()
        .server
        .state
        .received()
        .into_iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .filter(|b| b.contains(&needle))
        .collect()
}

/// The sandbox profile through `module`, marked with `marker`, with profile values that
/// direct mode must not use (a specialty and a sector of their own), and `activity` when given.
fn marked_profile(home: &Home, module: &str, marker: &str, activity: Option<&str>) {
    home.install_edited_profile(sandbox(), |p| {
        p.insert("credential".into(), "pkcs11".into());
        p.insert("pkcs11_module".into(), module.into());
        p.insert("lps_version".into(), marker.into());
        p.insert("specialty".into(), "SM01".into());
        p.insert("activity_sector".into(), "SA33".into());
        if let Some(a) = activity {
            p.insert("activity".into(), a.into());
        }
        if module == SOFTHSM {
            p.remove("reader");
        }
    });
}

/// Every body names `structure_id`, `sector` and the card's specialty SM26, not the profile's.
fn assert_vihf_names(bodies: &[String], structure_id: &str, sector: &str) {
    assert!(!bodies.is_empty(), "the sandbox received nothing");
    for body in bodies {
        assert_eq!(vihf_values(body, "Identifiant_Structure"), [structure_id]);
        assert_eq!(
            vihf_values(body, "Secteur_Activite"),
            [format!("{sector}^1.2.250.1.71.4.2.4")]
        );
        let roles = vihf_values(body, "urn:oasis:names:tc:xacml:2.0:subject:role");
        assert_eq!(roles.len(), 2, "{roles:?}");
        assert!(roles[1].contains("code=\"SM26\""), "{roles:?}");
    }
}

fn activities_json(practice: &Practice) -> serde_json::Value {
    practice
        .activities
        .iter()
        .enumerate()
        .map(|(i, (s, sector, org))| {
            serde_json::json!({"number": i + 1, "organisation": org, "structure_id": s, "sector": sector})
        })
        .collect()
}

#[test]
fn softhsm_card_info_shows_the_specialty_and_the_activities_after_login() {
    let token = SoftToken::with_practice(Practice::two_activities());
    let home = Home::new();
    let info = |extra: &[&str]| {
        output(
            token
                .dmp(&home)
                .args(["--credential", "pkcs11", "--pkcs11-module", SOFTHSM])
                .args(["--pin-env", "P"])
                .env("P", PIN)
                .args(["card", "info"])
                .args(extra),
        )
    };
    // Before login the private activities are invisible: their count is unknown, no PIN used.
    let out = info(&["--output", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["specialty"], "SM26");
    assert!(v["activity_count"].is_null(), "{v}");
    assert!(v["activities"].is_null(), "{v}");
    let out = info(&[]);
    let text = stdout(&out);
    assert!(text.contains("SM26"), "{text}");
    assert!(text.contains("known after the PIN"), "{text}");

    // --activities logs in once and lists them in order; a right PIN costs no try.
    let out = info(&["--activities", "--output", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["activity_count"], 2);
    assert_eq!(
        v["activities"],
        activities_json(&Practice::two_activities())
    );
    assert_eq!(v["pin_tries_left"], 3);
    let flags = run("pkcs11-tool", &["--module", SOFTHSM, "-T"], &token.conf());
    assert!(!flags.contains("user PIN count low"), "{flags}");
    let out = info(&["--activities"]);
    let row = stdout(&out)
        .lines()
        .find(|l| l.contains(GROUP))
        .map(str::to_string)
        .unwrap_or_else(|| panic!("no row for the group practice: {}", stdout(&out)));
    assert!(
        row.contains("SA08") && row.contains("CABINET DE GROUPE SANDBOX"),
        "{row}"
    );

    // A wrong PIN: one try spent, no activity read.
    let out = output(
        token
            .dmp(&home)
            .args(["--credential", "pkcs11", "--pkcs11-module", SOFTHSM])
            .args(["--pin-env", "P", "card", "info", "--activities"])
            .env("P", "9999"),
    );
    assert_eq!(out.status.code(), Some(PIN_EXIT), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("wrong PIN: 2 tries left"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn softhsm_card_info_of_a_token_without_data_objects() {
    let token = SoftToken::with_practice(Practice::none());
    let home = Home::new();
    let out = output(
        token
            .dmp(&home)
            .args(["--credential", "pkcs11", "--pkcs11-module", SOFTHSM])
            .args(["--pin-env", "P", "--output", "json"])
            .args(["card", "info", "--activities"])
            .env("P", PIN),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert!(v["specialty"].is_null(), "{v}");
    assert_eq!(v["activity_count"], 0);
    assert_eq!(v["activities"], serde_json::json!([]));
}

#[test]
fn a_softhsm_token_with_two_activities_names_the_chosen_one_in_the_vihf() {
    let _server = server_shared();
    let token = SoftToken::with_practice(Practice::two_activities());
    let status = |home: &Home, extra: &[&str]| token.patient_status(home, extra);

    // No choice: stopped after the login (the activities are private), nothing sent.
    let home = Home::new();
    marked_profile(&home, SOFTHSM, "p11-softhsm-none", None);
    let out = status(&home, &[]);
    assert_eq!(out.status.code(), Some(USAGE_EXIT), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the card holds 2 activities"), "{err}");
    assert!(err.contains("--activity"), "{err}");
    assert!(received_with("p11-softhsm-none").is_empty());

    // By number, by sector (the profile's key), by structure id: the group practice.
    for (n, (extra, profile)) in [
        (&["--activity", "2"][..], None),
        (&[][..], Some("SA08")),
        (&["--activity", GROUP][..], Some("1")),
    ]
    .into_iter()
    .enumerate()
    {
        let home = Home::new();
        let marker = format!("p11-softhsm-group-{n}");
        marked_profile(&home, SOFTHSM, &marker, profile);
        let out = status(&home, extra);
        assert!(
            out.status.success(),
            "{extra:?} {profile:?}: {}",
            stderr(&out)
        );
        assert_vihf_names(&received_with(&marker), GROUP, "SA08");
        // The journal records the structure of the activity.
        let records = home.journal();
        assert_eq!(records.last().unwrap()["structure_id"], GROUP);
    }

    // A structure the card does not hold: found out after the login, nothing sent.
    let home = Home::new();
    marked_profile(&home, SOFTHSM, "p11-softhsm-other", None);
    let out = status(&home, &["--activity", "1999000017"]);
    assert_eq!(out.status.code(), Some(USAGE_EXIT), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no activity 1999000017"), "{err}");
    assert!(err.contains(CABINET) && err.contains(GROUP), "{err}");
    assert!(received_with("p11-softhsm-other").is_empty());
    // Right PINs all along: the token's counter is whole.
    let flags = run("pkcs11-tool", &["--module", SOFTHSM, "-T"], &token.conf());
    assert!(!flags.contains("user PIN count low"), "{flags}");
}

#[test]
fn a_softhsm_token_without_activity_is_refused_in_direct_mode() {
    let _server = server_shared();
    let token = SoftToken::with_practice(Practice {
        specialty: Some("SM26"),
        activities: Vec::new(),
    });
    let home = Home::new();
    marked_profile(&home, SOFTHSM, "p11-softhsm-noactivity", None);
    let out = token.patient_status(&home, &[]);
    assert_eq!(out.status.code(), Some(CARD_EXIT), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the card holds no activity"),
        "{}",
        stderr(&out)
    );
    assert!(received_with("p11-softhsm-noactivity").is_empty());
}

#[test]
fn opensc_card_info_shows_the_virtual_cards_specialty_and_activities() {
    let card = insert(dmp_sandbox::card::CardOptions {
        activities: Some(
            Practice::two_activities()
                .activities
                .iter()
                .map(|(s, sector, org)| dmp_sandbox::card::CardActivity {
                    organisation: org.to_string(),
                    structure_id: s.to_string(),
                    sector: sector.to_string(),
                })
                .collect(),
        ),
        specialty: Some("SM26".into()),
        ..Default::default()
    });
    let home = Home::new();
    let info = |extra: &[&str]| {
        home.dmp()
            .args(["--credential", "pkcs11", "--pkcs11-module", OPENSC_PKCS11])
            .args(["--pin-env", "P", "--output", "json", "card", "info"])
            .args(extra)
            .env("P", PIN)
            .output()
            .unwrap()
    };
    let out = info(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["specialty"], "SM26");
    assert!(v["activity_count"].is_null(), "{v}");
    assert!(v["activities"].is_null(), "{v}");
    let out = info(&["--activities"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["activity_count"], 2);
    assert_eq!(
        v["activities"],
        activities_json(&Practice::two_activities())
    );
    assert_eq!(card.pin_tries_left(), 3);
}

#[test]
fn opensc_direct_mode_names_the_virtual_cards_activity_in_the_vihf() {
    let _server = server_shared();
    let _card = insert_default();
    let home = Home::new();
    marked_profile(&home, OPENSC_PKCS11, "p11-opensc-default", None);
    let out = home
        .dmp()
        .args(["--profile", "sandbox", "--pin-env", "P"])
        .args(["patient", "status", "--ins", ALICE])
        .env("P", PIN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_vihf_names(&received_with("p11-opensc-default"), CABINET, "SA07");
    assert_eq!(home.journal().last().unwrap()["structure_id"], CABINET);
}
