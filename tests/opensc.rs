//! OpenSC, an implementation that is not ours, talks to the virtual card through pcscd: the
//! ATR and the APDUs of the public CPS3 traces get the documented answers.

mod support;

use support::*;

fn opensc(args: &[&str]) -> String {
    let out = std::process::Command::new("opensc-tool")
        .args(args)
        .output()
        .expect("opensc-tool (Debian package opensc) must be installed: run scripts/test.sh");
    assert!(out.status.success(), "opensc-tool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).to_lowercase()
}

fn reader_index() -> String {
    let list = opensc(&["--list-readers"]);
    let line = list
        .lines()
        .find(|l| l.contains(&READER.to_lowercase()))
        .unwrap_or_else(|| panic!("{READER} not listed by opensc-tool:\n{list}"));
    line.split_whitespace().next().unwrap().to_string()
}

#[test]
fn opensc_reads_the_cps3_contact_atr() {
    let _card = insert_default();
    let idx = reader_index();
    let out = opensc(&["--reader", &idx, "--atr"]);
    assert!(
        out.contains("3b:ac:00:40:2a:00:12:25:00:64:80:00:03:10:00:90:00"),
        "{out}"
    );
}

#[test]
fn opensc_apdus_of_the_public_traces_get_the_documented_answers() {
    let card = insert_default();
    let idx = reader_index();
    let out = opensc(&[
        "--reader", &idx, "-c", "default",
        "-s", "00:A4:09:04:04:3F:00:D0:03",
        "-s", "00:C0:00:00:27",
        "-s", "00:B0:00:00:0C",
        "-s", "00:A4:04:0C:0D:E8:28:BD:08:0F:80:25:00:00:01:FF:00:10",
        "-s", "00:A4:00:0C:02:3F:00",
        "-s", "00:20:00:01",
        "-s", "00:CB:3F:FF:0A:4D:08:70:06:BF:81:01:02:A0:80",
    ]);
    let answers: Vec<&str> = out.lines().filter(|l| l.starts_with("received")).collect();
    assert_eq!(answers.len(), 7, "{out}");
    // SELECT EF.SN.ICC with FCP: 61 27, then the FCP of the real trace.
    assert!(answers[0].contains("sw1=0x61, sw2=0x27"), "{}", answers[0]);
    assert!(out.contains("62 25 80 02 00 0c 82 01 01 83 02 d0 03"), "{out}");
    // EF.SN.ICC starts with the ANS issuer prefix.
    assert!(out.contains("5a 0a 80 25 00 00 01"), "{out}");
    assert!(answers[3].contains("sw1=0x90, sw2=0x00"), "{}", answers[3]);
    // PIN status spends no try: 63 C3.
    assert!(answers[5].contains("sw1=0x63, sw2=0xc3"), "{}", answers[5]);
    // The CHV SDO: 61 xx, the data come with GET RESPONSE.
    assert!(answers[6].contains("sw1=0x61"), "{}", answers[6]);
    assert_eq!(card.pin_tries_left(), 3);
}
