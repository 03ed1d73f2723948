//! Wiring: open the database, build the Telegram client from the configuration, start the
//! dispatcher over `bot::schema()` (long polling or a webhook), the background workers and the
//! health/metrics server, and stop them gracefully. Shared by `run`, `chat` and tests.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::SqlitePool;
use teloxide::dispatching::dialogue::Storage;
use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::update_listeners::Polling;
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
    pub metrics: Arc<Metrics>,
}

/// How long a stop waits for the dispatcher (the long poll in flight, then the handlers in
/// progress), and then for the workers, before it gives up on them and says so.
const DISPATCHER_STOP: Duration = Duration::from_secs(15);
const WORKERS_STOP: Duration = Duration::from_secs(5);

impl RunningBot {
    /// Stops taking updates, lets in-flight handlers finish, and waits for the dispatcher,
    /// then the workers and the servers. Each wait is bounded: a stop always ends, and a part
    /// that overran is named in the log.
    pub async fn stop(self) {
        let RunningBot { token, task, workers, servers, stop_servers, metrics: _ } = self;
        let abort = task.abort_handle();
        let dispatcher = async {
            for _ in 0..200 {
                match token.shutdown() {
                    Ok(done) => {
                        done.await;
                        break;
                    }
                    // Not dispatching yet (still starting) or already stopped.
                    Err(_) if task.is_finished() => break,
                    Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
                }
            }
            if let Err(e) = task.await {
                tracing::error!(error = %e, "the dispatcher task failed");
            }
        };
        if tokio::time::timeout(DISPATCHER_STOP, dispatcher).await.is_err() {
            tracing::error!(seconds = DISPATCHER_STOP.as_secs(), "the dispatcher did not stop in time; abandoned");
            abort.abort();
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
    let metrics = Metrics::new();
    // Every send, edit and callback answer from here on goes through this one lane.
    let out = Outbound::new(bot.clone(), config.pacing, metrics.clone());
    crate::bot::menu::set_all(&out, &pool, &config).await;

    let faq = FaqService::new(pool.clone());
    if faq.ensure_default().await.unwrap_or(false) {
        tracing::info!("loaded the built-in FAQ");
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
    let task = match webhook {
        Some((listener, server)) => {
            servers.push(server);
            tokio::spawn(async move { dispatcher.dispatch_with_listener(listener, errors).await })
        }
        None => {
            let listener = Polling::builder(bot).timeout(Duration::from_secs(10)).delete_webhook().await.build();
            tokio::spawn(async move { dispatcher.dispatch_with_listener(listener, errors).await })
        }
    };
    Ok(RunningBot { token, task, workers, servers, stop_servers, metrics })
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
