use super::*;
use time::OffsetDateTime;

fn actor() -> Actor {
    Actor {
        practitioner: Some("899700000017".into()),
        auth_mode: "direct".into(),
        structure_id: Some("499700000017001".into()),
        card_serial: Some("12345678".into()),
        structure_certificate: None,
        practitioner_name: Some("Dr Test".into()),
    }
}

fn request(tx: &str, patient: &str) -> Request {
    Request {
        time: OffsetDateTime::now_utc(),
        patient: Some(patient.into()),
        transaction: tx.into(),
        detail: None,
        mode: "normal".into(),
        reason: None,
        consent: None,
        message_id: Some(format!("urn:uuid:{}", uuid::Uuid::new_v4())),
        patient_authority: Some("1.2.250.1.213.1.4.10".into()),
        endpoint: Some(
            "https://dmp.test/si-dmp-server/v2/services/DocumentRegistry_Service".into(),
        ),
    }
}

fn done(docs: &[&str]) -> Completion {
    Completion {
        documents: docs.iter().map(|d| d.to_string()).collect(),
        message: Some(format!("{} documents", docs.len())),
        ..Completion::new(Outcome::Done)
    }
}

/// Raw SQL on the file, as someone editing it outside dmp would.
fn tamper(j: &Journal, sql: &str) {
    let c = rusqlite::Connection::open(j.path()).unwrap();
    c.execute_batch(sql).unwrap();
}

/// A journal of five records, each an intent and its outcome: entries 1 to 10.
fn five(dir: &tempfile::TempDir) -> Journal {
    let j = Journal::open(dir.path().join("dmp/audit.sqlite3")).unwrap();
    for i in 0..5 {
        let p = j
            .begin(&actor(), &request("TD3.1", &format!("28005750560011{i}")))
            .unwrap();
        j.complete(p, &done(&["1.2.3"])).unwrap();
    }
    j
}

#[test]
fn an_intent_and_its_outcome_are_one_record_and_an_intent_alone_is_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(dir.path().join("dmp/audit.sqlite3")).unwrap();
    let p = j
        .begin(&actor(), &request("TD0.2", "280057505600117"))
        .unwrap();
    assert_eq!(p.number(), 1);
    // Between the intent and its outcome, the record exists and reads "unknown".
    let before = j.records(&Filter::default()).unwrap();
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].result, Outcome::Unknown);
    assert_eq!(before[0].completed, None);
    j.complete(p, &done(&["1.2.250.1", "1.2.250.2"])).unwrap();
    let _lost = j
        .begin(&actor(), &request("TD0.3", "280057505600117"))
        .unwrap();
    let mut refused = Completion::new(Outcome::RefusedByClient);
    refused.rule = Some("C4: INTERDIT".into());
    j.record(&actor(), &request("TD3.1", "255079205000521"), &refused)
        .unwrap();

    let all = j.records(&Filter::default()).unwrap();
    assert_eq!(all.len(), 3, "{all:#?}");
    assert_eq!(all[0].transaction.as_deref(), Some("TD0.2"));
    assert_eq!(all[0].result, Outcome::Done);
    assert_eq!(all[0].documents, ["1.2.250.1", "1.2.250.2"]);
    assert!(all[0].completed.is_some());
    assert_eq!(all[0].card_serial.as_deref(), Some("12345678"));
    assert_eq!(all[0].run.as_deref(), Some(j.writer().run.as_str()));
    assert_eq!(all[1].transaction.as_deref(), Some("TD0.3"));
    assert_eq!(all[1].result, Outcome::Unknown);
    assert_eq!(all[2].result, Outcome::RefusedByClient);
    assert_eq!(all[2].rule.as_deref(), Some("C4: INTERDIT"));
    // Entries: intent 1, outcome 2, intent 3, record 4.
    assert_eq!(all.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 3, 4]);
    let v = j.verify().unwrap();
    assert_eq!((v.entries, v.records, v.broken), (4, 3, None));
}

#[cfg(unix)]
#[test]
fn the_file_is_private_in_wal_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(j.path()), 0o600);
    assert_eq!(mode(j.path().parent().unwrap()), 0o700);
    let wal = j.path().with_file_name("audit.sqlite3-wal");
    assert!(
        wal.exists(),
        "WAL mode keeps a -wal file beside the journal"
    );
    assert_eq!(mode(&wal), 0o600);
    let c = rusqlite::Connection::open(j.path()).unwrap();
    let jm: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(jm, "wal");
}

#[test]
fn a_journal_that_cannot_be_created_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, b"x").unwrap();
    let e = Journal::open(file.join("dmp/audit.sqlite3")).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::Config);
    assert!(e.message().contains("nothing was sent"), "{e}");
    assert!(e.hint().unwrap().contains("permissions"), "{:?}", e.hint());
}

#[test]
fn another_sqlite_file_is_not_taken_for_a_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let e = Journal::open(&path).unwrap_err();
    assert!(e.message().contains("something else"), "{e}");
    let e = Journal::open_existing(dir.path().join("missing.sqlite3")).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::Input);
}

#[test]
fn an_intact_chain_verifies_and_names_its_head() {
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    let v = j.verify().unwrap();
    assert_eq!(v.broken, None);
    assert_eq!((v.entries, v.records), (10, 5));
    assert_eq!(v.last_entry, Some(10));
    let c = rusqlite::Connection::open(j.path()).unwrap();
    let hash: String = c
        .query_row("SELECT hash FROM entries WHERE seq = 10", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v.last_hash.as_deref(), Some(hash.as_str()));
}

#[test]
fn an_edited_entry_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    tamper(
        &j,
        "UPDATE entries SET patient = '199027815000860' WHERE seq = 5",
    );
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!((b.kind, b.entry), (BreakKind::Edited, 5), "{b:?}");
    assert!(b.time.is_some());
    // An outcome changed after the fact too.
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    tamper(&j, "UPDATE entries SET result = 'failed' WHERE seq = 8");
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!((b.kind, b.entry), (BreakKind::Edited, 8), "{b:?}");
}

#[test]
fn a_deleted_entry_is_found_with_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    tamper(&j, "DELETE FROM entries WHERE seq = 4");
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!((b.kind, b.entry), (BreakKind::Deleted, 5), "{b:?}");
    assert!(b.detail.contains("entry 4 is missing"), "{}", b.detail);

    // Whole records (intent and outcome) gone, numbers closed up.
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    tamper(
        &j,
        "DELETE FROM entries WHERE seq IN (3, 4); UPDATE entries SET seq = seq - 2 WHERE seq > 4",
    );
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!(b.kind, BreakKind::Edited, "{b:?}");
    assert_eq!(b.entry, 2, "{b:?}");
    assert!(b.detail.contains("numbers closed up"), "{}", b.detail);

    // The first entries.
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    tamper(&j, "DELETE FROM entries WHERE seq <= 2");
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!((b.kind, b.entry), (BreakKind::Deleted, 3), "{b:?}");
}

#[test]
fn entries_deleted_at_the_end_are_found_from_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    tamper(&j, "DELETE FROM entries WHERE seq >= 9");
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!((b.kind, b.entry), (BreakKind::Deleted, 8), "{b:?}");
    assert!(b.detail.contains("deleted at the end"), "{}", b.detail);
}

#[test]
fn reordered_entries_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let j = five(&dir);
    // Records 2 and 3 (entries 3-4 and 5-6) swap places.
    tamper(
        &j,
        "UPDATE entries SET seq = seq + 100 WHERE seq IN (3, 4);
         UPDATE entries SET seq = seq - 2 WHERE seq IN (5, 6);
         UPDATE entries SET seq = seq - 98 WHERE seq IN (103, 104);",
    );
    let b = j.verify().unwrap().broken.expect("broken");
    assert_eq!(b.kind, BreakKind::Reordered, "{b:?}");
    assert_eq!(b.entry, 3, "{b:?}");
    assert!(b.detail.contains("now numbered 6"), "{}", b.detail);
}

#[test]
fn appending_after_a_verified_tail_keeps_the_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dmp/audit.sqlite3");
    drop(five(&dir));
    // A second process (another open) continues the same chain.
    let j = Journal::open(&path).unwrap();
    let p = j
        .begin(&actor(), &request("TD3.2", "280057505600117"))
        .unwrap();
    assert_eq!(p.number(), 11);
    j.complete(p, &done(&[])).unwrap();
    assert_eq!(j.verify().unwrap().broken, None);
    assert_eq!(j.records(&Filter::default()).unwrap().len(), 6);
}

#[test]
fn filters_select_records() {
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(dir.path().join("audit.sqlite3")).unwrap();
    let day = |d: u8| {
        time::Date::from_calendar_date(2025, time::Month::June, d)
            .unwrap()
            .with_hms(10, 0, 0)
            .unwrap()
            .assume_utc()
    };
    let mut r = request("TD0.2", "280057505600117");
    r.time = day(1);
    j.record(&actor(), &r, &done(&[])).unwrap();
    let mut r = request("TD3.1", "175016912300248");
    r.time = day(2);
    r.mode = "bris_de_glace".into();
    j.record(&actor(), &r, &done(&[])).unwrap();
    let mut r = request("TD3.2", "175016912300248");
    r.time = day(3);
    let mut other = actor();
    other.practitioner = Some("899700000021".into());
    let mut c = Completion::new(Outcome::RefusedByDmp);
    c.dmp_code = Some("DMPAccessDeniedByRightsService".into());
    j.record(&other, &r, &c).unwrap();

    let n = |f: Filter| {
        j.records(&f)
            .unwrap()
            .iter()
            .map(|r| r.number)
            .collect::<Vec<_>>()
    };
    assert_eq!(n(Filter::default()), [1, 2, 3]);
    let f = Filter {
        patient: Some("175016912300248".into()),
        ..Filter::default()
    };
    assert_eq!(n(f), [2, 3]);
    let f = Filter {
        practitioner: Some("899700000021".into()),
        ..Filter::default()
    };
    assert_eq!(n(f), [3]);
    // A structure id matches the records of its structure.
    let f = Filter {
        practitioner: Some("499700000017001".into()),
        ..Filter::default()
    };
    assert_eq!(n(f), [1, 2, 3]);
    let f = Filter {
        modes: vec!["bris_de_glace".into(), "centre_15".into()],
        ..Filter::default()
    };
    assert_eq!(n(f), [2]);
    let f = Filter {
        transactions: vec!["TD0.2".into(), "TD3.2".into()],
        ..Filter::default()
    };
    assert_eq!(n(f), [1, 3]);
    let f = Filter {
        results: vec![Outcome::RefusedByDmp, Outcome::RefusedByClient],
        ..Filter::default()
    };
    assert_eq!(n(f), [3]);
    let f = Filter {
        since: Some(record::stamp(day(2))),
        until: Some(record::stamp(day(3))),
        ..Filter::default()
    };
    assert_eq!(n(f), [2], "since inclusive, until exclusive");
}

const OLD_LINES: &str = concat!(
    r#"{"time":"2025-05-01T08:00:00Z","practitioner":"899700000017","auth_mode":"direct","patient":"280057505600117","transaction":"TD0.2","detail":"TEST_EXST","mode":"normal","reason":null,"consent":null,"result":"ok","outcome":"VALIDE","message_id":"urn:uuid:a"}"#,
    "\n",
    r#"{"time":"2025-05-01T08:00:01Z","practitioner":"899700000017","auth_mode":"direct","patient":"280057505600117","transaction":"TD3.1","detail":"FindDocuments","mode":"bris_de_glace","reason":"coma","consent":null,"result":"ok","outcome":"2 documents","message_id":"urn:uuid:b","documents":["1.2.3","1.2.4"]}"#,
    "\n",
    r#"{"time":"2025-05-02T09:30:00Z","practitioner":"1999000017","auth_mode":"indirect","patient":null,"transaction":"TD0.4","detail":"since 2024-05-02","mode":"normal","reason":null,"consent":null,"result":"error","outcome":"the endpoint answered HTTP 502","message_id":"urn:uuid:c"}"#,
    "\n"
);

#[test]
fn the_json_lines_journal_is_imported_once_in_order_and_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("dmp");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("audit.jsonl"), OLD_LINES).unwrap();
    let j = Journal::open(data.join("audit.sqlite3")).unwrap();
    assert!(!data.join("audit.jsonl").exists());
    assert_eq!(
        std::fs::read_to_string(data.join("audit.jsonl.migrated")).unwrap(),
        OLD_LINES
    );
    let all = j.records(&Filter::default()).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0].time, "2025-05-01T08:00:00.000000Z");
    assert_eq!(all[0].result, Outcome::Done);
    assert_eq!(all[0].message.as_deref(), Some("VALIDE"));
    assert_eq!(all[0].practitioner.as_deref(), Some("899700000017"));
    assert_eq!(all[0].migrated_from.as_deref(), Some("audit.jsonl line 1"));
    assert_eq!(all[1].reason.as_deref(), Some("coma"));
    assert_eq!(all[1].documents, ["1.2.3", "1.2.4"]);
    assert_eq!(all[2].result, Outcome::Failed);
    assert_eq!(all[2].practitioner, None);
    assert_eq!(all[2].structure_id.as_deref(), Some("1999000017"));
    assert_eq!(j.verify().unwrap().broken, None);
    drop(j);

    // Left behind by a crash between the import and the rename: renamed, not imported again.
    std::fs::write(data.join("audit.jsonl"), OLD_LINES).unwrap();
    let j = Journal::open(data.join("audit.sqlite3")).unwrap();
    assert_eq!(j.records(&Filter::default()).unwrap().len(), 3);
    assert!(!data.join("audit.jsonl").exists());
    assert!(data.join("audit.jsonl.migrated.2").exists());
}

#[test]
fn a_damaged_line_stops_the_import_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("audit.jsonl"),
        format!("{OLD_LINES}{{not json\n"),
    )
    .unwrap();
    let e = Journal::open(dir.path().join("audit.sqlite3")).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::Config);
    assert!(e.message().contains("line 4"), "{e}");
    assert!(dir.path().join("audit.jsonl").exists(), "kept as it was");
    // Nothing half-imported.
    let j = Journal::open_existing(dir.path().join("audit.sqlite3")).unwrap();
    assert!(j.records(&Filter::default()).unwrap().is_empty());
}

#[test]
fn a_version_1_journal_gains_the_forwarding_tables_and_keeps_its_chain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dmp").join(FILE_NAME);
    {
        let j = five(&dir);
        assert_eq!(j.forwarded_up_to().unwrap(), 0);
    }
    // Back to the version 1 schema, as a dmp of that version left it.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("DROP TABLE entry_context; DROP TABLE forwarding; PRAGMA user_version = 1;")
        .unwrap();
    drop(c);
    let version = |p: &std::path::Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    // A copy opened to verify is read as it is, not changed.
    let copy = Journal::open_existing(&path).unwrap();
    assert!(copy.verify().unwrap().broken.is_none());
    drop(copy);
    assert_eq!(version(&path), 1);
    // Opened for writing: migrated, the chain untouched, forwarding usable.
    let j = Journal::open(&path).unwrap();
    assert_eq!(version(&path), 2);
    let v = j.verify().unwrap();
    assert!(v.broken.is_none(), "{v:?}");
    let all = j.unforwarded(100).unwrap();
    assert_eq!(all.len(), j.records(&Filter::default()).unwrap().len());
    // Records written before the migration have no context (nothing is invented).
    assert!(all.iter().all(|u| u.context == Context::default()));
    j.mark_forwarded(all[1].record.number).unwrap();
    assert_eq!(j.unforwarded(100).unwrap().len(), all.len() - 2);
    j.record(&actor(), &request("TD0.2", "280057505600117"), &done(&[]))
        .unwrap();
    assert!(j.verify().unwrap().broken.is_none());
}

#[test]
fn the_forwarding_mark_is_durable_and_never_moves_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dmp").join(FILE_NAME);
    let numbers: Vec<i64> = {
        let j = five(&dir);
        let n: Vec<i64> = j
            .unforwarded(100)
            .unwrap()
            .iter()
            .map(|u| u.record.number)
            .collect();
        j.mark_forwarded(n[2]).unwrap();
        j.mark_forwarded(n[0]).unwrap();
        n
    };
    let j = Journal::open(&path).unwrap();
    assert_eq!(j.forwarded_up_to().unwrap(), numbers[2]);
    let left: Vec<i64> = j
        .unforwarded(100)
        .unwrap()
        .iter()
        .map(|u| u.record.number)
        .collect();
    assert_eq!(left, numbers[3..]);
    // What the message needs and the chain does not hold was kept with the record.
    let u = &j.unforwarded(1).unwrap()[0];
    assert_eq!(u.context.pid, Some(std::process::id()));
    assert_eq!(
        u.context.patient_oid.as_deref(),
        Some("1.2.250.1.213.1.4.10")
    );
    assert_eq!(u.context.practitioner_name.as_deref(), Some("Dr Test"));
    assert_eq!(u.chain_hash.len(), 64);
    assert!(j.verify().unwrap().broken.is_none());
}
