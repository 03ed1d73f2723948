//! The FAQ: entries as the centre writes them, and the search that finds the right one for
//! a question typed on a phone. Pure: no database, no Telegram.

pub mod decision;
pub mod dense;
pub mod fusion;
pub mod index;
pub mod normalize;
pub mod offtopic;
pub mod restore;
pub mod synonyms;
pub mod vocabulary;

pub use decision::{Decision, Policy};
pub use index::{Hit, Index, Scoring};

/// Longest accepted fields, in characters.
pub const MAX_ID: usize = 40;
pub const MAX_CATEGORY: usize = 60;
pub const MAX_QUESTION: usize = 300;
pub const MAX_ANSWER: usize = 10_000;
pub const MAX_KEYWORDS: usize = 1_000;
pub const MAX_SOURCE: usize = 300;

/// A stable slug: lower-case ASCII letters, digits, `-` and `_`; short enough to travel in
/// Telegram's 64-byte callback data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaqId(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FaqError {
    #[error("id is empty")]
    EmptyId,
    #[error("id {0:?} may only hold a-z, 0-9, '-' and '_' and be at most 40 characters")]
    BadId(String),
    #[error("{field} is empty")]
    Empty { field: &'static str },
    #[error("{field} has {len} characters, over the limit of {max}")]
    TooLong { field: &'static str, len: usize, max: usize },
    #[error("question_en and answer_en must be both filled or both empty")]
    HalfEnglish,
    #[error("reviewed {0:?} is not a date in the DD/MM/YYYY form")]
    BadReviewed(String),
}

impl FaqId {
    pub fn parse(raw: &str) -> Result<Self, FaqError> {
        let id = raw.trim();
        if id.is_empty() {
            return Err(FaqError::EmptyId);
        }
        let ok = id.len() <= MAX_ID
            && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if ok {
            Ok(Self(id.to_owned()))
        } else {
            Err(FaqError::BadId(id.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One question and its answer, in Vietnamese and (optionally) English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaqEntry {
    pub id: FaqId,
    pub category: String,
    pub question_vi: String,
    pub answer_vi: String,
    pub question_en: String,
    pub answer_en: String,
    /// Extra search words, as written (`;`-separated in files).
    pub keywords: Vec<String>,
    /// The document the answer rests on ("Luật 77/2025/QH15"), shown under it; may be empty.
    pub source: String,
    /// When the centre last checked the answer.
    pub reviewed: Option<chrono::NaiveDate>,
}

/// The raw text fields of an entry, before validation.
#[derive(Debug, Clone, Default)]
pub struct RawEntry<'a> {
    pub id: &'a str,
    pub category: &'a str,
    pub question_vi: &'a str,
    pub answer_vi: &'a str,
    pub question_en: &'a str,
    pub answer_en: &'a str,
    pub keywords: &'a str,
    pub source: &'a str,
    /// DD/MM/YYYY or empty.
    pub reviewed: &'a str,
}

fn field(value: &str, name: &'static str, max: usize, required: bool) -> Result<String, FaqError> {
    let v = value.trim();
    let len = v.chars().count();
    if required && len == 0 {
        Err(FaqError::Empty { field: name })
    } else if len > max {
        Err(FaqError::TooLong { field: name, len, max })
    } else {
        // Every line break becomes "\n", a lone "\r" too, so that reading a field twice
        // gives what reading it once gave ("\r\r\n" is two breaks, not "\r" and one).
        Ok(v.replace("\r\n", "\n").replace('\r', "\n"))
    }
}

impl FaqEntry {
    pub fn parse(raw: &RawEntry<'_>) -> Result<Self, FaqError> {
        let question_en = field(raw.question_en, "question_en", MAX_QUESTION, false)?;
        let answer_en = field(raw.answer_en, "answer_en", MAX_ANSWER, false)?;
        if question_en.is_empty() != answer_en.is_empty() {
            return Err(FaqError::HalfEnglish);
        }
        let keywords = field(raw.keywords, "keywords", MAX_KEYWORDS, false)?;
        let reviewed = match raw.reviewed.trim() {
            "" => None,
            r => Some(
                chrono::NaiveDate::parse_from_str(r, "%d/%m/%Y").map_err(|_| FaqError::BadReviewed(r.to_owned()))?,
            ),
        };
        Ok(Self {
            id: FaqId::parse(raw.id)?,
            category: field(raw.category, "category", MAX_CATEGORY, true)?,
            question_vi: field(raw.question_vi, "question_vi", MAX_QUESTION, true)?,
            answer_vi: field(raw.answer_vi, "answer_vi", MAX_ANSWER, true)?,
            question_en,
            answer_en,
            keywords: keywords.split(';').map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect(),
            source: field(raw.source, "source", MAX_SOURCE, false)?,
            reviewed,
        })
    }

    /// A fingerprint of everything the centre can edit in the entry, to tell a shipped entry
    /// nobody changed from one the centre rewrote.
    pub fn content_hash(&self) -> String {
        let reviewed = self.reviewed.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
        let keywords = self.keywords.join(";");
        let fields = [
            self.category.as_str(),
            &self.question_vi,
            &self.answer_vi,
            &self.question_en,
            &self.answer_en,
            &keywords,
            &self.source,
            &reviewed,
        ];
        dense::fingerprint("faq-entry", "", &fields.join("\u{1f}"))
    }

    /// The question and answer to show in `english` or Vietnamese; Vietnamese when the entry
    /// has no English.
    pub fn text(&self, english: bool) -> (&str, &str) {
        if english && !self.question_en.is_empty() {
            (&self.question_en, &self.answer_en)
        } else {
            (&self.question_vi, &self.answer_vi)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_are_read_the_same_once_or_twice() {
        for raw in ["a\r\nb", "a\rb", "a\r\r\nb", "a\n\r\nb"] {
            let once = field(raw, "answer_vi", 100, true).expect("fits");
            assert!(!once.contains('\r'), "{raw:?} gave {once:?}");
            assert_eq!(field(&once, "answer_vi", 100, true).expect("fits"), once);
        }
        assert_eq!(field("a\r\r\nb", "answer_vi", 100, true).expect("fits"), "a\n\nb");
    }

    fn raw<'a>(id: &'a str, q: &'a str) -> RawEntry<'a> {
        RawEntry { id, category: "Khái niệm", question_vi: q, answer_vi: "Trả lời.", ..RawEntry::default() }
    }

    #[test]
    fn entries_are_validated_field_by_field() {
        assert!(FaqEntry::parse(&raw("sxsh-la-gi", "SXSH là gì?")).is_ok());
        assert_eq!(FaqEntry::parse(&raw("", "x")).err(), Some(FaqError::EmptyId));
        assert!(matches!(FaqEntry::parse(&raw("Có dấu", "x")), Err(FaqError::BadId(_))));
        assert_eq!(FaqEntry::parse(&raw("a", " ")).err(), Some(FaqError::Empty { field: "question_vi" }));
        let long = "x".repeat(MAX_QUESTION + 1);
        assert!(matches!(FaqEntry::parse(&raw("a", &long)), Err(FaqError::TooLong { field: "question_vi", .. })));
        let half = RawEntry { question_en: "What?", ..raw("a", "Gì?") };
        assert_eq!(FaqEntry::parse(&half).err(), Some(FaqError::HalfEnglish));
    }

    #[test]
    fn keywords_split_on_semicolons() {
        let e = FaqEntry::parse(&RawEntry { keywords: " SXSH; CP ;; sạch ", ..raw("a", "Gì?") }).expect("valid");
        assert_eq!(e.keywords, vec!["SXSH", "CP", "sạch"]);
    }

    #[test]
    fn source_and_review_date_are_optional_and_checked() {
        let e =
            FaqEntry::parse(&RawEntry { source: " Luật 77/2025/QH15 ", reviewed: "06/12/2026", ..raw("a", "Gì?") })
                .expect("valid");
        assert_eq!(e.source, "Luật 77/2025/QH15");
        assert_eq!(e.reviewed, chrono::NaiveDate::from_ymd_opt(2026, 12, 6));
        let none = FaqEntry::parse(&raw("a", "Gì?")).expect("valid");
        assert_eq!((none.source.as_str(), none.reviewed), ("", None));
        let bad = RawEntry { reviewed: "2026-12-06", ..raw("a", "Gì?") };
        assert_eq!(FaqEntry::parse(&bad).err(), Some(FaqError::BadReviewed("2026-12-06".into())));
        let bad_day = RawEntry { reviewed: "31/02/2026", ..raw("a", "Gì?") };
        assert!(matches!(FaqEntry::parse(&bad_day), Err(FaqError::BadReviewed(_))));
    }

    #[test]
    fn the_content_fingerprint_is_the_one_the_list_of_earlier_releases_was_made_with() {
        let e = FaqEntry::parse(&RawEntry {
            id: "a",
            category: "Chung",
            question_vi: "Hỏi gì?",
            answer_vi: "Đáp thế này.\r\nDòng hai.",
            question_en: "What?",
            answer_en: "This.",
            keywords: "SXSH; CP",
            source: "Luật 77/2025/QH15",
            reviewed: "06/12/2026",
        })
        .expect("valid");
        assert_eq!(e.content_hash(), "076df17fbb7a767a");
        let edited = FaqEntry { answer_vi: "Đáp khác.".into(), ..e.clone() };
        assert_ne!(edited.content_hash(), e.content_hash());
    }
}
