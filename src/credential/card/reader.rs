//! The PC/SC side: the smart-card service, its readers, waiting for a card, choosing a reader,
//! and turning PC/SC errors into errors a person can act on.
//!
//! pcsc-lite error names ("SCARD_E_NO_SERVICE") mean nothing to a clinician or a sysadmin; each
//! one is mapped here, once, to a plain sentence and the fix.

use std::ffi::CString;
use std::time::{Duration, Instant};

use super::atr::{self, Generation};
use crate::error::{Error, ErrorKind, Result};

/// What dmp was doing when PC/SC failed; the same error reads differently before and during a
/// command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PcscStage {
    /// Reaching the service or listing readers.
    Service,
    /// Connecting to the card.
    Connect,
    /// Exchanging APDUs with a connected card.
    Command,
    /// Waiting for a card.
    Wait,
}

fn service_hint() -> String {
    if cfg!(target_os = "macos") {
        crate::tr!("card-service-hint-macos")
    } else if cfg!(target_os = "windows") {
        crate::tr!("card-service-hint-windows")
    } else {
        crate::tr!("card-service-hint-linux")
    }
}

/// A PC/SC error in plain words, with what to do.
pub fn map_pcsc_error(e: pcsc::Error, stage: PcscStage) -> Error {
    use pcsc::Error as E;
    let err =
        match e {
            E::NoService | E::ServiceStopped => {
                Error::reader(crate::tr!("card-service-not-running")).with_hint(service_hint())
            }
            E::NoReadersAvailable => Error::reader(crate::tr!("card-no-reader"))
                .with_hint(crate::tr!("card-no-reader-hint")),
            E::UnknownReader | E::ReaderUnavailable => {
                Error::reader(crate::tr!("card-reader-unavailable"))
                    .with_hint(crate::tr!("card-reader-unavailable-hint"))
            }
            E::NoSmartcard => Error::card(crate::tr!("card-absent"))
                .with_hint(crate::tr!("card-insert-or-wait-hint")),
            E::Timeout if stage == PcscStage::Wait => Error::card(crate::tr!("card-wait-timeout"))
                .with_hint(crate::tr!("card-wait-timeout-hint")),
            E::RemovedCard if stage == PcscStage::Command => {
                Error::card(crate::tr!("card-removed-during-command"))
                    .with_hint(crate::tr!("card-reinsert-hint"))
            }
            E::RemovedCard => Error::card(crate::tr!("card-removed"))
                .with_hint(crate::tr!("card-reinsert-or-wait-hint")),
            E::ResetCard => Error::card(crate::tr!("card-reset-by-other"))
                .with_hint(crate::tr!("card-reset-by-other-hint")),
            E::SharingViolation => Error::card(crate::tr!("card-sharing-violation"))
                .with_hint(crate::tr!("card-sharing-violation-hint")),
            E::UnresponsiveCard | E::UnpoweredCard => Error::card(crate::tr!("card-unresponsive"))
                .with_hint(crate::tr!("card-unresponsive-hint")),
            E::UnsupportedCard | E::CardUnsupported | E::InvalidAtr => {
                Error::card(crate::tr!("card-unsupported"))
                    .with_hint(crate::tr!("card-unsupported-hint"))
            }
            E::ProtoMismatch => Error::card(crate::tr!("card-protocol-mismatch"))
                .with_hint(crate::tr!("card-protocol-mismatch-hint")),
            E::Cancelled | E::CancelledByUser => {
                Error::new(ErrorKind::Interrupted, crate::tr!("card-cancelled"))
            }
            E::NotTransacted | E::CommError | E::CommDataLost => {
                Error::card(crate::tr!("card-communication-failed"))
                    .with_hint(crate::tr!("card-communication-failed-hint"))
            }
            other => Error::reader(crate::tr!("card-service-error", error = other.to_string()))
                .with_hint(crate::tr!("card-service-error-hint")),
        };
    err.with_source(e)
}

/// One reader and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderStatus {
    pub name: String,
    pub card_present: bool,
    /// The card's ATR, when a card is present.
    pub atr: Option<Vec<u8>>,
    /// The card's generation, when a card is present.
    pub generation: Option<Generation>,
    /// Another program holds the card exclusively.
    pub exclusive: bool,
}

/// Connects to the PC/SC service.
pub fn establish() -> Result<pcsc::Context> {
    pcsc::Context::establish(pcsc::Scope::User).map_err(|e| map_pcsc_error(e, PcscStage::Service))
}

fn reader_names(ctx: &pcsc::Context) -> Result<Vec<CString>> {
    match ctx.list_readers_owned() {
        Ok(names) => Ok(names),
        Err(pcsc::Error::NoReadersAvailable) => Ok(Vec::new()),
        Err(e) => Err(map_pcsc_error(e, PcscStage::Service)),
    }
}

fn current_states(ctx: &pcsc::Context, names: &[CString]) -> Result<Vec<ReaderStatus>> {
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let mut states: Vec<pcsc::ReaderState> = names
        .iter()
        .map(|n| pcsc::ReaderState::new(n.clone(), pcsc::State::UNAWARE))
        .collect();
    match ctx.get_status_change(Duration::ZERO, &mut states) {
        Ok(()) | Err(pcsc::Error::Timeout) => {}
        Err(e) => return Err(map_pcsc_error(e, PcscStage::Service)),
    }
    Ok(states.iter().map(status_of).collect())
}

fn status_of(s: &pcsc::ReaderState) -> ReaderStatus {
    let ev = s.event_state();
    let card_present = ev.contains(pcsc::State::PRESENT);
    let atr = (card_present && !s.atr().is_empty()).then(|| s.atr().to_vec());
    ReaderStatus {
        name: s.name().to_string_lossy().into_owned(),
        card_present,
        generation: atr.as_deref().map(atr::detect),
        atr,
        exclusive: ev.contains(pcsc::State::EXCLUSIVE),
    }
}

/// Every reader with its card, if any. No reader at all gives an empty list, not an error.
pub fn list_readers() -> Result<Vec<ReaderStatus>> {
    let ctx = establish()?;
    let names = reader_names(&ctx)?;
    current_states(&ctx, &names)
}

/// Whether the reader `name` has a PIN pad (PC/SC part 10 FEATURE_VERIFY_PIN_DIRECT), asked
/// over a direct connection (no card needed, the card is not powered). `None` when the reader
/// cannot be asked (in exclusive use, or gone).
pub fn reader_pin_pad(name: &str) -> Option<bool> {
    let ctx = establish().ok()?;
    let cname = CString::new(name).ok()?;
    let card = match ctx.connect(&cname, pcsc::ShareMode::Direct, pcsc::Protocols::UNDEFINED) {
        Ok(card) => card,
        Err(e) => {
            tracing::debug!(reader = name, "cannot ask the reader's features: {e}");
            return None;
        }
    };
    let mut buf = vec![0u8; pcsc::MAX_BUFFER_SIZE_EXTENDED];
    let code = super::pinpad::get_feature_request_code();
    let has = match card.control(code as _, &[], &mut buf) {
        Ok(tlv) => super::pinpad::parse_features(tlv).is_ok_and(|f| f.has_pin_pad()),
        // A reader without SCardControl support (vpcd, many contactless readers) has no pad.
        Err(e) => {
            tracing::debug!(reader = name, "the reader tells no features: {e}");
            false
        }
    };
    let _ = card.disconnect(pcsc::Disposition::LeaveCard);
    Some(has)
}

/// Picks the reader to use: by name (exact, else a unique case-insensitive substring), else the
/// first reader holding a CPS card, else the first holding any card, else the first reader.
pub fn choose_reader<'a>(
    readers: &'a [ReaderStatus],
    wanted: Option<&str>,
) -> Result<&'a ReaderStatus> {
    if readers.is_empty() {
        return Err(map_pcsc_error(
            pcsc::Error::NoReadersAvailable,
            PcscStage::Service,
        ));
    }
    let list = || {
        readers
            .iter()
            .map(|r| format!("\"{}\"", r.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(name) => {
            if let Some(r) = readers.iter().find(|r| r.name == name) {
                return Ok(r);
            }
            let needle = name.to_lowercase();
            let matches: Vec<&ReaderStatus> = readers
                .iter()
                .filter(|r| r.name.to_lowercase().contains(&needle))
                .collect();
            match matches.as_slice() {
                [one] => Ok(one),
                [] => Err(
                    Error::reader(crate::tr!("card-no-reader-named", name = name))
                        .with_hint(crate::tr!("card-no-reader-named-hint", readers = list())),
                ),
                many => Err(Error::usage(crate::tr!(
                    "card-reader-ambiguous",
                    name = name,
                    readers = many
                        .iter()
                        .map(|r| format!("\"{}\"", r.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .with_hint(crate::tr!("card-reader-ambiguous-hint"))),
            }
        }
        None => Ok(readers
            .iter()
            .find(|r| r.generation.is_some_and(Generation::is_cps))
            .or_else(|| readers.iter().find(|r| r.card_present))
            .unwrap_or(&readers[0])),
    }
}

/// Blocks until a reader's state changes (card inserted, reader plugged) or `timeout` passes.
/// `seen` is what the caller decided on: a change since then returns at once.
fn wait_for_change(
    ctx: &pcsc::Context,
    names: &[CString],
    seen: &[ReaderStatus],
    timeout: Duration,
) -> Result<()> {
    let mut states: Vec<pcsc::ReaderState> = names
        .iter()
        .map(|n| pcsc::ReaderState::new(n.clone(), pcsc::State::UNAWARE))
        .collect();
    states.push(pcsc::ReaderState::new(
        pcsc::PNP_NOTIFICATION(),
        pcsc::State::UNAWARE,
    ));
    match ctx.get_status_change(Duration::ZERO, &mut states) {
        Ok(()) | Err(pcsc::Error::Timeout) => {}
        Err(e) => return Err(map_pcsc_error(e, PcscStage::Wait)),
    }
    // A card inserted between the caller's look and this snapshot would otherwise only be
    // noticed when the wait times out.
    let presence = |r: &ReaderStatus| (r.name.clone(), r.card_present);
    if !states[..names.len()]
        .iter()
        .map(|s| presence(&status_of(s)))
        .eq(seen.iter().map(presence))
    {
        return Ok(());
    }
    for s in &mut states {
        s.sync_current_state();
    }
    tracing::debug!(
        seconds = timeout.as_secs(),
        "waiting for a card to be inserted (or a reader plugged in)"
    );
    match ctx.get_status_change(timeout, &mut states) {
        Ok(()) | Err(pcsc::Error::Timeout) => Ok(()),
        // Some pcsc-lite builds do not support the PnP pseudo-reader: fall back to sleeping.
        Err(pcsc::Error::UnknownReader) | Err(pcsc::Error::InvalidValue) => {
            std::thread::sleep(timeout.min(Duration::from_millis(500)));
            Ok(())
        }
        Err(e) => Err(map_pcsc_error(e, PcscStage::Wait)),
    }
}

/// A connected card, with what the reader said about it.
pub struct Connected {
    pub card: pcsc::Card,
    pub reader: String,
    pub atr: Vec<u8>,
}

/// Finds the reader (see [`choose_reader`]) and connects to its card in shared mode, T=0 or
/// T=1. With `wait`, waits up to that long for a reader and a card.
pub fn connect(wanted: Option<&str>, wait: Option<Duration>) -> Result<Connected> {
    let ctx = establish()?;
    let deadline = wait.map(|w| Instant::now() + w);
    loop {
        let names = reader_names(&ctx)?;
        let readers = current_states(&ctx, &names)?;
        let remaining = deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let can_wait = remaining.is_some_and(|r| !r.is_zero());
        if readers.is_empty() {
            if can_wait {
                wait_for_change(
                    &ctx,
                    &names,
                    &readers,
                    remaining.unwrap_or_default().min(Duration::from_secs(1)),
                )?;
                continue;
            }
            return Err(map_pcsc_error(
                pcsc::Error::NoReadersAvailable,
                PcscStage::Service,
            ));
        }
        let chosen = choose_reader(&readers, wanted)?;
        if !chosen.card_present {
            if can_wait {
                wait_for_change(&ctx, &names, &readers, remaining.unwrap_or_default())?;
                continue;
            }
            return Err(if wait.is_some() {
                map_pcsc_error(pcsc::Error::Timeout, PcscStage::Wait)
            } else {
                Error::card(crate::tr!("card-absent-in-reader", reader = &chosen.name))
                    .with_hint(crate::tr!("card-insert-or-wait-hint"))
            });
        }
        let cname = CString::new(chosen.name.clone())
            .map_err(|_| Error::internal(crate::tr!("card-reader-name-nul")))?;
        let card = match ctx.connect(&cname, pcsc::ShareMode::Shared, pcsc::Protocols::ANY) {
            Ok(card) => card,
            // Removed between listing and connecting: wait again if allowed.
            Err(pcsc::Error::NoSmartcard) | Err(pcsc::Error::RemovedCard) if can_wait => continue,
            Err(e) => return Err(map_pcsc_error(e, PcscStage::Connect)),
        };
        let atr = match card.get_attribute_owned(pcsc::Attribute::AtrString) {
            Ok(atr) if !atr.is_empty() => atr,
            _ => chosen.atr.clone().unwrap_or_default(),
        };
        return Ok(Connected {
            card,
            reader: chosen.name.clone(),
            atr,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(name: &str, atr: Option<&[u8]>) -> ReaderStatus {
        ReaderStatus {
            name: name.to_string(),
            card_present: atr.is_some(),
            atr: atr.map(<[u8]>::to_vec),
            generation: atr.map(atr::detect),
            exclusive: false,
        }
    }

    const CPS3: &[u8] = &[
        0x3B, 0xAC, 0x00, 0x40, 0x2A, 0x00, 0x12, 0x25, 0x00, 0x64, 0x80, 0x00, 0x03, 0x10, 0x00,
        0x90, 0x00,
    ];

    #[test]
    fn chooses_readers() {
        let readers = vec![
            reader("Gemalto PC Twin Reader 00 00", None),
            reader("Virtual PCD 00 00", Some(&[0x3B, 0x00])),
            reader("Virtual PCD 00 01", Some(CPS3)),
        ];
        assert_eq!(
            choose_reader(&readers, None).unwrap().name,
            "Virtual PCD 00 01"
        );
        assert_eq!(
            choose_reader(&readers, Some("Virtual PCD 00 00"))
                .unwrap()
                .name,
            "Virtual PCD 00 00"
        );
        assert_eq!(
            choose_reader(&readers, Some("gemalto")).unwrap().name,
            "Gemalto PC Twin Reader 00 00"
        );
        let err = choose_reader(&readers, Some("virtual")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage);
        let err = choose_reader(&readers, Some("omnikey")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Reader);
        assert!(err.hint().unwrap().contains("Virtual PCD 00 01"));
        let err = choose_reader(&[], None).unwrap_err();
        assert_eq!(err.message(), "no smart-card reader found");

        let no_cps = vec![reader("A", None), reader("B", Some(&[0x3B, 0x00]))];
        assert_eq!(choose_reader(&no_cps, None).unwrap().name, "B");
        let empty = vec![reader("A", None)];
        assert_eq!(choose_reader(&empty, None).unwrap().name, "A");
    }

    #[test]
    fn pcsc_errors_read_plainly() {
        let e = map_pcsc_error(pcsc::Error::NoService, PcscStage::Service);
        assert_eq!(e.kind(), ErrorKind::Reader);
        assert_eq!(e.message(), "the smart-card service pcscd is not running");
        assert!(e.hint().is_some());
        let e = map_pcsc_error(pcsc::Error::RemovedCard, PcscStage::Command);
        assert_eq!(e.kind(), ErrorKind::Card);
        assert!(e
            .message()
            .starts_with("the card was removed during the command"));
        let e = map_pcsc_error(pcsc::Error::NoSmartcard, PcscStage::Connect);
        assert!(e.hint().unwrap().contains("--wait"));
        let e = map_pcsc_error(pcsc::Error::SharingViolation, PcscStage::Connect);
        assert!(e.message().contains("another program"));
        for err in [
            pcsc::Error::ServiceStopped,
            pcsc::Error::NoReadersAvailable,
            pcsc::Error::ResetCard,
            pcsc::Error::UnresponsiveCard,
            pcsc::Error::CommError,
            pcsc::Error::InternalError,
            pcsc::Error::Timeout,
        ] {
            let e = map_pcsc_error(err, PcscStage::Wait);
            assert!(e.hint().is_some(), "{err:?}");
        }
    }
}
