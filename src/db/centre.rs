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
    #[derive(sqlx::FromRow)]
    struct Row {
        users: i64,
        new_today: i64,
        questions_today: i64,
        answered_today: i64,
        waiting: i64,
        registrations_today: i64,
        subscribers: i64,
        upcoming_courses: i64,
        assessments_today: i64,
        open_consultations: i64,
    }
    let r: Row = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users WHERE user_id <> 0) AS users,
                (SELECT COUNT(*) FROM users WHERE user_id <> 0 AND first_seen >= ?1) AS new_today,
                (SELECT COUNT(*) FROM questions WHERE created_at >= ?1) AS questions_today,
                (SELECT COUNT(*) FROM questions WHERE created_at >= ?1 AND outcome = 'answered') AS answered_today,
                (SELECT COUNT(*) FROM questions WHERE forwarded_at IS NOT NULL AND replied_at IS NULL) AS waiting,
                (SELECT COUNT(*) FROM registrations WHERE created_at >= ?1 AND status <> 'cancelled')
                    AS registrations_today,
                (SELECT COUNT(*) FROM subscribers WHERE active = 1) AS subscribers,
                (SELECT COUNT(*) FROM courses WHERE status = 'open' AND starts_on > ?2) AS upcoming_courses,
                (SELECT COUNT(*) FROM assessments WHERE created_at >= ?1) AS assessments_today,
                (SELECT COUNT(*) FROM consultation_requests WHERE status = 'open') AS open_consultations",
    )
    .bind(since)
    .bind(today)
    .fetch_one(pool)
    .await?;
    Ok(Headline {
        users: r.users,
        new_today: r.new_today,
        questions_today: r.questions_today,
        answered_today: r.answered_today,
        waiting: r.waiting,
        registrations_today: r.registrations_today,
        subscribers: r.subscribers,
        upcoming_courses: r.upcoming_courses,
        assessments_today: r.assessments_today,
        open_consultations: r.open_consultations,
    })
}
