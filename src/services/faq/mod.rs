//! The FAQ use cases, shared by the bot and `sxsh-bot faq …` so both always agree: asking,
//! browsing, importing and exporting, feedback, and the loop for questions it cannot answer.
//!
//! The search index lives in memory and is rebuilt when the FAQ's revision in the database
//! changes. A change made through this service is seen at the next question; the revision is
//! read again at most once per [`REVISION_CHECK`], so an import from the command line is served
//! by a running bot within a second, and a question costs no query.

pub mod embeddings;
pub mod file;
pub mod synonyms_file;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use sqlx::SqlitePool;

use super::ServiceError;
use crate::db;
use crate::domain::faq::dense::{self, DenseError, Vectors};
use crate::domain::faq::fusion::{self, Hybrid};
use crate::domain::faq::normalize::folded_words;
use crate::domain::faq::restore::Restorer;
use crate::domain::faq::synonyms::STOPWORDS;
use crate::domain::faq::vocabulary::{self, Extra, Synonym};
use crate::domain::faq::{Decision, FaqEntry, Hit, Index};
use embeddings::{EmbedError, Embedder};

pub use db::faq::UnansweredGroup;
pub use file::LineError;

/// What the bot does with a question, with the entries it would offer (best first).
#[derive(Debug, Clone)]
pub enum Reply {
    Answer { entry: Box<FaqEntry>, score: f32, related: Vec<FaqEntry> },
    DidYouMean(Vec<(FaqEntry, f32)>),
    Unknown,
}

impl Reply {
    /// The entries offered and their scores, best first; empty when unknown.
    pub fn offered(&self) -> Vec<(&FaqEntry, f32)> {
        match self {
            Reply::Answer { entry, score, .. } => vec![(entry, *score)],
            Reply::DidYouMean(v) => v.iter().map(|(e, s)| (e, *s)).collect(),
            Reply::Unknown => Vec::new(),
        }
    }
}

pub use crate::services::csv_file::ImportError;

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error(transparent)]
    Embed(#[from] EmbedError),
    #[error("database error")]
    Db(#[from] sqlx::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
}

#[derive(Debug, Clone, Default)]
pub struct FaqStats {
    pub answered: i64,
    pub ambiguous: i64,
    pub unanswered: i64,
    /// (entry, 👍, 👎), most unhelpful first.
    pub least_helpful: Vec<(FaqEntry, i64, i64)>,
}

struct Snapshot {
    revision: i64,
    entries: Vec<FaqEntry>,
    index: Index,
    /// The entries' vectors for the configured model (`None`: lexical search only).
    vectors: Option<Vectors>,
    /// The off-topic references' vectors (`None`: not embedded yet).
    references: Option<Vectors>,
    restorer: Restorer,
    /// Learned phrasings (their folded words) and the entry each is answered with.
    learned: HashMap<String, usize>,
    /// The centre's own synonyms, applied to every question.
    extra: Extra,
}

/// Called with a short reason ("timeout", "status", …) whenever a question is answered from
/// words alone because its vector could not be had (the bot counts these in /metrics).
pub type FailureHook = Arc<dyn Fn(&'static str) + Send + Sync>;

/// What [`FaqService::ensure_default`] did to the stored FAQ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DefaultSync {
    /// The FAQ was empty: the whole built-in FAQ was loaded.
    pub first_start: bool,
    pub added: usize,
    pub updated: usize,
    /// Built-in entries the centre rewrote, left as the centre wrote them.
    pub kept_edited: usize,
}

/// The built-in entries of earlier releases, as (id, content fingerprint): an entry stored by
/// a release that did not yet record what it loaded is recognised as unedited by these.
fn earlier_releases() -> HashSet<(&'static str, &'static str)> {
    include_str!("shipped-before.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .collect()
}

/// How many different people must choose the same entry for the same question before the bot
/// learns it: one person alone cannot teach the bot anything.
pub const LEARN_AFTER: i64 = 2;
/// A "did you mean" tap counts for the person's question of at most this long ago.
const PICK_WINDOW_SECS: i64 = 3600;

/// The entries with their learned phrasings added to their keywords.
fn with_learned(mut entries: Vec<FaqEntry>, learned: &[db::faq::LearnedRow]) -> Vec<FaqEntry> {
    for l in learned {
        if let Some(e) = entries.iter_mut().find(|e| e.id.as_str() == l.entry_id) {
            let phrasing = l.phrasing.replace(';', ",");
            if !e.keywords.contains(&phrasing) {
                e.keywords.push(phrasing);
            }
        }
    }
    entries
}

pub struct FaqService {
    pool: SqlitePool,
    snapshot: RwLock<Option<Arc<Snapshot>>>,
    /// When the revision was last read (`None`: read it at the next question).
    checked: std::sync::Mutex<Option<std::time::Instant>>,
    /// The revision [`FaqService::watch_revision`] read last (-1: nobody watches it): with a
    /// watcher, questions read nothing from the database while the FAQ is unchanged.
    watched: std::sync::atomic::AtomicI64,
    embedder: Option<Arc<Embedder>>,
    hybrid: Hybrid,
    on_failure: Option<FailureHook>,
    /// This service, for the background refresh an index build starts when entries lack
    /// vectors (an import from the command line without the embeddings settings, say).
    me: std::sync::Weak<FaqService>,
    /// Held while vectors are being refreshed, so that refreshes do not overlap.
    refreshing: Arc<tokio::sync::Mutex<()>>,
    /// The next question id to hand out, read from the database once: an id is reserved
    /// before the answer goes out (the "ask the centre" button names it) and the question is
    /// stored after, so nobody waits on the database for an answer. The bot is the only writer
    /// of questions.
    next_question: tokio::sync::OnceCell<std::sync::atomic::AtomicI64>,
}

/// A question as it was asked, for [`FaqService::record`].
pub struct Asked<'a> {
    /// The id [`FaqService::reserve_question`] gave it.
    pub id: i64,
    pub sender: &'a crate::domain::user::Sender,
    /// The update it came in (`None` outside the bot).
    pub update_id: Option<i64>,
    pub text: &'a str,
}

/// What [`FaqService::refresh_vectors`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VectorReport {
    /// Entry parts embedded now.
    pub embedded: usize,
    /// Parts whose stored vector was still current.
    pub kept: usize,
}

/// How long a snapshot is served before the database's revision is read again.
pub const REVISION_CHECK: std::time::Duration = std::time::Duration::from_secs(1);

/// The key questions are grouped by in /unanswered: folded words without filler words (a
/// word of marks only folds to nothing and is left out).
pub fn question_key(text: &str) -> String {
    static STOP: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    let stop = STOP.get_or_init(|| STOPWORDS.iter().copied().collect());
    folded_words(text).into_iter().filter(|w| !w.is_empty() && !stop.contains(w.as_str())).collect::<Vec<_>>().join(" ")
}

/// One text of an entry that gets a vector ([`dense::parts`]), with the fingerprint of what
/// the configured model is given for it.
struct EntryPart<'a> {
    doc: usize,
    id: &'a str,
    part: i64,
    hash: String,
    text: String,
}

fn entry_parts<'a>(settings: &embeddings::Settings, entries: &'a [FaqEntry]) -> Vec<EntryPart<'a>> {
    let mut out = Vec::new();
    for (doc, e) in entries.iter().enumerate() {
        for (part, text) in dense::parts(e).into_iter().enumerate() {
            out.push(EntryPart {
                doc,
                id: e.id.as_str(),
                part: i64::try_from(part).unwrap_or(i64::MAX),
                hash: dense::fingerprint(&settings.document_model, &settings.document_prefix, &text),
                text,
            });
        }
    }
    out
}

/// The shipped off-topic references ([`crate::domain::faq::offtopic`]) with their
/// fingerprints for the configured question model.
fn reference_parts(settings: &embeddings::Settings) -> Vec<(String, &'static str)> {
    crate::domain::faq::offtopic::references()
        .map(|text| (dense::fingerprint(&settings.query_model, &settings.query_prefix, text), text))
        .collect()
}

/// Every vector has `dim` dimensions, or the server is answering for another model.
fn all_of_size(vectors: &[Vec<f32>], dim: usize) -> Result<(), RefreshError> {
    match vectors.iter().find(|v| v.len() != dim) {
        Some(bad) => Err(RefreshError::Embed(EmbedError::Dimension { want: dim, got: bad.len() })),
        None => Ok(()),
    }
}

/// A vector as stored: little-endian `f32`s.
fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

fn from_bytes(bytes: &[u8]) -> Vec<f32> {
    bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
}

/// Stored vectors by entry and part.
fn by_part(rows: &[db::faq::VectorRow]) -> std::collections::HashMap<(&str, i64), &db::faq::VectorRow> {
    rows.iter().map(|r| ((r.entry_id.as_str(), r.part), r)).collect()
}

impl FaqService {
    pub fn new(pool: SqlitePool) -> Arc<Self> {
        Self::with_embeddings(pool, None, None)
    }

    /// A service that also searches by meaning through `embedder` (hybrid search).
    pub fn with_embeddings(pool: SqlitePool, embedder: Option<Embedder>, on_failure: Option<FailureHook>) -> Arc<Self> {
        Arc::new_cyclic(|me| Self {
            pool,
            snapshot: RwLock::new(None),
            checked: std::sync::Mutex::new(None),
            watched: std::sync::atomic::AtomicI64::new(-1),
            embedder: embedder.map(Arc::new),
            hybrid: Hybrid::default(),
            on_failure,
            me: me.clone(),
            refreshing: Arc::new(tokio::sync::Mutex::new(())),
            next_question: tokio::sync::OnceCell::new(),
        })
    }

    /// Embeds the entry parts that have no current vector for the configured model (all of
    /// them the first time, only what changed afterwards) and forgets vectors of entries that
    /// are gone. Does nothing without an embeddings server.
    pub async fn refresh_vectors(&self) -> Result<VectorReport, RefreshError> {
        let Some(embedder) = &self.embedder else { return Ok(VectorReport::default()) };
        let settings = embedder.settings();
        let model = settings.document_model.as_str();
        // The size of a question's vector: stored vectors of another size (the model behind
        // the name changed) are made again.
        let dim = embedder.probe().await?;
        let entries = db::faq::all(&self.pool).await?;
        let rows = db::faq::vectors(&self.pool, model).await?;
        let stored = by_part(&rows);
        let parts = entry_parts(settings, &entries);
        let total = parts.len();
        let todo: Vec<EntryPart> = parts
            .into_iter()
            .filter(|p| !stored.get(&(p.id, p.part)).is_some_and(|r| r.hash == p.hash && r.dim as usize == dim))
            .collect();
        let texts: Vec<String> = todo.iter().map(|p| p.text.clone()).collect();
        let vectors = if texts.is_empty() { Vec::new() } else { embedder.documents(&texts).await? };
        all_of_size(&vectors, dim)?;
        // The references only sharpen declining: their failure never holds the entries back.
        let references = self.embed_references(embedder, dim).await.unwrap_or_else(|error| {
            tracing::warn!(error = %crate::telemetry::chain(&error), "cannot embed the off-topic references now");
            None
        });
        let stored_dim = i64::try_from(dim).unwrap_or(i64::MAX);
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        for (p, v) in todo.iter().zip(&vectors) {
            let row = db::faq::VectorRow {
                entry_id: p.id.to_owned(),
                part: p.part,
                hash: p.hash.clone(),
                dim: stored_dim,
                vector: to_bytes(v),
            };
            db::faq::put_vector(&mut tx, model, &row).await?;
        }
        let removed = db::faq::delete_orphan_vectors(&mut tx).await?;
        if let Some(rows) = &references {
            db::faq::replace_off_topic_vectors(&mut tx, &settings.query_model, stored_dim, rows).await?;
        }
        if todo.is_empty() && removed == 0 && references.is_none() {
            // Nothing changed: running services keep their index.
            tx.rollback().await?;
        } else {
            db::faq::bump_revision(&mut tx).await?;
            tx.commit().await?;
            *self.checked() = None;
        }
        Ok(VectorReport { embedded: todo.len(), kept: total - todo.len() })
    }

    /// The off-topic references' vectors as (hash, bytes) to store, when the stored ones are
    /// not those of this release and question model (few, short texts: all at once).
    async fn embed_references(
        &self,
        embedder: &Embedder,
        dim: usize,
    ) -> Result<Option<Vec<(String, Vec<u8>)>>, RefreshError> {
        let settings = embedder.settings();
        let wanted = reference_parts(settings);
        let stored = db::faq::off_topic_vectors(&self.pool, &settings.query_model).await?;
        let hashes: HashSet<&str> = wanted.iter().map(|(h, _)| h.as_str()).collect();
        let current = stored.len() == wanted.len()
            && stored.iter().all(|(hash, d, _)| *d as usize == dim && hashes.contains(hash.as_str()));
        if current {
            return Ok(None);
        }
        let texts: Vec<String> = wanted.iter().map(|(_, t)| (*t).to_owned()).collect();
        let vectors = embedder.queries(&texts).await?;
        all_of_size(&vectors, dim)?;
        let rows: Vec<(String, Vec<u8>)> =
            wanted.into_iter().zip(&vectors).map(|((hash, _), v)| (hash, to_bytes(v))).collect();
        Ok(Some(rows))
    }

    /// The stored vectors of the off-topic references for the configured question model
    /// (`None` without a server or before they are embedded).
    async fn load_references(&self) -> Result<Option<Vectors>, ServiceError> {
        let Some(embedder) = &self.embedder else { return Ok(None) };
        let settings = embedder.settings();
        // A text's first place, should a text be listed twice.
        let mut position: HashMap<String, usize> = HashMap::new();
        for (i, (hash, _)) in reference_parts(settings).into_iter().enumerate() {
            position.entry(hash).or_insert(i);
        }
        let mut vectors: Option<Vectors> = None;
        for (hash, _, bytes) in db::faq::off_topic_vectors(&self.pool, &settings.query_model).await? {
            let Some(&i) = position.get(&hash) else { continue };
            let v = from_bytes(&bytes);
            let set = vectors.get_or_insert_with(|| Vectors::new(v.len()));
            if set.push(i, v).is_err() {
                return Ok(None);
            }
        }
        Ok(vectors)
    }

    /// Refreshes the vectors until it succeeds: at once, then after 1, 2, 4 … minutes (at
    /// most 30 between tries). For the running bot, whose embeddings server may come up later.
    pub async fn keep_refreshing(self: Arc<Self>) {
        let mut wait = std::time::Duration::from_secs(60);
        loop {
            let turn = self.refreshing.lock().await;
            let result = self.refresh_vectors().await;
            drop(turn);
            match result {
                Ok(r) => {
                    tracing::info!(embedded = r.embedded, kept = r.kept, "FAQ vectors are up to date");
                    return;
                }
                Err(error) => tracing::warn!(
                    error = %crate::telemetry::chain(&error),
                    retry_in_seconds = wait.as_secs(),
                    "cannot embed the FAQ now: questions are answered from their words meanwhile"
                ),
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(std::time::Duration::from_secs(30 * 60));
        }
    }

    /// Waits until no refresh of the vectors is running.
    pub async fn refresh_settled(&self) {
        drop(self.refreshing.lock().await);
    }

    /// Embeds, in the background, the parts an index build found without a vector: one
    /// refresh at a time; a failure waits for the next change of the FAQ (or the next start).
    fn refresh_in_background(&self) {
        let Some(me) = self.me.upgrade() else { return };
        let Ok(turn) = self.refreshing.clone().try_lock_owned() else { return };
        tokio::spawn(async move {
            match me.refresh_vectors().await {
                Ok(r) => tracing::info!(embedded = r.embedded, "FAQ entries without vectors embedded"),
                Err(error) => tracing::warn!(
                    error = %crate::telemetry::chain(&error),
                    "cannot embed the FAQ entries that lack vectors; they are found by their words meanwhile"
                ),
            }
            drop(turn);
        });
    }

    /// The stored vectors of the configured model that match the entries' current text, and
    /// how many parts have none.
    async fn load_vectors(&self, entries: &[FaqEntry]) -> Result<(Option<Vectors>, usize), ServiceError> {
        let Some(embedder) = &self.embedder else { return Ok((None, 0)) };
        let settings = embedder.settings();
        let rows = db::faq::vectors(&self.pool, &settings.document_model).await?;
        let stored = by_part(&rows);
        let mut vectors: Option<Vectors> = None;
        let mut missing = 0;
        for p in entry_parts(settings, entries) {
            let Some(row) = stored.get(&(p.id, p.part)).filter(|r| r.hash == p.hash) else {
                missing += 1;
                continue;
            };
            let v = from_bytes(&row.vector);
            let set = vectors.get_or_insert_with(|| Vectors::new(v.len()));
            if let Err(error) = set.push(p.doc, v) {
                tracing::warn!(entry = p.id, %error, "a stored FAQ vector is unusable; skipped");
                missing += 1;
            }
        }
        Ok((vectors, missing))
    }

    /// Brings the built-in FAQ in: all of it on first start; afterwards, the entries of a new
    /// release the centre has not edited are updated, and entries new in this release are added.
    /// What the centre rewrote or deleted stays as the centre left it.
    pub async fn ensure_default(&self) -> Result<DefaultSync, ServiceError> {
        let shipped = match file::read(file::DEFAULT) {
            Ok(entries) => entries,
            Err(errors) => {
                tracing::error!(?errors, "the built-in FAQ does not parse");
                return Ok(DefaultSync::default());
            }
        };
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: HashMap<String, FaqEntry> =
            db::faq::all_in(&mut tx).await?.into_iter().map(|e| (e.id.as_str().to_owned(), e)).collect();
        let recorded = db::faq::shipped(&mut tx).await?;
        let first_start = current.is_empty() && recorded.is_empty();
        let earlier = earlier_releases();
        let mut position = db::faq::max_position(&mut tx).await?;
        let mut sync = DefaultSync { first_start, ..DefaultSync::default() };
        for e in &shipped {
            let id = e.id.as_str();
            let hash = e.content_hash();
            let write = match current.get(id) {
                Some(d) => {
                    let theirs = d.content_hash();
                    let untouched = match recorded.get(id) {
                        Some(last) => *last == theirs,
                        None => earlier.contains(&(id, theirs.as_str())),
                    };
                    if theirs == hash {
                        if recorded.get(id) != Some(&hash) {
                            db::faq::record_shipped(&mut tx, id, &hash).await?;
                        }
                        false
                    } else if untouched {
                        sync.updated += 1;
                        true
                    } else {
                        sync.kept_edited += 1;
                        false
                    }
                }
                // Deleted by the centre (shipped before, now gone): left out.
                None if recorded.contains_key(id) => false,
                // A database from before releases were recorded: an id an earlier release had.
                None if !first_start && recorded.is_empty() && earlier.iter().any(|(old, _)| *old == id) => false,
                None => {
                    if !first_start {
                        sync.added += 1;
                    }
                    true
                }
            };
            if write {
                position += 1;
                db::faq::upsert(&mut tx, e, position).await?;
                db::faq::record_shipped(&mut tx, id, &hash).await?;
            }
        }
        if first_start {
            sync.added = shipped.len();
        }
        if sync.added + sync.updated > 0 {
            db::faq::bump_revision(&mut tx).await?;
        }
        tx.commit().await?;
        *self.checked() = None;
        Ok(sync)
    }

    fn checked(&self) -> std::sync::MutexGuard<'_, Option<std::time::Instant>> {
        self.checked.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads the FAQ's revision in the background every half [`REVISION_CHECK`], so that a
    /// question is answered without touching the database while nothing changed, and an
    /// import from the command line is still served within [`REVISION_CHECK`]. Ends when the
    /// service is dropped or the pool closed.
    pub async fn watch_revision(self: Arc<Self>) {
        let me = Arc::downgrade(&self);
        drop(self);
        loop {
            let Some(service) = me.upgrade() else { break };
            match db::faq::revision(&service.pool).await {
                Ok(r) => service.watched.store(r, std::sync::atomic::Ordering::Release),
                Err(sqlx::Error::PoolClosed) => break,
                Err(e) => {
                    service.watched.store(-1, std::sync::atomic::Ordering::Release);
                    tracing::debug!(error = %e, "cannot read the FAQ's revision");
                }
            }
            drop(service);
            tokio::time::sleep(REVISION_CHECK / 2).await;
        }
    }

    async fn snapshot(&self) -> Result<Arc<Snapshot>, ServiceError> {
        let watched = self.watched.load(std::sync::atomic::Ordering::Acquire);
        if watched >= 0 && self.checked().is_some() {
            if let Some(s) = self.snapshot.read().ok().and_then(|g| g.clone()).filter(|s| s.revision == watched) {
                return Ok(s);
            }
        }
        let fresh_enough = self.checked().is_some_and(|t| t.elapsed() < REVISION_CHECK);
        if fresh_enough {
            if let Some(s) = self.snapshot.read().ok().and_then(|g| g.clone()) {
                return Ok(s);
            }
        }
        let revision = db::faq::revision(&self.pool).await?;
        *self.checked() = Some(std::time::Instant::now());
        if let Ok(guard) = self.snapshot.read() {
            if let Some(s) = guard.as_ref().filter(|s| s.revision == revision) {
                return Ok(s.clone());
            }
        }
        let taught = db::faq::learned(&self.pool).await?;
        let extra = self.extra_synonyms().await?;
        let mut entries = with_learned(db::faq::all(&self.pool).await?, &taught);
        if !extra.is_empty() {
            for e in &mut entries {
                let words = extra.expansion(&format!("{} {} {}", e.question_vi, e.question_en, e.keywords.join(" ; ")));
                if !words.is_empty() {
                    e.keywords.push(words);
                }
            }
        }
        let index = Index::build(&entries);
        // What staff attached wins over what people taught, for the same words.
        let mut learned = HashMap::new();
        for l in taught.iter().filter(|l| l.source != "admin").chain(taught.iter().filter(|l| l.source == "admin")) {
            if let Some(doc) = entries.iter().position(|e| e.id.as_str() == l.entry_id) {
                learned.insert(l.normalized.clone(), doc);
            }
        }
        let (vectors, missing) = self.load_vectors(&entries).await?;
        let references = self.load_references().await?;
        if missing > 0 || (vectors.is_some() && references.is_none()) {
            self.refresh_in_background();
        }
        let restorer = if vectors.is_some() { Restorer::build(&entries) } else { Restorer::default() };
        let fresh = Arc::new(Snapshot { revision, entries, index, vectors, references, restorer, learned, extra });
        if let Ok(mut guard) = self.snapshot.write() {
            *guard = Some(fresh.clone());
        }
        tracing::info!(
            revision,
            entries = fresh.entries.len(),
            vectors = fresh.vectors.as_ref().map_or(0, Vectors::len),
            "FAQ index built"
        );
        Ok(fresh)
    }

    /// What the bot would answer to `question` (no side effects).
    pub async fn ask(&self, question: &str) -> Result<Reply, ServiceError> {
        let snap = self.snapshot().await?;
        let hits = snap.index.search(&snap.extra.expand(question));
        // A phrasing learned from use is answered with its entry, whatever the scores say.
        if let Some(&doc) = (!snap.learned.is_empty()).then(|| snap.learned.get(&question_key(question))).flatten() {
            let score = hits.iter().find(|h| h.doc == doc).map_or(0.0, |h| h.score);
            return Ok(Self::answer(&snap, doc, score, &hits));
        }
        let words = fusion::Words::new(&snap.index, &hits);
        let (decision, ranked) = match self.similarities(&snap, question).await {
            Some((sims, off_topic)) => {
                let fused = fusion::fuse(&self.hybrid, &hits, &sims);
                (fusion::decide(&self.hybrid, &words, &fused, &sims, off_topic), fused)
            }
            None => (words.decision, hits),
        };
        Ok(Self::reply(&snap, &decision, &ranked))
    }

    /// Each entry's similarity to the question by meaning and the nearest off-topic
    /// reference's, or `None` (lexical search only) without a server, without vectors, or
    /// when the server fails: then the failure is counted and logged at most once a minute.
    async fn similarities(&self, snap: &Snapshot, question: &str) -> Option<(Vec<Option<f32>>, Option<f32>)> {
        let embedder = self.embedder.as_ref()?;
        let result = match snap.vectors.as_ref() {
            // Configured, but the entries have no vectors yet (the server was down at start).
            None => Err(EmbedError::NoVectors),
            Some(vectors) => match embedder.query(&snap.restorer.restore(question)).await {
                Ok(v) => vectors
                    .similarities(&v, snap.entries.len())
                    .map(|sims| (sims, snap.references.as_ref().and_then(|r| r.nearest(&v).ok().flatten())))
                    .map_err(|e| match e {
                        DenseError::Dimension { want, got } => {
                            // A vector of the wrong size counts as a failure of the server.
                            embedder.failed();
                            EmbedError::Dimension { want, got }
                        }
                        DenseError::Degenerate => EmbedError::Malformed("the question's vector is zero".into()),
                    }),
                Err(e) => Err(e),
            },
        };
        match result {
            Ok(sims) => {
                embedder.succeeded();
                Some(sims)
            }
            Err(error) => {
                if let Some(hook) = &self.on_failure {
                    hook(error.reason());
                }
                embedder.log_failure("a question is answered from its words alone", &error);
                None
            }
        }
    }

    fn reply(snap: &Snapshot, decision: &Decision, hits: &[Hit]) -> Reply {
        let entry = |doc: usize| snap.entries[doc].clone();
        match decision.clone() {
            Decision::Unknown => Reply::Unknown,
            Decision::Ambiguous(offered) => {
                Reply::DidYouMean(offered.iter().map(|h| (entry(h.doc), h.score)).collect())
            }
            Decision::Confident(best) => Self::answer(snap, best.doc, best.score, hits),
        }
    }

    /// Entry `doc` as the answer, with up to three related entries: other strong matches
    /// first, then the same category.
    fn answer(snap: &Snapshot, doc: usize, score: f32, hits: &[Hit]) -> Reply {
        let chosen = &snap.entries[doc];
        let mut related: Vec<FaqEntry> = hits
            .iter()
            .filter(|h| h.doc != doc && h.score >= 0.4 * score)
            .take(3)
            .map(|h| snap.entries[h.doc].clone())
            .collect();
        for e in snap.entries.iter().filter(|e| e.category == chosen.category && e.id != chosen.id) {
            if related.len() >= 3 {
                break;
            }
            if !related.iter().any(|r| r.id == e.id) {
                related.push(e.clone());
            }
        }
        Reply::Answer { entry: Box::new(chosen.clone()), score, related }
    }

    /// An id for the next question to record: unique in this process and above every stored one.
    pub async fn reserve_question(&self) -> Result<i64, ServiceError> {
        use std::sync::atomic::{AtomicI64, Ordering};
        let next = self
            .next_question
            .get_or_try_init(|| async { db::faq::max_question_id(&self.pool).await.map(|max| AtomicI64::new(max + 1)) })
            .await?;
        Ok(next.fetch_add(1, Ordering::Relaxed))
    }

    /// Records a question with what it got (for /stats and /unanswered), in one transaction
    /// with its sender when they are new (or not recorded lately) and with the update it came
    /// in as handled, so a replay of that update finds it done and records nothing twice.
    pub async fn record(
        &self,
        asked: &Asked<'_>,
        reply: &Reply,
        seen: &super::users::Seen,
        handled: &super::updates::Handled,
    ) -> Result<(), ServiceError> {
        let (outcome, entry_id) = match reply {
            Reply::Answer { entry, .. } => ("answered", Some(entry.id.as_str())),
            Reply::DidYouMean(_) => ("ambiguous", None),
            Reply::Unknown => ("unanswered", None),
        };
        let key = question_key(asked.text);
        let sender = asked.sender;
        let now = db::now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // Someone writing for the first time is stored before their question refers to them.
        let lang = match seen.fresh(sender) {
            Some(_) => None,
            None => {
                let initial = crate::domain::lang::Lang::from_client(sender.language_code.as_deref());
                Some(db::users::upsert(&mut *tx, sender, initial, now).await?)
            }
        };
        let question = db::faq::NewQuestion {
            id: asked.id,
            user_id: sender.user_id,
            chat_id: sender.chat_id,
            body: asked.text,
            normalized: &key,
            outcome,
            entry_id,
            now,
        };
        db::faq::insert_question(&mut *tx, &question).await?;
        if let Some(update_id) = asked.update_id {
            db::updates::mark_handled(&mut *tx, update_id, now).await?;
        }
        tx.commit().await?;
        if let Some(lang) = lang {
            seen.remember(sender, lang);
        }
        if let Some(update_id) = asked.update_id {
            handled.remember(update_id, now);
        }
        Ok(())
    }

    pub async fn get(&self, id: &str) -> Result<Option<FaqEntry>, ServiceError> {
        Ok(self.snapshot().await?.entries.iter().find(|e| e.id.as_str() == id).cloned())
    }

    /// Categories in file order, with their entry counts.
    pub async fn categories(&self) -> Result<Vec<(String, usize)>, ServiceError> {
        let snap = self.snapshot().await?;
        let mut out: Vec<(String, usize)> = Vec::new();
        for e in &snap.entries {
            match out.iter_mut().find(|(c, _)| *c == e.category) {
                Some((_, n)) => *n += 1,
                None => out.push((e.category.clone(), 1)),
            }
        }
        Ok(out)
    }

    pub async fn in_category(&self, category: &str) -> Result<Vec<FaqEntry>, ServiceError> {
        Ok(self.snapshot().await?.entries.iter().filter(|e| e.category == category).cloned().collect())
    }

    /// Writes entries in one transaction (all or nothing) and bumps the revision; returns
    /// (added, updated).
    async fn store(&self, entries: &[FaqEntry], replace: bool) -> Result<(usize, usize), ServiceError> {
        // IMMEDIATE: the first statement reads, and a read transaction cannot always become a
        // writer under concurrent writes (SQLite answers "database is locked" at once).
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        if replace {
            db::faq::delete_all(&mut tx).await?;
        }
        let mut position = db::faq::max_position(&mut tx).await?;
        let (mut added, mut updated) = (0, 0);
        for e in entries {
            position += 1;
            if db::faq::upsert(&mut tx, e, position).await? {
                added += 1;
            } else {
                updated += 1;
            }
        }
        db::faq::bump_revision(&mut tx).await?;
        tx.commit().await?;
        // Seen at the next question, whatever the clock.
        *self.checked() = None;
        Ok((added, updated))
    }

    /// Imports a FAQ file: all of it or nothing. With `replace`, entries not in the file
    /// are removed; otherwise they are kept and entries with the same id are updated.
    pub async fn import(&self, bytes: &[u8], replace: bool) -> Result<ImportReport, ImportError> {
        let entries = file::read(bytes).map_err(ImportError::Invalid)?;
        let before: HashSet<String> = if replace {
            db::faq::all(&self.pool)
                .await
                .map_err(ServiceError::Db)?
                .into_iter()
                .map(|e| e.id.as_str().to_owned())
                .collect()
        } else {
            HashSet::new()
        };
        let (added, updated) = self.store(&entries, replace).await?;
        let mut report = ImportReport { added, updated, removed: 0 };
        if replace {
            // Everything was deleted first: count against what was there before.
            let kept: HashSet<&str> = entries.iter().map(|e| e.id.as_str()).collect();
            report.removed = before.iter().filter(|id| !kept.contains(id.as_str())).count();
            report.added = entries.iter().filter(|e| !before.contains(e.id.as_str())).count();
            report.updated = entries.len() - report.added;
        }
        Ok(report)
    }

    /// The FAQ file, with the phrasings learned from use written into each entry's keywords
    /// (so export → import loses nothing).
    pub async fn export(&self) -> Result<Vec<u8>, ServiceError> {
        let entries = with_learned(db::faq::all(&self.pool).await?, &db::faq::learned(&self.pool).await?);
        Ok(file::write(&entries)?)
    }

    /// 👍/👎 under an answer. A 👎 from someone who chose this entry for a question takes
    /// their vote back: a phrasing people taught stays only while two of them stand by it.
    pub async fn feedback(&self, user_id: i64, entry_id: &str, helpful: bool) -> Result<(), ServiceError> {
        db::faq::set_feedback(&self.pool, user_id, entry_id, helpful, db::now()).await?;
        if !helpful {
            let mut changed = false;
            for normalized in db::faq::picked_by(&self.pool, user_id, entry_id).await? {
                if db::faq::pickers(&self.pool, &normalized, entry_id).await? < LEARN_AFTER {
                    let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
                    if db::faq::unlearn_taught(&mut tx, entry_id, &normalized).await? {
                        db::faq::bump_revision(&mut tx).await?;
                        changed = true;
                    }
                    tx.commit().await?;
                }
            }
            if changed {
                *self.checked() = None;
            }
        }
        Ok(())
    }

    /// A person tapped `entry_id` among the "did you mean" options of their last question.
    /// Once [`LEARN_AFTER`] different people chose the same entry for the same question (and
    /// none of them rated it 👎), the question is learned as a phrasing of that entry; true
    /// when this tap taught it.
    pub async fn pick(&self, user_id: i64, entry_id: &str) -> Result<bool, ServiceError> {
        let since = db::now() - PICK_WINDOW_SECS;
        let Some((normalized, body)) = db::faq::mark_picked(&self.pool, user_id, entry_id, since).await? else {
            return Ok(false);
        };
        if normalized.is_empty() || db::faq::pickers(&self.pool, &normalized, entry_id).await? < LEARN_AFTER {
            return Ok(false);
        }
        self.learn(entry_id, &body, &normalized, "users").await
    }

    /// An admin attaches a group of unanswered questions (named by one of them) to an entry:
    /// searched at once. `None` when the question or the entry is gone.
    pub async fn attach(&self, question_id: i64, entry_id: &str) -> Result<Option<FaqEntry>, ServiceError> {
        let Some((normalized, body)) = db::faq::question_text(&self.pool, question_id).await? else {
            return Ok(None);
        };
        let Some(entry) = self.get(entry_id).await? else { return Ok(None) };
        self.learn(entry_id, &body, &normalized, "admin").await?;
        Ok(Some(entry))
    }

    /// An admin answers a group of unanswered questions with a new entry (its question is the
    /// group's example); the group leaves /unanswered. `None` when the question is gone.
    pub async fn add_from_question(
        &self,
        question_id: i64,
        category: &str,
        answer: &str,
    ) -> Result<Option<FaqEntry>, ServiceError> {
        let Some((normalized, body)) = db::faq::question_text(&self.pool, question_id).await? else {
            return Ok(None);
        };
        let id = format!("hoi-dap-{question_id}");
        let question: String = body.chars().take(crate::domain::faq::MAX_QUESTION).collect();
        let raw = crate::domain::faq::RawEntry {
            id: &id,
            category,
            question_vi: &question,
            answer_vi: answer,
            ..Default::default()
        };
        let entry = FaqEntry::parse(&raw)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let position = db::faq::max_position(&mut tx).await? + 1;
        db::faq::upsert(&mut tx, &entry, position).await?;
        db::faq::learn(&mut tx, &id, &body, &normalized, "admin", db::now()).await?;
        db::faq::bump_revision(&mut tx).await?;
        tx.commit().await?;
        *self.checked() = None;
        Ok(Some(entry))
    }

    async fn learn(&self, entry_id: &str, body: &str, normalized: &str, source: &str) -> Result<bool, ServiceError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let new = db::faq::learn(&mut tx, entry_id, body, normalized, source, db::now()).await?;
        if new {
            db::faq::bump_revision(&mut tx).await?;
        }
        tx.commit().await?;
        *self.checked() = None;
        Ok(new)
    }

    /// The entries best matching `words`, best first (for an admin looking for one).
    pub async fn find(&self, words: &str, limit: usize) -> Result<Vec<FaqEntry>, ServiceError> {
        let snap = self.snapshot().await?;
        Ok(snap
            .index
            .search(&snap.extra.expand(words))
            .iter()
            .take(limit)
            .filter_map(|h| snap.entries.get(h.doc).cloned())
            .collect())
    }

    async fn extra_synonyms(&self) -> Result<Extra, ServiceError> {
        let rows = db::faq::synonyms(&self.pool).await?;
        Ok(Extra::new(rows.iter().filter_map(|(k, n, p)| Synonym::parse(k, n, p).ok()).collect()))
    }

    /// The synonyms file: the built-in rows, then the centre's.
    pub async fn export_synonyms(&self) -> Result<Vec<u8>, ServiceError> {
        let mut rows = vocabulary::built_in();
        for (k, n, p) in db::faq::synonyms(&self.pool).await? {
            if let Ok(row) = Synonym::parse(&k, &n, &p) {
                rows.push(row);
            }
        }
        Ok(synonyms_file::write(&rows)?)
    }

    /// Imports a synonyms file, all or nothing: what it adds to the built-in vocabulary
    /// replaces the centre's earlier rows and is searched at once. Returns how many rows add
    /// something.
    pub async fn import_synonyms(&self, bytes: &[u8]) -> Result<usize, ImportError> {
        let rows = synonyms_file::read(bytes).map_err(ImportError::Invalid)?;
        let added = vocabulary::additions(&rows);
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(ServiceError::Db)?;
        db::faq::delete_synonyms(&mut tx).await.map_err(ServiceError::Db)?;
        for row in &added {
            db::faq::insert_synonym(&mut tx, row.kind.code(), &row.name, &row.phrases.join(";"))
                .await
                .map_err(ServiceError::Db)?;
        }
        db::faq::bump_revision(&mut tx).await.map_err(ServiceError::Db)?;
        tx.commit().await.map_err(ServiceError::Db)?;
        *self.checked() = None;
        Ok(added.len())
    }

    /// The phrasings learned so far, oldest first.
    pub async fn learned(&self) -> Result<Vec<db::faq::LearnedRow>, ServiceError> {
        Ok(db::faq::learned(&self.pool).await?)
    }

    /// Removes a learned phrasing; false when it was already gone.
    pub async fn unlearn(&self, id: i64) -> Result<bool, ServiceError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let removed = db::faq::unlearn(&mut tx, id).await?;
        if removed {
            db::faq::bump_revision(&mut tx).await?;
        }
        tx.commit().await?;
        *self.checked() = None;
        Ok(removed)
    }

    /// Marks a question as sent to the centre (once); returns it when this call did.
    pub async fn forward(&self, question_id: i64, user_id: i64) -> Result<Option<db::faq::QuestionRow>, ServiceError> {
        if db::faq::mark_forwarded(&self.pool, question_id, user_id, db::now()).await? {
            Ok(db::faq::question(&self.pool, question_id).await?)
        } else {
            Ok(None)
        }
    }

    pub async fn question(&self, id: i64) -> Result<Option<db::faq::QuestionRow>, ServiceError> {
        Ok(db::faq::question(&self.pool, id).await?)
    }

    pub async fn mark_replied(&self, id: i64) -> Result<(), ServiceError> {
        Ok(db::faq::mark_replied(&self.pool, id, db::now()).await?)
    }

    pub async fn unanswered(&self, limit: i64) -> Result<Vec<UnansweredGroup>, ServiceError> {
        Ok(db::faq::unanswered_groups(&self.pool, limit).await?)
    }

    pub async fn stats(&self) -> Result<FaqStats, ServiceError> {
        let counts = db::faq::outcome_counts(&self.pool).await?;
        let snap = self.snapshot().await?;
        let least_helpful = db::faq::least_helpful(&self.pool, 5)
            .await?
            .into_iter()
            .filter_map(|r| {
                snap.entries.iter().find(|e| e.id.as_str() == r.entry_id).map(|e| (e.clone(), r.helpful, r.unhelpful))
            })
            .collect();
        Ok(FaqStats {
            answered: counts.answered,
            ambiguous: counts.ambiguous,
            unanswered: counts.unanswered,
            least_helpful,
        })
    }
}
