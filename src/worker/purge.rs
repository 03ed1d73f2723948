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
pub async fn run(pool: SqlitePool, days: u32, mut stop: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(PERIOD);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => break,
        }
        if *stop.borrow() {
            break;
        }
        if let Err(e) = services::privacy::purge(&pool, Utc::now(), days).await {
            tracing::error!(error = %crate::telemetry::chain(&e), "the purge pass failed");
        }
    }
}
