//! The `centre_messages` table: what users wrote to the centre's staff.

use sqlx::SqlitePool;

use crate::domain::centre::Headline;

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

/// The /admin panel's figures: `since` is the start of today (Unix seconds), `today` its
/// date as stored for courses (YYYY-MM-DD).
pub async fn headline(pool: &SqlitePool, since: i64, today: &str) -> Result<Headline, sqlx::Error> {
    let row: (i64, i64, i64, i64, i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users WHERE user_id <> 0),
                (SELECT COUNT(*) FROM users WHERE user_id <> 0 AND first_seen >= ?1),
                (SELECT COUNT(*) FROM questions WHERE created_at >= ?1),
                (SELECT COUNT(*) FROM questions WHERE created_at >= ?1 AND outcome = 'answered'),
                (SELECT COUNT(*) FROM questions WHERE forwarded_at IS NOT NULL AND replied_at IS NULL),
                (SELECT COUNT(*) FROM registrations WHERE created_at >= ?1 AND status <> 'cancelled'),
                (SELECT COUNT(*) FROM subscribers WHERE active = 1),
                (SELECT COUNT(*) FROM courses WHERE status = 'open' AND starts_on > ?2)",
    )
    .bind(since)
    .bind(today)
    .fetch_one(pool)
    .await?;
    let (users, new_today, questions_today, answered_today, waiting, registrations_today, subscribers, upcoming) = row;
    Ok(Headline {
        users,
        new_today,
        questions_today,
        answered_today,
        waiting,
        registrations_today,
        subscribers,
        upcoming_courses: upcoming,
    })
}
