//! An in-memory search index over the FAQ, rebuilt whenever the FAQ changes (500 entries
//! take milliseconds). Terms are folded syllables, syllable bigrams (Vietnamese words are
//! several syllables) and concept terms from the synonym table; ranking is BM25F over the
//! question (weighted most), keywords and answer of the Vietnamese and the English side, each
//! query term scoring on the side where it fits best, so that an English or a mixed query
//! meets the English text whatever the user's language. The score grows with how much of the
//! entry's own question the query covers, which lets an FAQ imported without keywords be
//! found from its questions and answers alone.
//!
//! Query words are read generously: Telex and VNI residue are decoded, and a word the index
//! does not know is matched to a close one (typos). Whether to answer, ask "did you mean…"
//! or admit not knowing is decided from how much of the question the best entry covers.

use std::collections::HashSet;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use super::decision::{Decision, Policy};
use super::normalize::{fold, fold_into, is_vietnamese_syllable, is_word_char, nfc, telex, vni, words};
use super::synonyms::{ABBREVIATIONS, CONCEPTS, MARKED_STOPWORDS, STOPWORDS};
use super::FaqEntry;

const FIELDS: usize = 3;
const SIDES: usize = 2; // Vietnamese, English

/// Every weight of the lexical score: BM25F over an entry's question, keywords and answer,
/// with the question's terms weighted by kind. The answer policy's thresholds are
/// [`Policy`]'s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scoring {
    /// A match's weight in an entry's question, keywords and answer.
    pub field_weights: [f32; FIELDS],
    /// BM25's term-frequency saturation ...
    pub k1: f32,
    /// ... and length normalisation.
    pub b: f32,
    /// Share of a word's weight when it is a filler ("cho", "của", "the").
    pub stopword_weight: f32,
    /// Share of a word's weight for two words met side by side.
    pub bigram_weight: f32,
    /// Share of a word's weight for a concept one of whose phrases the text holds.
    pub concept_weight: f32,
    /// Share of a word's weight when it matches only once marks are removed.
    pub mark_mismatch: f32,
    /// How much an entry's score grows when the query covers all of its question.
    pub question_boost: f32,
    /// Exponent of the query coverage the score is multiplied by.
    pub coordination: f32,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            field_weights: [3.0, 2.0, 1.0],
            k1: 1.2,
            b: 0.75,
            stopword_weight: 0.3,
            bigram_weight: 0.6,
            concept_weight: 0.7,
            mark_mismatch: 0.35,
            question_boost: 1.0,
            coordination: 0.3,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Word,
    Bigram,
    Concept,
}

#[derive(Debug, Clone)]
struct Term {
    text: String,
    kind: Kind,
    stop: bool,
}

/// Per term, the documents (and side) it occurs in, with its count in each field.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    side: u8,
    tf: [u16; FIELDS],
}

/// One scored entry, by its position in the slice the index was built from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f32,
    /// Share of the question's weight this entry matches (0–1, capped for long questions).
    pub coverage: f32,
    /// How many meaningful (non-filler) words and concepts of the question the entry matches,
    /// rare words counting fully and common ones half.
    pub evidence: f32,
    /// The part of [`Hit::evidence`] met in the entry's question or keywords (not only in
    /// its answer).
    pub title_evidence: f32,
    /// Share of the entry's question (its meaningful words' weight) the question matches.
    pub question_coverage: f32,
    /// The score of the off-topic reference question ([`super::offtopic`]) that fits the
    /// question best, on the same scale (0 when none shares a word with it): the same for
    /// every hit of one question.
    pub off_topic: f32,
    /// How many words the message has (the same for every hit of one message).
    pub message_words: u16,
}

pub struct Index {
    policy: Policy,
    scoring: Scoring,
    /// Term → its id, which indexes `starts` and `df`.
    ids: FxHashMap<String, u32>,
    /// Postings grouped by term: term `id`'s are `postings[starts[id]..starts[id + 1]]`.
    postings: Vec<Posting>,
    starts: Vec<u32>,
    /// Documents each term occurs in (either side).
    df: Vec<u32>,
    /// Word terms by first letter, for typo matching.
    vocabulary: FxHashMap<char, Vec<String>>,
    /// Content word pairs (`den_led`) one of whose words folds like a filler.
    pairs: FxHashSet<String>,
    /// Words with marks as written (`đèn`) → the documents they occur in, ascending.
    marked: FxHashMap<String, Vec<u32>>,
    avg_len: [[f32; FIELDS]; SIDES],
    lens: Vec<[[u16; FIELDS]; SIDES]>,
    /// Per document and side, the summed weight of its question's meaningful terms.
    question_weight: Vec<[f32; SIDES]>,
    /// Whether each entry's question asks to stop, cancel or refuse something.
    stopping: Vec<bool>,
    /// The highest step number the FAQ names anywhere ("bước 6", "step 6"): what "the last
    /// step" is.
    last_step: Option<u32>,
    /// The steps each entry's question or keywords name.
    steps: Vec<Vec<u32>>,
    /// Entries; the off-topic references are the documents after them.
    docs: usize,
    references: usize,
}

/// Words that name a step or stage, before its number.
const STEP_WORDS: [&str; 4] = ["buoc", "step", "stage", "phase"];

/// The number an ordinal word stands for, in Vietnamese (folded) or English.
fn ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "nhat" | "first" | "1st" => 1,
        "hai" | "second" | "2nd" => 2,
        "ba" | "third" | "3rd" => 3,
        "bon" | "tu" | "fourth" | "4th" => 4,
        "nam" | "fifth" | "5th" => 5,
        "sau" | "sixth" | "6th" => 6,
        "bay" | "seventh" | "7th" => 7,
        "tam" | "eighth" | "8th" => 8,
        "chin" | "ninth" | "9th" => 9,
        "muoi" | "tenth" | "10th" => 10,
        _ => return None,
    })
}

/// The step numbers a text names: "bước 3", "step 3". A number is read with the step word
/// before it only within one phrase: in the keywords "6 bước; 18 nhiệm vụ" there is no
/// "bước 18".
fn step_numbers(text: &str) -> Vec<u32> {
    text.split([';', ',', '.', ':', '!', '?', '(', ')', '\n'])
        // A step is named with digits ("bước 3"): a phrase without one is not folded at all
        // (most of an answer's phrases; this halves the index build).
        .filter(|phrase| phrase.bytes().any(|b| b.is_ascii_digit()))
        .flat_map(|phrase| steps_in(&super::normalize::folded_words(phrase)))
        .collect()
}

/// [`step_numbers`] of words already folded.
fn steps_in(words: &[String]) -> Vec<u32> {
    words
        .windows(2)
        .filter(|p| STEP_WORDS.contains(&p[0].as_str()))
        .filter_map(|p| p[1].parse::<u32>().ok())
        .filter(|n| (1..=20).contains(n))
        .collect()
}

/// A step named by its place ("bước thứ hai", "bước đầu tiên", "bước cuối", "the second
/// step", "the last step") is written with its number, as FAQs name steps ("bước 2"); "last"
/// only when the FAQ's highest step is known.
pub fn number_steps(query: &str, last_step: Option<u32>) -> String {
    let words: Vec<String> = super::normalize::words(query);
    let folded: Vec<String> = words.iter().map(|w| super::normalize::fold(w)).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut changed = false;
    let mut i = 0;
    let is_step = |w: &str| STEP_WORDS.contains(&w);
    while i < words.len() {
        let w = folded[i].as_str();
        if is_step(w) {
            // bước [thứ] hai | bước đầu tiên | bước cuối [cùng]
            let mut j = i + 1;
            if folded.get(j).is_some_and(|x| x == "thu") {
                j += 1;
            }
            let next = folded.get(j).map(String::as_str);
            let number = match next {
                Some("dau") if folded.get(j + 1).is_some_and(|x| x == "tien") => Some((1, j + 2)),
                Some("cuoi") => {
                    last_step.map(|n| (n, if folded.get(j + 1).is_some_and(|x| x == "cung") { j + 2 } else { j + 1 }))
                }
                // Without "thứ", "năm", "tư" and "sau" are more often "year", "private", "after".
                Some(x) if j > i + 1 || !["nam", "tu", "sau"].contains(&x) => ordinal(x).map(|n| (n, j + 1)),
                _ => None,
            };
            if let Some((n, end)) = number {
                out.push(words[i].clone());
                out.push(n.to_string());
                i = end;
                changed = true;
                continue;
            }
        } else if let Some(n) = ordinal(w).filter(|_| w.is_ascii() && words[i].is_ascii()) {
            // the second step
            if folded.get(i + 1).is_some_and(|x| is_step(x))
                && ["first", "second", "third", "fourth", "fifth", "sixth"].contains(&w)
            {
                out.push(folded[i + 1].clone());
                out.push(n.to_string());
                i += 2;
                changed = true;
                continue;
            }
        } else if (w == "last" || w == "final") && folded.get(i + 1).is_some_and(|x| is_step(x)) {
            if let Some(n) = last_step {
                out.push(folded[i + 1].clone());
                out.push(n.to_string());
                i += 2;
                changed = true;
                continue;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    if changed {
        out.join(" ")
    } else {
        query.to_owned()
    }
}

/// Whether a text asks to stop, cancel or refuse something, from its folded words: "hủy",
/// "ngừng", "không muốn", "thôi nhận", "tắt thông báo", "bỏ đăng ký", "unsubscribe", "stop",
/// "no longer"… ("tắt" only before what is turned off: folded, it is also "tất").
pub fn asks_to_stop(text: &str) -> bool {
    stops_in(&super::normalize::folded_words(text))
}

/// [`asks_to_stop`] of words already folded.
fn stops_in(words: &[String]) -> bool {
    const ALONE: [&str; 6] = ["huy", "ngung", "unsubscribe", "cancel", "stop", "opt"];
    const PAIRS: [(&str, &str); 12] = [
        ("khong", "muon"),
        ("khong", "nhan"),
        ("khong", "can"),
        ("thoi", "nhan"),
        ("thoi", "khong"),
        ("dung", "nhan"),
        ("bo", "dang"),
        ("tat", "thong"),
        ("tat", "tin"),
        ("no", "longer"),
        ("turn", "off"),
        ("dont", "want"),
    ];
    words.iter().any(|w| ALONE.contains(&w.as_str()))
        || words.windows(2).any(|p| PAIRS.contains(&(p[0].as_str(), p[1].as_str())))
        || words.windows(3).any(|p| p[0] == "don" && p[1] == "t" && p[2] == "want")
}

/// Inverse document frequency (BM25's, never negative).
fn idf(docs: usize, df: u32) -> f32 {
    let n = docs as f32;
    let df = df as f32;
    ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
}

fn stem(mut w: String) -> String {
    stem_in_place(&mut w);
    w
}

fn english() -> &'static rust_stemmers::Stemmer {
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

/// English words are stemmed (Snowball's English stemmer), so that "save", "saves", "saved"
/// and "saving" meet, as do "company" and "companies"; words that can be Vietnamese
/// syllables (folded or not), filler words and short words pass through untouched.
fn stem_in_place(w: &mut String) {
    if w.len() <= 3
        || !w.bytes().all(|b| b.is_ascii_lowercase())
        || is_vietnamese_syllable(w)
        || stopwords().contains(w.as_str())
    {
        return;
    }
    let stemmed = english().stem(w);
    if stemmed.len() >= 3 && stemmed != w.as_str() {
        *w = stemmed.into_owned();
    }
}

fn abbreviations() -> &'static FxHashMap<&'static str, &'static str> {
    static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| ABBREVIATIONS.iter().copied().collect())
}

/// Appends `word` (with whether it is a filler), or the words of the abbreviation it is.
fn expand_into(word: String, stop: bool, out: &mut Vec<String>, stops: &mut Vec<bool>) {
    match abbreviations().get(word.as_str()) {
        Some(full) => {
            for w in full.split(' ') {
                stops.push(stopwords().contains(w));
                out.push(w.to_owned());
            }
        }
        None => {
            out.push(word);
            stops.push(stop);
        }
    }
}

/// (concept, the words of one of its phrases).
type Phrase = (&'static str, Vec<&'static str>);

/// A concept and its phrases, each a list of words.
type Concept = (&'static str, Vec<Vec<&'static str>>);

/// Each concept with its phrases, their words stemmed as indexed text is.
fn concepts() -> &'static [Concept] {
    static TABLE: OnceLock<Vec<Concept>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut stemmed: FxHashMap<&'static str, &'static str> = FxHashMap::default();
        let mut word = |w: &'static str| -> &'static str {
            stemmed.entry(w).or_insert_with(|| {
                let s = stem(w.to_owned());
                if s == w {
                    w
                } else {
                    // Built once per process, a few hundred bytes.
                    Box::leak(s.into_boxed_str())
                }
            })
        };
        CONCEPTS
            .iter()
            .map(|(concept, phrases)| {
                (*concept, phrases.iter().map(|p| p.split(' ').map(&mut word).collect()).collect())
            })
            .collect()
    })
}

/// Concept phrases by their first word, built once.
fn phrases_by_first_word() -> &'static FxHashMap<&'static str, Vec<Phrase>> {
    static TABLE: OnceLock<FxHashMap<&'static str, Vec<Phrase>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: FxHashMap<&str, Vec<Phrase>> = FxHashMap::default();
        for (concept, phrases) in concepts() {
            for words in phrases {
                table.entry(words[0]).or_default().push((concept, words.clone()));
            }
        }
        table
    })
}

fn stopwords() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

fn marked_stopwords() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| MARKED_STOPWORDS.iter().copied().collect())
}

/// Whether a lower-case word as typed is a filler: by its marks when it has any ("đèn" is a
/// lamp, "đến" a filler), else by its folded form.
fn is_filler(raw: &str, folded: &str) -> bool {
    if raw.is_ascii() {
        stopwords().contains(folded)
    } else {
        marked_stopwords().contains(raw)
    }
}

/// Folded, expanded words (with whether each is a filler) → word, bigram and concept terms.
fn terms_of(words: &[String], stops: &[bool]) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::with_capacity(words.len() * 2 + 4);
    out.extend(words.iter().zip(stops).map(|(w, &stop)| Term { text: w.clone(), kind: Kind::Word, stop }));
    for (i, pair) in words.windows(2).enumerate() {
        let both_stop = stops[i] && stops[i + 1];
        let mut text = String::with_capacity(pair[0].len() + pair[1].len() + 1);
        text.push_str(&pair[0]);
        text.push('_');
        text.push_str(&pair[1]);
        out.push(Term { text, kind: Kind::Bigram, stop: both_stop });
    }
    let table = phrases_by_first_word();
    let mut concepts: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        for (concept, phrase) in table.get(w.as_str()).into_iter().flatten() {
            let matches = words.len() - i >= phrase.len()
                && words[i..i + phrase.len()].iter().map(String::as_str).eq(phrase.iter().copied());
            if matches && !concepts.contains(concept) {
                concepts.push(concept);
            }
        }
    }
    out.extend(concepts.into_iter().map(|c| Term { text: format!("@{c}"), kind: Kind::Concept, stop: false }));
    out
}

/// Bounded Levenshtein distance (None when above `max`).
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        prev = cur;
    }
    (prev[b.len()] <= max).then_some(prev[b.len()])
}

/// The terms of one field, as ids, and how many words it has.
#[derive(Default)]
struct Field {
    terms: Vec<u32>,
    words: u16,
    /// Its meaningful terms (words that are not fillers, and concepts), with their kind's
    /// weight: what a question must match to be covered.
    content: Vec<(u32, f32)>,
}

/// One folded, expanded word of a field: its term id and whether it is a filler there.
#[derive(Debug, Clone, Copy)]
struct Word {
    id: u32,
    stop: bool,
}

/// What a token as written analyses to: its words (`Builder::token_words[start..end]`, more
/// than one for an abbreviation) and, for a word with marks, its entry in `marked_docs`.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: u32,
    end: u32,
    marked: Option<u32>,
}

/// What the builder knows of a term once, when first seen, so that each occurrence is a few
/// array reads rather than string look-ups.
#[derive(Debug, Clone, Copy)]
struct TermInfo {
    /// End of its text in `Builder::names` (it starts where the previous term's ends).
    end: u32,
    /// A word whose folded form is a filler ("den" for "đến" and "đèn").
    filler: bool,
    /// A content word pair already noted in `pairs`.
    paired: bool,
    /// Concept phrases this word starts.
    phrases: &'static [Phrase],
}

/// Builds the index with one set of reusable buffers. The FAQ repeats its words, so each
/// distinct token as written is analysed once (lower case, folding, filler, abbreviation,
/// concept phrases) and every later occurrence is one hash look-up; bigrams are keyed by the
/// pair of word ids. A term's string is written once, when first seen.
#[derive(Default)]
struct Builder {
    /// Word terms → id; bigram and concept terms are added when the index is assembled.
    words: FxHashMap<String, u32>,
    bigrams: FxHashMap<u64, u32>,
    concepts: FxHashMap<&'static str, u32>,
    /// Every term's text, one after another, and what is known of it, by term id.
    names: String,
    terms: Vec<TermInfo>,
    tokens: FxHashMap<String, Token>,
    token_words: Vec<Word>,
    /// Words with marks as written → their entry in `marked_docs`.
    marked: FxHashMap<String, u32>,
    marked_docs: Vec<Vec<u32>>,
    /// Every (term, posting), in document then side order.
    postings: Vec<(u32, Posting)>,
    /// Per term id, its counts in the document being indexed.
    tf: Vec<[u16; FIELDS]>,
    touched: Vec<u32>,
    lower: String,
    word: String,
    scratch: String,
    /// The current field's words.
    field: Vec<Word>,
    /// [`Scoring::concept_weight`].
    concept_weight: f32,
}

impl Builder {
    fn name(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 { 0 } else { self.terms[i - 1].end as usize };
        &self.names[start..self.terms[i].end as usize]
    }

    /// A new term id for `text`.
    fn add_term(&mut self, text: &str, filler: bool, phrases: &'static [Phrase]) -> u32 {
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.names.push_str(text);
        let end = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.terms.push(TermInfo { end, filler, paired: false, phrases });
        self.tf.push([0; FIELDS]);
        id
    }

    fn word_id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.words.get(word) {
            return id;
        }
        let phrases = phrases_by_first_word().get(word).map_or(&[][..], Vec::as_slice);
        let id = self.add_term(word, stopwords().contains(word), phrases);
        self.words.insert(word.to_owned(), id);
        id
    }

    fn bigram_id(&mut self, a: u32, b: u32) -> u32 {
        let key = u64::from(a) << 32 | u64::from(b);
        if let Some(&id) = self.bigrams.get(&key) {
            return id;
        }
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        text.push_str(self.name(a));
        text.push('_');
        text.push_str(self.name(b));
        let id = self.add_term(&text, false, &[]);
        self.scratch = text;
        self.bigrams.insert(key, id);
        id
    }

    fn concept_id(&mut self, concept: &'static str) -> u32 {
        if let Some(&id) = self.concepts.get(concept) {
            return id;
        }
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        text.push('@');
        text.push_str(concept);
        let id = self.add_term(&text, false, &[]);
        self.scratch = text;
        self.concepts.insert(concept, id);
        id
    }

    /// Analyses a token as written, the first time it is met.
    fn token(&mut self, token: &str) -> Token {
        let mut word = std::mem::take(&mut self.word);
        word.clear();
        let mut marked = None;
        let stop = if token.is_ascii() {
            word.extend(token.chars().map(|c| c.to_ascii_lowercase()));
            stopwords().contains(word.as_str())
        } else {
            self.lower.clear();
            self.lower.extend(token.chars().flat_map(char::to_lowercase));
            fold_into(&self.lower, &mut word);
            marked = Some(match self.marked.get(self.lower.as_str()) {
                Some(&m) => m,
                None => {
                    let m = u32::try_from(self.marked_docs.len()).unwrap_or(u32::MAX);
                    self.marked.insert(self.lower.clone(), m);
                    self.marked_docs.push(Vec::new());
                    m
                }
            });
            marked_stopwords().contains(self.lower.as_str())
        };
        stem_in_place(&mut word);
        let start = u32::try_from(self.token_words.len()).unwrap_or(u32::MAX);
        match abbreviations().get(word.as_str()) {
            Some(full) => {
                for w in full.split(' ') {
                    let id = self.word_id(w);
                    self.token_words.push(Word { id, stop: stopwords().contains(w) });
                }
            }
            None => {
                let id = self.word_id(&word);
                self.token_words.push(Word { id, stop });
            }
        }
        self.word = word;
        let end = u32::try_from(self.token_words.len()).unwrap_or(u32::MAX);
        let t = Token { start, end, marked };
        self.tokens.insert(token.to_owned(), t);
        t
    }

    /// Index-time analysis of the text as written by the centre: word, bigram and concept
    /// terms into `out`. Adjacent content words one of which folds like a filler ("đèn LED",
    /// "khí nén", "đầu tư") are noted as pairs, so that the same words typed without marks
    /// are read as content too; words with marks are noted with their documents.
    fn analyze(&mut self, text: &str, doc: u32, out: &mut Field) {
        out.terms.clear();
        out.content.clear();
        self.field.clear();
        let composed = nfc(text);
        for token in composed.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
            let t = match self.tokens.get(token) {
                Some(&t) => t,
                None => self.token(token),
            };
            if let Some(m) = t.marked {
                let docs = &mut self.marked_docs[m as usize];
                if docs.last() != Some(&doc) {
                    docs.push(doc);
                }
            }
            self.field.extend_from_slice(&self.token_words[t.start as usize..t.end as usize]);
        }
        let field = std::mem::take(&mut self.field);
        out.terms.reserve(field.len() * 2);
        for (i, w) in field.iter().enumerate() {
            out.terms.push(w.id);
            if !w.stop {
                out.content.push((w.id, 1.0));
            }
            if i == 0 {
                continue;
            }
            let prev = field[i - 1];
            let id = self.bigram_id(prev.id, w.id);
            out.terms.push(id);
            if !prev.stop
                && !w.stop
                && !self.terms[id as usize].paired
                && (self.terms[prev.id as usize].filler || self.terms[w.id as usize].filler)
            {
                self.terms[id as usize].paired = true;
            }
        }
        out.words = u16::try_from(field.len()).unwrap_or(u16::MAX);
        let mut concepts: Vec<&str> = Vec::new();
        for i in 0..field.len() {
            for (concept, phrase) in self.terms[field[i].id as usize].phrases {
                let matches = field.len() - i >= phrase.len()
                    && (0..phrase.len()).all(|k| self.name(field[i + k].id) == phrase[k]);
                if matches && !concepts.contains(concept) {
                    concepts.push(concept);
                    let id = self.concept_id(concept);
                    out.terms.push(id);
                    out.content.push((id, self.concept_weight));
                }
            }
        }
        self.field = field;
    }

    /// Adds one side of a document (question, keywords, answer) to the postings.
    fn add(&mut self, doc: u32, side: u8, fields: [&Field; FIELDS]) {
        for (f, field) in fields.iter().enumerate() {
            for &id in &field.terms {
                let tf = &mut self.tf[id as usize];
                if *tf == [0; FIELDS] {
                    self.touched.push(id);
                }
                tf[f] = tf[f].saturating_add(1);
            }
        }
        for id in self.touched.drain(..) {
            let tf = std::mem::take(&mut self.tf[id as usize]);
            self.postings.push((id, Posting { doc, side, tf }));
        }
    }

    /// The postings grouped by term (each group in document order), with where each term's
    /// group starts.
    fn grouped_postings(&self) -> (Vec<Posting>, Vec<u32>) {
        let mut starts = vec![0u32; self.terms.len() + 1];
        for &(id, _) in &self.postings {
            starts[id as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut grouped = vec![Posting { doc: 0, side: 0, tf: [0; FIELDS] }; self.postings.len()];
        for &(id, p) in &self.postings {
            let slot = &mut next[id as usize];
            grouped[*slot as usize] = p;
            *slot += 1;
        }
        (grouped, starts)
    }
}

/// Appends `content`'s distinct terms (the first weight of each) to `terms`, sorted by id;
/// returns where they are.
fn push_distinct(terms: &mut Vec<(u32, f32)>, content: &[(u32, f32)]) -> (usize, usize) {
    let start = terms.len();
    terms.extend_from_slice(content);
    terms[start..].sort_by_key(|&(id, _)| id);
    let mut last = None;
    let mut kept = start;
    for i in start..terms.len() {
        let (id, w) = terms[i];
        if last != Some(id) {
            terms[kept] = (id, w);
            kept += 1;
            last = Some(id);
        }
    }
    terms.truncate(kept);
    (start, kept)
}

impl Index {
    /// The index of `entries`, with the shipped off-topic references ([`super::offtopic`]).
    pub fn build(entries: &[FaqEntry]) -> Index {
        Self::build_with(entries, super::offtopic::word_references())
    }

    /// The index of `entries` with other off-topic references (none: every question is
    /// judged on the entries alone). References are searched like entries' questions but
    /// never offered, and weigh nothing in the statistics the entries are ranked by.
    pub fn build_with<'a>(entries: &[FaqEntry], references: impl IntoIterator<Item = &'a str>) -> Index {
        Self::build_scored(entries, references, Scoring::default())
    }

    /// [`Index::build_with`] with other scoring weights (for tuning).
    pub fn build_scored<'a>(
        entries: &[FaqEntry],
        references: impl IntoIterator<Item = &'a str>,
        scoring: Scoring,
    ) -> Index {
        let mut b = Builder { concept_weight: scoring.concept_weight, ..Builder::default() };
        let mut lens = Vec::with_capacity(entries.len());
        let [mut q_vi, mut kw, mut a_vi, mut q_en, mut a_en] = std::array::from_fn(|_| Field::default());
        let mut keywords = String::new();
        // Each question's distinct meaningful terms, and where each (doc, side)'s are.
        let mut question_terms: Vec<(u32, f32)> = Vec::new();
        let mut question_spans: Vec<(usize, usize, usize, usize)> = Vec::with_capacity(entries.len() * SIDES);
        for (doc, e) in entries.iter().enumerate() {
            let doc = u32::try_from(doc).unwrap_or(u32::MAX);
            keywords.clear();
            for k in &e.keywords {
                keywords.push_str(k);
                keywords.push(' ');
            }
            keywords.push_str(&e.category);
            b.analyze(&e.question_vi, doc, &mut q_vi);
            b.analyze(&keywords, doc, &mut kw);
            b.analyze(&e.answer_vi, doc, &mut a_vi);
            b.analyze(&e.question_en, doc, &mut q_en);
            b.analyze(&e.answer_en, doc, &mut a_en);
            b.add(doc, 0, [&q_vi, &kw, &a_vi]);
            b.add(doc, 1, [&q_en, &kw, &a_en]);
            for (side, q) in [&q_vi, &q_en].into_iter().enumerate() {
                let (start, end) = push_distinct(&mut question_terms, &q.content);
                question_spans.push((doc as usize, side, start, end));
            }
            lens.push([[q_vi.words, kw.words, a_vi.words], [q_en.words, kw.words, a_en.words]]);
        }
        // Each reference is a question alone, on the Vietnamese side whatever its language.
        let (mut stopping_refs, empty) = (Vec::new(), Field::default());
        for text in references {
            let doc = u32::try_from(lens.len()).unwrap_or(u32::MAX);
            b.analyze(text, doc, &mut q_vi);
            b.add(doc, 0, [&q_vi, &empty, &empty]);
            let (start, end) = push_distinct(&mut question_terms, &q_vi.content);
            question_spans.push((doc as usize, 0, start, end));
            lens.push([[q_vi.words, 0, 0], [0; FIELDS]]);
            stopping_refs.push(asks_to_stop(text));
        }
        let mut avg_len = [[1.0f32; FIELDS]; SIDES];
        for (side, avg_side) in avg_len.iter_mut().enumerate() {
            for (f, avg) in avg_side.iter_mut().enumerate() {
                let (sum, n) = lens[..entries.len()]
                    .iter()
                    .map(|l| l[side][f])
                    .filter(|&l| l > 0)
                    .fold((0f32, 0f32), |(s, n), l| (s + f32::from(l), n + 1.0));
                if n > 0.0 {
                    *avg = sum / n;
                }
            }
        }
        let (postings, starts) = b.grouped_postings();
        // A term's postings are in document order (one per side at most), so its documents
        // are the changes of document along the list. Only entries count.
        let entry_count = u32::try_from(entries.len()).unwrap_or(u32::MAX);
        let df = starts
            .windows(2)
            .map(|w| {
                let list = &postings[w[0] as usize..w[1] as usize];
                let list = &list[..list.partition_point(|p| p.doc < entry_count)];
                let docs = list.windows(2).filter(|w| w[0].doc != w[1].doc).count() + usize::from(!list.is_empty());
                u32::try_from(docs).unwrap_or(u32::MAX)
            })
            .collect::<Vec<u32>>();
        let mut question_weight = vec![[0f32; SIDES]; lens.len()];
        for &(doc, side, start, end) in &question_spans {
            question_weight[doc][side] =
                question_terms[start..end].iter().map(|&(id, w)| w * idf(entries.len(), df[id as usize])).sum();
        }
        // Typos are repaired to the entries' words, not the references'.
        let mut vocabulary: FxHashMap<char, Vec<String>> = FxHashMap::default();
        for (term, &id) in &b.words {
            if term.chars().count() >= 3 && df[id as usize] > 0 {
                if let Some(first) = term.chars().next() {
                    vocabulary.entry(first).or_default().push(term.clone());
                }
            }
        }
        let mut pairs = FxHashSet::default();
        for id in b.bigrams.values() {
            if b.terms[*id as usize].paired {
                pairs.insert(b.name(*id).to_owned());
            }
        }
        let mut ids = std::mem::take(&mut b.words);
        ids.reserve(b.bigrams.len() + b.concepts.len());
        for &id in b.bigrams.values().chain(b.concepts.values()) {
            ids.insert(b.name(id).to_owned(), id);
        }
        let marked = b.marked.drain().map(|(word, m)| (word, std::mem::take(&mut b.marked_docs[m as usize]))).collect();
        // The steps each entry's question or keywords name; the FAQ's last step may also be
        // named only in an answer.
        let mut steps: Vec<Vec<u32>> = entries
            .iter()
            .map(|e| {
                let keywords = e.keywords.join(" ; ");
                [&e.question_vi, &e.question_en, &keywords].into_iter().flat_map(|t| step_numbers(t)).collect()
            })
            .collect();
        // References name no step.
        steps.resize(lens.len(), Vec::new());
        Index {
            policy: Policy::default(),
            scoring,
            ids,
            postings,
            starts,
            df,
            vocabulary,
            pairs,
            marked,
            avg_len,
            question_weight,
            stopping: entries
                .iter()
                .map(|e| asks_to_stop(&e.question_vi) || asks_to_stop(&e.question_en))
                .chain(stopping_refs)
                .collect(),
            last_step: steps
                .iter()
                .flatten()
                .copied()
                .chain(entries.iter().flat_map(|e| [&e.answer_vi, &e.answer_en]).flat_map(|t| step_numbers(t)))
                .max(),
            steps,
            docs: entries.len(),
            references: lens.len() - entries.len(),
            lens,
        }
    }

    /// The same index with another answer policy (for evaluation).
    pub fn with_policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    pub fn len(&self) -> usize {
        self.docs
    }

    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    fn df_of(&self, term: &str) -> u32 {
        self.ids.get(term).map_or(0, |&id| self.df[id as usize])
    }

    fn known(&self, w: &str) -> bool {
        self.ids.contains_key(w) || abbreviations().contains_key(w)
    }

    /// The closest known word within a small edit distance, for typos.
    fn closest(&self, w: &str) -> Option<String> {
        let n = w.chars().count();
        let short = self.policy.short_typo_chars;
        let max = match n {
            _ if n < short => return None,
            _ if n == short => {
                // One letter left out only, same first letter: "dug" is "dung".
                let first = w.chars().next()?;
                return self.vocabulary.get(&first).and_then(|ws| {
                    ws.iter().filter(|v| v.chars().count() == n + 1 && distance(w, v, 1).is_some()).min().cloned()
                });
            }
            0..=6 => 1,
            _ => 2,
        };
        let first = w.chars().next()?;
        let nearest = |words: &mut dyn Iterator<Item = &String>, max: usize| {
            words
                .filter_map(|v| distance(w, v, max).map(|d| (d, v)))
                .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
                .map(|(_, v)| v.clone())
        };
        let same_start = self.vocabulary.get(&first).and_then(|ws| nearest(&mut ws.iter(), max));
        if same_start.is_some() || n < 5 {
            return same_start;
        }
        // A wrong first letter ("phuong" for "thuong" is a word, but "xhat" for "chat" is not):
        // one edit, in a word long enough for one edit to leave no doubt.
        let mut others = self.vocabulary.iter().filter(|(c, _)| **c != first).flat_map(|(_, ws)| ws.iter());
        nearest(&mut others, 1)
    }

    /// Query-time analysis: each word is read as typed, or as Telex/VNI residue, or as the
    /// nearest known word, whichever the index knows. Also returns, for words typed with marks and read as typed, folded → marked form.
    fn analyze_query(&self, text: &str) -> (Vec<Term>, Vec<(String, String)>) {
        let mut marks = Vec::new();
        let mut folded = Vec::new();
        let mut stops = Vec::new();
        // Words typed without marks whose folded form is a filler: content when they pair
        // with a neighbour as in the FAQ ("den led", "khi nen").
        let mut unsure = Vec::new();
        for raw in words(text) {
            let unstemmed = fold(&raw);
            let plain = stem(unstemmed.clone());
            // "j" for "i" is common in chat ("gj", "vj").
            let chat = plain.strip_suffix('j').filter(|w| !w.is_empty()).map(|w| format!("{w}i"));
            let candidates = [Some(plain.clone()), telex(&raw), vni(&raw), chat];
            let chosen = candidates
                .iter()
                .flatten()
                .find(|c| self.known(c))
                .cloned()
                .or_else(|| candidates.iter().flatten().skip(1).find_map(|c| self.closest(c)))
                .or_else(|| {
                    if STOPWORDS.contains(&plain.as_str()) {
                        None
                    } else {
                        // A typo may look like an English ending ("nuos" for "nuoc").
                        self.closest(&plain).or_else(|| self.closest(&unstemmed))
                    }
                })
                .or_else(|| candidates.iter().flatten().nth(1).cloned())
                .unwrap_or_else(|| plain.clone());
            let stop = is_filler(&raw, &chosen);
            if !raw.is_ascii() && chosen == plain {
                marks.push((chosen.clone(), raw.clone()));
            }
            if stop && raw.is_ascii() && !abbreviations().contains_key(chosen.as_str()) {
                unsure.push(folded.len());
            }
            expand_into(chosen, stop, &mut folded, &mut stops);
        }
        for i in unsure {
            let pairs_with = |a: usize, b: usize| {
                folded.get(b).is_some_and(|w| self.pairs.contains(&format!("{}_{}", folded[a], w)))
            };
            if (i > 0 && pairs_with(i - 1, i)) || pairs_with(i, i + 1) {
                stops[i] = false;
            }
        }
        (terms_of(&folded, &stops), marks)
    }

    fn idf(&self, term: &str) -> f32 {
        idf(self.docs, self.df_of(term))
    }

    fn weight(&self, t: &Term) -> f32 {
        let kind = match t.kind {
            Kind::Word => 1.0,
            Kind::Bigram => self.scoring.bigram_weight,
            Kind::Concept => self.scoring.concept_weight,
        };
        let stop = if t.stop { self.scoring.stopword_weight } else { 1.0 };
        kind * stop * self.idf(&t.text)
    }

    /// Every entry that shares something with the question, best first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let message_words = u16::try_from(words(query).len()).unwrap_or(u16::MAX);
        let numbered = number_steps(query, self.last_step);
        let query = numbered.as_str();
        let (mut terms, marks) = self.analyze_query(query);
        let mut seen = HashSet::new();
        terms.retain(|t| seen.insert(t.text.clone()));

        // Coverage counts words and concepts; bigrams only rank.
        let max_idf = ((self.docs as f32 + 0.5) / 0.5 + 1.0).ln();
        let typical = max_idf * 0.6;
        // A word the FAQ never uses is not missing when a concept it names was found ("delete"
        // in "delete my data" when the FAQ says "erase"): the concept stands in for it, with
        // the weight of evidence of a word.
        let unknown: Vec<&str> = terms
            .iter()
            .filter(|t| t.kind == Kind::Word && self.df_of(&t.text) == 0)
            .map(|t| t.text.as_str())
            .collect();
        let names_unknown = |concept: &str| {
            concepts()
                .iter()
                .any(|(name, phrases)| *name == concept && phrases.iter().flatten().any(|x| unknown.contains(x)))
        };
        let stand_ins: Vec<&str> =
            terms.iter().filter_map(|t| t.text.strip_prefix('@')).filter(|c| names_unknown(c)).collect();
        let named = |w: &str| {
            stand_ins.iter().any(|c| {
                concepts().iter().any(|(name, phrases)| name == c && phrases.iter().flatten().any(|x| *x == w))
            })
        };
        let total: f32 = terms
            .iter()
            .filter(|t| t.kind != Kind::Bigram)
            .filter(|t| !(t.kind == Kind::Word && self.df_of(&t.text) == 0 && named(&t.text)))
            .map(|t| self.weight(t))
            .sum();
        let cap = self.policy.coverage_cap_words * typical;
        let denominator = total.min(cap).max(f32::EPSILON);

        let all = self.docs + self.references;
        let sc = &self.scoring;
        let mut score = vec![0f32; all];
        let mut matched = vec![0f32; all];
        let mut evidence = vec![0f32; all];
        let mut title_evidence = vec![0f32; all];
        let mut question_matched = vec![[0f32; SIDES]; all];

        for t in &terms {
            let Some(&id) = self.ids.get(&t.text) else { continue };
            let id = id as usize;
            let postings = &self.postings[self.starts[id] as usize..self.starts[id + 1] as usize];
            let w = self.weight(t);
            // A word typed with marks meets the same marks fully, other words that fold
            // alike ("vé" and "về") only in part.
            let with_marks: Option<&[u32]> = match t.kind {
                Kind::Word => marks
                    .iter()
                    .find(|(f, _)| *f == t.text)
                    .map(|(_, m)| self.marked.get(m).map_or(&[][..], Vec::as_slice)),
                _ => None,
            };
            let counts = t.kind != Kind::Bigram;
            // A document's postings (one per side) are adjacent: the term scores on its best
            // side, so that a query mixing languages meets both sides of an entry.
            for group in postings.chunk_by(|a, b| a.doc == b.doc) {
                let doc = group[0].doc as usize;
                let w = match with_marks {
                    Some(docs) if docs.binary_search(&group[0].doc).is_err() => w * sc.mark_mismatch,
                    _ => w,
                };
                let mut best = 0f32;
                let mut in_title = false;
                for p in group {
                    let side = usize::from(p.side);
                    let tfw: f32 = (0..FIELDS)
                        .map(|f| {
                            let len = f32::from(self.lens[doc][side][f]);
                            let norm = 1.0 - sc.b + sc.b * len / self.avg_len[side][f];
                            sc.field_weights[f] * f32::from(p.tf[f]) / norm.max(0.1)
                        })
                        .sum();
                    best = best.max(w * tfw * (sc.k1 + 1.0) / (tfw + sc.k1));
                    in_title |= p.tf[0] > 0 || p.tf[1] > 0;
                    if counts && !t.stop && p.tf[0] > 0 {
                        question_matched[doc][side] += w;
                    }
                }
                score[doc] += best;
                if counts {
                    matched[doc] += w;
                    if !t.stop {
                        // A matched meaningful word counts at least half a word even when
                        // the whole FAQ uses it (domain words have low IDF), at most one.
                        let unit = match t.kind {
                            Kind::Concept if stand_ins.contains(&&t.text[1..]) => 1.0,
                            Kind::Concept => 0.5,
                            _ => (w / typical).clamp(0.5, 1.0),
                        };
                        evidence[doc] += unit;
                        if in_title {
                            title_evidence[doc] += unit;
                        }
                    }
                }
            }
        }
        let folded = super::normalize::folded_words(query);
        let (stopping, asked_steps) = (stops_in(&folded), steps_in(&folded));
        let mut hits: Vec<Hit> = (0..all)
            .filter_map(|doc| {
                let question_coverage = (0..SIDES)
                    .filter(|&side| self.question_weight[doc][side] > 0.0)
                    .map(|side| question_matched[doc][side] / self.question_weight[doc][side])
                    .fold(0f32, f32::max)
                    .min(1.0);
                let coverage = (matched[doc] / denominator).min(1.0);
                // Ranking favours the entry whose own question the query covers (a short
                // question fully asked beats a long one half asked) and, gently, the entry
                // that matches more of the query (a classic coordination factor).
                let mut s = score[doc] * (1.0 + sc.question_boost * question_coverage) * coverage.powf(sc.coordination);
                if self.stopping[doc] != stopping {
                    s *= self.policy.polarity_mismatch;
                }
                if asked_steps.iter().any(|n| self.steps[doc].contains(n)) {
                    s *= self.policy.step_match;
                }
                (s > 0.0).then(|| Hit {
                    doc,
                    score: s,
                    coverage,
                    evidence: evidence[doc],
                    title_evidence: title_evidence[doc],
                    question_coverage,
                    off_topic: 0.0,
                    message_words,
                })
            })
            .collect();
        let off_topic = hits.iter().filter(|h| h.doc >= self.docs).map(|h| h.score).fold(0f32, f32::max);
        hits.retain(|h| h.doc < self.docs);
        for h in &mut hits {
            h.off_topic = off_topic;
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }

    /// How a query is read: its terms with their weights (for tuning and bug reports).
    pub fn explain(&self, query: &str) -> String {
        let (terms, marks) = self.analyze_query(query);
        let mut out = String::new();
        for t in &terms {
            let mark = marks.iter().find(|(f, _)| *f == t.text).map_or("", |(_, m)| m.as_str());
            out.push_str(&format!(
                "{}{}{} {:.2} df{}  ",
                t.text,
                if t.stop { "(stop)" } else { "" },
                mark,
                self.weight(t),
                self.df_of(&t.text)
            ));
        }
        out
    }

    /// The answer policy over [`Index::search`].
    pub fn decide(&self, query: &str) -> Decision {
        self.decide_hits(&self.search(query))
    }

    /// How relevant the best of `hits` is ([`Policy::relevance`]); `None` without hits.
    pub fn relevance(&self, hits: &[Hit]) -> Option<f32> {
        super::decision::relevance(&self.policy, hits)
    }

    /// The answer policy over hits already found (best first).
    pub fn decide_hits(&self, hits: &[Hit]) -> Decision {
        super::decision::decide(&self.policy, hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::faq::{FaqEntry, RawEntry};

    fn entry(id: &str, q: &str, a: &str, qe: &str, ae: &str) -> FaqEntry {
        FaqEntry::parse(&RawEntry {
            id,
            category: "Chung",
            question_vi: q,
            answer_vi: a,
            question_en: qe,
            answer_en: ae,
            keywords: "",
            ..RawEntry::default()
        })
        .expect("valid entry")
    }

    fn sample() -> Vec<FaqEntry> {
        vec![
            entry(
                "sxsh-la-gi",
                "Sản xuất sạch hơn là gì?",
                "Là việc áp dụng liên tục chiến lược phòng ngừa tổng hợp về môi trường.",
                "What is cleaner production?",
                "The continuous application of an integrated preventive environmental strategy.",
            ),
            entry(
                "tiet-kiem-dien",
                "Làm sao giảm tiền điện cho nhà máy?",
                "Tắt thiết bị không dùng, thay đèn tiết kiệm, dùng biến tần cho động cơ.",
                "How can a factory cut its electricity bill?",
                "Switch off idle equipment, use efficient lamps and variable speed drives.",
            ),
            entry(
                "nuoc-thai-ca-phe",
                "Giảm nước thải chế biến cà phê thế nào?",
                "Tuần hoàn nước rửa, tách vỏ khô trước khi rửa.",
                "How to reduce wastewater from coffee processing?",
                "Recirculate washing water and remove pulp dry before washing.",
            ),
            entry(
                "dang-ky-khoa-hoc",
                "Đăng ký khóa tập huấn như thế nào?",
                "Gõ /courses rồi bấm Đăng ký.",
                "How do I register for a course?",
                "Type /courses and tap Register.",
            ),
        ]
    }

    fn top(index: &Index, q: &str) -> Option<usize> {
        index.decide(q).hits().first().map(|h| h.doc)
    }

    #[test]
    fn finds_entries_however_the_question_is_typed() {
        let index = Index::build(&sample());
        assert_eq!(top(&index, "sản xuất sạch hơn là gì"), Some(0));
        assert_eq!(top(&index, "san xuat sach hon la gi"), Some(0));
        assert_eq!(top(&index, "sanr xuaats sachj hown laf gif"), Some(0));
        assert_eq!(top(&index, "SXSH la j"), Some(0));
        assert_eq!(top(&index, "what is cleaner production"), Some(0));
        assert_eq!(top(&index, "tien dien nha may cao qua"), Some(1));
        assert_eq!(top(&index, "giam tieenf ddieenj"), Some(1));
        assert_eq!(top(&index, "nuoc thai ca phe"), Some(2));
        assert_eq!(top(&index, "dang ki lop tap huan"), Some(3));
        assert_eq!(top(&index, "how to register for a training course"), Some(3));
        assert_eq!(top(&index, "nươc thai cafe"), Some(2), "a typo and an everyday word");
    }

    #[test]
    fn off_topic_questions_are_not_answered() {
        let index = Index::build(&sample());
        for q in ["giá vàng hôm nay", "hủy gói 4G", "xin chào", "ok", "thời tiết Buôn Ma Thuột"] {
            assert_eq!(index.decide(q), Decision::Unknown, "{q}");
        }
    }

    #[test]
    fn fillers_are_told_by_their_marks() {
        assert!(is_filler("đến", "den"));
        assert!(!is_filler("đèn", "den"), "a lamp");
        assert!(is_filler("den", "den"), "without marks, by the folded form");
        let index = Index::build(&sample());
        let is_stop = |q: &str| index.analyze_query(q).0.iter().any(|t| t.text == "den" && t.stop);
        assert!(!is_stop("thay den tiet kiem"), "\"thay đèn tiết kiệm\" is in the FAQ");
        assert!(is_stop("den nha may"), "no such pair in the FAQ");
    }

    #[test]
    fn a_query_mixing_languages_meets_both_sides_of_an_entry() {
        let index = Index::build(&sample());
        assert_eq!(top(&index, "wastewater cà phê"), Some(2));
        assert_eq!(top(&index, "register khóa tập huấn"), Some(3));
    }

    #[test]
    fn an_entry_whose_question_the_query_covers_ranks_first() {
        let index = Index::build(&sample());
        let hits = index.search("người ta hay nói sản xuất sạch hơn, vậy nó là gì");
        assert_eq!(hits.first().map(|h| h.doc), Some(0));
        assert!(hits[0].question_coverage > 0.9, "{hits:?}");
    }

    #[test]
    fn a_word_the_faq_never_uses_counts_as_the_concept_it_names() {
        let mut entries = sample();
        entries.push(entry(
            "xoa-du-lieu",
            "Tôi muốn xóa dữ liệu của mình khỏi bot?",
            "Gõ /forget.",
            "I want to erase my data from the bot",
            "Type /forget.",
        ));
        let index = Index::build(&entries);
        assert_eq!(top(&index, "delete my data"), Some(4), "\"delete\" is never written, \"erase\" is");
    }

    #[test]
    fn many_words_met_only_in_an_answer_are_enough_to_offer_it() {
        let index = Index::build(&sample());
        // Every content word is in the answer of "nuoc-thai-ca-phe", none in its question.
        assert_eq!(top(&index, "tuần hoàn nước rửa, tách vỏ khô"), Some(2));
        // One answer word alone is not.
        assert_eq!(index.decide("vỏ"), Decision::Unknown);
    }

    #[test]
    fn english_words_are_stemmed_and_vietnamese_ones_left_alone() {
        for (a, b) in [
            ("save", "saving"),
            ("save", "saved"),
            ("course", "courses"),
            ("company", "companies"),
            ("process", "processes"),
            ("waste", "wasted"),
            ("cost", "costs"),
        ] {
            assert_eq!(stem(a.into()), stem(b.into()), "{a} / {b}");
        }
        for w in ["nghieng", "khuyen", "xuat", "does", "these", "nuoc"] {
            assert_eq!(stem(w.into()), w, "{w}");
        }
    }

    #[test]
    fn one_rare_word_that_singles_out_an_entry_is_answered() {
        let index = Index::build(&sample());
        // "MSDS là giấy gì": one rare word, met in one entry's question, little elsewhere.
        // An off-topic reference shares a word with it (half the best entry's score).
        let hit = |doc, score| Hit {
            doc,
            score,
            coverage: 0.6,
            evidence: 1.0,
            title_evidence: 1.0,
            question_coverage: 0.3,
            off_topic: 4.0,
            message_words: 4,
        };
        assert_eq!(index.decide_hits(&[hit(0, 8.0), hit(1, 2.0)]), Decision::Confident(hit(0, 8.0)));
        // Not when another entry scores close to it, nor when it is met only in an answer.
        let reference_near = Hit { off_topic: 5.0, ..hit(0, 8.0) };
        assert_eq!(index.decide_hits(&[reference_near, Hit { off_topic: 5.0, ..hit(1, 6.0) }]), Decision::Unknown);
        // With every reference at half the best entry or less, it is asked back instead.
        assert!(matches!(
            index.decide_hits(&[hit(0, 8.0), hit(1, 6.0)]),
            Decision::Ambiguous(v) if v.len() == 2 && v[0].doc == 0
        ));
        let in_answer = Hit { title_evidence: 0.0, ..hit(0, 8.0) };
        assert_eq!(index.decide_hits(&[in_answer]), Decision::Unknown);
    }

    #[test]
    fn an_empty_index_knows_nothing() {
        let index = Index::build(&[]);
        assert_eq!(index.decide("sxsh"), Decision::Unknown);
    }

    #[test]
    fn distance_is_bounded() {
        assert_eq!(distance("nuoc", "nuoc", 1), Some(0));
        assert_eq!(distance("nuoc", "nuos", 1), Some(1));
        assert_eq!(distance("nuoc", "dien", 1), None);
    }

    #[test]
    fn asking_to_stop_is_told_from_asking_for_the_thing() {
        for q in [
            "hủy đăng ký",
            "ngung nhan tin",
            "Tôi không muốn nhận thông báo nữa",
            "tắt thông báo",
            "unsubscribe",
            "I don't want these messages",
        ] {
            assert!(asks_to_stop(q), "{q}");
        }
        for q in ["nhận thông báo", "tất cả các bước", "huyện Ea Kar", "không có kinh phí thì sao", "subscribe to news"]
        {
            assert!(!asks_to_stop(q), "{q}");
        }
        let faq = [
            entry("nhan", "Làm sao để nhận thông báo mới?", "Gõ /subscribe.", "", ""),
            entry("huy-nhan", "Tôi không muốn nhận thông báo nữa thì làm sao?", "Gõ /unsubscribe.", "", ""),
        ];
        let index = Index::build(&faq);
        let best = |q: &str| index.search(q).first().map(|h| faq[h.doc].id.as_str().to_owned());
        assert_eq!(best("nhận thông báo").as_deref(), Some("nhan"));
        assert_eq!(best("thôi nhận thông báo").as_deref(), Some("huy-nhan"));
    }

    #[test]
    fn steps_named_by_their_place_are_numbered() {
        assert_eq!(number_steps("bước thứ hai làm gì", Some(6)), "bước 2 làm gì");
        assert_eq!(number_steps("Bước đầu tiên của đánh giá?", Some(6)), "bước 1 của đánh giá");
        assert_eq!(number_steps("bước cuối cùng là gì", Some(6)), "bước 6 là gì");
        assert_eq!(number_steps("buoc cuoi", Some(6)), "buoc 6");
        assert_eq!(number_steps("what is the last step", Some(6)), "what is the step 6");
        assert_eq!(number_steps("the second step", None), "the step 2");
        assert_eq!(number_steps("bước cuối", None), "bước cuối", "no steps in the FAQ: left as typed");
        assert_eq!(number_steps("bước sau là gì", Some(6)), "bước sau là gì", "'sau' is 'after'");
        assert_eq!(number_steps("tiết kiệm năm 2025", Some(6)), "tiết kiệm năm 2025");
        let faq = [
            entry("buoc-1", "Bước khởi động làm gì?", "Lập nhóm.", "", ""),
            entry("buoc-6", "Bước 6 của đánh giá: duy trì kết quả thế nào?", "Giữ nề nếp.", "", ""),
            entry(
                "cac-buoc",
                "Đánh giá gồm những bước nào?",
                "Sáu bước, từ khởi động (bước 1) tới duy trì (bước 6).",
                "",
                "",
            ),
        ];
        let index = Index::build(&faq);
        assert_eq!(index.last_step, Some(6));
        let best = |q: &str| index.search(q).first().map(|h| faq[h.doc].id.as_str().to_owned());
        assert_eq!(best("bước cuối của đánh giá").as_deref(), Some("buoc-6"));
    }

    #[test]
    fn a_step_number_is_read_within_one_phrase_only() {
        assert_eq!(step_numbers("đánh giá SXSH; 6 bước; 18 nhiệm vụ"), Vec::<u32>::new());
        assert_eq!(step_numbers("bước 6; duy trì"), vec![6]);
        let faq = [
            FaqEntry::parse(&RawEntry {
                id: "cac-buoc",
                category: "Chung",
                question_vi: "Đánh giá gồm những bước nào?",
                answer_vi: "Sáu bước.",
                keywords: "6 bước;18 nhiệm vụ",
                ..RawEntry::default()
            })
            .expect("valid"),
            FaqEntry::parse(&RawEntry {
                id: "duy-tri",
                category: "Chung",
                question_vi: "Duy trì kết quả thế nào?",
                answer_vi: "Giữ nề nếp.",
                keywords: "bước 6",
                ..RawEntry::default()
            })
            .expect("valid"),
        ];
        assert_eq!(Index::build(&faq).last_step, Some(6), "not 18");
    }

    #[test]
    fn a_question_more_like_an_off_topic_reference_is_declined() {
        let faq = [
            entry("vay-von", "Dự án sản xuất sạch hơn được vay vốn ưu đãi ở đâu?", "Quỹ bảo vệ môi trường.", "", ""),
            entry("dien", "Tiết kiệm điện cho nhà máy thế nào?", "Tắt máy khi không dùng.", "", ""),
        ];
        let references = ["lãi suất vay vốn ngân hàng hôm nay bao nhiêu", "giá vàng hôm nay"];
        let with = Index::build_with(&faq, references);
        let without = Index::build_with(&faq, []);
        let q = "lãi suất vay vốn ưu đãi ngân hàng bao nhiêu";
        assert_ne!(without.decide(q), Decision::Unknown, "words alone offer the loan entry");
        assert_eq!(with.decide(q), Decision::Unknown);
        // References are never offered, and the entries' own questions still find them.
        assert!(with.search(q).iter().all(|h| h.doc < faq.len()));
        assert!(
            matches!(with.decide("vay vốn ưu đãi cho dự án sản xuất sạch hơn"), Decision::Confident(h) if h.doc == 0)
        );
        // Their words count nothing in the entries' statistics, nor as typo repairs.
        assert_eq!(with.df_of("vay"), 1);
        assert_eq!(with.closest("vangg"), None);
    }

    #[test]
    fn a_three_letter_word_missing_a_letter_is_repaired() {
        let faq = [entry("dien", "Tiết kiệm điện thế nào?", "Dùng biến tần.", "", "")];
        let index = Index::build(&faq);
        assert_eq!(index.closest("die").as_deref(), Some("dien"));
        assert_eq!(index.closest("dug").as_deref(), Some("dung"));
        assert_eq!(index.closest("xyz"), None);
        assert_eq!(index.closest("di"), None, "two letters are too few");
    }

    #[test]
    fn a_short_question_an_entry_covers_whole_is_offered() {
        let index = Index::build(&sample());
        // Little evidence (one word), but all of the question is in one entry's question.
        let hit = Hit {
            doc: 2,
            score: 6.0,
            coverage: 1.0,
            evidence: 1.0,
            title_evidence: 1.0,
            question_coverage: 0.1,
            off_topic: 0.0,
            message_words: 3,
        };
        let other = Hit { doc: 1, score: 5.0, ..hit };
        assert!(matches!(index.decide_hits(&[hit, other]), Decision::Ambiguous(v) if v[0].doc == 2));
        let in_answer = Hit { title_evidence: 0.0, ..hit };
        assert_eq!(index.decide_hits(&[in_answer, other]), Decision::Unknown);
    }

    #[test]
    fn a_long_message_far_clearer_of_the_references_than_of_an_entry_is_asked_back() {
        let index = Index::build(&sample());
        // A story of twelve words around a question: a third of it met, little of the entry's
        // own question, nothing the rules would offer.
        let story = Hit {
            doc: 0,
            score: 6.0,
            coverage: 0.3,
            evidence: 2.0,
            title_evidence: 1.0,
            question_coverage: 0.1,
            off_topic: 1.0,
            message_words: 12,
        };
        let p = Policy::default();
        assert!(story.off_topic <= p.clear_of_references * story.score);
        assert!(matches!(index.decide_hits(&[story]), Decision::Ambiguous(v) if v[0].doc == 0));
        // Not a short message, not one an off-topic reference fits half as well, and never for
        // words met only in an answer.
        assert_eq!(index.decide_hits(&[Hit { message_words: 5, ..story }]), Decision::Unknown);
        assert_eq!(index.decide_hits(&[Hit { off_topic: 3.5, ..story }]), Decision::Unknown);
        assert_eq!(index.decide_hits(&[Hit { title_evidence: 0.0, ..story }]), Decision::Unknown);
        assert_eq!(index.decide_hits(&[Hit { evidence: 1.0, ..story }]), Decision::Unknown);
    }

    #[test]
    fn an_offer_with_little_relevance_is_withdrawn() {
        let index = Index::build(&sample());
        // Enough words for the rules, but half the question, none of the entry's own question
        // and a runner-up as good: nothing singles the entry out.
        let hit = Hit {
            doc: 0,
            score: 10.0,
            coverage: 0.5,
            evidence: 2.0,
            title_evidence: 0.5,
            question_coverage: 0.0,
            off_topic: 0.0,
            message_words: 6,
        };
        let close = Hit { doc: 1, score: 9.5, ..hit };
        let p = Policy::default();
        assert!(p.relevance(&hit, close.score) < p.decline_relevance);
        assert_eq!(index.decide_hits(&[hit, close]), Decision::Unknown);
        let clear = Hit { coverage: 0.8, question_coverage: 0.6, title_evidence: 3.0, ..hit };
        let far = Hit { doc: 1, score: 5.0, ..hit };
        assert!(matches!(index.decide_hits(&[clear, far]), Decision::Confident(h) if h.doc == 0));
    }

    #[test]
    fn a_typo_in_the_first_letter_is_repaired_in_a_long_enough_word() {
        let faq = [
            entry("nuoc-thai", "Xử lý nước thải thế nào?", "Giảm tại nguồn.", "", ""),
            entry("dien", "Tiết kiệm điện thế nào?", "Tắt máy.", "", ""),
        ];
        let index = Index::build(&faq);
        let best = |q: &str| index.search(q).first().map(|h| faq[h.doc].id.as_str().to_owned());
        assert_eq!(index.closest("rhai"), None, "a short word keeps its first letter");
        assert_eq!(index.closest("hguon").as_deref(), Some("nguon"));
        assert_eq!(best("hguon").as_deref(), Some("nuoc-thai"));
        assert_eq!(index.closest("tirt").as_deref(), Some("tiet"), "same first letter, as before");
    }
}
