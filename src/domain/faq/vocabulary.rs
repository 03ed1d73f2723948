//! Synonyms as data: the built-in vocabulary ([`super::synonyms`]) as rows a centre can export,
//! extend and import, and the centre's own rows applied to entries and questions.
//!
//! A row is an abbreviation ("xlnt" → "xử lý nước thải") or a concept: a name and the phrases
//! that mean the same ("tiền điện; hóa đơn điện; electricity bill"). The built-in rows are part
//! of the search engine; the centre's rows work on top of them by writing, into an entry's
//! search words and into a question, the first phrase of every concept one of whose phrases it
//! contains, and the words of every abbreviation it uses: the two then meet on the same words.

use super::normalize::folded_words;
use super::synonyms::{ABBREVIATIONS, CONCEPTS};

pub const MAX_NAME: usize = 60;
pub const MAX_PHRASES: usize = 1_000;

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynonymKind {
    Abbreviation,
    Concept,
}

impl SynonymKind {
    pub fn code(self) -> &'static str {
        match self {
            SynonymKind::Abbreviation => "abbreviation",
            SynonymKind::Concept => "concept",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "abbreviation" => Some(SynonymKind::Abbreviation),
            "concept" => Some(SynonymKind::Concept),
            _ => None,
        }
    }
}

/// One row: an abbreviation and its words, or a concept and its phrases (folded, lower case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synonym {
    pub kind: SynonymKind,
    pub name: String,
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynonymError {
    #[error("kind must be \"abbreviation\" or \"concept\", not {0:?}")]
    Kind(String),
    #[error("name is empty")]
    EmptyName,
    #[error("an abbreviation is one word without spaces")]
    AbbreviationWords,
    #[error("phrases are empty")]
    NoPhrases,
    #[error("{field} has {len} characters, over the limit of {max}")]
    TooLong { field: &'static str, len: usize, max: usize },
}

/// Folded, lower-case words of a phrase, joined by single spaces.
fn plain(text: &str) -> String {
    folded_words(text).join(" ")
}

impl Synonym {
    pub fn parse(kind: &str, name: &str, phrases: &str) -> Result<Self, SynonymError> {
        let kind = SynonymKind::parse(kind).ok_or_else(|| SynonymError::Kind(kind.trim().to_owned()))?;
        for (field, value, max) in [("name", name, MAX_NAME), ("phrases", phrases, MAX_PHRASES)] {
            let len = value.chars().count();
            if len > max {
                return Err(SynonymError::TooLong { field, len, max });
            }
        }
        let name = plain(name);
        if name.is_empty() {
            return Err(SynonymError::EmptyName);
        }
        if kind == SynonymKind::Abbreviation && name.contains(' ') {
            return Err(SynonymError::AbbreviationWords);
        }
        let mut list: Vec<String> = Vec::new();
        for p in phrases.split(';').map(plain).filter(|p| !p.is_empty()) {
            if !list.contains(&p) {
                list.push(p);
            }
        }
        if list.is_empty() || (kind == SynonymKind::Abbreviation && list.len() != 1) {
            return Err(SynonymError::NoPhrases);
        }
        Ok(Synonym { kind, name, phrases: list })
    }
}

/// The built-in rows, as shipped.
pub fn built_in() -> Vec<Synonym> {
    let abbreviations = ABBREVIATIONS.iter().map(|(a, w)| Synonym {
        kind: SynonymKind::Abbreviation,
        name: (*a).to_owned(),
        phrases: vec![(*w).to_owned()],
    });
    let concepts = CONCEPTS.iter().map(|(c, ps)| Synonym {
        kind: SynonymKind::Concept,
        name: (*c).to_owned(),
        phrases: ps.iter().map(|p| (*p).to_owned()).collect(),
    });
    abbreviations.chain(concepts).collect()
}

/// The rows of `rows` that add something to the built-in vocabulary: a new abbreviation or
/// concept, or an existing one with phrases it did not have (only those phrases kept, with
/// the built-in first phrase so that they meet it).
pub fn additions(rows: &[Synonym]) -> Vec<Synonym> {
    let shipped = built_in();
    let mut out = Vec::new();
    for row in rows {
        match shipped.iter().find(|s| s.kind == row.kind && s.name == row.name) {
            None => out.push(row.clone()),
            Some(s) if row.kind == SynonymKind::Abbreviation => {
                if s.phrases != row.phrases {
                    out.push(row.clone());
                }
            }
            Some(s) => {
                let new: Vec<String> = row.phrases.iter().filter(|p| !s.phrases.contains(p)).cloned().collect();
                if !new.is_empty() {
                    let mut phrases = vec![s.phrases[0].clone()];
                    phrases.extend(new);
                    out.push(Synonym { phrases, ..row.clone() });
                }
            }
        }
    }
    out
}

/// The centre's rows, ready to apply.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    rows: Vec<Synonym>,
}

impl Extra {
    pub fn new(rows: Vec<Synonym>) -> Self {
        Extra { rows }
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The words to add to `text` so that it meets the other phrasings of what it says
    /// (empty when it needs none).
    pub fn expansion(&self, text: &str) -> String {
        if self.rows.is_empty() {
            return String::new();
        }
        let folded = format!(" {} ", plain(text));
        let has = |phrase: &str| folded.contains(&format!(" {phrase} "));
        let mut out: Vec<&str> = Vec::new();
        for row in &self.rows {
            match row.kind {
                SynonymKind::Abbreviation if has(&row.name) => out.push(&row.phrases[0]),
                SynonymKind::Concept if row.phrases.iter().any(|p| has(p)) => {
                    out.extend(row.phrases.iter().filter(|p| !has(p)).map(String::as_str))
                }
                _ => {}
            }
        }
        out.join(" ")
    }

    /// The question with its expansion after it.
    pub fn expand(&self, question: &str) -> String {
        let extra = self.expansion(question);
        if extra.is_empty() {
            question.to_owned()
        } else {
            format!("{question} {extra}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_checked_and_folded() {
        let row = Synonym::parse("concept", "Lò hơi", "lò hơi; nồi hơi ;; Boiler").expect("valid");
        assert_eq!(row.name, "lo hoi");
        assert_eq!(row.phrases, vec!["lo hoi", "noi hoi", "boiler"]);
        assert_eq!(Synonym::parse("thing", "a", "b").err(), Some(SynonymError::Kind("thing".into())));
        assert_eq!(Synonym::parse("abbreviation", "x y", "b").err(), Some(SynonymError::AbbreviationWords));
        assert_eq!(Synonym::parse("abbreviation", "lh", "a; b").err(), Some(SynonymError::NoPhrases));
        assert_eq!(Synonym::parse("concept", "  ", "b").err(), Some(SynonymError::EmptyName));
        assert_eq!(Synonym::parse("concept", "a", " ; ").err(), Some(SynonymError::NoPhrases));
    }

    #[test]
    fn only_what_the_built_in_rows_lack_is_kept() {
        let shipped = built_in();
        assert!(additions(&shipped).is_empty(), "the built-in rows add nothing to themselves");
        let mut rows = shipped.clone();
        let concept = rows.iter_mut().find(|r| r.kind == SynonymKind::Concept).expect("a concept");
        concept.phrases.push("tu moi".into());
        let first = concept.phrases[0].clone();
        rows.push(Synonym::parse("abbreviation", "lh", "lò hơi").expect("valid"));
        let added = additions(&rows);
        assert_eq!(added.len(), 2);
        assert_eq!(added[0].phrases, vec![first, "tu moi".to_owned()]);
        assert_eq!(added[1].name, "lh");
    }

    #[test]
    fn a_phrase_brings_the_others_and_an_abbreviation_its_words() {
        let extra = Extra::new(vec![
            Synonym::parse("concept", "lo hoi", "lò hơi; nồi hơi; boiler").expect("valid"),
            Synonym::parse("abbreviation", "lh", "lò hơi").expect("valid"),
        ]);
        assert_eq!(extra.expansion("Nồi hơi bị rò rỉ"), "lo hoi boiler");
        assert_eq!(extra.expansion("lh tốn than"), "lo hoi");
        assert_eq!(extra.expansion("hơi nước"), "", "a phrase is matched as whole words");
        assert_eq!(extra.expand("tiết kiệm nước"), "tiết kiệm nước");
    }
}
