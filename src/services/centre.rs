//! Messages from users to the centre's staff: stored first, so nothing is lost even when no
//! admin is configured or Telegram refuses a delivery; the bot then copies them to admins.

use sqlx::SqlitePool;

use super::ServiceError;
use crate::db;
use crate::domain::centre::CentreMessage;

/// Stores the message and returns its id.
pub async fn submit(pool: &SqlitePool, user_id: i64, message: &CentreMessage) -> Result<i64, ServiceError> {
    Ok(db::centre::insert(pool, user_id, message.as_str(), db::now()).await?)
}
