//! `dmp readers`: every reader, whether it holds a card, the ATR and the card generation, and
//! whether it has a PIN pad.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::credential::card::{
    atr::format_atr, list_readers, reader::reader_pin_pad, ReaderStatus,
};
use crate::error::{Error, Result};

#[derive(Debug, Serialize)]
pub struct ReaderRow {
    pub name: String,
    pub card_present: bool,
    pub atr: Option<String>,
    pub generation: Option<String>,
    /// Another program holds the card exclusively.
    pub in_use_by_another_program: bool,
    /// The reader has a PIN pad (PC/SC part 10 FEATURE_VERIFY_PIN_DIRECT), where the PIN is
    /// typed; null when the reader could not be asked.
    pub pin_pad: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct ReadersReport {
    pub readers: Vec<ReaderRow>,
}

impl From<&ReaderStatus> for ReaderRow {
    fn from(r: &ReaderStatus) -> Self {
        ReaderRow {
            name: r.name.clone(),
            card_present: r.card_present,
            atr: r.atr.as_deref().map(format_atr),
            generation: r.generation.map(|g| g.name().to_string()),
            in_use_by_another_program: r.exclusive,
            pin_pad: None,
        }
    }
}

/// Lists the readers; with `wait`, first waits until some reader holds a card.
pub fn list(wait: Option<Duration>) -> Result<ReadersReport> {
    let started = Instant::now();
    loop {
        let readers = list_readers()?;
        let any_card = readers.iter().any(|r| r.card_present);
        match wait {
            Some(limit) if !any_card => {
                if started.elapsed() >= limit {
                    return Err(Error::card(crate::tr!(
                        "commands-no-card-inserted",
                        seconds = limit.as_secs()
                    ))
                    .with_hint(crate::tr!("commands-no-card-inserted-hint")));
                }
                // pcscd polls readers about every 400 ms; asking more often gains nothing.
                std::thread::sleep(Duration::from_millis(200));
            }
            _ => {
                let rows = readers
                    .iter()
                    .map(|r| ReaderRow {
                        pin_pad: reader_pin_pad(&r.name),
                        ..ReaderRow::from(r)
                    })
                    .collect();
                return Ok(ReadersReport { readers: rows });
            }
        }
    }
}
