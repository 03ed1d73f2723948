//! The `centre_messages` table: what users wrote to the centre's staff.

use sqlx::SqlitePool;

/// Stores a message for the centre and returns its id.
pub async fn insert(pool: &SqlitePool, user_id: i64, body: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO centre_messages (user_id, body, created_at) VALUES (?1, ?2, ?3) RETURNING id")
        .bind(user_id)
        .bind(body)
        .bind(now)
        .fetch_one(pool)
        .await
}

pub async fn count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM centre_messages").fetch_one(pool).await
}
