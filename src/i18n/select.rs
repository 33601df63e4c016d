//! Which language a run speaks.

use std::ffi::OsString;

/// A language of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// The ISO 639-1 code (`--lang`, the catalogue's folder, the man pages' folder).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    pub(super) fn langid(self) -> unic_langid::LanguageIdentifier {
        match self {
            Lang::En => "en".parse().expect("en"),
            Lang::Fr => "fr".parse().expect("fr"),
        }
    }
}

/// The language of a POSIX locale, as the C library picks the messages' locale: the first
/// of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty; French for `fr` and `fr_*`,
/// English for anything else (`C`, `POSIX`, `en_US.UTF-8`, `de_DE`…).
pub fn lang_from_locale(get: impl Fn(&str) -> Option<OsString>) -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = get(var).filter(|v| !v.is_empty()) {
            let v = v.to_string_lossy();
            let language = v.split(['_', '.', '@']).next().unwrap_or("");
            return if language.eq_ignore_ascii_case("fr") {
                Lang::Fr
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

/// `--lang X` or `--lang=X` on the command line (before any `--`), read before clap parses
/// it: the help clap prints must already be in that language. `Err` holds the unknown value.
pub fn lang_from_args(args: &[OsString]) -> Result<Option<Lang>, String> {
    let mut iter = args.iter().skip(1);
    let mut found = None;
    while let Some(a) = iter.next() {
        let a = a.to_string_lossy();
        let value = if a == "--" {
            break;
        } else if a == "--lang" {
            iter.next().map(|v| v.to_string_lossy().into_owned())
        } else if let Some(v) = a.strip_prefix("--lang=") {
            Some(v.to_string())
        } else {
            continue;
        };
        match value.as_deref().map(Lang::parse) {
            Some(Some(l)) => found = Some(l),
            Some(None) => return Err(value.unwrap_or_default()),
            None => {}
        }
    }
    Ok(found)
}

/// The language of this run: `--lang`, else `DMP_LANG`, else the profile's `lang` (read by
/// `profile_lang` only when needed), else the locale. Sets it and returns it.
pub fn select(
    args: &[OsString],
    get: impl Fn(&str) -> Option<OsString>,
    profile_lang: impl FnOnce() -> Option<Lang>,
) -> Lang {
    let lang = lang_from_args(args)
        .ok()
        .flatten()
        .or_else(|| get("DMP_LANG").and_then(|v| Lang::parse(&v.to_string_lossy())))
        .or_else(profile_lang)
        .unwrap_or_else(|| lang_from_locale(&get));
    super::set_lang(lang);
    lang
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn the_locale_variables_in_posix_order() {
        assert_eq!(lang_from_locale(env(&[])), Lang::En);
        assert_eq!(lang_from_locale(env(&[("LANG", "fr_FR.UTF-8")])), Lang::Fr);
        assert_eq!(lang_from_locale(env(&[("LANG", "fr")])), Lang::Fr);
        assert_eq!(lang_from_locale(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(
            lang_from_locale(env(&[
                ("LANG", "fr_CA.UTF-8"),
                ("LC_MESSAGES", "en_GB.UTF-8")
            ])),
            Lang::En
        );
        assert_eq!(
            lang_from_locale(env(&[("LC_MESSAGES", "en_GB"), ("LC_ALL", "fr_BE@euro")])),
            Lang::Fr
        );
        // Set but empty: as if unset.
        assert_eq!(
            lang_from_locale(env(&[("LC_ALL", ""), ("LANG", "fr_FR")])),
            Lang::Fr
        );
        assert_eq!(lang_from_locale(env(&[("LANG", "french")])), Lang::En);
    }

    #[test]
    fn lang_flag_wins_then_dmp_lang_then_profile_then_locale() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        let fr_env = [("LANG", "fr_FR.UTF-8")];
        assert_eq!(
            select(&args(&["dmp", "--lang", "en"]), env(&fr_env), || Some(
                Lang::Fr
            )),
            Lang::En
        );
        assert_eq!(
            select(&args(&["dmp", "--lang=fr"]), env(&[]), || None),
            Lang::Fr
        );
        assert_eq!(
            select(
                &args(&["dmp"]),
                env(&[("DMP_LANG", "en"), ("LANG", "fr")]),
                || Some(Lang::Fr)
            ),
            Lang::En
        );
        assert_eq!(
            select(&args(&["dmp"]), env(&fr_env), || Some(Lang::En)),
            Lang::En
        );
        assert_eq!(select(&args(&["dmp"]), env(&fr_env), || None), Lang::Fr);
        // After `--`, `--lang` is an operand.
        assert_eq!(
            select(&args(&["dmp", "--", "--lang", "fr"]), env(&[]), || None),
            Lang::En
        );
        assert_eq!(
            lang_from_args(&args(&["dmp", "--lang", "de"])),
            Err("de".to_string())
        );
        super::super::set_lang(Lang::En);
    }
}
