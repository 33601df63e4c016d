//! Command-line errors in the run's language. clap finds what is wrong (its error kind and
//! context: the option, the value, the values it expected, the similar names it knows); dmp
//! says it, as every other error: `error:`/`hint:` lines, or the JSON error document (kind
//! `usage`, exit code 2). The texts are `usage-*` (locales/<lang>/usage.ftl).

use clap::error::{ContextKind, ContextValue, ErrorKind as K};

use crate::error::Error;

/// The usage error `e` says, in the language of the run; `None` for what is not an error
/// (`--help`, `--version`, and the help shown when a command is missing, which clap prints).
pub fn usage_error(e: &clap::Error) -> Option<Error> {
    if matches!(e.kind(), K::DisplayHelp | K::DisplayVersion) {
        return None;
    }
    if e.kind() == K::DisplayHelpOnMissingArgumentOrSubcommand {
        return Some(
            Error::usage(crate::tr!("usage-command-required"))
                .with_hint(crate::tr!("usage-command-required-hint")),
        );
    }
    let s = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) if v.len() == 1 => Some(v[0].clone()),
        _ => None,
    };
    let list = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let quoted = |v: &[String]| {
        v.iter()
            .map(|x| crate::tr!("usage-quoted", name = x.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let number = |k: ContextKind| match e.get(k) {
        Some(ContextValue::Number(n)) => *n as i64,
        _ => 0,
    };
    let arg = s(ContextKind::InvalidArg).unwrap_or_default();
    let value = s(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        K::UnknownArgument => crate::tr!("usage-unknown-argument", arg = arg),
        K::InvalidValue if value.is_empty() => crate::tr!("usage-missing-value", arg = arg),
        K::InvalidValue => crate::tr!("usage-invalid-value", arg = arg, value = value),
        K::InvalidSubcommand => crate::tr!(
            "usage-invalid-subcommand",
            name = s(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        K::MissingRequiredArgument => crate::tr!(
            "usage-missing-required",
            args = list(ContextKind::InvalidArg).join(", ")
        ),
        K::MissingSubcommand => crate::tr!(
            "usage-missing-subcommand",
            name = s(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        K::ArgumentConflict => {
            let prior = list(ContextKind::PriorArg);
            if prior.len() == 1 && prior[0] == arg {
                crate::tr!("usage-conflict-repeated", arg = arg)
            } else if prior.is_empty() {
                crate::tr!("usage-conflict-others", arg = arg)
            } else {
                crate::tr!("usage-conflict", arg = arg, other = prior.join("', '"))
            }
        }
        K::NoEquals => crate::tr!("usage-no-equals", arg = arg),
        K::ValueValidation => {
            // The reason is the value parser's own (a number out of range…).
            let reason = std::error::Error::source(e)
                .map(|r| r.to_string())
                .unwrap_or_default();
            crate::tr!(
                "usage-value-validation",
                arg = arg,
                value = value,
                reason = reason
            )
        }
        K::TooManyValues => crate::tr!("usage-too-many-values", arg = arg, value = value),
        K::TooFewValues => crate::tr!(
            "usage-too-few-values",
            arg = arg,
            min = number(ContextKind::MinValues),
            actual = number(ContextKind::ActualNumValues)
        ),
        K::WrongNumberOfValues => crate::tr!(
            "usage-wrong-number-of-values",
            arg = arg,
            expected = number(ContextKind::ExpectedNumValues),
            actual = number(ContextKind::ActualNumValues)
        ),
        K::InvalidUtf8 => crate::tr!("usage-invalid-utf8"),
        _ => crate::tr!("usage-other"),
    };
    let valid_values = list(ContextKind::ValidValue);
    if !valid_values.is_empty() {
        message.push(' ');
        message.push_str(&crate::tr!(
            "usage-possible-values",
            values = valid_values.join(", ")
        ));
    }
    let subcommands = list(ContextKind::ValidSubcommand);
    if e.kind() == K::MissingSubcommand && !subcommands.is_empty() {
        message.push(' ');
        message.push_str(&crate::tr!(
            "usage-subcommands",
            names = subcommands.join(", ")
        ));
    }

    let mut hints = Vec::new();
    for (kind, one, several) in [
        (
            ContextKind::SuggestedSubcommand,
            "usage-suggest-subcommand",
            "usage-suggest-subcommands",
        ),
        (
            ContextKind::SuggestedArg,
            "usage-suggest-argument",
            "usage-suggest-arguments",
        ),
        (
            ContextKind::SuggestedValue,
            "usage-suggest-value",
            "usage-suggest-values",
        ),
    ] {
        let names = list(kind);
        match names.len() {
            0 => {}
            1 => hints.push(crate::i18n::tr_args(
                one,
                &[("name", crate::i18n::Arg::from(names[0].as_str()))],
            )),
            _ => hints.push(crate::i18n::tr_args(
                several,
                &[("names", crate::i18n::Arg::from(quoted(&names)))],
            )),
        }
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips {
            hints.push(tip_in_language(&tip.to_string()));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
        let usage = usage.split_whitespace().collect::<Vec<_>>().join(" ");
        hints.push(crate::tr!("usage-usage", usage = usage));
    }
    hints.push(crate::tr!("usage-more", flag = "--help"));
    Some(Error::usage(message).with_hint(hints.join(&crate::tr!("usage-separator"))))
}

/// clap's tips are English sentences; the one it gives (an argument that looks like an option)
/// is said in the run's language, any other as it is.
fn tip_in_language(tip: &str) -> String {
    let escape = tip
        .strip_prefix("to pass '")
        .and_then(|r| r.split_once("' as a value, use '-- "))
        .map(|(arg, _)| arg.to_string());
    match escape {
        Some(arg) => crate::tr!("usage-tip-escape", arg = arg),
        None => tip.to_string(),
    }
}
