//! The languages the bot speaks. Vietnamese is the default; English is the second locale.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The stable code stored in the database and used as the Fluent locale.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a stored code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The starting language of a new user from their Telegram client's `language_code`:
    /// English only when the client says English, Vietnamese otherwise.
    pub fn from_client(language_code: Option<&str>) -> Lang {
        match language_code {
            Some(code) if code.eq_ignore_ascii_case("en") || code.to_ascii_lowercase().starts_with("en-") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_english_client_starts_in_english() {
        assert_eq!(Lang::from_client(Some("en")), Lang::En);
        assert_eq!(Lang::from_client(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_client(Some("vi")), Lang::Vi);
        assert_eq!(Lang::from_client(Some("fr")), Lang::Vi);
        assert_eq!(Lang::from_client(Some("eng")), Lang::Vi);
        assert_eq!(Lang::from_client(None), Lang::Vi);
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
