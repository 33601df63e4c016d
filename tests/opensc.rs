//! OpenSC, an implementation that is not ours, talks to the virtual card through pcscd: the
//! ATR and the APDUs of the public CPS3 traces get the documented answers.

mod support;

use support::*;

fn opensc(args: &[&str]) -> String {
    let out = std::process::Command::new("opensc-tool")
        .args(args)
        .output()
        .expect("opensc-tool (Debian package opensc) must be installed: run scripts/test.sh");
    assert!(
        out.status.success(),
        "opensc-tool {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
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
        "--reader",
        &idx,
        "-c",
        "default",
        "-s",
        "00:A4:09:04:04:3F:00:D0:03",
        "-s",
        "00:C0:00:00:27",
        "-s",
        "00:B0:00:00:0C",
        "-s",
        "00:A4:04:0C:0D:E8:28:BD:08:0F:80:25:00:00:01:FF:00:10",
        "-s",
        "00:A4:00:0C:02:3F:00",
        "-s",
        "00:20:00:01",
        "-s",
        "00:CB:3F:FF:0A:4D:08:70:06:BF:81:01:02:A0:80",
        "-s",
        "00:C0:00:00:18",
    ]);
    let answers: Vec<&str> = out.lines().filter(|l| l.starts_with("received")).collect();
    // Response data lines: up to 16 hex bytes, then an ASCII column.
    let data: Vec<String> = out
        .lines()
        .filter(|l| !l.starts_with("received") && !l.starts_with("sending"))
        .flat_map(|l| {
            l.chars()
                .take(48)
                .collect::<String>()
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let data = data.join(" ");
    assert_eq!(answers.len(), 8, "{out}");
    // SELECT EF.SN.ICC with FCP answers 61 27 (libopensc shows a 61xx without Le as 90 00),
    // then GET RESPONSE 27 returns exactly the FCP of the real card's trace.
    assert!(
        data.contains("62 25 80 02 00 0c 82 01 01 83 02 d0 03 88 01 e0 a1 12 8c 07 7b ff ff ff ff ff 00 9c 07 7b ff ff ff ff ff 00 8a 01 05"),
        "{out}"
    );
    // EF.SN.ICC starts with the ANS issuer prefix.
    assert!(data.contains("5a 0a 80 25 00 00 01"), "{out}");
    assert!(answers[3].contains("sw1=0x90, sw2=0x00"), "{}", answers[3]);
    // PIN status spends no try: 63 C3.
    assert!(answers[5].contains("sw1=0x63, sw2=0xc3"), "{}", answers[5]);
    // The CHV SDO of the trace, with its counters (9A max 3, 9B left 3), comes with
    // GET RESPONSE 18.
    assert!(
        data.contains("70 16 bf 81 01 12 a0 10 9a 01 03 9b 01 03 a1 08 8c 06 f3 00 00 13 ff 00"),
        "{out}"
    );
    assert_eq!(card.pin_tries_left(), 3);
}
