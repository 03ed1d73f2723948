//! The `subscribers`, `broadcasts` and `deliveries` tables. A broadcast's recipients are
//! written by one `INSERT … SELECT` in the transaction that creates it.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::broadcast::{Audience, Progress};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SubscriberRow {
    pub active: i64,
    pub sector: Option<String>,
    /// A former district (profiles made before 1 July 2025).
    pub district: Option<String>,
    pub area: Option<String>,
    pub enterprise: Option<String>,
}

/// Subscribes (or re-subscribes) a user; returns whether they were already subscribed.
pub async fn subscribe(pool: &SqlitePool, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let before: Option<i64> = sqlx::query_scalar("SELECT active FROM subscribers WHERE user_id = ?1")
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO subscribers (user_id, active, subscribed_at, updated_at) VALUES (?1, 1, ?2, ?2)
         ON CONFLICT (user_id) DO UPDATE SET active = 1, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(before == Some(1))
}

/// Unsubscribes a user; returns whether they were subscribed.
pub async fn unsubscribe(pool: &SqlitePool, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE subscribers SET active = 0, updated_at = ?2 WHERE user_id = ?1 AND active = 1")
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn subscriber(pool: &SqlitePool, user_id: i64) -> Result<Option<SubscriberRow>, sqlx::Error> {
    sqlx::query_as("SELECT active, sector, district, area, enterprise FROM subscribers WHERE user_id = ?1")
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

/// A subscriber's profile as stored.
pub struct ProfileRow<'a> {
    pub sector: Option<&'a str>,
    pub district: Option<&'a str>,
    pub area: Option<&'a str>,
    pub enterprise: Option<&'a str>,
}

pub async fn set_profile(pool: &SqlitePool, user_id: i64, p: &ProfileRow<'_>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE subscribers SET sector = ?2, district = ?3, area = ?4, enterprise = ?5, updated_at = ?6
         WHERE user_id = ?1",
    )
    .bind(user_id)
    .bind(p.sector)
    .bind(p.district)
    .bind(p.area)
    .bind(p.enterprise)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records that an active subscriber whose profile holds only a former district is invited to
/// pick a unit; returns that former district the first time, `None` ever after (or when there
/// is nothing to invite to).
pub async fn take_area_invitation(pool: &SqlitePool, user_id: i64, now: i64) -> Result<Option<String>, sqlx::Error> {
    // Nearly always there is nothing to invite to: a read first, so that the commands of
    // everyone else take no write lock.
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM subscribers
         WHERE user_id = ?1 AND active = 1 AND area IS NULL AND district IS NOT NULL AND area_invited_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    if due.is_none() {
        return Ok(None);
    }
    sqlx::query_scalar(
        "UPDATE subscribers SET area_invited_at = ?2
         WHERE user_id = ?1 AND active = 1 AND area IS NULL AND district IS NOT NULL AND area_invited_at IS NULL
         RETURNING district",
    )
    .bind(user_id)
    .bind(now)
    .fetch_optional(pool)
    .await
}

/// The former districts profiles still hold (no unit chosen yet), each once.
pub async fn former_districts(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT district FROM subscribers WHERE area IS NULL AND district IS NOT NULL ORDER BY district",
    )
    .fetch_all(conn)
    .await
}

/// Active subscribers who can be written to.
pub async fn active_subscribers(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM subscribers s JOIN users u ON u.user_id = s.user_id WHERE s.active = 1 AND u.blocked = 0",
    )
    .fetch_one(pool)
    .await
}

/// The place an audience is narrowed to, resolved against the area list: the units' names,
/// and the former-district names (as profiles made before 1 July 2025 hold them) that count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub units: Vec<String>,
    pub former: Vec<String>,
}

impl Place {
    fn json(names: &[String]) -> String {
        serde_json::to_string(names).unwrap_or_else(|_| "[]".to_owned())
    }
}

/// The recipients of an audience: (user id, chat id, language). ?1 sector, ?2 the units
/// (JSON; NULL for anywhere), ?3 course, ?4 the former districts (JSON).
const AUDIENCE: &str = "
    SELECT u.user_id, u.chat_id, u.lang FROM subscribers s JOIN users u ON u.user_id = s.user_id
     WHERE ?3 IS NULL AND s.active = 1 AND u.blocked = 0
       AND (?1 IS NULL OR s.sector = ?1)
       AND (?2 IS NULL OR s.area IN (SELECT value FROM json_each(?2))
            OR (s.area IS NULL AND s.district IN (SELECT value FROM json_each(?4))))
    UNION
    SELECT u.user_id, u.chat_id, u.lang FROM registrations r JOIN users u ON u.user_id = r.user_id
      LEFT JOIN subscribers s ON s.user_id = u.user_id
     WHERE r.course_id = ?3 AND r.status <> 'cancelled' AND u.blocked = 0
       AND (?1 IS NULL OR s.sector = ?1)
       AND (?2 IS NULL OR s.area IN (SELECT value FROM json_each(?2))
            OR (s.area IS NULL AND s.district IN (SELECT value FROM json_each(?4))))";

pub async fn count_audience(pool: &SqlitePool, a: &Audience, place: Option<&Place>) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM ({AUDIENCE})");
    sqlx::query_scalar(&sql)
        .bind(a.sector.map(|s| s.code()))
        .bind(place.map(|p| Place::json(&p.units)))
        .bind(a.course)
        .bind(place.map(|p| Place::json(&p.former)))
        .fetch_one(pool)
        .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BroadcastRow {
    pub id: i64,
    pub created_by: i64,
    pub admin_chat: i64,
    pub kind: String,
    pub body: String,
    pub file_id: Option<String>,
    pub course_id: Option<i64>,
    pub audience: String,
    pub status: String,
    pub send_at: i64,
    pub created_at: i64,
    pub progress_message_id: Option<i64>,
    pub progress_at: i64,
}

const BROADCAST: &str = "SELECT id, created_by, admin_chat, kind, body, file_id, course_id, audience, status,
        send_at, created_at, progress_message_id, progress_at FROM broadcasts";

/// A broadcast's row, as inserted.
pub struct NewRow<'a> {
    pub created_by: i64,
    pub admin_chat: i64,
    pub kind: &'a str,
    pub body: &'a str,
    pub file_id: Option<&'a str>,
    pub course_id: Option<i64>,
    pub audience_json: &'a str,
    pub status: &'a str,
    pub send_at: i64,
    pub now: i64,
    pub confirm_update: Option<i64>,
}

/// A new broadcast in a caller's transaction.
pub async fn insert(conn: &mut SqliteConnection, row: &NewRow<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO broadcasts (created_by, admin_chat, kind, body, file_id, course_id, audience, status, send_at,
             created_at, confirm_update)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id",
    )
    .bind(row.created_by)
    .bind(row.admin_chat)
    .bind(row.kind)
    .bind(row.body)
    .bind(row.file_id)
    .bind(row.course_id)
    .bind(row.audience_json)
    .bind(row.status)
    .bind(row.send_at)
    .bind(row.now)
    .bind(row.confirm_update)
    .fetch_one(conn)
    .await
}

/// One pending delivery per recipient of the audience; returns how many.
pub async fn fan_out(
    conn: &mut SqliteConnection,
    broadcast_id: i64,
    a: &Audience,
    place: Option<&Place>,
) -> Result<u64, sqlx::Error> {
    let sql = format!(
        "INSERT INTO deliveries (broadcast_id, chat_id, user_id, lang, status)
         SELECT ?5, chat_id, user_id, lang, 'pending' FROM ({AUDIENCE}) ORDER BY user_id"
    );
    let done = sqlx::query(&sql)
        .bind(a.sector.map(|s| s.code()))
        .bind(place.map(|p| Place::json(&p.units)))
        .bind(a.course)
        .bind(place.map(|p| Place::json(&p.former)))
        .bind(broadcast_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

pub async fn by_confirm_update(conn: &mut SqliteConnection, update_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM broadcasts WHERE confirm_update = ?1").bind(update_id).fetch_optional(conn).await
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<BroadcastRow>, sqlx::Error> {
    let sql = format!("{BROADCAST} WHERE id = ?1");
    sqlx::query_as(&sql).bind(id).fetch_optional(pool).await
}

pub async fn recent(pool: &SqlitePool, limit: i64) -> Result<Vec<BroadcastRow>, sqlx::Error> {
    let sql = format!("{BROADCAST} ORDER BY id DESC LIMIT ?1");
    sqlx::query_as(&sql).bind(limit).fetch_all(pool).await
}

/// Broadcasts being sent (for the progress edits).
pub async fn sending(pool: &SqlitePool) -> Result<Vec<BroadcastRow>, sqlx::Error> {
    let sql = format!("{BROADCAST} WHERE status = 'sending' ORDER BY id");
    sqlx::query_as(&sql).fetch_all(pool).await
}

pub async fn set_progress_message(pool: &SqlitePool, id: i64, message_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE broadcasts SET progress_message_id = ?2 WHERE id = ?1")
        .bind(id)
        .bind(message_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn set_progress_at(pool: &SqlitePool, id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE broadcasts SET progress_at = ?2 WHERE id = ?1").bind(id).bind(at).execute(pool).await?;
    Ok(())
}

/// Scheduled broadcasts whose time has come start sending; returns their ids.
pub async fn start_due(pool: &SqlitePool, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE broadcasts SET status = 'sending' WHERE status = 'scheduled' AND send_at <= ?1 RETURNING id",
    )
    .bind(now)
    .fetch_all(pool)
    .await
}

/// Cancels a broadcast that is scheduled or sending: what is not sent yet is not sent.
/// Returns false if it was already finished.
pub async fn cancel(pool: &SqlitePool, id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let done = sqlx::query(
        "UPDATE broadcasts SET status = 'cancelled', finished_at = ?2
         WHERE id = ?1 AND status IN ('scheduled', 'sending')",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE deliveries SET status = 'cancelled' WHERE broadcast_id = ?1 AND status = 'pending'")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Broadcasts with nothing left to send become done; returns their ids.
pub async fn finish_done(pool: &SqlitePool, now: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE broadcasts SET status = 'done', finished_at = ?1
         WHERE status = 'sending'
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.broadcast_id = broadcasts.id
                           AND d.status IN ('pending', 'sending'))
         RETURNING id",
    )
    .bind(now)
    .fetch_all(pool)
    .await
}

pub async fn progress(pool: &SqlitePool, id: i64) -> Result<Progress, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM deliveries WHERE broadcast_id = ?1 GROUP BY status")
            .bind(id)
            .fetch_all(pool)
            .await?;
    let mut p = Progress::default();
    for (status, n) in rows {
        match status.as_str() {
            "sent" => p.sent += n,
            "failed" => p.failed += n,
            "blocked" => p.blocked += n,
            "cancelled" => p.cancelled += n,
            _ => p.remaining += n,
        }
    }
    Ok(p)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub broadcast_id: i64,
    pub chat_id: i64,
    pub user_id: i64,
    pub lang: String,
    pub attempts: i64,
}

/// Deliveries due at `now` of broadcasts being sent, oldest broadcast first.
pub async fn due(pool: &SqlitePool, now: i64, limit: i64) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.id, d.broadcast_id, d.chat_id, d.user_id, d.lang, d.attempts FROM deliveries d
         JOIN broadcasts b ON b.id = d.broadcast_id
         WHERE d.status = 'pending' AND d.next_at <= ?1 AND b.status = 'sending'
         ORDER BY d.broadcast_id, d.id LIMIT ?2",
    )
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Marks a delivery as in flight; false if it is no longer pending (cancelled meanwhile).
pub async fn claim(pool: &SqlitePool, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE deliveries SET status = 'sending', attempts = attempts + 1 WHERE id = ?1 AND status = 'pending'",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark(pool: &SqlitePool, id: i64, status: &str, error: Option<&str>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE deliveries SET status = ?2, error = ?3, sent_at = CASE WHEN ?2 = 'sent' THEN ?4 END WHERE id = ?1",
    )
    .bind(id)
    .bind(status)
    .bind(error)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// Back to pending, not before `next_at`; `refund` gives the attempt back (a 429 is not the
/// delivery's fault).
pub async fn retry_at(pool: &SqlitePool, id: i64, next_at: i64, error: &str, refund: bool) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE deliveries SET status = 'pending', next_at = ?2, error = ?3,
             attempts = attempts - CASE WHEN ?4 THEN 1 ELSE 0 END
         WHERE id = ?1 AND status = 'sending'",
    )
    .bind(id)
    .bind(next_at)
    .bind(error)
    .bind(refund)
    .execute(pool)
    .await?;
    Ok(())
}

/// After a crash: deliveries that were in flight go back to pending; returns how many (the
/// only ones that may reach their recipient twice).
pub async fn recover(pool: &SqlitePool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE deliveries SET status = 'pending' WHERE status = 'sending'").execute(pool).await?;
    Ok(done.rows_affected())
}

/// Deliveries still to do (pending or in flight) over all broadcasts being sent.
pub async fn depth(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id
         WHERE b.status = 'sending' AND d.status IN ('pending', 'sending')",
    )
    .fetch_one(pool)
    .await
}
