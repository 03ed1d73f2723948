//! Hybrid FAQ search against a fake OpenAI-compatible embeddings server on loopback: entry
//! vectors are embedded once and again only for what changed or for another model, a
//! paraphrase is answered by its meaning, and every way the server can fail (slow, HTTP
//! error, a vector of another dimension, down) leaves the answer the words alone would give,
//! reported to the failure hook with its reason.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::json;
use sqlx::SqlitePool;
use sxsh_bot::services::faq::embeddings::{Embedder, Settings, QUERY_TIMEOUT};
use sxsh_bot::services::faq::{FailureHook, FaqService, RefreshError, Reply, VectorReport};
use tempfile::TempDir;

use crate::common::free_addr;

const QUERY_PREFIX: &str = "query: ";
const DOCUMENT_PREFIX: &str = "passage: ";
const QUERY_MODEL: &str = "fake-query";
const DOCUMENT_MODEL: &str = "fake-passage";

/// Three entries without English (two parts each: the question, and the question with the
/// answer). Each speaks of one meaning of [`MEANINGS`] and of no other.
const FAQ: &str = "id,category,question_vi,answer_vi,question_en,answer_en,keywords\n\
    hoc-phi,Khóa học,Học phí khóa học là bao nhiêu?,Học phí là hai triệu đồng cho cả khóa.,,,\n\
    dia-diem,Khóa học,Lớp học ở đâu?,Lớp học ở hội trường của trung tâm.,,,\n\
    chung-chi,Khóa học,Học xong có được cấp chứng chỉ không?,Có: mỗi học viên hoàn thành khóa được cấp chứng chỉ.,,,\n";
const PARTS: usize = 6;

/// The same FAQ with one question reworded.
const FAQ_EDITED: &str = "id,category,question_vi,answer_vi,question_en,answer_en,keywords\n\
    hoc-phi,Khóa học,Học phí khóa học là bao nhiêu?,Học phí là hai triệu đồng cho cả khóa.,,,\n\
    dia-diem,Khóa học,Lớp học tổ chức ở đâu?,Lớp học ở hội trường của trung tâm.,,,\n\
    chung-chi,Khóa học,Học xong có được cấp chứng chỉ không?,Có: mỗi học viên hoàn thành khóa được cấp chứng chỉ.,,,\n";

/// Answered by `hoc-phi` from its words.
const BY_WORDS: &str = "học phí bao nhiêu";
/// Shares no word with `hoc-phi` (nor with any entry) but means the same to the fake model.
const BY_MEANING: &str = "Tôi phải trả mấy tiền?";

/// Dimensions of the fake model's vectors.
const DIM: usize = 8;
/// Texts holding one of these phrases share an axis, whatever their other words.
const MEANINGS: [&[&str]; 3] = [&["học phí", "trả mấy tiền"], &["ở đâu"], &["chứng chỉ"]];
/// How long the slow server takes, far beyond any query timeout.
/// The shipped off-topic references, embedded as questions once per question model, and
/// the requests that takes.
fn references() -> usize {
    sxsh_bot::domain::faq::offtopic::references().count()
}

fn reference_requests() -> usize {
    references().div_ceil(sxsh_bot::services::faq::embeddings::BATCH)
}

const SLOW: Duration = Duration::from_secs(3);

/// The fake model: one axis per meaning found in the text, and a little of a last axis so no
/// vector is zero (a text means nearly nothing to another of a different meaning).
fn meaning(text: &str) -> Vec<f32> {
    let text = text.to_lowercase();
    let mut v = vec![0.0; DIM];
    v[DIM - 1] = 0.1;
    for (axis, phrases) in MEANINGS.iter().enumerate() {
        if phrases.iter().any(|p| text.contains(p)) {
            v[axis] = 1.0;
        }
    }
    v
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Vectors from [`meaning`].
    Normal,
    /// Answers after [`SLOW`].
    Slow,
    /// HTTP 500.
    Broken,
    /// Questions (inputs with the query prefix) get vectors of fewer dimensions.
    ShortQueries,
}

#[derive(Debug, Clone, serde::Deserialize)]
struct EmbeddingsRequest {
    model: String,
    input: Vec<String>,
    encoding_format: String,
}

struct Fake {
    mode: Mutex<Mode>,
    requests: Mutex<Vec<EmbeddingsRequest>>,
}

/// A fake embeddings server on loopback: `POST /v1/embeddings`, behaving as its mode says.
struct FakeServer {
    state: Arc<Fake>,
    url: String,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl FakeServer {
    async fn start() -> FakeServer {
        Self::start_on("127.0.0.1:0".parse().expect("address")).await
    }

    async fn start_on(addr: SocketAddr) -> FakeServer {
        let state = Arc::new(Fake { mode: Mutex::new(Mode::Normal), requests: Mutex::default() });
        let listener = tokio::net::TcpListener::bind(addr).await.expect("the fake server's port");
        let addr = listener.local_addr().expect("its address");
        let app = Router::new().route("/v1/embeddings", post(embeddings)).with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeServer { state, url: format!("http://{addr}/v1") }
    }

    fn set(&self, mode: Mode) {
        *lock(&self.state.mode) = mode;
    }

    /// Requests received for `model`.
    fn requests(&self, model: &str) -> usize {
        lock(&self.state.requests).iter().filter(|r| r.model == model).count()
    }

    /// Every text received for `model`, in order.
    fn inputs(&self, model: &str) -> Vec<String> {
        lock(&self.state.requests).iter().filter(|r| r.model == model).flat_map(|r| r.input.clone()).collect()
    }
}

async fn embeddings(State(fake): State<Arc<Fake>>, Json(request): Json<EmbeddingsRequest>) -> Response {
    lock(&fake.requests).push(request.clone());
    if request.encoding_format != "float" {
        return (StatusCode::BAD_REQUEST, "encoding_format must be float here").into_response();
    }
    let mode = *lock(&fake.mode);
    match mode {
        Mode::Broken => return (StatusCode::INTERNAL_SERVER_ERROR, "the model crashed").into_response(),
        Mode::Slow => tokio::time::sleep(SLOW).await,
        Mode::Normal | Mode::ShortQueries => {}
    }
    // Listed last first: the client must put them in order by `index`.
    let data: Vec<_> = request
        .input
        .iter()
        .enumerate()
        .rev()
        .map(|(index, text)| {
            let mut v = meaning(text);
            if mode == Mode::ShortQueries && text.starts_with(QUERY_PREFIX) {
                v.truncate(DIM - 3);
            }
            json!({ "object": "embedding", "index": index, "embedding": v })
        })
        .collect();
    Json(json!({ "object": "list", "model": request.model, "data": data })).into_response()
}

/// The reasons the failure hook was called with, in order.
#[derive(Clone, Default)]
struct Failures(Arc<Mutex<Vec<&'static str>>>);

impl Failures {
    fn hook(&self) -> FailureHook {
        let seen = self.0.clone();
        Arc::new(move |reason| lock(&seen).push(reason))
    }

    fn seen(&self) -> Vec<&'static str> {
        lock(&self.0).clone()
    }
}

fn settings(url: &str, query_model: &str, document_model: &str, query_timeout: Duration) -> Settings {
    Settings {
        url: url.to_owned(),
        query_model: query_model.to_owned(),
        document_model: document_model.to_owned(),
        query_prefix: QUERY_PREFIX.to_owned(),
        document_prefix: DOCUMENT_PREFIX.to_owned(),
        query_timeout,
    }
}

fn hybrid(pool: &SqlitePool, settings: Settings, failures: &Failures) -> Arc<FaqService> {
    FaqService::with_embeddings(pool.clone(), Some(Embedder::new(settings)), Some(failures.hook()))
}

/// A fresh database on disk.
async fn database() -> (TempDir, SqlitePool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = sxsh_bot::db::open(&format!("sqlite:{}", dir.path().join("bot.db").display())).await.expect("pool");
    (dir, pool)
}

/// The vectors stored for `model`.
async fn stored(pool: &SqlitePool, model: &str) -> usize {
    sxsh_bot::db::faq::vectors(pool, model).await.expect("vectors").len()
}

/// What a reply offers: its kind and its entries' ids, best first.
fn shape(reply: &Reply) -> (&'static str, Vec<String>) {
    let kind = match reply {
        Reply::Answer { .. } => "answer",
        Reply::DidYouMean(_) => "did you mean",
        Reply::Unknown => "unknown",
    };
    (kind, reply.offered().iter().map(|(e, _)| e.id.as_str().to_owned()).collect())
}

fn answer(id: &str) -> (&'static str, Vec<String>) {
    ("answer", vec![id.to_owned()])
}

fn unknown() -> (&'static str, Vec<String>) {
    ("unknown", Vec::new())
}

async fn ask(faq: &FaqService, question: &str) -> (&'static str, Vec<String>) {
    shape(&faq.ask(question).await.expect("asks"))
}

/// The FAQ embedded through a working fake server, with a hybrid service (whose question
/// timeout is `query_timeout`) that answers [`BY_MEANING`] by its vector, and a service on
/// the same database without embeddings.
struct Embedded {
    _dir: TempDir,
    pool: SqlitePool,
    server: FakeServer,
    failures: Failures,
    hybrid: Arc<FaqService>,
    words_only: Arc<FaqService>,
}

async fn embedded(query_timeout: Duration) -> Embedded {
    let (dir, pool) = database().await;
    let server = FakeServer::start().await;
    let failures = Failures::default();
    let faq = hybrid(&pool, settings(&server.url, QUERY_MODEL, DOCUMENT_MODEL, query_timeout), &failures);
    faq.import(FAQ.as_bytes(), true).await.expect("imports");
    assert_eq!(faq.refresh_vectors().await.expect("embeds"), VectorReport { embedded: PARTS, kept: 0 });
    assert_eq!(ask(&faq, BY_MEANING).await, answer("hoc-phi"), "the vectors are in use");
    assert_eq!(failures.seen(), Vec::<&str>::new());
    let words_only = FaqService::new(pool.clone());
    Embedded { _dir: dir, pool, server, failures, hybrid: faq, words_only }
}

/// Both questions get what the words alone give: the one the words know is answered, the
/// paraphrase is not; the hook was called once per question with `reason`.
async fn answered_from_words_alone(w: &Embedded, reason: &'static str) {
    for question in [BY_WORDS, BY_MEANING] {
        let started = Instant::now();
        let got = ask(&w.hybrid, question).await;
        assert!(started.elapsed() < Duration::from_secs(1), "{question:?} took {:?}", started.elapsed());
        assert_eq!(got, ask(&w.words_only, question).await, "{question:?}");
    }
    assert_eq!(ask(&w.hybrid, BY_WORDS).await, answer("hoc-phi"));
    assert_eq!(ask(&w.hybrid, BY_MEANING).await, unknown());
    // After three failures in a row the server is skipped for a while: the fourth question
    // does not wait for it.
    assert_eq!(w.failures.seen(), vec![reason, reason, reason, "paused"]);
}

#[tokio::test]
async fn entry_vectors_are_embedded_once_and_again_only_for_the_entry_that_changed() {
    let w = embedded(QUERY_TIMEOUT).await;
    let sent = w.server.inputs(DOCUMENT_MODEL);
    assert_eq!(sent.len(), PARTS, "each part once: {sent:?}");
    assert!(sent.iter().all(|t| t.starts_with(DOCUMENT_PREFIX)), "{sent:?}");
    assert_eq!(stored(&w.pool, DOCUMENT_MODEL).await, PARTS);

    assert_eq!(w.hybrid.refresh_vectors().await.expect("refreshes"), VectorReport { embedded: 0, kept: PARTS });
    assert_eq!(w.server.inputs(DOCUMENT_MODEL).len(), PARTS, "nothing sent again");

    w.hybrid.import(FAQ_EDITED.as_bytes(), true).await.expect("imports");
    assert_eq!(w.hybrid.refresh_vectors().await.expect("refreshes"), VectorReport { embedded: 2, kept: PARTS - 2 });
    let again = w.server.inputs(DOCUMENT_MODEL)[PARTS..].to_vec();
    assert_eq!(again.len(), 2, "{again:?}");
    assert!(again.iter().all(|t| t.starts_with("passage: Lớp học tổ chức ở đâu?")), "{again:?}");
    assert_eq!(stored(&w.pool, DOCUMENT_MODEL).await, PARTS, "replaced, not added");

    // An entry gone takes its vectors with it.
    let fewer: String = FAQ_EDITED.lines().filter(|l| !l.starts_with("chung-chi")).map(|l| format!("{l}\n")).collect();
    w.hybrid.import(fewer.as_bytes(), true).await.expect("imports");
    assert_eq!(w.hybrid.refresh_vectors().await.expect("refreshes"), VectorReport { embedded: 0, kept: PARTS - 2 });
    assert_eq!(stored(&w.pool, DOCUMENT_MODEL).await, PARTS - 2);
    assert_eq!(w.failures.seen(), Vec::<&str>::new());
}

#[tokio::test]
async fn a_question_sharing_no_word_with_an_entry_is_answered_by_its_meaning() {
    let w = embedded(QUERY_TIMEOUT).await;
    assert_eq!(ask(&w.words_only, BY_MEANING).await, unknown(), "the words alone do not know it");
    let queries_before = w.server.inputs(QUERY_MODEL).len();
    assert_eq!(ask(&w.hybrid, BY_MEANING).await, answer("hoc-phi"));
    let queries = &w.server.inputs(QUERY_MODEL)[queries_before..];
    assert_eq!(queries[0], format!("{QUERY_PREFIX}{BY_MEANING}"), "one question, with the query prefix and model");
    assert_eq!(queries.len(), 1);
    // The words still decide a question they know.
    assert_eq!(ask(&w.hybrid, BY_WORDS).await, answer("hoc-phi"));
    assert_eq!(w.failures.seen(), Vec::<&str>::new());
}

#[tokio::test]
async fn a_slow_embeddings_server_costs_a_question_its_timeout_not_its_answer() {
    let w = embedded(Duration::from_millis(200)).await;
    w.server.set(Mode::Slow);
    answered_from_words_alone(&w, "timeout").await;
}

#[tokio::test]
async fn an_embeddings_server_error_leaves_the_answer_the_words_give() {
    let w = embedded(QUERY_TIMEOUT).await;
    w.server.set(Mode::Broken);
    answered_from_words_alone(&w, "status").await;
}

#[tokio::test]
async fn a_question_vector_of_another_dimension_leaves_the_answer_the_words_give() {
    let w = embedded(QUERY_TIMEOUT).await;
    w.server.set(Mode::ShortQueries);
    answered_from_words_alone(&w, "dimension").await;
}

#[tokio::test]
async fn with_the_server_down_at_start_questions_are_answered_from_words_until_it_comes_up() {
    let (_dir, pool) = database().await;
    let failures = Failures::default();
    let down = free_addr();
    let faq =
        hybrid(&pool, settings(&format!("http://{down}/v1"), QUERY_MODEL, DOCUMENT_MODEL, QUERY_TIMEOUT), &failures);
    faq.import(FAQ.as_bytes(), true).await.expect("imports");
    let error = faq.refresh_vectors().await.expect_err("nothing listens");
    assert!(matches!(&error, RefreshError::Embed(e) if e.reason() == "unreachable"), "{error:?}");
    assert_eq!(stored(&pool, DOCUMENT_MODEL).await, 0);
    let words_only = FaqService::new(pool.clone());
    assert_eq!(ask(&faq, BY_WORDS).await, answer("hoc-phi"));
    assert_eq!(ask(&faq, BY_MEANING).await, ask(&words_only, BY_MEANING).await);
    // Without entry vectors the question's is not asked for; each question is counted as
    // answered without them, so the operator sees it in /metrics.
    assert_eq!(failures.seen(), vec!["no_vectors", "no_vectors"]);

    // The server comes up where it was expected: the next refresh embeds everything.
    // (The index build also tried to embed the entries in the background, and failed.)
    faq.refresh_settled().await;
    let server = FakeServer::start_on(down).await;
    assert_eq!(faq.refresh_vectors().await.expect("embeds"), VectorReport { embedded: PARTS, kept: 0 });
    assert_eq!(stored(&pool, DOCUMENT_MODEL).await, PARTS);
    assert_eq!(ask(&faq, BY_MEANING).await, answer("hoc-phi"));
    assert_eq!(
        server.requests(QUERY_MODEL),
        2 + reference_requests(),
        "the refresh's probe for the vectors' size, the off-topic references, then the question"
    );
    let references_stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM faq_off_topic_vectors WHERE model = ?1")
        .bind(QUERY_MODEL)
        .fetch_one(&pool)
        .await
        .expect("counts");
    assert_eq!(references_stored as usize, references());

    // A bot started while the server is down again keeps the stored vectors (its refresh
    // fails at the probe and changes nothing), answers from words and reports why.
    let restarted = hybrid(
        &pool,
        settings(&format!("http://{}/v1", free_addr()), QUERY_MODEL, DOCUMENT_MODEL, QUERY_TIMEOUT),
        &failures,
    );
    assert!(restarted.refresh_vectors().await.is_err(), "the probe cannot reach the server");
    assert_eq!(stored(&pool, DOCUMENT_MODEL).await, PARTS, "the stored vectors are kept");
    assert_eq!(ask(&restarted, BY_WORDS).await, answer("hoc-phi"));
    assert_eq!(ask(&restarted, BY_MEANING).await, unknown());
    assert_eq!(failures.seen(), vec!["no_vectors", "no_vectors", "unreachable", "unreachable"]);
}

#[tokio::test]
async fn a_new_document_model_embeds_everything_again_and_never_reads_the_old_models_vectors() {
    let (_dir, pool) = database().await;
    let server = FakeServer::start().await;
    let failures = Failures::default();
    let a = hybrid(&pool, settings(&server.url, "model-a", "model-a", QUERY_TIMEOUT), &failures);
    a.import(FAQ.as_bytes(), true).await.expect("imports");
    assert_eq!(a.refresh_vectors().await.expect("embeds"), VectorReport { embedded: PARTS, kept: 0 });
    assert_eq!(ask(&a, BY_MEANING).await, answer("hoc-phi"));

    // Model "b" before its vectors exist: "a"'s would answer the paraphrase, and must not.
    // Building the index finds the entries without "b" vectors and embeds them in the
    // background (as after an import from the command line without the embeddings settings).
    let b = hybrid(&pool, settings(&server.url, "model-b", "model-b", QUERY_TIMEOUT), &failures);
    assert_eq!(ask(&b, BY_MEANING).await, unknown());
    let deadline = Instant::now() + Duration::from_secs(5);
    while stored(&pool, "model-b").await < PARTS {
        assert!(Instant::now() < deadline, "the entries were not embedded in the background");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        server.inputs("model-b").len(),
        PARTS + 1 + references(),
        "a probe for the vectors' size, the off-topic references, then the entries"
    );
    assert_eq!(b.refresh_vectors().await.expect("refreshes"), VectorReport { embedded: 0, kept: PARTS });
    assert_eq!(ask(&b, BY_MEANING).await, answer("hoc-phi"));
    assert_eq!(
        server.requests("model-b"),
        4 + reference_requests(),
        "the probe, the references, the entries, a second probe, then the question"
    );

    // "a"'s vectors are kept: switching back embeds nothing.
    assert_eq!(stored(&pool, "model-a").await, PARTS);
    let requests_a = server.requests("model-a");
    assert_eq!(a.refresh_vectors().await.expect("refreshes"), VectorReport { embedded: 0, kept: PARTS });
    assert_eq!(server.requests("model-a"), requests_a + 1, "only the probe for the vectors' size");
    assert_eq!(failures.seen(), vec!["no_vectors"], "model b's question before its vectors");
}
