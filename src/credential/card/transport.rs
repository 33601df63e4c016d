//! Talking to the card: a raw [`Transport`] (one APDU in, one answer out), the T=0 rules on top
//! of it, the PC/SC implementation and a scripted mock for unit tests.
//!
//! The CPS3 offers only T=0, and pcsc-lite does not fetch response data by itself: the card
//! answers `61 xx` and the host must send GET RESPONSE, at most 0xE7 bytes at a time (what the
//! ANS middleware and OpenSC do on this card); a wrong Le is answered `6C xx` and the command is
//! resent with Le = xx. Long files are read in chunks of at most 0xE7 bytes. All of that lives
//! here, once, so the card operations above deal only with whole commands and whole answers.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use zeroize::Zeroizing;

use super::apdu::{Command, Response, StatusWord};
use super::reader::{map_pcsc_error, PcscStage};
use crate::error::{Error, Result};

/// Largest chunk asked by GET RESPONSE or READ BINARY on a CPS3.
pub const MAX_CHUNK: usize = 0xE7;
/// Largest elementary file dmp agrees to read (certificates are about 1.5 KiB).
pub const MAX_FILE_SIZE: usize = 0x7FFF;
/// Largest answer dmp agrees to assemble from GET RESPONSE chunks.
const MAX_RESPONSE: usize = 0x10000;

/// Sends one raw APDU and returns the raw answer (data ‖ SW1 SW2). No T=0 logic.
pub trait Transport {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>>;

    /// A command to the reader itself (SCardControl): `code` is the control code, `input` its
    /// data; returns the reader's answer. PIN-pad readers are driven so (PC/SC part 10).
    fn control(&mut self, _code: u32, _input: &[u8]) -> Result<Vec<u8>> {
        Err(Error::reader(crate::tr!("card-no-control")))
    }
}

/// A connected card that can run several APDUs without another program slipping in between
/// (a PC/SC transaction). Sessions keep one `Device` open from the PIN to the signature.
pub trait Device: Send {
    /// Runs `f` inside one exclusive transaction.
    fn exclusive(&mut self, f: &mut dyn FnMut(&mut dyn Transport) -> Result<()>) -> Result<()>;

    /// Ends the connection: with `reset`, the card is reset (it forgets the verified PIN);
    /// without, it is left as it is. Nothing works on the device afterwards.
    fn release(&mut self, _reset: bool) {}
}

/// Runs `f` inside one transaction of `device` and returns its result.
pub fn exclusive<R>(
    device: &mut dyn Device,
    f: impl FnOnce(&mut dyn Transport) -> Result<R>,
) -> Result<R> {
    let mut f = Some(f);
    let mut out: Option<Result<R>> = None;
    device.exclusive(&mut |t| {
        match f.take() {
            Some(f) => out = Some(f(t)),
            None => out = Some(Err(Error::internal(crate::tr!("card-transaction-twice")))),
        }
        Ok(())
    })?;
    out.unwrap_or_else(|| Err(Error::internal(crate::tr!("card-transaction-not-run"))))
}

fn send(t: &mut dyn Transport, cmd: &Command) -> Result<Response> {
    let bytes = cmd.encode()?;
    tracing::trace!(command = ?cmd, "card <-");
    let raw = t.transmit(&bytes)?;
    let resp = Response::from_raw(raw)?;
    tracing::trace!(response = ?resp, "card ->");
    Ok(resp)
}

/// Sends a command the T=0 way: chains it if its data exceed 255 bytes, resends it with the
/// right Le on `6C xx`, and collects `61 xx` data with GET RESPONSE (≤ 0xE7 bytes a read).
/// The status word returned is the last one the card gave.
pub fn transmit(t: &mut dyn Transport, cmd: &Command) -> Result<Response> {
    let blocks = cmd.chain();
    let (last, head) = blocks
        .split_last()
        .ok_or_else(|| Error::internal(crate::tr!("card-empty-chain")))?;
    for block in head {
        let resp = send(t, block)?;
        if !resp.sw.is_ok() {
            return Ok(resp);
        }
    }
    let mut resp = send(t, last)?;
    if let Some(le) = resp.sw.correct_le() {
        let again = last.clone().with_le(le);
        resp = send(t, &again)?;
    }
    collect_response(t, last.cla & !0x10 & 0x03, resp)
}

/// Follows `61 xx` answers with GET RESPONSE until the card says something else.
fn collect_response(t: &mut dyn Transport, channel: u8, first: Response) -> Result<Response> {
    let mut data = first.data;
    let mut sw = first.sw;
    let mut rounds = 0;
    while let Some(pending) = sw.bytes_available() {
        rounds += 1;
        if rounds > 600 || data.len() > MAX_RESPONSE {
            return Err(Error::card(crate::tr!("card-endless-response"))
                .with_hint(crate::tr!("card-reinsert-retry-hint")));
        }
        let mut get = Command::new(channel, 0xC0, 0x00, 0x00).with_le(pending.min(MAX_CHUNK));
        let mut part = send(t, &get)?;
        if let Some(le) = part.sw.correct_le() {
            get = get.with_le(le);
            part = send(t, &get)?;
        }
        data.extend_from_slice(&part.data);
        sw = part.sw;
    }
    Ok(Response { data, sw })
}

/// READ BINARY of the current EF from `offset`, asking `le` bytes (≤ 0xE7 on a CPS3).
pub fn read_binary(t: &mut dyn Transport, cla: u8, offset: usize, le: usize) -> Result<Response> {
    if offset > 0x7FFF {
        return Err(Error::card(crate::tr!("card-file-beyond-read-binary"))
            .with_hint(crate::tr!("card-layout-unsupported-hint")));
    }
    let cmd = Command::new(cla, 0xB0, (offset >> 8) as u8, offset as u8).with_le(le);
    transmit(t, &cmd)
}

/// Reads the whole current EF in chunks of at most 0xE7 bytes. `size` comes from the FCP when
/// known; without it, reading stops at the first short chunk, `62 82` or `6B 00`.
pub fn read_file(
    t: &mut dyn Transport,
    cla: u8,
    size: Option<usize>,
    what: &str,
) -> Result<Vec<u8>> {
    if let Some(size) = size {
        if size > MAX_FILE_SIZE {
            return Err(Error::card(crate::tr!(
                "card-file-claims-too-much",
                what = what,
                bytes = size
            ))
            .with_hint(crate::tr!("card-layout-unsupported-hint")));
        }
    }
    let mut out = Vec::new();
    loop {
        let want = match size {
            Some(size) if out.len() >= size => break,
            Some(size) => (size - out.len()).min(MAX_CHUNK),
            None => MAX_CHUNK,
        };
        if out.len() + want > MAX_FILE_SIZE {
            return Err(Error::card(crate::tr!("card-file-too-large", what = what))
                .with_hint(crate::tr!("card-layout-unsupported-hint")));
        }
        let resp = read_binary(t, cla, out.len(), want)?;
        match resp.sw {
            StatusWord::OK => {
                let got = resp.data.len();
                out.extend_from_slice(&resp.data);
                if got == 0 || (size.is_none() && got < want) {
                    break;
                }
            }
            StatusWord::END_OF_FILE => {
                out.extend_from_slice(&resp.data);
                break;
            }
            StatusWord::WRONG_OFFSET if !out.is_empty() || size.is_none() => break,
            sw => return Err(sw.to_error(&crate::tr!("card-op-read-file", what = what))),
        }
    }
    Ok(out)
}

/// A card reached through PC/SC, connected once and kept open until released. (Dropped without
/// a release, the pcsc crate disconnects resetting the card.)
pub struct PcscDevice {
    card: Option<pcsc::Card>,
}

fn connection_closed() -> Error {
    Error::card(crate::tr!("card-connection-closed")).with_hint(crate::tr!("card-run-again-hint"))
}

impl PcscDevice {
    pub fn new(card: pcsc::Card) -> Self {
        PcscDevice { card: Some(card) }
    }

    fn card(&self) -> Result<&pcsc::Card> {
        self.card.as_ref().ok_or_else(connection_closed)
    }
}

fn pcsc_transmit(card: &pcsc::Card, apdu: &[u8]) -> Result<Vec<u8>> {
    let mut buf = Zeroizing::new(vec![0u8; pcsc::MAX_BUFFER_SIZE]);
    let answer = match card.transmit(apdu, &mut buf) {
        Ok(a) => a,
        // A card pulled out mid-command may first show as a broken communication: if the card
        // is gone, say so rather than blame the link.
        Err(
            e @ (pcsc::Error::CommError | pcsc::Error::CommDataLost | pcsc::Error::NotTransacted),
        ) => {
            let e = if card_was_removed(card) {
                pcsc::Error::RemovedCard
            } else {
                e
            };
            return Err(map_pcsc_error(e, PcscStage::Command));
        }
        Err(e) => return Err(map_pcsc_error(e, PcscStage::Command)),
    };
    if answer.len() < 2 {
        // A reader that loses the card mid-command may hand back an empty answer before
        // pcscd's next presence poll (~0.4 s) notices the removal: ask until it knows.
        if card_was_removed(card) {
            return Err(map_pcsc_error(pcsc::Error::RemovedCard, PcscStage::Command));
        }
    }
    Ok(answer.to_vec())
}

/// A PC/SC error during a command. A card pulled out mid-command may first show as a broken
/// communication: if the card is gone, say so rather than blame the link.
fn command_error(card: &pcsc::Card, e: pcsc::Error) -> Error {
    let e = match e {
        pcsc::Error::CommError | pcsc::Error::CommDataLost | pcsc::Error::NotTransacted
            if card_was_removed(card) =>
        {
            pcsc::Error::RemovedCard
        }
        e => e,
    };
    map_pcsc_error(e, PcscStage::Command)
}

fn pcsc_control(card: &pcsc::Card, code: u32, input: &[u8]) -> Result<Vec<u8>> {
    let mut buf = vec![0u8; pcsc::MAX_BUFFER_SIZE_EXTENDED];
    let answer = card
        .control(code as _, input, &mut buf)
        .map_err(|e| map_pcsc_error(e, PcscStage::Command))?;
    Ok(answer.to_vec())
}

fn card_was_removed(card: &pcsc::Card) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(1500);
    loop {
        match card.status2_owned() {
            Err(pcsc::Error::RemovedCard) | Err(pcsc::Error::NoSmartcard) => return true,
            Ok(st) if !st.status().contains(pcsc::Status::PRESENT) => return true,
            _ => {}
        }
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

impl Transport for PcscDevice {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>> {
        pcsc_transmit(self.card()?, apdu)
    }

    fn control(&mut self, code: u32, input: &[u8]) -> Result<Vec<u8>> {
        pcsc_control(self.card()?, code, input)
    }
}

struct InTransaction<'a>(&'a pcsc::Card);

impl Transport for InTransaction<'_> {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>> {
        pcsc_transmit(self.0, apdu)
    }

    fn control(&mut self, code: u32, input: &[u8]) -> Result<Vec<u8>> {
        pcsc_control(self.0, code, input)
    }
}

impl Device for PcscDevice {
    fn exclusive(&mut self, f: &mut dyn FnMut(&mut dyn Transport) -> Result<()>) -> Result<()> {
        // After a reset by another program, every call fails with ResetCard until the handle
        // is reconnected: do that once, so the session goes on (the card then has forgotten the
        // PIN, which the signing commands report as such).
        let card = self.card.as_mut().ok_or_else(connection_closed)?;
        let tx = match card.transaction2() {
            Ok(tx) => tx,
            Err((card, pcsc::Error::ResetCard)) => {
                tracing::debug!("the card was reset; reconnecting");
                card.reconnect(
                    pcsc::ShareMode::Shared,
                    pcsc::Protocols::ANY,
                    pcsc::Disposition::LeaveCard,
                )
                .map_err(|e| map_pcsc_error(e, PcscStage::Command))?;
                card.transaction()
                    .map_err(|e| map_pcsc_error(e, PcscStage::Command))?
            }
            Err((card, e)) => return Err(command_error(card, e)),
        };
        let result = f(&mut InTransaction(&tx));
        let ended = tx.end(pcsc::Disposition::LeaveCard);
        match (result, ended) {
            (Err(e), _) => Err(e),
            (Ok(()), Err((card, e))) => Err(command_error(&card, e)),
            (Ok(()), Ok(())) => Ok(()),
        }
    }

    fn release(&mut self, reset: bool) {
        let Some(card) = self.card.take() else {
            return;
        };
        // ResetCard: the card drops its security state (the verified PIN). LeaveCard: another
        // program's verified PIN is not ours to clear.
        let disposition = if reset {
            pcsc::Disposition::ResetCard
        } else {
            pcsc::Disposition::LeaveCard
        };
        if let Err((card, e)) = card.disconnect(disposition) {
            tracing::debug!("PC/SC disconnect: {e}");
            if reset {
                // Dropping the handle disconnects it resetting the card: a second chance.
                drop(card);
            } else {
                std::mem::forget(card);
            }
        }
    }
}

/// Expected exchanges and the answers to give, in order: an APDU (`None`) or a reader control
/// call with its code.
type Script = VecDeque<(Option<u32>, Vec<u8>, Vec<u8>)>;

/// A mock card for unit tests: a script of expected APDUs and the raw answers to give.
/// Clones share the script, so a test can keep one to check everything was sent.
#[derive(Clone, Default)]
pub struct ScriptedTransport {
    script: Arc<Mutex<Script>>,
    resets: Arc<std::sync::atomic::AtomicUsize>,
}

impl ScriptedTransport {
    pub fn new() -> Self {
        Self::default()
    }

    /// Expects `apdu` next and answers `answer` (both in hex, spaces allowed).
    pub fn expect(self, apdu: &str, answer: &str) -> Self {
        self.expect_bytes(parse_hex(apdu), parse_hex(answer))
    }

    pub fn expect_bytes(self, apdu: Vec<u8>, answer: Vec<u8>) -> Self {
        self.lock().push_back((None, apdu, answer));
        self
    }

    /// Expects the control call `code` with `input` next and answers `answer` (hex).
    pub fn expect_control(self, code: u32, input: &str, answer: &str) -> Self {
        self.lock()
            .push_back((Some(code), parse_hex(input), parse_hex(answer)));
        self
    }

    /// How many scripted exchanges have not happened yet.
    pub fn remaining(&self) -> usize {
        self.lock().len()
    }

    /// How many times the card was released with a reset ([`Device::release`]).
    pub fn resets(&self) -> usize {
        self.resets.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Script> {
        self.script.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Hex with optional spaces to bytes; for test scripts (panics on bad hex).
pub fn parse_hex(s: &str) -> Vec<u8> {
    let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    hex::decode(clean).expect("bad hex in a test script")
}

impl ScriptedTransport {
    fn next(&mut self, code: Option<u32>, bytes: &[u8]) -> Result<Vec<u8>> {
        let show = |code: Option<u32>, bytes: &[u8]| match code {
            None => hex::encode_upper(bytes),
            Some(c) => format!("control {c:08X} {}", hex::encode_upper(bytes)),
        };
        let next = self.lock().pop_front();
        match next {
            Some((c, expected, answer)) if c == code && expected == bytes => Ok(answer),
            Some((c, expected, _)) => Err(Error::internal(crate::tr!(
                "card-scripted-mismatch",
                expected = show(c, &expected),
                got = show(code, bytes)
            ))),
            None => Err(Error::internal(crate::tr!(
                "card-scripted-unexpected",
                got = show(code, bytes)
            ))),
        }
    }
}

impl Transport for ScriptedTransport {
    fn transmit(&mut self, apdu: &[u8]) -> Result<Vec<u8>> {
        self.next(None, apdu)
    }

    fn control(&mut self, code: u32, input: &[u8]) -> Result<Vec<u8>> {
        self.next(Some(code), input)
    }
}

impl Device for ScriptedTransport {
    fn exclusive(&mut self, f: &mut dyn FnMut(&mut dyn Transport) -> Result<()>) -> Result<()> {
        f(self)
    }

    fn release(&mut self, reset: bool) {
        if reset {
            self.resets
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_n(byte: u8, n: usize) -> String {
        format!("{byte:02X}").repeat(n)
    }

    #[test]
    fn get_response_is_chained_in_e7_chunks() {
        // A 256-byte signature: 61 00 → E7 bytes + 61 19 → 19 bytes + 90 00.
        let mut t = ScriptedTransport::new()
            .expect("00 88 00 00 03 010203 00", "61 00")
            .expect("00 C0 00 00 E7", &format!("{}6119", hex_n(0xAA, 0xE7)))
            .expect("00 C0 00 00 19", &format!("{}9000", hex_n(0xBB, 0x19)));
        let cmd = Command::new(0, 0x88, 0, 0)
            .with_data(vec![1, 2, 3])
            .with_le(256);
        let r = transmit(&mut t, &cmd).unwrap();
        assert!(r.sw.is_ok());
        assert_eq!(r.data.len(), 256);
        assert_eq!(r.data[0], 0xAA);
        assert_eq!(r.data[0xE7], 0xBB);
        assert_eq!(t.remaining(), 0);
    }

    #[test]
    fn wrong_le_is_resent() {
        let mut t = ScriptedTransport::new()
            .expect("00 B0 00 00 E7", "6C 0C")
            .expect("00 B0 00 00 0C", "5A0A8025000001123456784F 9000");
        let r = read_binary(&mut t, 0, 0, 0xE7).unwrap();
        assert!(r.sw.is_ok());
        assert_eq!(r.data.len(), 12);
        assert_eq!(t.remaining(), 0);
    }

    #[test]
    fn get_response_with_wrong_le_is_resent() {
        let mut t = ScriptedTransport::new()
            .expect("00 A4 09 04 04 3F00D003", "61 27")
            .expect("00 C0 00 00 27", "6C 20")
            .expect("00 C0 00 00 20", &format!("{}9000", hex_n(0x11, 0x20)));
        let cmd = Command::new(0, 0xA4, 0x09, 0x04).with_data(vec![0x3F, 0, 0xD0, 0x03]);
        let r = transmit(&mut t, &cmd).unwrap();
        assert_eq!(r.data.len(), 0x20);
        assert!(r.sw.is_ok());
    }

    #[test]
    fn chained_commands_go_block_by_block() {
        let data = vec![0x55; 300];
        let mut t = ScriptedTransport::new()
            .expect_bytes(
                [vec![0x10, 0x2A, 0x80, 0x86, 0xFF], vec![0x55; 255]].concat(),
                vec![0x90, 0x00],
            )
            .expect_bytes(
                [vec![0x00, 0x2A, 0x80, 0x86, 45], vec![0x55; 45], vec![0x00]].concat(),
                vec![0x61, 0x02],
            )
            .expect("00 C0 00 00 02", "0102 9000");
        let cmd = Command::new(0, 0x2A, 0x80, 0x86)
            .with_data(data)
            .with_le(256);
        let r = transmit(&mut t, &cmd).unwrap();
        assert_eq!(r.data, vec![1, 2]);
        assert_eq!(t.remaining(), 0);
    }

    #[test]
    fn files_are_read_in_chunks_with_and_without_size() {
        let mut t = ScriptedTransport::new()
            .expect("00 B0 00 00 E7", &format!("{}9000", hex_n(1, 0xE7)))
            .expect("00 B0 00 E7 E7", &format!("{}9000", hex_n(2, 0xE7)))
            .expect("00 B0 01 CE 32", &format!("{}9000", hex_n(3, 0x32)));
        let data = read_file(&mut t, 0, Some(0xE7 * 2 + 0x32), "test").unwrap();
        assert_eq!(data.len(), 0xE7 * 2 + 0x32);
        assert_eq!(t.remaining(), 0);

        let mut t = ScriptedTransport::new()
            .expect("00 B0 00 00 E7", &format!("{}9000", hex_n(1, 0xE7)))
            .expect("00 B0 00 E7 E7", &format!("{}6282", hex_n(2, 0x10)));
        assert_eq!(
            read_file(&mut t, 0, None, "test").unwrap().len(),
            0xE7 + 0x10
        );

        let mut t = ScriptedTransport::new()
            .expect("00 B0 00 00 E7", &format!("{}9000", hex_n(1, 0xE7)))
            .expect("00 B0 00 E7 E7", "6B00");
        assert_eq!(read_file(&mut t, 0, None, "test").unwrap().len(), 0xE7);

        let mut t = ScriptedTransport::new().expect("00 B0 00 00 E7", "6986");
        let err = read_file(&mut t, 0, None, "test").unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Card);
    }

    #[test]
    fn exclusive_returns_the_body_result() {
        let mut t = ScriptedTransport::new().expect("00 20 00 01", "9000");
        let r = exclusive(&mut t, |tr| transmit(tr, &Command::new(0, 0x20, 0, 1))).unwrap();
        assert!(r.sw.is_ok());
    }
}
