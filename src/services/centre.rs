//! Messages from users to the centre's staff: stored first, so nothing is lost even when no
//! admin is configured or Telegram refuses a delivery; the bot then copies them to admins.

use sqlx::SqlitePool;

use super::ServiceError;
use crate::db;
use crate::domain::centre::{CentreMessage, Headline};

/// Stores the message and returns its id.
pub async fn submit(pool: &SqlitePool, user_id: i64, message: &CentreMessage) -> Result<i64, ServiceError> {
    Ok(db::centre::insert(pool, user_id, message.as_str(), db::now()).await?)
}

/// Today's figures for the /admin panel, at the instant `now`.
pub async fn headline(pool: &SqlitePool, now: chrono::DateTime<chrono::Utc>) -> Result<Headline, ServiceError> {
    let today = crate::domain::course::vn_today(now);
    let since = today
        .and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(crate::domain::course::vn_zone())
        .single()
        .map_or(0, |t| t.timestamp());
    Ok(db::centre::headline(pool, since, &today.format("%Y-%m-%d").to_string()).await?)
}
