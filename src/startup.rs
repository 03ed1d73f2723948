//! Wiring: open the database, build the Telegram client from the configuration, start the
//! dispatcher over `bot::schema()` (long polling or a webhook), the background workers and the
//! health/metrics server, and stop them gracefully. Shared by `run`, `chat` and tests.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, StreamExt};
use sqlx::SqlitePool;
use std::pin::Pin;
use teloxide::dispatching::dialogue::Storage;
use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::stop::StopToken;
use teloxide::types::{AllowedUpdate, Update};
use teloxide::update_listeners::{AsUpdateStream, Polling, UpdateListener};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::bot::storage::SqliteDialogues;
use crate::bot::webhook::{self, WebhookError, WebhookOptions};
use crate::bot::{schema, App, DialogueStore, RedactingErrorHandler};
use crate::config::Config;
use crate::db;
use crate::metrics::{self, Metrics};
use crate::services::faq::FaqService;
use crate::telegram::Outbound;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] db::OpenError),
    #[error("TELOXIDE_API_URL={0:?} is not a valid URL")]
    ApiUrl(String),
    #[error("cannot reach the Bot API or the token was refused (check TELOXIDE_TOKEN, TELOXIDE_API_URL and the network): {0}")]
    GetMe(String),
    #[error(transparent)]
    Webhook(#[from] WebhookError),
    #[error("cannot read the stored dialogues")]
    Dialogues(#[source] crate::bot::storage::DialogueStorageError),
    #[error("cannot read the updates already handled or the people already known")]
    Guard(#[source] crate::services::ServiceError),
    #[error("cannot serve /healthz and /metrics on METRICS_ADDR={addr}")]
    Metrics { addr: SocketAddr, source: std::io::Error },
}

/// How updates arrive.
#[derive(Debug, Clone)]
pub enum Listen {
    /// The bot asks Telegram for updates (the default; no public address needed).
    Polling,
    /// Telegram POSTs updates to a public HTTPS URL.
    Webhook(WebhookOptions),
}

/// Opens the configured database (creating it and applying migrations).
pub async fn open_database(config: &Config) -> Result<SqlitePool, StartupError> {
    Ok(db::open(&config.database_url).await?)
}

/// A Telegram client for `token`, pointed at `api_url` when given.
pub fn build_bot(token: &str, api_url: Option<&str>) -> Result<Bot, StartupError> {
    let bot = Bot::new(token);
    match api_url {
        None => Ok(bot),
        Some(raw) => {
            let url = url::Url::parse(raw).map_err(|_| StartupError::ApiUrl(raw.to_owned()))?;
            Ok(bot.set_api_url(url))
        }
    }
}

/// A dispatcher running in the background.
pub struct RunningBot {
    token: ShutdownToken,
    task: JoinHandle<()>,
    workers: crate::worker::Workers,
    /// The webhook server and the metrics server, when running.
    servers: Vec<JoinHandle<()>>,
    stop_servers: watch::Sender<bool>,
    /// Ends the stream of updates the dispatcher reads (see [`Stoppable`]).
    end_listener: watch::Sender<bool>,
    pub metrics: Arc<Metrics>,
}

/// An update listener whose stream also ends when `stop` turns true. teloxide's dispatcher
/// hears a shutdown only while it is waiting for the next update: one requested while it hands
/// an update to a worker is missed, and it would then wait for another update, possibly
/// forever. Ending the stream stops it in any case; its workers still finish their updates.
struct Stoppable<L> {
    inner: L,
    stop: watch::Receiver<bool>,
}

impl<L: UpdateListener + 'static> UpdateListener for Stoppable<L> {
    type Err = L::Err;

    fn stop_token(&mut self) -> StopToken {
        self.inner.stop_token()
    }

    fn hint_allowed_updates(&mut self, hint: &mut dyn Iterator<Item = AllowedUpdate>) {
        self.inner.hint_allowed_updates(hint);
    }
}

impl<'a, L: UpdateListener + 'static> AsUpdateStream<'a> for Stoppable<L> {
    type StreamErr = L::Err;
    type Stream = Pin<Box<dyn Stream<Item = Result<Update, L::Err>> + Send + 'a>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let mut stop = self.stop.clone();
        let ended = async move {
            let _ = stop.wait_for(|s| *s).await;
        };
        Box::pin(self.inner.as_stream().take_until(ended))
    }
}

/// How long a stop lets the dispatcher end by itself (the long poll in flight ends within its
/// 10 s, so the offset of the last updates is confirmed), then how long after its stream of
/// updates is cut, and then how long the workers get, before it gives up and says so.
const DISPATCHER_GRACE: Duration = Duration::from_secs(12);
const DISPATCHER_STOP: Duration = Duration::from_secs(5);
const WORKERS_STOP: Duration = Duration::from_secs(5);

impl RunningBot {
    /// Stops taking updates, lets in-flight handlers finish, and waits for the dispatcher,
    /// then the workers and the servers. Each wait is bounded: a stop always ends, and a part
    /// that overran is named in the log.
    pub async fn stop(self) {
        let RunningBot { token, mut task, workers, servers, stop_servers, end_listener, metrics: _ } = self;
        // Not dispatching yet (still starting) is the only refusal; the cut below covers it.
        // The returned future is not awaited: it hears the end only if already waiting then.
        let _ = token.shutdown().map(drop);
        let ended = match tokio::time::timeout(DISPATCHER_GRACE, &mut task).await {
            Ok(result) => Some(result),
            Err(_) => {
                tracing::warn!("the dispatcher missed the stop; its stream of updates is cut");
                let _ = end_listener.send(true);
                tokio::time::timeout(DISPATCHER_STOP, &mut task).await.ok()
            }
        };
        match ended {
            Some(Ok(())) => {}
            Some(Err(e)) => tracing::error!(error = %e, "the dispatcher task failed"),
            None => {
                tracing::error!("the dispatcher did not stop in time; abandoned");
                task.abort();
            }
        }
        tracing::debug!("dispatcher stopped");
        if tokio::time::timeout(WORKERS_STOP, workers.stop()).await.is_err() {
            tracing::error!(seconds = WORKERS_STOP.as_secs(), "the background workers did not stop in time; abandoned");
        }
        tracing::debug!("workers stopped");
        let _ = stop_servers.send(true);
        for server in servers {
            if let Err(e) = server.await {
                tracing::error!(error = %e, "a server task failed");
            }
        }
    }
}

/// Checks the token with getMe, sets the command menus and starts long polling.
pub async fn start(bot: Bot, config: Arc<Config>, pool: SqlitePool) -> Result<RunningBot, StartupError> {
    start_with(bot, config, pool, Listen::Polling).await
}

/// Checks the token with getMe, sets the command menus, starts the workers, the metrics server
/// (when `METRICS_ADDR` is set) and the dispatcher on `listen`.
pub async fn start_with(
    bot: Bot,
    config: Arc<Config>,
    pool: SqlitePool,
    listen: Listen,
) -> Result<RunningBot, StartupError> {
    let secret = config.token().ok().cloned();
    let redact = |text: String| secret.as_ref().map_or_else(|| text.clone(), |t| t.redact(&text));
    let me = bot.get_me().await.map_err(|e| StartupError::GetMe(redact(crate::telemetry::chain(&e))))?;
    tracing::info!(username = me.username(), "connected to the Bot API");
    for notice in &config.deprecations {
        tracing::warn!("{notice}");
    }
    let metrics = Metrics::new();
    // Every send, edit and callback answer from here on goes through this one lane.
    let out = Outbound::new(bot.clone(), config.pacing, metrics.clone());
    crate::bot::menu::set_all(&out, &pool, &config).await;

    let embedder = config.embeddings.clone().map(crate::services::faq::embeddings::Embedder::new);
    let counter = metrics.clone();
    let hook: crate::services::faq::FailureHook = Arc::new(move |reason| counter.embeddings_failure(reason));
    let faq = FaqService::with_embeddings(pool.clone(), embedder, Some(hook));
    match faq.ensure_default().await {
        Ok(s) if s.first_start => tracing::info!(entries = s.added, "loaded the built-in FAQ"),
        Ok(s) if s.added + s.updated + s.kept_edited > 0 => tracing::info!(
            added = s.added,
            updated = s.updated,
            kept_as_edited = s.kept_edited,
            "brought the built-in FAQ entries up to date"
        ),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "cannot bring the built-in FAQ in"),
    }
    // Questions read the FAQ from memory; a watcher notices imports from the command line.
    tokio::spawn(faq.clone().watch_revision());
    if config.embeddings.is_some() {
        // Entries lacking a vector for the configured model get one in the background; until
        // then (or if the server is down) questions are answered from their words.
        tokio::spawn(faq.clone().keep_refreshing());
    }
    let storage: Arc<DialogueStore> =
        SqliteDialogues::load(pool.clone()).await.map_err(StartupError::Dialogues)?.erase();
    let probes = metrics::router(pool.clone(), metrics.clone());
    let (stop_servers, servers_stopped) = watch::channel(false);
    let mut servers = Vec::new();
    if let Some(addr) = config.metrics_addr {
        let server = metrics::serve(addr, probes.clone(), servers_stopped.clone())
            .await
            .map_err(|source| StartupError::Metrics { addr, source })?;
        servers.push(server);
    }
    // The webhook is registered before anything else starts, so a refusal leaves nothing running.
    let webhook = match &listen {
        Listen::Polling => None,
        Listen::Webhook(options) => {
            Some(webhook::start(&bot, &pool, options, probes, metrics.clone(), stop_servers.subscribe()).await?)
        }
    };

    let outbox = crate::worker::outbox::Settings::new(config.broadcast_rate, config.paid_broadcast);
    let workers =
        crate::worker::Workers::spawn(out.clone(), pool.clone(), config.reminder_hour, outbox, metrics.clone())
            .with_purge(pool.clone(), config.purge_after_days);
    let flood = crate::bot::flood::FloodLimit::new(crate::bot::flood::Policy::from_config(&config));
    let seen = Arc::new(crate::services::users::Seen::load(&pool).await.map_err(StartupError::Guard)?);
    let handled = Arc::new(crate::services::updates::Handled::load(&pool).await.map_err(StartupError::Guard)?);
    let app = App { pool, config, faq, metrics: metrics.clone(), webhook: webhook.is_some(), handled, seen };
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
        .dependencies(dptree::deps![app, storage, flood, out])
        .default_handler(|_| async {})
        .error_handler(RedactingErrorHandler::new(secret.clone(), "a handler failed"))
        .build();
    let token = dispatcher.shutdown_token();
    let errors = RedactingErrorHandler::new(secret, "cannot fetch updates");
    let (end_listener, listener_ended) = watch::channel(false);
    let task = match webhook {
        Some((listener, server)) => {
            servers.push(server);
            let listener = Stoppable { inner: listener, stop: listener_ended };
            tokio::spawn(async move { dispatcher.dispatch_with_listener(listener, errors).await })
        }
        None => {
            let listener = Polling::builder(bot).timeout(Duration::from_secs(10)).delete_webhook().await.build();
            let listener = Stoppable { inner: listener, stop: listener_ended };
            tokio::spawn(async move { dispatcher.dispatch_with_listener(listener, errors).await })
        }
    };
    Ok(RunningBot { token, task, workers, servers, stop_servers, end_listener, metrics })
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub async fn stop_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
