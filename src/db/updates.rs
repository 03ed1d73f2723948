//! The `updates` table: which Telegram updates were handled (the replay guard) and, in webhook
//! mode, the updates received but not handled yet (the durable inbox).

use sqlx::SqlitePool;

/// What storing a received update found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    /// First time seen: stored, to be handled.
    New,
    /// Already stored and not handled yet (a retry while it waits, or after a crash).
    Waiting,
    /// Already handled: a replay.
    Handled,
}

/// Stores a received update's JSON unless its id is known; says what was there.
pub async fn receive(pool: &SqlitePool, update_id: i64, body: &str, now: i64) -> Result<Received, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO updates (update_id, received_at, body) VALUES (?1, ?2, ?3)
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(now)
    .bind(body)
    .execute(pool)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Received::New);
    }
    Ok(if is_handled(pool, update_id).await? { Received::Handled } else { Received::Waiting })
}

pub async fn is_handled(pool: &SqlitePool, update_id: i64) -> Result<bool, sqlx::Error> {
    let handled: Option<Option<i64>> = sqlx::query_scalar("SELECT handled_at FROM updates WHERE update_id = ?1")
        .bind(update_id)
        .fetch_optional(pool)
        .await?;
    Ok(handled.flatten().is_some())
}

/// The updates handled at or after `since`, as (id, when), oldest first.
pub async fn handled_since(pool: &SqlitePool, since: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT update_id, handled_at FROM updates WHERE handled_at IS NOT NULL AND handled_at >= ?1
         ORDER BY handled_at, update_id",
    )
    .bind(since)
    .fetch_all(pool)
    .await
}

/// Records that an update was handled (and drops its stored JSON).
pub async fn mark_handled<'e>(
    conn: impl sqlx::SqliteExecutor<'e>,
    update_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO updates (update_id, received_at, handled_at) VALUES (?1, ?2, ?2)
         ON CONFLICT (update_id) DO UPDATE SET handled_at = excluded.handled_at, body = NULL",
    )
    .bind(update_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes a stored update not handled yet (one that will not be).
pub async fn drop_waiting(pool: &SqlitePool, update_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM updates WHERE update_id = ?1 AND handled_at IS NULL")
        .bind(update_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The stored updates not handled yet, oldest first: `(update_id, json)`.
pub async fn waiting(pool: &SqlitePool) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT update_id, body FROM updates WHERE handled_at IS NULL AND body IS NOT NULL ORDER BY update_id",
    )
    .fetch_all(pool)
    .await
}

/// How many stored updates wait to be handled.
pub async fn waiting_count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM updates WHERE handled_at IS NULL").fetch_one(pool).await
}

/// Forgets updates handled before `before`; returns how many.
pub async fn prune(pool: &SqlitePool, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM updates WHERE handled_at IS NOT NULL AND handled_at < ?1")
        .bind(before)
        .execute(pool)
        .await?
        .rows_affected())
}

/// The highest update id ever stored (the terminal chat continues after it).
pub async fn last_id(pool: &SqlitePool) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT MAX(update_id) FROM updates").fetch_one(pool).await
}
