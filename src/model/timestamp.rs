//! Times as the DMP sends them, and as `dmp` shows them.
//!
//! The DMP writes HL7 timestamps (`TS`, also the XDS `DTM`): `YYYY[MM[DD[hh[mm[ss[.f…]]]]]]`,
//! optionally followed by a UTC offset `±hhmm`. XDS says metadata times are UTC, so a time
//! without an offset is taken as UTC. JSON output shows them in RFC 3339: a time becomes
//! `2024-03-05T10:15:00Z` (converted to UTC when an offset was given), a date alone the
//! full-date `2024-03-05`. A value sent with less than a day's precision keeps it, in the ISO
//! 8601 reduced forms `2024` and `2024-03` (RFC 3339 has no such form, and inventing a day
//! would be worse). Text output goes through [`Timestamp::display`] (and [`display_time`],
//! [`display_date`] for our own times): in English `2024-03-05 10:15` (UTC, as documented and
//! unambiguous for any reader), in French `05/03/2024 10:15` as a French clinician reads it, in
//! the machine's local time. The local offset is asked for each instant (so a summer time and a
//! winter time each get theirs) with `time`'s `local_offset_at`, which since 0.3.37 reads the
//! zone loaded once by libc and is sound in a multithreaded process; when the zone cannot be
//! determined the time stays in UTC and says so (`05/03/2024 10:15 UTC`).

use serde::{Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::i18n::Lang;

/// A point in time read from the DMP, at the precision it was sent with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timestamp {
    Year(i32),
    YearMonth(i32, Month),
    Date(Date),
    /// Always in UTC.
    DateTime(OffsetDateTime),
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

impl Timestamp {
    /// Reads an HL7 `TS` / XDS `DTM`; `None` when it is not one (or names an impossible date).
    pub fn parse_hl7(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        // Split off the offset (`+hhmm` / `-hhmm`), then the fraction.
        let (main, offset) = match s.find(['+', '-']) {
            Some(i) => {
                let off = &s[i + 1..];
                if off.len() != 4 {
                    return None;
                }
                let (h, m) = (digits(&off[..2])?, digits(&off[2..])?);
                let secs = (h * 3600 + m * 60) as i32;
                let secs = if s.as_bytes()[i] == b'-' { -secs } else { secs };
                (&s[..i], Some(UtcOffset::from_whole_seconds(secs).ok()?))
            }
            None => (s, None),
        };
        let (main, fraction) = match main.split_once('.') {
            Some((m, f)) => (m, Some(f)),
            None => (main, None),
        };
        if !matches!(main.len(), 4 | 6 | 8 | 10 | 12 | 14)
            || !main.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if fraction.is_some() && main.len() != 14 {
            return None;
        }
        let num = |a: usize, b: usize| digits(&main[a..b]);
        let year = num(0, 4)? as i32;
        if main.len() == 4 {
            return Some(Timestamp::Year(year));
        }
        let month = Month::try_from(num(4, 6)? as u8).ok()?;
        if main.len() == 6 {
            return Some(Timestamp::YearMonth(year, month));
        }
        let date = Date::from_calendar_date(year, month, num(6, 8)? as u8).ok()?;
        if main.len() == 8 {
            return Some(Timestamp::Date(date));
        }
        let hour = num(8, 10)? as u8;
        let minute = if main.len() >= 12 { num(10, 12)? } else { 0 } as u8;
        let second = if main.len() >= 14 { num(12, 14)? } else { 0 } as u8;
        let nanos = match fraction {
            Some(f) => {
                if f.is_empty() || f.len() > 9 {
                    return None;
                }
                digits(f)? * 10u32.pow(9 - f.len() as u32)
            }
            None => 0,
        };
        let time = Time::from_hms_nano(hour, minute, second, nanos).ok()?;
        let local = PrimitiveDateTime::new(date, time);
        let t = local
            .assume_offset(offset.unwrap_or(UtcOffset::UTC))
            .to_offset(UtcOffset::UTC);
        Some(Timestamp::DateTime(t))
    }

    /// A time of our own clock (always a full date and time).
    pub fn from_utc(t: OffsetDateTime) -> Timestamp {
        Timestamp::DateTime(t.to_offset(UtcOffset::UTC))
    }

    /// RFC 3339 (`2024-03-05T10:15:00Z`, `2024-03-05`; reduced precision as `2024-03`).
    pub fn rfc3339(&self) -> String {
        match self {
            Timestamp::Year(y) => format!("{y:04}"),
            Timestamp::YearMonth(y, m) => format!("{y:04}-{:02}", u8::from(*m)),
            Timestamp::Date(d) => date(*d),
            Timestamp::DateTime(t) => t
                .format(&Rfc3339)
                .unwrap_or_else(|_| format!("{} {}", date(t.date()), t.time())),
        }
    }

    /// For people, in the language of this run (see the module): English `2024-03-05 10:15`
    /// (UTC), `2024-03-05`, `2024-03`, `2024`; French `05/03/2024 11:15` (local time),
    /// `05/03/2024`, `03/2024`, `2024`.
    pub fn display(&self) -> String {
        let lang = crate::i18n::lang();
        let offset = match (lang, self) {
            (Lang::Fr, Timestamp::DateTime(t)) => UtcOffset::local_offset_at(*t).ok(),
            _ => Some(UtcOffset::UTC),
        };
        self.display_in(lang, offset)
    }

    /// [`display`](Self::display) in `lang`, a time shown at `offset` (`None`: the local zone
    /// is unknown, the time is shown in UTC followed by `UTC`). English always shows UTC.
    pub fn display_in(&self, lang: Lang, offset: Option<UtcOffset>) -> String {
        match (lang, self) {
            (Lang::En, Timestamp::DateTime(t)) => {
                format!("{} {:02}:{:02}", date(t.date()), t.hour(), t.minute())
            }
            (Lang::En, other) => other.rfc3339(),
            (Lang::Fr, Timestamp::Year(y)) => format!("{y:04}"),
            (Lang::Fr, Timestamp::YearMonth(y, m)) => format!("{:02}/{y:04}", u8::from(*m)),
            (Lang::Fr, Timestamp::Date(d)) => date_fr(*d),
            (Lang::Fr, Timestamp::DateTime(t)) => {
                let local = t.to_offset(offset.unwrap_or(UtcOffset::UTC));
                let text = format!(
                    "{} {:02}:{:02}",
                    date_fr(local.date()),
                    local.hour(),
                    local.minute()
                );
                match offset {
                    Some(_) => text,
                    None => format!("{text} UTC"),
                }
            }
        }
    }
}

/// A stored time of our own (RFC 3339, e.g. a journal record's) for people, to the second:
/// English `2025-06-30 14:03:27` (UTC), French `30/06/2025 16:03:27` (local time, or
/// `30/06/2025 14:03:27 UTC`). A text that is not RFC 3339 is shown as it is.
pub fn display_stored(t: &str) -> String {
    match OffsetDateTime::parse(t, &Rfc3339) {
        Ok(t) => {
            let lang = crate::i18n::lang();
            let offset = match lang {
                Lang::Fr => UtcOffset::local_offset_at(t).ok(),
                Lang::En => Some(UtcOffset::UTC),
            };
            display_seconds_in(t, lang, offset)
        }
        Err(_) => t.to_string(),
    }
}

/// [`display_stored`] in `lang` at `offset` (see [`Timestamp::display_in`]).
pub fn display_seconds_in(t: OffsetDateTime, lang: Lang, offset: Option<UtcOffset>) -> String {
    let minutes = Timestamp::from_utc(t).display_in(lang, offset);
    let second = match lang {
        Lang::En => t.second(),
        Lang::Fr => t.to_offset(offset.unwrap_or(UtcOffset::UTC)).second(),
    };
    // `… 10:15` or `… 10:15 UTC`: the seconds go after the minutes.
    match minutes.split_once(" UTC") {
        Some((head, _)) => format!("{head}:{second:02} UTC"),
        None => format!("{minutes}:{second:02}"),
    }
}

/// A day written `YYYY-MM-DD` (the audit report's UTC days) for people; as it is otherwise.
pub fn display_day(d: &str) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    match Date::parse(d, &fmt) {
        Ok(d) => display_date(d),
        Err(_) => d.to_string(),
    }
}

/// One of our own times (a journal record, a certificate's validity) for people: see
/// [`Timestamp::display`].
pub fn display_time(t: OffsetDateTime) -> String {
    Timestamp::from_utc(t).display()
}

/// A date alone for people: English `2024-03-05`, French `05/03/2024`.
pub fn display_date(d: Date) -> String {
    Timestamp::Date(d).display()
}

fn date_fr(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year())
}

fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

/// The DMP's HL7 timestamp `YYYYMMDD[hhmm[ss]]` in RFC 3339 (see the module's rules); `None`
/// when it is not a timestamp.
pub fn hl7_to_rfc3339(ts: &str) -> Option<String> {
    Timestamp::parse_hl7(ts).map(|t| t.rfc3339())
}

/// An optional HL7 timestamp of the DMP, read for output (`None` when absent or unreadable).
pub fn from_hl7(ts: Option<&str>) -> Option<Timestamp> {
    ts.and_then(Timestamp::parse_hl7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precisions() {
        let f = |s: &str| hl7_to_rfc3339(s);
        assert_eq!(f("20240305").as_deref(), Some("2024-03-05"));
        assert_eq!(f("202403051015").as_deref(), Some("2024-03-05T10:15:00Z"));
        assert_eq!(f("20240305101530").as_deref(), Some("2024-03-05T10:15:30Z"));
        assert_eq!(f("2024030510").as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(f("2024").as_deref(), Some("2024"));
        assert_eq!(f("202403").as_deref(), Some("2024-03"));
        assert_eq!(
            f("20240305101530.25").as_deref(),
            Some("2024-03-05T10:15:30.25Z")
        );
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        assert_eq!(
            hl7_to_rfc3339("20240305101500+0100").as_deref(),
            Some("2024-03-05T09:15:00Z")
        );
        assert_eq!(
            hl7_to_rfc3339("20241231233000-0130").as_deref(),
            Some("2025-01-01T01:00:00Z")
        );
        assert_eq!(
            hl7_to_rfc3339("20240305101500+0000").as_deref(),
            Some("2024-03-05T10:15:00Z")
        );
    }

    #[test]
    fn malformed_or_impossible() {
        for bad in [
            "",
            "2024x",
            "20240230",
            "20241305",
            "2024030525",
            "202403051",
            "20240305106000",
            "20240305+01",
            "20240305.5",
            "１２３４",
        ] {
            assert_eq!(hl7_to_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn display_is_for_people() {
        assert_eq!(
            Timestamp::parse_hl7("20250420101500")
                .unwrap()
                .display_in(Lang::En, Some(UtcOffset::UTC)),
            "2025-04-20 10:15"
        );
        assert_eq!(
            Timestamp::parse_hl7("20250420")
                .unwrap()
                .display_in(Lang::En, Some(UtcOffset::UTC)),
            "2025-04-20"
        );
    }

    #[test]
    fn display_in_both_languages() {
        use time::macros::offset;
        let t = Timestamp::parse_hl7("20250312101500").unwrap();
        let summer = Timestamp::parse_hl7("20250712101500").unwrap();
        let day = Timestamp::parse_hl7("20250312").unwrap();
        let month = Timestamp::parse_hl7("202503").unwrap();
        let utc = Some(UtcOffset::UTC);
        assert_eq!(t.display_in(Lang::En, utc), "2025-03-12 10:15");
        assert_eq!(
            t.display_in(Lang::En, Some(offset!(+1))),
            "2025-03-12 10:15"
        );
        assert_eq!(day.display_in(Lang::En, utc), "2025-03-12");
        assert_eq!(month.display_in(Lang::En, utc), "2025-03");
        assert_eq!(t.display_in(Lang::Fr, utc), "12/03/2025 10:15");
        assert_eq!(
            t.display_in(Lang::Fr, Some(offset!(+1))),
            "12/03/2025 11:15"
        );
        assert_eq!(
            summer.display_in(Lang::Fr, Some(offset!(+2))),
            "12/07/2025 12:15"
        );
        assert_eq!(
            Timestamp::parse_hl7("20251231233000")
                .unwrap()
                .display_in(Lang::Fr, Some(offset!(+1))),
            "01/01/2026 00:30"
        );
        assert_eq!(t.display_in(Lang::Fr, None), "12/03/2025 10:15 UTC");
        assert_eq!(day.display_in(Lang::Fr, None), "12/03/2025");
        assert_eq!(month.display_in(Lang::Fr, utc), "03/2025");
        assert_eq!(Timestamp::Year(2025).display_in(Lang::Fr, utc), "2025");
    }

    #[test]
    fn stored_times_to_the_second_in_both_languages() {
        use time::macros::{datetime, offset};
        let t = datetime!(2025-06-30 14:03:27.123456 UTC);
        let utc = Some(UtcOffset::UTC);
        assert_eq!(display_seconds_in(t, Lang::En, utc), "2025-06-30 14:03:27");
        assert_eq!(
            display_seconds_in(t, Lang::En, Some(offset!(+2))),
            "2025-06-30 14:03:27"
        );
        assert_eq!(
            display_seconds_in(t, Lang::Fr, Some(offset!(+2))),
            "30/06/2025 16:03:27"
        );
        assert_eq!(
            display_seconds_in(t, Lang::Fr, None),
            "30/06/2025 14:03:27 UTC"
        );
    }

    #[test]
    fn serializes_as_rfc3339_that_the_time_crate_reads_back() {
        let t = Timestamp::parse_hl7("20250420101500").unwrap();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, "\"2025-04-20T10:15:00Z\"");
        let back = OffsetDateTime::parse(json.trim_matches('"'), &Rfc3339).unwrap();
        assert_eq!(Timestamp::from_utc(back), t);
    }
}
