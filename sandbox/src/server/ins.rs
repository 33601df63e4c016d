//! INS (Identifiant National de Santé) checks: the NIR check key and the OIDs the DMP accepts.

/// INS-NIR (production).
pub const OID_NIR: &str = "1.2.250.1.213.1.4.8";
/// INS-NIA.
pub const OID_NIA: &str = "1.2.250.1.213.1.4.9";
/// Test NIR: the OID every seeded sandbox patient carries.
pub const OID_TEST_NIR: &str = "1.2.250.1.213.1.4.10";
/// Demonstration NIR.
pub const OID_DEMO_NIR: &str = "1.2.250.1.213.1.4.11";

/// OIDs accepted as an INS authority.
pub const ACCEPTED_OIDS: [&str; 4] = [OID_NIR, OID_NIA, OID_TEST_NIR, OID_DEMO_NIR];

/// Why an INS was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsError {
    Format(String),
    Key(String),
    Oid(String),
}

impl std::fmt::Display for InsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InsError::Format(v) => write!(f, "INS mal formé : {v}"),
            InsError::Key(v) => write!(f, "clé de contrôle de l'INS invalide : {v}"),
            InsError::Oid(v) => write!(f, "autorité d'affectation de l'INS inconnue : {v}"),
        }
    }
}

/// The NIR check key of 13 characters (Corsica 2A/2B handled), or None when malformed.
pub fn nir_key(first13: &str) -> Option<u64> {
    if first13.len() != 13 || !first13.is_ascii() {
        return None;
    }
    let mut digits = first13.to_ascii_uppercase();
    match &digits[5..7] {
        "2A" => digits.replace_range(5..7, "19"),
        "2B" => digits.replace_range(5..7, "18"),
        _ => {}
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(97 - n % 97)
}

/// Check a 15-character INS value (NIR or NIA) and its key.
pub fn check_ins(value: &str) -> Result<(), InsError> {
    if value.len() != 15 || !value.is_ascii() {
        return Err(InsError::Format(value.to_string()));
    }
    let key = nir_key(&value[..13]).ok_or_else(|| InsError::Format(value.to_string()))?;
    let given: u64 = value[13..]
        .parse()
        .map_err(|_| InsError::Format(value.to_string()))?;
    if key != given {
        return Err(InsError::Key(value.to_string()));
    }
    Ok(())
}

/// An INS with its authority OID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ins {
    pub value: String,
    pub oid: String,
}

impl Ins {
    /// Parse the HL7 CX form `<INS>^^^&<OID>&ISO^NH` (trailing components tolerated) and check it.
    pub fn parse_cx(cx: &str) -> Result<Ins, InsError> {
        let cx = cx.trim().trim_matches('\'');
        let parts: Vec<&str> = cx.split('^').collect();
        if parts.len() < 5 || parts[4] != "NH" {
            return Err(InsError::Format(cx.to_string()));
        }
        let authority: Vec<&str> = parts[3].split('&').collect();
        if authority.len() != 3 || authority[2] != "ISO" {
            return Err(InsError::Format(cx.to_string()));
        }
        Ins::new(parts[0], authority[1])
    }

    /// Check a value and its OID.
    pub fn new(value: &str, oid: &str) -> Result<Ins, InsError> {
        if !ACCEPTED_OIDS.contains(&oid) {
            return Err(InsError::Oid(oid.to_string()));
        }
        check_ins(value)?;
        Ok(Ins {
            value: value.to_string(),
            oid: oid.to_string(),
        })
    }

    /// The HL7 CX form.
    pub fn cx(&self) -> String {
        format!("{}^^^&{}&ISO^NH", self.value, self.oid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_example_ins_is_valid() {
        // The INS of the official example messages.
        check_ins("207058575627097").unwrap();
    }

    #[test]
    fn wrong_key_is_refused() {
        assert!(matches!(
            check_ins("207058575627098"),
            Err(InsError::Key(_))
        ));
    }

    #[test]
    fn corsica() {
        let k = nir_key("175012A123456").unwrap();
        check_ins(&format!("175012A123456{k:02}")).unwrap();
    }

    #[test]
    fn cx_parsing() {
        let ins = Ins::parse_cx("207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH").unwrap();
        assert_eq!(ins.oid, OID_TEST_NIR);
        assert!(matches!(
            Ins::parse_cx("207058575627097^^^&1.2.3&ISO^NH"),
            Err(InsError::Oid(_))
        ));
        assert!(Ins::parse_cx("'207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH'").is_ok());
    }
}
