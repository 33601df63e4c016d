//! Direct mode with the VIHF signed by the card's signature key (`sign_vihf = true`): the
//! sandbox DMP verifies the signature with xmlsec1 and checks that the signer is the TLS
//! client's own signature certificate. Uses vpcd's second slot so it never meets the card of
//! another test binary.

mod support;

use dmp_sandbox::card::{self, CardOptions};
use dmp_sandbox::server::{self, ServeOptions};
use support::*;

const READER_1: &str = "Virtual PCD 00 01";
const ALICE: &str = "280057505600117";

fn wait_for(reader: &str, present: bool) {
    wait_until(&format!("pcscd did not see the card in {reader}"), || {
        dmp::credential::card::list_readers()
            .ok()
            .and_then(|rs| rs.into_iter().find(|r| r.name == reader))
            .is_some_and(|r| r.card_present)
            == present
    });
}

#[test]
fn a_vihf_signed_by_the_card_is_accepted_and_each_request_costs_one_more_signature() {
    let home = Home::new();
    let srv = server::spawn({
        let mut o = ServeOptions::new(home.path("server"), pki().dir().to_path_buf());
        o.profile_path = Some(home.path("config/dmp/profiles.d/sandbox.toml"));
        o
    })
    .expect("sandbox server");
    // Our own settings on top of the sandbox profile: direct mode, VIHF signed.
    std::fs::write(
        home.path("config/dmp/config.toml"),
        format!(
            "[profiles.signed]\nendpoint = \"{}\"\ntrust_anchors = [\"{}\"]\ncredential = \"card\"\nstructure_id = \"499700000017001\"\nspecialty = \"SM26\"\nlps_homologation = \"SANDBOX-HOMOLOGATION\"\ntest_profile = true\nlps_oid = \"1.2.250.1.999.1\"\nins_authority = \"test\"\nsign_vihf = true\n",
            srv.endpoint(),
            pki().ca_bundle_path().display()
        ),
    )
    .unwrap();

    let _slot = lock_slot_across_processes(35964);
    wait_for(READER_1, false);
    let c = card::spawn(
        CardOptions {
            port: 35964,
            ..CardOptions::default()
        },
        pki(),
    )
    .unwrap();
    wait_for(READER_1, true);

    let run = |args: &[&str]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("dmp"))
            .env("XDG_CONFIG_HOME", home.path("config"))
            .env("XDG_CACHE_HOME", home.path("cache"))
            .env("XDG_DATA_HOME", home.path("data"))
            .env("XDG_STATE_HOME", home.path("state"))
            .env("P", PIN)
            .args([
                "--profile",
                "signed",
                "--reader",
                READER_1,
                "--pin-env",
                "P",
            ])
            .args(args)
            .output()
            .unwrap()
    };
    let before = c.signature_count();
    let out = run(&["--output", "json", "docs", "list", "--ins", ALICE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    assert!(!v["documents"].as_array().unwrap().is_empty());
    // One TLS handshake signature, plus one VIHF signature per request: TD0.2, and the TD3.1
    // FindDocuments, GetAssociations and GetDocuments (ALICE's v2 replaces v1).
    assert_eq!(c.signature_count() - before, 5);

    // Without signing, the same run costs the handshake only.
    let cfg = std::fs::read_to_string(home.path("config/dmp/config.toml")).unwrap();
    std::fs::write(
        home.path("config/dmp/config.toml"),
        cfg.replace("sign_vihf = true", "sign_vihf = false"),
    )
    .unwrap();
    let before = c.signature_count();
    let out = run(&["docs", "list", "--ins", ALICE]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(c.signature_count() - before, 1);
    assert_eq!(c.pin_tries_left(), 3);
}
