//! The `users` table.

use sqlx::SqlitePool;

use crate::domain::lang::Lang;
use crate::domain::user::{display_name, Sender, UserRecord, UserStats};

/// Records a user who wrote to the bot (new: with `lang`; known: names and last_seen
/// refreshed, stored language kept) and returns the stored language.
pub async fn upsert<'e>(
    conn: impl sqlx::SqliteExecutor<'e>,
    s: &Sender,
    lang_if_new: Lang,
    now: i64,
) -> Result<Lang, sqlx::Error> {
    let code: String = sqlx::query_scalar(
        "INSERT INTO users (user_id, chat_id, lang, first_name, last_name, username, blocked, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?7)
         ON CONFLICT (user_id) DO UPDATE SET
             chat_id = excluded.chat_id, first_name = excluded.first_name,
             last_name = excluded.last_name, username = excluded.username,
             blocked = 0, last_seen = excluded.last_seen
         RETURNING lang",
    )
    .bind(s.user_id)
    .bind(s.chat_id)
    .bind(lang_if_new.code())
    .bind(&s.first_name)
    .bind(&s.last_name)
    .bind(&s.username)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(Lang::from_code(&code).unwrap_or_default())
}

pub async fn set_lang(pool: &SqlitePool, user_id: i64, lang: Lang) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE users SET lang = ?1 WHERE user_id = ?2")
        .bind(lang.code())
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The stored language of a chat's user, if known.
pub async fn lang_of_chat(pool: &SqlitePool, chat_id: i64) -> Result<Option<Lang>, sqlx::Error> {
    let code: Option<String> = sqlx::query_scalar("SELECT lang FROM users WHERE chat_id = ?1 LIMIT 1")
        .bind(chat_id)
        .fetch_optional(pool)
        .await?;
    Ok(code.as_deref().and_then(Lang::from_code))
}

pub async fn set_blocked(pool: &SqlitePool, user_id: i64, blocked: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET blocked = ?1 WHERE user_id = ?2")
        .bind(i64::from(blocked))
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct UserRow {
    user_id: i64,
    chat_id: i64,
    lang: String,
    first_name: String,
    last_name: Option<String>,
    blocked: i64,
}

pub async fn get(pool: &SqlitePool, user_id: i64) -> Result<Option<UserRecord>, sqlx::Error> {
    let row: Option<UserRow> =
        sqlx::query_as("SELECT user_id, chat_id, lang, first_name, last_name, blocked FROM users WHERE user_id = ?1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|r| UserRecord {
        user_id: r.user_id,
        chat_id: r.chat_id,
        lang: Lang::from_code(&r.lang).unwrap_or_default(),
        display_name: display_name(&r.first_name, r.last_name.as_deref()),
        blocked: r.blocked != 0,
    }))
}

#[derive(sqlx::FromRow)]
struct StatsRow {
    total: i64,
    active: i64,
    english: i64,
    blocked: i64,
}

/// Counts people only: not the account anonymous registrations belong to (user id 0).
pub async fn stats(pool: &SqlitePool, active_since: i64) -> Result<UserStats, sqlx::Error> {
    let r: StatsRow = sqlx::query_as(
        "SELECT COUNT(*) AS total,
                COALESCE(SUM(last_seen >= ?1), 0) AS active,
                COALESCE(SUM(lang = 'en'), 0) AS english,
                COALESCE(SUM(blocked), 0) AS blocked
         FROM users WHERE user_id <> 0",
    )
    .bind(active_since)
    .fetch_one(pool)
    .await?;
    Ok(UserStats { total: r.total, active_7_days: r.active, english: r.english, blocked: r.blocked })
}

/// Every stored person's language.
pub async fn languages(pool: &SqlitePool) -> Result<Vec<(i64, Lang)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT user_id, lang FROM users").fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(id, code)| (id, Lang::from_code(&code).unwrap_or_default())).collect())
}
