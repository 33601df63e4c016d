//! The languages dmp speaks (English and French) and its message catalogue.
//!
//! Every text a person reads (errors and hints, warnings, prompts, table headers, `--help`,
//! the man pages) is a message of `locales/<lang>/*.ftl`, written in Project Fluent's syntax
//! and looked up with [`tr!`](crate::tr). The language is chosen once, at start-up, by
//! [`select`]: `--lang`, else `DMP_LANG`, else the profile's `lang`, else the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`): French for `fr*`, English otherwise. JSON output, its
//! keys and the exit codes do not depend on it.

mod catalogue;
mod select;

pub use catalogue::{format_in, has, message_ids, tr_args, Catalogue};
pub use select::{lang_from_args, lang_from_locale, select, Lang};

use std::sync::atomic::{AtomicU8, Ordering};

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language of this run.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Fr,
        _ => Lang::En,
    }
}

/// Sets the language of this run (called once by `main`, and by tests).
pub fn set_lang(lang: Lang) {
    CURRENT.store(
        match lang {
            Lang::En => 0,
            Lang::Fr => 1,
        },
        Ordering::Relaxed,
    );
}

/// A message of the catalogue in the language of this run:
/// `tr!("card-removed")`, `tr!("pin-tries-left", tries = 2)`.
/// Each argument is anything Fluent takes as a value (strings, numbers).
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        $crate::i18n::tr_args($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr_args(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// A value given to a message.
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Self {
        Arg::Text(p.display().to_string())
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);
