//! Webhook mode: Telegram POSTs each update to the bot's HTTPS URL. An update is stored in
//! the `updates` table before Telegram is told `200 OK`, so an acknowledged update survives a
//! crash: the stored updates not handled yet are handled at the next start. Every request must
//! carry the secret token given to `setWebhook`; a request without it changes nothing.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::task::Poll;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use futures::FutureExt;
use sqlx::SqlitePool;
use teloxide::prelude::*;
use teloxide::stop::{mk_stop_token, StopFlag, StopToken};
use teloxide::types::Update;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use url::Url;

use std::sync::Arc;

use crate::config::Secret;
use crate::metrics::Metrics;
use crate::services::updates::{self, Received};

/// Where Telegram sends updates, where the bot listens, and the shared secret.
#[derive(Debug, Clone)]
pub struct WebhookOptions {
    /// The public HTTPS URL given to Telegram; its path is the route served.
    pub url: Url,
    /// The local address the HTTP server binds (behind a reverse proxy that ends TLS, or not).
    pub listen: SocketAddr,
    pub secret: Secret,
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("cannot listen on {addr} for the webhook")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("Telegram refused the webhook {url}: {reason}")]
    SetWebhook { url: String, reason: String },
    #[error("cannot read the updates stored before the last stop")]
    Recover(#[source] crate::services::ServiceError),
}

type ListenerState = (mpsc::UnboundedReceiver<Update>, StopToken, StopFlag);

#[derive(Clone)]
struct Inbox {
    pool: SqlitePool,
    tx: mpsc::UnboundedSender<Update>,
    secret: Secret,
    stopped: StopFlag,
    metrics: Arc<Metrics>,
}

/// Binds the address, registers the webhook with Telegram, queues the updates stored but not
/// handled before the last stop, and serves `extra` routes (health, metrics) alongside.
/// Returns the update stream for the dispatcher (it ends when the dispatcher stops the
/// listener; requests are then answered 503 so Telegram retries later) and the HTTP server's
/// task, which ends when `shutdown` turns true.
pub async fn start(
    bot: &Bot,
    pool: &SqlitePool,
    options: &WebhookOptions,
    extra: Router,
    metrics: Arc<Metrics>,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) -> Result<(impl UpdateListener<Err = Infallible> + Send, JoinHandle<()>), WebhookError> {
    let tcp = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|source| WebhookError::Bind { addr: options.listen, source })?;
    bot.set_webhook(options.url.clone()).secret_token(options.secret.expose().to_owned()).await.map_err(|e| {
        WebhookError::SetWebhook { url: options.url.to_string(), reason: options.secret.redact(&crate::bot::chain(&e)) }
    })?;

    let (tx, rx) = mpsc::unbounded_channel();
    let waiting = updates::waiting(pool).await.map_err(WebhookError::Recover)?;
    if !waiting.is_empty() {
        tracing::warn!(n = waiting.len(), "handling the updates received before the last stop");
    }
    for (id, body) in waiting {
        match serde_json::from_str::<Update>(&body) {
            // The receiver is right here: this cannot fail.
            Ok(update) => drop(tx.send(update)),
            Err(e) => {
                tracing::error!(update_id = id, error = %e, "a stored update no longer decodes; skipped");
                if let Err(e) = updates::mark_handled(pool, id).await {
                    tracing::error!(error = %crate::bot::chain(&e), "cannot skip the stored update");
                }
            }
        }
    }

    let (stop_token, stop_flag) = mk_stop_token();
    let inbox = Inbox { pool: pool.clone(), tx, secret: options.secret.clone(), stopped: stop_flag.clone(), metrics };
    let path = options.url.path().to_owned();
    let router = Router::new().route(&path, post(receive)).with_state(inbox).merge(extra);
    // Not the stop flag: its clones share one waker, and the update stream polls it.
    let shutdown = async move {
        let _ = shutdown.wait_for(|stopped| *stopped).await;
    };
    let server = tokio::spawn(async move {
        if let Err(e) = axum::serve(tcp, router).with_graceful_shutdown(shutdown).await {
            tracing::error!(error = %e, "the webhook server stopped");
        }
    });
    tracing::info!(listen = %options.listen, path, "webhook registered; waiting for updates");

    let listener = StatefulListener::new((rx, stop_token, stop_flag), stream, |s: &mut ListenerState| s.1.clone());
    Ok((listener, server))
}

/// The updates for the dispatcher, ending when the dispatcher stops the listener. Updates
/// still in the channel then are stored, and handled at the next start.
fn stream(state: &mut ListenerState) -> impl futures::Stream<Item = Result<Update, Infallible>> + Send + '_ {
    let (rx, _, stopped) = state;
    futures::stream::poll_fn(move |cx| {
        if stopped.poll_unpin(cx).is_ready() {
            return Poll::Ready(None);
        }
        rx.poll_recv(cx).map(|u| u.map(Ok))
    })
}

/// One webhook request: checked, stored, queued, then acknowledged.
async fn receive(State(inbox): State<Inbox>, headers: HeaderMap, body: String) -> StatusCode {
    let given = headers.get("x-telegram-bot-api-secret-token").map(|v| v.as_bytes());
    if !given.is_some_and(|g| same(g, inbox.secret.expose().as_bytes())) {
        tracing::warn!("a webhook request without the right secret token was refused");
        return StatusCode::UNAUTHORIZED;
    }
    if inbox.stopped.is_stopped() {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let update: Update = match serde_json::from_str(&body) {
        Ok(u) => u,
        Err(e) => {
            tracing::warn!(error = %e, "a webhook request is not an update");
            return StatusCode::BAD_REQUEST;
        }
    };
    let id = i64::from(update.id.0);
    match updates::receive(&inbox.pool, id, &body).await {
        Ok(Received::New) => {
            // Stored: if the dispatcher is gone, the next start handles it.
            if inbox.tx.send(update).is_err() {
                return StatusCode::SERVICE_UNAVAILABLE;
            }
            StatusCode::OK
        }
        Ok(Received::Waiting) => {
            tracing::debug!(update_id = id, "webhook delivered an update again; it waits to be handled");
            StatusCode::OK
        }
        Ok(Received::Handled) => {
            tracing::info!(update_id = id, "update already handled; replay ignored");
            inbox.metrics.replay();
            StatusCode::OK
        }
        Err(e) => {
            // Not stored: Telegram will retry.
            tracing::error!(update_id = id, error = %crate::bot::chain(&e), "cannot store a webhook update");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}

/// Compares without stopping at the first difference, so timing tells nothing of the secret.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A random secret token for one run (Telegram's alphabet), when `WEBHOOK_SECRET` is unset.
pub fn random_secret() -> Secret {
    use rand::distributions::{Alphanumeric, DistString};
    Secret::new(Alphanumeric.sample_string(&mut rand::thread_rng(), 48))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same(b"abc", b"abc"));
        assert!(!same(b"abc", b"abd"));
        assert!(!same(b"abc", b"abcd"));
        assert!(!same(b"", b"a"));
    }

    #[test]
    fn a_random_secret_follows_telegrams_rule_and_differs_each_time() {
        let (a, b) = (random_secret(), random_secret());
        assert!(crate::config::is_webhook_secret(a.expose()));
        assert_ne!(a.expose(), b.expose());
    }
}
