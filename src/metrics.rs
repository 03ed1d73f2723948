//! Observability for the operator: `/healthz` (the database answers) and Prometheus
//! `/metrics` — updates by kind, handler latency, FAQ outcomes, outbox depth, sends by outcome,
//! Telegram's 429s, replays ignored, webhook updates waiting — served on `METRICS_ADDR` (and,
//! in webhook mode, also on the webhook's address). Counters live in one [`Metrics`] value
//! injected where things happen; nothing is global.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use sqlx::SqlitePool;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::services;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
    pub kind: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct PriorityLabel {
    pub priority: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ReasonLabel {
    pub reason: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabel {
    pub outcome: &'static str,
}

/// How a free-text question to the FAQ ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FaqOutcome {
    Answered,
    Ambiguous,
    Unanswered,
}

/// Every figure the bot exports.
pub struct Metrics {
    registry: Registry,
    updates: Family<KindLabel, Counter>,
    handler_seconds: Histogram,
    faq: Family<OutcomeLabel, Counter>,
    sends: Family<OutcomeLabel, Counter>,
    too_many_requests: Counter,
    replays: Counter,
    outbox_depth: Gauge,
    webhook_waiting: Gauge,
    lane_depth: Family<PriorityLabel, Gauge>,
    lane_wait: Family<PriorityLabel, Histogram>,
    lane_retries: Counter,
    lane_given_up: Counter,
    embeddings_failures: Family<ReasonLabel, Counter>,
}

impl Metrics {
    pub fn new() -> Arc<Self> {
        let mut registry = Registry::with_prefix("sxsh");
        let updates = Family::<KindLabel, Counter>::default();
        registry.register("updates", "Telegram updates received, by kind", updates.clone());
        // 1 ms to about 16 s.
        let handler_seconds = Histogram::new(exponential_buckets(0.001, 2.0, 15));
        registry.register("handler_seconds", "Time to handle one update", handler_seconds.clone());
        let faq = Family::<OutcomeLabel, Counter>::default();
        registry.register("faq_questions", "Free-text questions by outcome", faq.clone());
        let sends = Family::<OutcomeLabel, Counter>::default();
        registry.register("broadcast_sends", "Broadcast messages by outcome", sends.clone());
        let too_many_requests = Counter::default();
        registry.register("telegram_429", "Times Telegram answered 429 Too Many Requests", too_many_requests.clone());
        let replays = Counter::default();
        registry.register("replayed_updates", "Updates delivered again after they were handled", replays.clone());
        let outbox_depth = Gauge::default();
        registry.register("outbox_depth", "Broadcast messages waiting to be sent", outbox_depth.clone());
        let webhook_waiting = Gauge::default();
        registry.register(
            "webhook_waiting",
            "Updates acknowledged by the webhook, not handled yet",
            webhook_waiting.clone(),
        );
        let lane_depth = Family::<PriorityLabel, Gauge>::default();
        registry.register("send_queue", "Outgoing requests waiting for their turn, by priority", lane_depth.clone());
        // 100 µs to about 26 s.
        let lane_wait = Family::<PriorityLabel, Histogram>::new_with_constructor(
            (|| Histogram::new(exponential_buckets(0.0001, 2.0, 19))) as fn() -> Histogram,
        );
        registry.register("send_wait_seconds", "Time an outgoing request waited for its turn", lane_wait.clone());
        let lane_retries = Counter::default();
        registry.register(
            "send_retries",
            "Outgoing requests sent again (after a 429 or a failure)",
            lane_retries.clone(),
        );
        let lane_given_up = Counter::default();
        registry.register(
            "sends_given_up",
            "Replies and notifications that still failed after their retries",
            lane_given_up.clone(),
        );
        let embeddings_failures = Family::<ReasonLabel, Counter>::default();
        registry.register(
            "embeddings_failures",
            "Questions answered from words alone because the embeddings server failed (by reason)",
            embeddings_failures.clone(),
        );
        Arc::new(Self {
            embeddings_failures,
            registry,
            lane_depth,
            lane_wait,
            lane_retries,
            lane_given_up,
            updates,
            handler_seconds,
            faq,
            sends,
            too_many_requests,
            replays,
            outbox_depth,
            webhook_waiting,
        })
    }

    pub fn update(&self, kind: &'static str, seconds: f64) {
        self.updates.get_or_create(&KindLabel { kind }).inc();
        self.handler_seconds.observe(seconds);
    }

    /// Requests waiting at one priority of the outbound lane.
    pub fn lane_depth(&self, priority: &'static str, depth: usize) {
        self.lane_depth.get_or_create(&PriorityLabel { priority }).set(i64::try_from(depth).unwrap_or(i64::MAX));
    }

    /// A request of `priority` got its turn after `seconds`.
    pub fn lane_wait(&self, priority: &'static str, seconds: f64) {
        self.lane_wait.get_or_create(&PriorityLabel { priority }).observe(seconds);
    }

    pub fn lane_retry(&self) {
        self.lane_retries.inc();
    }

    pub fn embeddings_failure(&self, reason: &'static str) {
        self.embeddings_failures.get_or_create(&ReasonLabel { reason }).inc();
    }

    pub fn lane_given_up(&self) {
        self.lane_given_up.inc();
    }

    /// Telegram answered 429.
    pub fn rate_limited(&self) {
        self.too_many_requests.inc();
    }

    pub fn replay(&self) {
        self.replays.inc();
    }

    pub fn faq(&self, outcome: FaqOutcome) {
        let outcome = match outcome {
            FaqOutcome::Answered => "answered",
            FaqOutcome::Ambiguous => "ambiguous",
            FaqOutcome::Unanswered => "unanswered",
        };
        self.faq.get_or_create(&OutcomeLabel { outcome }).inc();
    }

    /// A broadcast send ended with `outcome` (`sent`, `blocked`, `failed`, `retry`, `rate_limited`).
    pub fn send(&self, outcome: &'static str) {
        self.sends.get_or_create(&OutcomeLabel { outcome }).inc();
    }

    /// The exposition text, with the gauges read from the database now.
    pub async fn render(&self, pool: &SqlitePool) -> String {
        match services::broadcasts::depth(pool).await {
            Ok(n) => {
                self.outbox_depth.set(n);
            }
            Err(e) => tracing::warn!(error = %crate::telemetry::chain(&e), "cannot read the outbox depth"),
        }
        match services::updates::waiting_count(pool).await {
            Ok(n) => {
                self.webhook_waiting.set(n);
            }
            Err(e) => tracing::warn!(error = %crate::telemetry::chain(&e), "cannot count the waiting updates"),
        }
        let mut text = String::new();
        if let Err(e) = prometheus_client::encoding::text::encode(&mut text, &self.registry) {
            tracing::error!(error = %e, "cannot encode the metrics");
        }
        text
    }
}

#[derive(Clone)]
struct Probe {
    pool: SqlitePool,
    metrics: Arc<Metrics>,
}

/// `GET /healthz` and `GET /metrics`.
pub fn router(pool: SqlitePool, metrics: Arc<Metrics>) -> Router {
    Router::new().route("/healthz", get(healthz)).route("/metrics", get(scrape)).with_state(Probe { pool, metrics })
}

async fn healthz(State(p): State<Probe>) -> impl IntoResponse {
    match services::ping(&p.pool).await {
        Ok(()) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %crate::telemetry::chain(&e), "health check: the database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}

async fn scrape(State(p): State<Probe>) -> impl IntoResponse {
    let body = p.metrics.render(&p.pool).await;
    ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], body)
}

/// Serves `router` on `addr` until `stop` turns true.
pub async fn serve(
    addr: SocketAddr,
    router: Router,
    mut stop: watch::Receiver<bool>,
) -> std::io::Result<JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "serving /healthz and /metrics");
    Ok(tokio::spawn(async move {
        // Also stops if the sender is gone.
        let shutdown = async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        };
        if let Err(e) = axum::serve(listener, router).with_graceful_shutdown(shutdown).await {
            tracing::error!(error = %e, "the metrics server stopped");
        }
    }))
}
