//! The vpcd side of the card: a TCP client of pcscd's vsmartcard driver.
//!
//! Every message is a 2-byte big-endian length and a payload. A 1-byte payload is a control
//! code (`00` off, `01` on, `02` reset, `04` get ATR; only `04` is answered), anything
//! longer is an APDU answered by exactly one frame. vpcd writes the length and the payload
//! with two `send()`s and Nagle on, so without TCP_QUICKACK before each read every APDU
//! waits ~40 ms for our delayed ACK; the flag is not sticky, hence one call per read.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use socket2::SockRef;
use tracing::{debug, warn};

use super::machine::VirtualCard;
use crate::error::{Error, Result};

/// Connects to vpcd, retrying until `patience` has elapsed (pcscd may still be starting).
pub fn connect(host: &str, port: u16, patience: Duration) -> Result<TcpStream> {
    let addr = format!("{host}:{port}");
    let deadline = Instant::now() + patience;
    loop {
        let attempt = (host, port)
            .to_socket_addrs()
            .and_then(|mut addrs| {
                addrs.next().ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, "host name has no address")
                })
            })
            .and_then(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)));
        match attempt {
            Ok(stream) => {
                stream.set_nodelay(true).map_err(Error::Vpcd)?;
                return Ok(stream);
            }
            Err(source) if Instant::now() >= deadline => {
                return Err(Error::VpcdUnavailable { addr, source })
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

fn quickack(stream: &TcpStream) {
    // Best effort: only the latency depends on it.
    let _ = SockRef::from(stream).set_quickack(true);
}

/// Reads one frame; `None` when vpcd closed the connection (or we shut it down).
pub fn read_frame(stream: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 2];
    quickack(stream);
    match stream.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut payload = vec![0u8; usize::from(u16::from_be_bytes(len))];
    quickack(stream);
    stream.read_exact(&mut payload)?;
    Ok(Some(payload))
}

/// Writes one frame with a single write (never an empty one: vpcd would eject the card).
pub fn write_frame(stream: &mut TcpStream, payload: &[u8]) -> io::Result<()> {
    let len = u16::try_from(payload.len())
        .ok()
        .filter(|&l| l > 0)
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "bad frame length"))?;
    let mut frame = Vec::with_capacity(payload.len() + 2);
    frame.extend_from_slice(&len.to_be_bytes());
    frame.extend_from_slice(payload);
    stream.write_all(&frame)
}

/// What the serving loop saw, for observers (the card handle).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event<'a> {
    PowerOff,
    PowerOn,
    Reset,
    /// An APDU and the full response (data ‖ SW).
    Apdu(&'a [u8], &'a [u8]),
}

/// Serves vpcd until the connection closes. `observe` runs after each message (before the
/// answer to an APDU is sent).
pub fn serve(
    stream: &mut TcpStream,
    card: &mut VirtualCard,
    apdu_latency: Duration,
    mut observe: impl FnMut(&VirtualCard, Event<'_>),
) -> io::Result<()> {
    while let Some(msg) = read_frame(stream)? {
        match msg.as_slice() {
            [0x04] => write_frame(stream, card.atr())?,
            [0x00] => {
                debug!("vpcd: power off");
                card.power_off();
                observe(card, Event::PowerOff);
            }
            [0x01] => {
                debug!("vpcd: power on");
                card.power_on();
                observe(card, Event::PowerOn);
            }
            [0x02] => {
                debug!("vpcd: reset");
                card.reset();
                observe(card, Event::Reset);
            }
            [other] => warn!("vpcd: unknown control byte {other:02X}, ignored"),
            [] => warn!("vpcd: empty frame, ignored"),
            apdu => {
                if !apdu_latency.is_zero() {
                    std::thread::sleep(apdu_latency);
                }
                let response = card.transmit(apdu);
                // Observers see the new state before the client sees the answer.
                observe(card, Event::Apdu(apdu, &response));
                write_frame(stream, &response)?;
            }
        }
    }
    Ok(())
}
