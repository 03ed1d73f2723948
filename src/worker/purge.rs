//! The purge pass: registrations of courses that ended more than `PURGE_AFTER_DAYS` days ago
//! lose their personal data ([`services::privacy::purge`]). Runs at start and then every few
//! hours; a pass is one transaction and does nothing the second time, so a restart or two
//! instances running at once are harmless.

use std::time::Duration;

use chrono::Utc;
use sqlx::SqlitePool;
use tokio::sync::watch;

use crate::services;

/// How often the pass runs: the retention is counted in days, so a few hours late is nothing.
const PERIOD: Duration = Duration::from_secs(6 * 3600);

/// Runs the pass every [`PERIOD`] until `stop` turns true; the pass in progress finishes.
pub async fn run(pool: SqlitePool, days: u32, stop: watch::Receiver<bool>) {
    super::every(PERIOD, stop, Utc::now, |now| {
        let pool = pool.clone();
        async move {
            if let Err(e) = services::privacy::purge(&pool, now, days).await {
                tracing::error!(error = %crate::telemetry::chain(&e), "the purge pass failed");
            }
        }
    })
    .await;
}
