//! The `registrations`, `attendees` and `consents` tables. Seat-changing statements take a
//! connection inside the caller's `BEGIN IMMEDIATE` transaction.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::registration::{Attendee, Details, Registration, RegistrationStatus};

#[derive(sqlx::FromRow)]
struct RegistrationRow {
    id: i64,
    course_id: i64,
    user_id: i64,
    enterprise: String,
    contact_name: String,
    position: String,
    phone: String,
    email: Option<String>,
    tax_code: Option<String>,
    status: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct AttendeeRow {
    registration_id: i64,
    id: i64,
    name: String,
    attended: i64,
}

const SELECT: &str = "SELECT id, course_id, user_id, enterprise, contact_name, position, phone, email, tax_code,
        status, created_at FROM registrations";

/// The registrations of `rows` with their attendees, read in one query for all of them.
async fn with_attendees(
    conn: &mut SqliteConnection,
    rows: Vec<RegistrationRow>,
) -> Result<Vec<Registration>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids = serde_json::to_string(&rows.iter().map(|r| r.id).collect::<Vec<_>>())
        .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let all: Vec<AttendeeRow> = sqlx::query_as(
        "SELECT registration_id, id, name, attended FROM attendees
         WHERE registration_id IN (SELECT value FROM json_each(?1)) ORDER BY registration_id, id",
    )
    .bind(ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_registration: std::collections::HashMap<i64, Vec<Attendee>> = std::collections::HashMap::new();
    for a in all {
        by_registration.entry(a.registration_id).or_default().push(Attendee {
            id: a.id,
            name: a.name,
            attended: a.attended != 0,
        });
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let status = RegistrationStatus::from_code(&r.status)
            .ok_or_else(|| sqlx::Error::Decode(format!("registration {}: bad status", r.id).into()))?;
        out.push(Registration {
            id: r.id,
            course_id: r.course_id,
            user_id: r.user_id,
            details: Details {
                enterprise: r.enterprise,
                contact: r.contact_name,
                position: r.position,
                phone: r.phone,
                email: r.email,
                tax_code: r.tax_code,
            },
            attendees: by_registration.remove(&r.id).unwrap_or_default(),
            status,
            created_at: r.created_at,
        });
    }
    Ok(out)
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<Registration>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE id = ?1");
    let rows: Vec<RegistrationRow> = sqlx::query_as(&sql).bind(id).fetch_all(&mut *conn).await?;
    Ok(with_attendees(conn, rows).await?.pop())
}

/// The user's registration for a course that is not cancelled, if any.
pub async fn active(
    conn: &mut SqliteConnection,
    course_id: i64,
    user_id: i64,
) -> Result<Option<Registration>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE course_id = ?1 AND user_id = ?2 AND status <> 'cancelled'");
    let rows: Vec<RegistrationRow> = sqlx::query_as(&sql).bind(course_id).bind(user_id).fetch_all(&mut *conn).await?;
    Ok(with_attendees(conn, rows).await?.pop())
}

/// The registration an update created, if that update was handled already.
pub async fn by_update(conn: &mut SqliteConnection, update_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM registrations WHERE update_id = ?1").bind(update_id).fetch_optional(conn).await
}

/// Confirmed attendees of a course.
pub async fn seats_taken(conn: &mut SqliteConnection, course_id: i64) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM attendees a JOIN registrations r ON r.id = a.registration_id
         WHERE r.course_id = ?1 AND r.status = 'confirmed'",
    )
    .bind(course_id)
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

pub async fn insert(
    conn: &mut SqliteConnection,
    course_id: i64,
    user_id: i64,
    d: &Details,
    status: RegistrationStatus,
    update_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO registrations (course_id, user_id, enterprise, contact_name, position, phone, email, tax_code,
             status, created_at, updated_at, update_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11) RETURNING id",
    )
    .bind(course_id)
    .bind(user_id)
    .bind(&d.enterprise)
    .bind(&d.contact)
    .bind(&d.position)
    .bind(&d.phone)
    .bind(&d.email)
    .bind(&d.tax_code)
    .bind(status.code())
    .bind(now)
    .bind(update_id)
    .fetch_one(conn)
    .await
}

pub async fn update_details(conn: &mut SqliteConnection, id: i64, d: &Details, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE registrations SET enterprise = ?2, contact_name = ?3, position = ?4, phone = ?5, email = ?6,
             tax_code = ?7, updated_at = ?8
         WHERE id = ?1",
    )
    .bind(id)
    .bind(&d.enterprise)
    .bind(&d.contact)
    .bind(&d.position)
    .bind(&d.phone)
    .bind(&d.email)
    .bind(&d.tax_code)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Replaces the attendees of a registration (their attendance marks start afresh).
pub async fn replace_attendees(conn: &mut SqliteConnection, id: i64, names: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM attendees WHERE registration_id = ?1").bind(id).execute(&mut *conn).await?;
    for name in names {
        insert_attendee(conn, id, name).await?;
    }
    Ok(())
}

pub async fn insert_attendee(conn: &mut SqliteConnection, registration_id: i64, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO attendees (registration_id, name) VALUES (?1, ?2)")
        .bind(registration_id)
        .bind(name)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_status(
    conn: &mut SqliteConnection,
    id: i64,
    status: RegistrationStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE registrations SET status = ?2, updated_at = ?3 WHERE id = ?1")
        .bind(id)
        .bind(status.code())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A course's registrations in one status, oldest first (the waitlist's order).
pub async fn for_course(
    conn: &mut SqliteConnection,
    course_id: i64,
    status: RegistrationStatus,
) -> Result<Vec<Registration>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE course_id = ?1 AND status = ?2 ORDER BY created_at, id");
    let rows: Vec<RegistrationRow> =
        sqlx::query_as(&sql).bind(course_id).bind(status.code()).fetch_all(&mut *conn).await?;
    with_attendees(conn, rows).await
}

/// A user's registrations that are not cancelled, newest first.
pub async fn for_user(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<Registration>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE user_id = ?1 AND status <> 'cancelled' ORDER BY created_at DESC, id DESC");
    let rows: Vec<RegistrationRow> = sqlx::query_as(&sql).bind(user_id).fetch_all(&mut *conn).await?;
    with_attendees(conn, rows).await
}

/// The details of the user's most recent registration, to offer "the same as last time".
pub async fn latest_details(pool: &SqlitePool, user_id: i64) -> Result<Option<Details>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE user_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1");
    let row: Option<RegistrationRow> = sqlx::query_as(&sql).bind(user_id).fetch_optional(pool).await?;
    Ok(row.map(|r| Details {
        enterprise: r.enterprise,
        contact: r.contact_name,
        position: r.position,
        phone: r.phone,
        email: r.email,
        tax_code: r.tax_code,
    }))
}

/// 1-based place of a waitlisted registration in its course's queue.
pub async fn waitlist_place(conn: &mut SqliteConnection, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM registrations w JOIN registrations me ON me.id = ?1
         WHERE w.course_id = me.course_id AND w.status = 'waitlisted'
           AND (w.created_at < me.created_at OR (w.created_at = me.created_at AND w.id <= me.id))",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}

/// Marks an attendee present or absent; returns the registration it belongs to.
pub async fn set_attended(pool: &SqlitePool, attendee_id: i64, attended: bool) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("UPDATE attendees SET attended = ?2 WHERE id = ?1 RETURNING registration_id")
        .bind(attendee_id)
        .bind(i64::from(attended))
        .fetch_optional(pool)
        .await
}

pub async fn has_consent(pool: &SqlitePool, user_id: i64, version: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM consents WHERE user_id = ?1 AND version = ?2")
        .bind(user_id)
        .bind(version)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

pub async fn record_consent(pool: &SqlitePool, user_id: i64, version: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO consents (user_id, version, given_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .bind(user_id)
        .bind(version)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Confirmed registrations of open courses starting on `starts` (ISO) not reminded yet:
/// (registration id, chat id, language).
pub async fn reminders_due(pool: &SqlitePool, starts: &str) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, u.chat_id, u.lang FROM registrations r
         JOIN courses c ON c.id = r.course_id
         JOIN users u ON u.user_id = r.user_id
         WHERE c.starts_on = ?1 AND c.status <> 'cancelled' AND r.status = 'confirmed'
           AND r.reminded_at IS NULL AND u.blocked = 0
         ORDER BY r.id",
    )
    .bind(starts)
    .fetch_all(pool)
    .await
}

pub async fn mark_reminded(pool: &SqlitePool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE registrations SET reminded_at = ?2 WHERE id = ?1 AND reminded_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}

/// Users with a registration (confirmed or waitlisted) for a course, with their chat and
/// language: who to tell when the course changes or is cancelled. Anonymous registrations
/// (user id 0) have no one to tell.
pub async fn registrants(conn: &mut SqliteConnection, course_id: i64) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.id, u.chat_id, u.lang FROM registrations r JOIN users u ON u.user_id = r.user_id
         WHERE r.course_id = ?1 AND r.status <> 'cancelled' AND r.user_id <> 0 ORDER BY r.id",
    )
    .bind(course_id)
    .fetch_all(conn)
    .await
}
