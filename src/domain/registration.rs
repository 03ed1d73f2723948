//! Registrations for a course: the details a registrant types (each parsed into its own type
//! with a specific error, so the bot can say exactly what is wrong), the attendees, and the
//! short code printed on the confirmation. Phone numbers are parsed by the `phonenumber`
//! crate (Google's libphonenumber data) and e-mail addresses by `email_address`: both are
//! pure parsers with no I/O.

use std::fmt;

use super::course::{clean_text, TextError};

pub const MAX_ENTERPRISE: usize = 200;
pub const MAX_NAME: usize = 100;
pub const MAX_POSITION: usize = 100;
/// Attendees one registration may bring, so one enterprise cannot take a whole course.
pub const MAX_ATTENDEES: u32 = 10;

/// A person's full name: letters (any script), spaces, dots, hyphens and apostrophes, 2 to
/// [`MAX_NAME`] characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("a name has letters only")]
    NotAName,
}

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, NameError> {
        let text = clean_text(raw, MAX_NAME, false)?;
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let allowed = text.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
        if !allowed || letters < 2 {
            return Err(NameError::NotAName);
        }
        Ok(PersonName(text))
    }

    /// A name stored after it was parsed.
    pub fn from_stored(raw: &str) -> Self {
        PersonName(raw.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number in E.164 (`+84912345678`), Vietnamese unless it says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid phone number")]
pub struct PhoneError;

impl Phone {
    /// Accepts `0912 345 678`, `0912.345.678`, `84912345678`, `+84 912 345 678`, landlines
    /// like `0262 3 812 345`; refuses anything libphonenumber does not consider valid.
    pub fn parse(raw: &str) -> Result<Self, PhoneError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.chars().count() > 30 {
            return Err(PhoneError);
        }
        let digits: String = trimmed.chars().filter(|c| c.is_ascii_digit()).collect();
        // "84912345678" without the plus is how many people write the international form.
        let candidate = if !trimmed.starts_with('+') && digits.starts_with("84") && digits.len() >= 11 {
            format!("+{digits}")
        } else {
            trimmed.to_owned()
        };
        let number = phonenumber::parse(Some(phonenumber::country::Id::VN), &candidate).map_err(|_| PhoneError)?;
        if !phonenumber::is_valid(&number) {
            return Err(PhoneError);
        }
        Ok(Phone(number.format().mode(phonenumber::Mode::E164).to_string()))
    }

    /// A stored E.164 number.
    pub fn from_stored(raw: &str) -> Self {
        Phone(raw.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address whose domain has a dot (`a@b` is valid by the RFC but never real here).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a valid e-mail address")]
pub struct EmailError;

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let text = raw.trim();
        if text.chars().count() > 254 {
            return Err(EmailError);
        }
        let parsed = email_address::EmailAddress::parse_with_options(text, email_address::Options::default())
            .map_err(|_| EmailError)?;
        let domain = parsed.domain();
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') || domain.starts_with('[') {
            return Err(EmailError);
        }
        Ok(Email(text.to_owned()))
    }

    /// A stored address (it was parsed when it was typed).
    pub fn from_stored(raw: &str) -> Self {
        Email(raw.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Vietnamese tax code (mã số thuế): 10 digits whose last is a check digit, or those 10
/// plus a 3-digit branch number (written with or without a dash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaxCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaxCodeError {
    #[error("a tax code has 10 or 13 digits")]
    Length,
    #[error("the check digit does not match")]
    CheckDigit,
}

impl TaxCode {
    const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

    pub fn parse(raw: &str) -> Result<Self, TaxCodeError> {
        let compact: String = raw.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '.')).collect();
        if !compact.bytes().all(|b| b.is_ascii_digit()) || !matches!(compact.len(), 10 | 13) {
            return Err(TaxCodeError::Length);
        }
        let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = digits.iter().zip(Self::WEIGHTS).map(|(d, w)| d * w).sum();
        let check = 10 - (sum % 11);
        if check > 9 || digits[9] != check {
            return Err(TaxCodeError::CheckDigit);
        }
        if compact.len() == 13 && &compact[10..] == "000" {
            return Err(TaxCodeError::CheckDigit);
        }
        Ok(TaxCode(if compact.len() == 13 { format!("{}-{}", &compact[..10], &compact[10..]) } else { compact }))
    }

    /// A stored tax code (it was parsed when it was typed).
    pub fn from_stored(raw: &str) -> Self {
        TaxCode(raw.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Dialogue state stores these values as the text they print as, and parses them again when
/// it is read back, so a stored row that no longer parses is refused rather than trusted.
macro_rules! text_newtype {
    ($($name:ident: $error:ty),* $(,)?) => {$(
        impl TryFrom<String> for $name {
            type Error = $error;

            fn try_from(raw: String) -> Result<Self, Self::Error> {
                $name::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}

text_newtype!(PersonName: NameError, Phone: PhoneError, Email: EmailError, TaxCode: TaxCodeError);

/// How many attendees a registration brings: 1 to the smaller of the seats left and
/// [`MAX_ATTENDEES`] (a waitlisted registration is capped by [`MAX_ATTENDEES`] only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    #[error("not a whole number")]
    NotANumber,
    #[error("between 1 and {max}")]
    OutOfRange { max: u32 },
}

pub fn parse_count(raw: &str, max: u32) -> Result<u32, CountError> {
    let n: u32 = raw.trim().parse().map_err(|_| CountError::NotANumber)?;
    if n == 0 || n > max {
        return Err(CountError::OutOfRange { max });
    }
    Ok(n)
}

/// The attendees' names, one per line (commas and semicolons also separate).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamesError {
    #[error("expected {expected} names, got {got}")]
    WrongCount { expected: u32, got: u32 },
    #[error("line {line} is not a name")]
    NotAName { line: u32 },
}

pub fn parse_names(raw: &str, expected: u32) -> Result<Vec<PersonName>, NamesError> {
    let pieces: Vec<&str> = raw
        .split(['\n', ',', ';'])
        .map(|p| p.trim().trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | '-')).trim())
        .filter(|p| !p.is_empty())
        .collect();
    let got = u32::try_from(pieces.len()).unwrap_or(u32::MAX);
    if got != expected {
        return Err(NamesError::WrongCount { expected, got });
    }
    pieces
        .iter()
        .enumerate()
        .map(|(i, p)| {
            PersonName::parse(p).map_err(|_| NamesError::NotAName { line: u32::try_from(i + 1).unwrap_or(0) })
        })
        .collect()
}

/// A registrant's details, also kept so that the next registration can reuse them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, Default)]
pub struct Details {
    pub enterprise: String,
    pub contact: String,
    pub position: String,
    pub phone: String,
    pub email: Option<String>,
    pub tax_code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationStatus {
    Confirmed,
    Waitlisted,
    Cancelled,
}

impl RegistrationStatus {
    pub fn code(&self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "confirmed" => Some(RegistrationStatus::Confirmed),
            "waitlisted" => Some(RegistrationStatus::Waitlisted),
            "cancelled" => Some(RegistrationStatus::Cancelled),
            _ => None,
        }
    }
}

/// A stored registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub id: i64,
    pub course_id: i64,
    pub user_id: i64,
    pub details: Details,
    pub attendees: Vec<Attendee>,
    pub status: RegistrationStatus,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub id: i64,
    pub name: String,
    pub attended: bool,
}

impl Registration {
    pub fn seats(&self) -> u32 {
        u32::try_from(self.attendees.len()).unwrap_or(u32::MAX)
    }

    pub fn code(&self) -> RegistrationCode {
        RegistrationCode::from_id(self.id)
    }
}

/// The words of an exported roster, in the reader's language (the caller renders them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLabels {
    /// One per column of [`ROSTER_COLUMNS`].
    pub header: Vec<String>,
    pub confirmed: String,
    pub waitlisted: String,
    pub yes: String,
    pub no: String,
}

/// Columns of an exported roster, one row per attendee.
pub const ROSTER_COLUMNS: usize = 12;

/// The short code on a confirmation, e.g. `DK-7QH3`: the registration id, scrambled so that
/// codes do not read as a running count, in letters and digits that cannot be confused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrationCode(i64);

const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// An odd multiplier and its inverse modulo 2^20 scramble ids below 2^20 one-to-one.
const MUL: u64 = 0x9E3B5;
const BITS: u32 = 20;

impl RegistrationCode {
    pub fn from_id(id: i64) -> Self {
        RegistrationCode(id)
    }

    pub fn id(&self) -> i64 {
        self.0
    }

    fn scramble(id: u64) -> u64 {
        let mask = (1u64 << BITS) - 1;
        let low = (id & mask).wrapping_mul(MUL) & mask;
        (id & !mask) | low
    }

    fn unscramble(x: u64) -> u64 {
        let mask = (1u64 << BITS) - 1;
        // Modular inverse of MUL modulo 2^20 by Newton's iteration.
        let mut inv: u64 = 1;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(MUL.wrapping_mul(inv))) & mask;
        }
        (x & !mask) | ((x & mask).wrapping_mul(inv) & mask)
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let body = raw.trim().to_ascii_uppercase();
        let body = body.strip_prefix("DK-").unwrap_or(&body);
        if body.is_empty() || body.len() > 12 {
            return None;
        }
        let mut value: u64 = 0;
        for b in body.bytes() {
            let digit = ALPHABET.iter().position(|&a| a == b)?;
            value = value.checked_mul(32)?.checked_add(digit as u64)?;
        }
        i64::try_from(Self::unscramble(value)).ok().map(RegistrationCode)
    }
}

impl fmt::Display for RegistrationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = Self::scramble(u64::try_from(self.0).unwrap_or(0));
        let mut chars = Vec::new();
        while value > 0 || chars.len() < 4 {
            chars.push(ALPHABET[(value % 32) as usize]);
            value /= 32;
        }
        chars.reverse();
        write!(f, "DK-{}", String::from_utf8_lossy(&chars))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsed_details_serialize_as_their_text_and_are_parsed_again_when_read() {
        let phone = Phone::parse("0912 345 678").expect("phone");
        assert_eq!(serde_json::to_string(&phone).expect("json"), r#""+84912345678""#);
        assert_eq!(serde_json::from_str::<Phone>(r#""+84912345678""#).expect("phone"), phone);
        let tax = TaxCode::parse("0100109106001").expect("tax code");
        assert_eq!(serde_json::to_string(&tax).expect("json"), r#""0100109106-001""#);
        assert_eq!(serde_json::from_str::<TaxCode>(r#""0100109106-001""#).expect("tax code"), tax);
        let email: Email = serde_json::from_str(r#""lan@congty.vn""#).expect("email");
        assert_eq!(email.to_string(), "lan@congty.vn");
        let name: PersonName = serde_json::from_str(r#""Nguyễn Thị Lan""#).expect("name");
        assert_eq!(name.as_str(), "Nguyễn Thị Lan");
        assert!(serde_json::from_str::<Phone>(r#""12""#).is_err());
        assert!(serde_json::from_str::<Email>(r#""lan@localhost""#).is_err());
        assert!(serde_json::from_str::<TaxCode>(r#""0100109107""#).is_err());
        assert!(serde_json::from_str::<PersonName>(r#""0912345678""#).is_err());
    }

    #[test]
    fn phones_are_normalised_to_e164() {
        for typed in ["0912 345 678", "0912.345.678", "0912345678", "84912345678", "+84 912 345 678", "+84912345678"] {
            assert_eq!(Phone::parse(typed).map(|p| p.as_str().to_owned()), Ok("+84912345678".into()), "{typed}");
        }
        assert!(Phone::parse("0262 3812 345").is_ok(), "a Đắk Lắk landline");
        for bad in ["", "12345", "0912", "abc", "09123456789012", "+84 000 000 000"] {
            assert_eq!(Phone::parse(bad), Err(PhoneError), "{bad}");
        }
    }

    #[test]
    fn emails_need_a_real_looking_domain() {
        assert_eq!(Email::parse(" lan@congty.vn ").map(|e| e.as_str().to_owned()), Ok("lan@congty.vn".into()));
        for bad in ["lan@congty", "lan", "@congty.vn", "lan@.vn", "lan congty.vn", "lan@@congty.vn"] {
            assert_eq!(Email::parse(bad), Err(EmailError), "{bad}");
        }
    }

    #[test]
    fn tax_codes_are_checked() {
        assert_eq!(TaxCode::parse("0100109106").map(|t| t.as_str().to_owned()), Ok("0100109106".into()));
        assert_eq!(TaxCode::parse("0100109106-001").map(|t| t.as_str().to_owned()), Ok("0100109106-001".into()));
        assert_eq!(TaxCode::parse("0100109106001").map(|t| t.as_str().to_owned()), Ok("0100109106-001".into()));
        assert_eq!(TaxCode::parse("0100109107"), Err(TaxCodeError::CheckDigit));
        assert_eq!(TaxCode::parse("0100109106-000"), Err(TaxCodeError::CheckDigit));
        assert_eq!(TaxCode::parse("010010910"), Err(TaxCodeError::Length));
        assert_eq!(TaxCode::parse("01001091O6"), Err(TaxCodeError::Length));
    }

    #[test]
    fn names_are_letters_in_any_script() {
        assert_eq!(
            PersonName::parse("  Nguyễn   Thị Lan ").map(|n| n.as_str().to_owned()),
            Ok("Nguyễn Thị Lan".into())
        );
        assert!(PersonName::parse("H'Hen Niê").is_ok());
        assert_eq!(PersonName::parse("0912345678"), Err(NameError::NotAName));
        assert_eq!(PersonName::parse("A"), Err(NameError::NotAName));
        assert_eq!(PersonName::parse(""), Err(NameError::Text(TextError::Empty)));
    }

    #[test]
    fn attendee_names_come_one_per_line_or_separated() {
        let names = parse_names("1. Nguyễn Văn An\n2) Trần Thị Bình\n\n", 2).expect("two names");
        assert_eq!(names.iter().map(PersonName::as_str).collect::<Vec<_>>(), ["Nguyễn Văn An", "Trần Thị Bình"]);
        assert_eq!(parse_names("An, Bình; Cường", 3).map(|n| n.len()), Ok(3));
        assert_eq!(parse_names("Nguyễn Văn An", 2), Err(NamesError::WrongCount { expected: 2, got: 1 }));
        assert_eq!(parse_names("Nguyễn Văn An\n@@@", 2), Err(NamesError::NotAName { line: 2 }));
    }

    #[test]
    fn counts_are_bounded() {
        assert_eq!(parse_count(" 3 ", 5), Ok(3));
        assert_eq!(parse_count("6", 5), Err(CountError::OutOfRange { max: 5 }));
        assert_eq!(parse_count("0", 5), Err(CountError::OutOfRange { max: 5 }));
        assert_eq!(parse_count("ba", 5), Err(CountError::NotANumber));
    }

    #[test]
    fn codes_are_short_unique_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for id in (1..3000).chain([1 << 20, (1 << 20) + 1, 123_456_789]) {
            let code = RegistrationCode::from_id(id).to_string();
            assert!(code.starts_with("DK-") && code.len() <= 9, "{code}");
            assert!(seen.insert(code.clone()), "{code} repeats");
            assert_eq!(RegistrationCode::parse(&code).map(|c| c.id()), Some(id), "{code}");
            assert_eq!(RegistrationCode::parse(&code.to_lowercase()).map(|c| c.id()), Some(id));
        }
        assert_ne!(RegistrationCode::from_id(1).to_string(), "DK-AAAB");
        assert_eq!(RegistrationCode::parse("DK-0O1I"), None);
    }
}
