//! What goes on the wire identifies the real software, structure and practitioner: no invented
//! or test OID with a production profile, the software's OID and LPS_ID from the profile, the
//! repository from the document's metadata, role values with their codeSystemName, the VIHF
//! Issuer as RFC 4514 writes the certificate subject; and `--structure-cert` means indirect
//! mode. Checked on the bytes the sandbox received.

mod support;

use std::path::Path;

use dmp::dmp::catalogue::services;
use support::*;

const ALICE: &str = "280057505600117";
/// The OID arc RFC 5612 reserves for documentation (IANA enterprise 32473): a "real" software
/// OID that is no test arc of the DMP.
const DOC_OID: &str = "1.3.6.1.4.1.32473.7";
/// A biology report of ALICE in the seed (patient 1, document 1).
const ALICE_BIO: &str = "1.2.250.1.999.9.1.1.1";

/// The sandbox profile turned into a production one: every key of the sandbox's except the
/// test ones, with `extra` lines appended.
fn production_profile(home: &Home, extra: &str) {
    let text = std::fs::read_to_string(&sandbox().server.profile_path).expect("sandbox profile");
    let mut t: toml::Table = text.parse().expect("profile TOML");
    let p = t["profiles"]["sandbox"]
        .as_table()
        .expect("sandbox table")
        .clone();
    let mut prod = toml::Table::new();
    for (k, v) in p {
        if !matches!(
            k.as_str(),
            "test_profile" | "ins_authority" | "lps_oid" | "lps_id" | "credential"
        ) {
            prod.insert(k, v);
        }
    }
    let mut profiles = toml::Table::new();
    profiles.insert("prod".into(), toml::Value::Table(prod));
    t = toml::Table::new();
    t.insert("profiles".into(), toml::Value::Table(profiles));
    let dir = home.path("config/dmp");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!("{}\n{extra}", toml::to_string(&t).unwrap()),
    )
    .unwrap();
}

fn bodies_since(before: usize) -> Vec<(String, String)> {
    sandbox()
        .server
        .state
        .received()
        .split_off(before)
        .into_iter()
        .map(|r| (r.service, String::from_utf8_lossy(&r.body).into_owned()))
        .collect()
}

fn received_count() -> usize {
    sandbox().server.state.received().len()
}

/// The `[profiles.prod]` table must be the last table of the file for `extra` keys to land in
/// it: `production_profile` writes it alone.
#[test]
fn a_production_profile_sends_no_test_oid_and_names_the_software_and_repository() {
    let _card = insert_default();
    let _server = server_exclusive();
    let home = Home::with_sandbox();
    production_profile(
        &home,
        &format!("lps_oid = \"{DOC_OID}\"\nlps_id = \"desk-3\"\n"),
    );
    let before = received_count();
    let dmp = |args: &[&str]| {
        let mut c = home.dmp();
        c.args([
            "--profile",
            "prod",
            "--credential",
            "card",
            "--pin-env",
            "P",
        ])
        .env("P", PIN)
        .args(args);
        c.output().unwrap()
    };
    let out = dmp(&["docs", "list", "--ins", ALICE, "--output", "json"]);
    ok(&out);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bio.xml");
    let out = dmp(&[
        "docs",
        "get",
        "--ins",
        ALICE,
        ALICE_BIO,
        "-o",
        file.to_str().unwrap(),
    ]);
    ok(&out);

    let sent = bodies_since(before);
    let services: Vec<&str> = sent.iter().map(|(s, _)| s.as_str()).collect();
    assert!(services.contains(&services::PATIENT), "{services:?}");
    assert!(
        services.contains(&services::DOCUMENT_REPOSITORY),
        "{services:?}"
    );
    for (service, body) in &sent {
        // The arcs only test systems use: the sandbox's invented arc, test and demo NIR.
        for arc in [
            "1.2.250.1.999.",
            "1.2.250.1.213.1.4.10",
            "1.2.250.1.213.1.4.11",
        ] {
            // The document's own uniqueId is the sandbox's (invented) data: the client sends it
            // back because the DMP named it, which is the one place a server's OID may appear.
            let scrubbed = body.replace(ALICE_BIO, "");
            assert!(
                !scrubbed.contains(arc),
                "a request to {service} carries the test arc {arc}:\n{body}"
            );
        }
        assert!(
            body.contains("<saml2:Attribute Name=\"LPS_ID\">"),
            "no LPS_ID in the VIHF sent to {service}"
        );
        assert!(body.contains(">desk-3</saml2:AttributeValue>"), "{body}");
        assert!(
            body.contains("codeSystemName=\"G15\"") && body.contains("codeSystemName=\"R01\""),
            "role values without their codeSystemName:\n{body}"
        );
    }
    // The HL7 v3 sender and its ids are under the software's OID.
    let td02 = &sent.iter().find(|(s, _)| s == services::PATIENT).unwrap().1;
    assert!(td02.contains(&format!("root=\"{DOC_OID}.1.1\"")), "{td02}");
    assert!(td02.contains(&format!("root=\"{DOC_OID}\"")), "{td02}");
    // The repository is the one the registry's metadata named (SEED.md).
    let td32 = &sent
        .iter()
        .find(|(s, _)| s == services::DOCUMENT_REPOSITORY)
        .unwrap()
        .1;
    let registry_answer_repo = "1.2.250.1.213.4.1.1.1.2";
    assert!(
        td32.contains(&format!("RepositoryUniqueId>{registry_answer_repo}<")),
        "{td32}"
    );
}

#[test]
fn a_production_profile_refuses_test_identifiers_before_sending_anything() {
    let _server = server_exclusive();
    let home = Home::with_sandbox();
    let before = received_count();

    // The sandbox's invented software OID.
    production_profile(&home, "lps_oid = \"1.2.250.1.999.1\"\n");
    let out = home
        .dmp()
        .args(["--profile", "prod", "patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("lps_oid 1.2.250.1.999.1 is a test OID"),
        "{}",
        stderr(&out)
    );

    // An INS typed under the test NIR authority.
    production_profile(&home, &format!("lps_oid = \"{DOC_OID}\"\n"));
    let out = home
        .dmp()
        .args([
            "--profile",
            "prod",
            "patient",
            "status",
            "--ins",
            &format!("{ALICE}^^^&1.2.250.1.213.1.4.10&ISO^NH"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("test authority"), "{}", stderr(&out));

    // ins_authority = test.
    production_profile(
        &home,
        &format!("lps_oid = \"{DOC_OID}\"\nins_authority = \"test\"\n"),
    );
    let out = home
        .dmp()
        .args(["--profile", "prod", "patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("ins_authority"), "{}", stderr(&out));

    assert_eq!(received_count(), before, "nothing reached the DMP");
}

#[test]
fn a_missing_software_oid_names_its_key_and_fails_the_doctor() {
    let _server = server_exclusive();
    let home = Home::with_sandbox();
    production_profile(&home, "");
    let before = received_count();
    let out = home
        .dmp()
        .args(["--profile", "prod", "patient", "status", "--ins", ALICE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("lps_oid"), "{}", stderr(&out));
    assert_eq!(received_count(), before);

    let out = home
        .dmp()
        .args(["--profile", "prod", "--output", "json", "doctor"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(11), "{}", stderr(&out));
    let v = json(&out);
    let check = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "software_identity")
        .expect("a software identity check");
    assert_eq!(check["status"], "fail", "{check}");
    assert!(check.to_string().contains("lps_oid"), "{check}");
}

#[test]
fn structure_cert_on_the_command_line_means_indirect_mode() {
    let _server = server_exclusive();
    let home = Home::with_sandbox();
    // A profile that names no credential and no structure certificate.
    production_profile(&home, &format!("lps_oid = \"{DOC_OID}\"\n"));
    let cfg = home.path("config/dmp/config.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("structure_cert"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&cfg, text).unwrap();
    let s = &sandbox().server.structure;
    let before = sandbox().trace_count();
    let out = home
        .dmp()
        .args(["--profile", "prod", "--structure-cert"])
        .arg(&s.p12)
        .arg("--structure-cert-password-file")
        .arg(&s.password_file)
        .args(["patient", "status", "--ins", ALICE, "--output", "json"])
        .output()
        .unwrap();
    ok(&out);
    let traces = sandbox().traces_since(before);
    assert_eq!(traces.len(), 1);
    assert_eq!(traces[0].auth_mode, "INDIRECTE");
    assert!(Path::new(&s.p12).exists());
}
