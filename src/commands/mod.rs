//! The use cases. Each function takes plain settings and returns plain data (serializable); it
//! knows nothing of terminals or clap — the `cli` layer asks for PINs and renders results.

pub mod access;
pub mod card;
pub mod consent;
pub mod docs;
pub mod doctor;
pub mod patient;
pub mod readers;

use std::path::PathBuf;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::config::Profile;
use crate::error::Result;

/// Settings every command may need, resolved from the command line and the profile.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Reader name or part of it; `None`: the first reader holding a card.
    pub reader: Option<String>,
    /// How long to wait for a card; `None`: do not wait.
    pub wait: Option<Duration>,
    /// PEM files of trust anchors.
    pub trust_anchors: Vec<PathBuf>,
    /// Read certificates from the card even when cached.
    pub no_cache: bool,
}

impl Settings {
    pub fn from_profile(profile: &Profile) -> Settings {
        Settings {
            reader: profile.reader.clone(),
            trust_anchors: profile.trust_anchors.clone(),
            ..Settings::default()
        }
    }
}

/// How a command obtains the PIN from a person or a script (implemented by the CLI).
pub trait PinEntry {
    /// The PIN; `tries_left` is what the card says before this attempt.
    fn pin(&self, tries_left: u8) -> Result<Zeroizing<String>>;
    /// Called before the last remaining try is spent: `Ok` only if a person confirmed.
    fn confirm_last_try(&self) -> Result<()>;
}

/// Everything a command run needs besides its own arguments.
pub struct Context {
    pub settings: Settings,
    pub pin: Box<dyn PinEntry>,
}
