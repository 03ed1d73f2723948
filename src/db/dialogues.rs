//! The `dialogues` table: the serialized dialogue state of each private chat.

use sqlx::SqlitePool;

pub async fn get(pool: &SqlitePool, chat_id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?1").bind(chat_id).fetch_optional(pool).await
}

pub async fn put(pool: &SqlitePool, chat_id: i64, state: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
    )
    .bind(chat_id)
    .bind(state)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn delete(pool: &SqlitePool, chat_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM dialogues WHERE chat_id = ?1").bind(chat_id).execute(pool).await?;
    Ok(())
}

/// Every chat with a stored dialogue.
pub async fn chats(pool: &SqlitePool) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT chat_id FROM dialogues").fetch_all(pool).await
}
