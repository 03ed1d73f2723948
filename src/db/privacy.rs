//! Reading everything stored about one user, erasing it, and purging the registrations of
//! long-finished courses. Covers every table with a user or chat id (see the migrations):
//! `users`, `dialogues`, `centre_messages`, `questions`, `faq_feedback`, `registrations` (and
//! their `attendees`), `consents`, `course_views`, `subscribers`, `broadcasts` (`created_by`,
//! `admin_chat`), `deliveries` and `courses` (`created_by`); `assessments` and
//! `consultation_requests` are read and erased by `db::assessment`. Statements take a
//! connection inside the caller's transaction.

use sqlx::SqliteConnection;

use crate::domain::privacy::{
    timestamp, AttendeeData, CentreMessageData, ConsentData, CourseViewData, DeliveriesData, FeedbackData, KeptSeat,
    QuestionData, RegistrationData, SubscriptionData, UserData, ERASED_TEXT, ERASED_USER,
};
use crate::domain::registration::RegistrationCode;

fn opt_time(t: Option<i64>) -> Option<String> {
    t.map(timestamp)
}

type UserRow = (i64, i64, String, String, Option<String>, Option<String>, i64, i64, i64);

pub async fn user(conn: &mut SqliteConnection, user_id: i64) -> Result<Option<UserData>, sqlx::Error> {
    let row: Option<UserRow> = sqlx::query_as(
        "SELECT user_id, chat_id, lang, first_name, last_name, username, blocked, first_seen, last_seen
         FROM users WHERE user_id = ?1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(telegram_id, chat_id, language, first_name, last_name, username, blocked, first, last)| UserData {
        telegram_id,
        chat_id,
        language,
        first_name,
        last_name,
        username,
        blocked_the_bot: blocked != 0,
        first_seen: timestamp(first),
        last_seen: timestamp(last),
    }))
}

pub async fn consents(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<ConsentData>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT version, given_at FROM consents WHERE user_id = ?1 ORDER BY given_at, version")
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(v, t)| ConsentData { notice_version: v, given_at: timestamp(t) }).collect())
}

#[derive(sqlx::FromRow)]
struct RegistrationRow {
    id: i64,
    course_id: i64,
    title: String,
    starts_on: String,
    ends_on: String,
    status: String,
    enterprise: String,
    contact_name: String,
    position: String,
    phone: String,
    email: Option<String>,
    tax_code: Option<String>,
    created_at: i64,
    updated_at: i64,
    reminded_at: Option<i64>,
}

/// Every registration of the user, cancelled ones included, with its attendees.
pub async fn registrations(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<RegistrationData>, sqlx::Error> {
    let rows: Vec<RegistrationRow> = sqlx::query_as(
        "SELECT r.id, r.course_id, c.title, c.starts_on, c.ends_on, r.status, r.enterprise, r.contact_name,
                r.position, r.phone, r.email, r.tax_code, r.created_at, r.updated_at, r.reminded_at
         FROM registrations r JOIN courses c ON c.id = r.course_id
         WHERE r.user_id = ?1 ORDER BY r.created_at, r.id",
    )
    .bind(user_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let attendees: Vec<(String, i64)> =
            sqlx::query_as("SELECT name, attended FROM attendees WHERE registration_id = ?1 ORDER BY id")
                .bind(r.id)
                .fetch_all(&mut *conn)
                .await?;
        out.push(RegistrationData {
            code: RegistrationCode::from_id(r.id).to_string(),
            course_id: r.course_id,
            course_title: r.title,
            course_starts: r.starts_on,
            course_ends: r.ends_on,
            status: r.status,
            enterprise: r.enterprise,
            contact_name: r.contact_name,
            position: r.position,
            phone: r.phone,
            email: r.email,
            tax_code: r.tax_code,
            attendees: attendees.into_iter().map(|(name, a)| AttendeeData { name, attended: a != 0 }).collect(),
            created_at: timestamp(r.created_at),
            updated_at: timestamp(r.updated_at),
            reminded_at: opt_time(r.reminded_at),
        });
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct SubscriberRow {
    active: i64,
    sector: Option<String>,
    area: Option<String>,
    district: Option<String>,
    area_invited_at: Option<i64>,
    enterprise: Option<String>,
    subscribed_at: i64,
    updated_at: i64,
}

pub async fn subscription(conn: &mut SqliteConnection, user_id: i64) -> Result<Option<SubscriptionData>, sqlx::Error> {
    let row: Option<SubscriberRow> = sqlx::query_as(
        "SELECT active, sector, area, district, area_invited_at, enterprise, subscribed_at, updated_at
         FROM subscribers WHERE user_id = ?1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| SubscriptionData {
        active: r.active != 0,
        sector: r.sector,
        area: r.area,
        former_district: r.district,
        invited_to_choose_area_at: opt_time(r.area_invited_at),
        enterprise: r.enterprise,
        subscribed_at: timestamp(r.subscribed_at),
        updated_at: timestamp(r.updated_at),
    }))
}

type QuestionRow = (String, String, Option<String>, Option<i64>, Option<i64>, i64);

/// The questions the user typed to the FAQ: answered, ambiguous and unanswered ones, and
/// whether they were sent on to the centre.
pub async fn questions(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<QuestionData>, sqlx::Error> {
    let rows: Vec<QuestionRow> = sqlx::query_as(
        "SELECT body, outcome, entry_id, forwarded_at, replied_at, created_at FROM questions
         WHERE user_id = ?1 ORDER BY created_at, id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(text, outcome, faq_entry, forwarded, replied, asked)| QuestionData {
            text,
            outcome,
            faq_entry,
            sent_to_centre_at: opt_time(forwarded),
            centre_replied_at: opt_time(replied),
            asked_at: timestamp(asked),
        })
        .collect())
}

pub async fn feedback(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<FeedbackData>, sqlx::Error> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT entry_id, helpful, created_at FROM faq_feedback WHERE user_id = ?1 ORDER BY created_at, entry_id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(faq_entry, helpful, t)| FeedbackData { faq_entry, helpful: helpful != 0, given_at: timestamp(t) })
        .collect())
}

pub async fn centre_messages(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<CentreMessageData>, sqlx::Error> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT body, created_at FROM centre_messages WHERE user_id = ?1 ORDER BY created_at, id")
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|(text, t)| CentreMessageData { text, sent_at: timestamp(t) }).collect())
}

pub async fn course_views(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<CourseViewData>, sqlx::Error> {
    let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT v.course_id, c.title, v.viewed_at, v.nudged_at FROM course_views v JOIN courses c ON c.id = v.course_id
         WHERE v.user_id = ?1 ORDER BY v.viewed_at, v.course_id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(course_id, course_title, viewed, nudged)| CourseViewData {
            course_id,
            course_title,
            viewed_at: timestamp(viewed),
            reminded_of_deadline_at: opt_time(nudged),
        })
        .collect())
}

/// The stored dialogue of the user's private chat: (serialized state, updated at).
pub async fn dialogue(conn: &mut SqliteConnection, chat_id: i64) -> Result<Option<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT state, updated_at FROM dialogues WHERE chat_id = ?1")
        .bind(chat_id)
        .fetch_optional(conn)
        .await
}

pub async fn deliveries(conn: &mut SqliteConnection, user_id: i64) -> Result<DeliveriesData, sqlx::Error> {
    let (total, delivered): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(status = 'sent'), 0) FROM deliveries WHERE user_id = ?1")
            .bind(user_id)
            .fetch_one(conn)
            .await?;
    Ok(DeliveriesData { total, delivered })
}

pub async fn courses_created(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM courses WHERE created_by = ?1 ORDER BY id").bind(user_id).fetch_all(conn).await
}

pub async fn broadcasts_created(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM broadcasts WHERE created_by = ?1 ORDER BY id")
        .bind(user_id)
        .fetch_all(conn)
        .await
}

type KeptRow = (i64, i64, String, String, i64, String);

/// The user's confirmed and waitlisted registrations for courses not over on `today` (ISO)
/// and not cancelled: the seats an erasure keeps without anyone to contact.
pub async fn upcoming_seats(
    conn: &mut SqliteConnection,
    user_id: i64,
    today: &str,
) -> Result<Vec<KeptSeat>, sqlx::Error> {
    let rows: Vec<KeptRow> = sqlx::query_as(
        "SELECT r.id, r.course_id, c.title, c.starts_on,
                (SELECT COUNT(*) FROM attendees a WHERE a.registration_id = r.id), r.status
         FROM registrations r JOIN courses c ON c.id = r.course_id
         WHERE r.user_id = ?1 AND r.status IN ('confirmed', 'waitlisted')
           AND c.status <> 'cancelled' AND c.ends_on >= ?2
         ORDER BY c.starts_on, r.id",
    )
    .bind(user_id)
    .bind(today)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(registration_id, course_id, course_title, course_starts, seats, status)| KeptSeat {
            registration_id,
            course_id,
            course_title,
            course_starts,
            seats,
            waitlisted: status == "waitlisted",
        })
        .collect())
}

/// Deletes the user's cancelled registrations (their attendees go with them); returns how many.
pub async fn delete_cancelled(conn: &mut SqliteConnection, user_id: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM registrations WHERE user_id = ?1 AND status = 'cancelled'")
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Creates the [`ERASED_USER`] account (blocked, nameless) unless it exists. Called only
/// when rows are about to be handed to it: a database with nothing anonymised has no such row.
async fn ensure_erased_user(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (user_id, chat_id, lang, first_name, last_name, username, blocked, first_seen, last_seen)
         VALUES (?1, ?1, 'vi', '', NULL, NULL, 1, 0, 0)
         ON CONFLICT (user_id) DO NOTHING",
    )
    .bind(ERASED_USER)
    .execute(conn)
    .await?;
    Ok(())
}

/// Blanks the personal fields of the user's registrations and their attendees' names, and
/// hands the rows to [`ERASED_USER`]: status, seats, waitlist order and attendance stay.
pub async fn anonymise_registrations(conn: &mut SqliteConnection, user_id: i64, now: i64) -> Result<u64, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE user_id = ?1")
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    if n == 0 {
        return Ok(0);
    }
    ensure_erased_user(&mut *conn).await?;
    sqlx::query(
        "UPDATE attendees SET name = ?2
         WHERE registration_id IN (SELECT id FROM registrations WHERE user_id = ?1)",
    )
    .bind(user_id)
    .bind(ERASED_TEXT)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "UPDATE registrations SET user_id = ?2, enterprise = ?3, contact_name = ?3, position = ?3, phone = ?3,
             email = NULL, tax_code = NULL, updated_at = ?4
         WHERE user_id = ?1",
    )
    .bind(user_id)
    .bind(ERASED_USER)
    .bind(ERASED_TEXT)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Deletes the rows that are about the user only and mean nothing without them: consents
/// (the processing they allowed ends here), course views, the subscription and its profile,
/// messages to the centre, and the dialogue. Returns how many rows went.
pub async fn delete_own_rows(conn: &mut SqliteConnection, user_id: i64, chat_id: i64) -> Result<u64, sqlx::Error> {
    let mut n = 0;
    for sql in [
        "DELETE FROM consents WHERE user_id = ?1",
        "DELETE FROM course_views WHERE user_id = ?1",
        "DELETE FROM subscribers WHERE user_id = ?1",
        "DELETE FROM centre_messages WHERE user_id = ?1",
    ] {
        n += sqlx::query(sql).bind(user_id).execute(&mut *conn).await?.rows_affected();
    }
    n += sqlx::query("DELETE FROM dialogues WHERE chat_id = ?1 OR chat_id = ?2")
        .bind(chat_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n)
}

/// Unlinks what stays for the centre's figures: FAQ questions (the text keeps improving the
/// FAQ, no longer tied to anyone), 👍/👎 feedback, announcement deliveries (pending ones are
/// cancelled), and what an admin created. Unique keys that include the user get minus the
/// row's own id, which no Telegram chat or user has. Returns how many rows changed.
pub async fn unlink_shared_rows(conn: &mut SqliteConnection, user_id: i64) -> Result<u64, sqlx::Error> {
    let mut n = 0;
    n += sqlx::query("UPDATE questions SET user_id = ?2, chat_id = ?2 WHERE user_id = ?1")
        .bind(user_id)
        .bind(ERASED_USER)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    n += sqlx::query("UPDATE faq_feedback SET user_id = -rowid WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    sqlx::query("UPDATE deliveries SET status = 'cancelled' WHERE user_id = ?1 AND status = 'pending'")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    n += sqlx::query("UPDATE deliveries SET user_id = ?2, chat_id = -id WHERE user_id = ?1")
        .bind(user_id)
        .bind(ERASED_USER)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    n += sqlx::query("UPDATE courses SET created_by = NULL WHERE created_by = ?1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    // A broadcast still going out keeps reporting its progress to the admin's chat; the
    // others forget both who made them and where.
    n += sqlx::query(
        "UPDATE broadcasts SET created_by = ?2,
             admin_chat = CASE WHEN status IN ('done', 'cancelled') THEN ?2 ELSE admin_chat END
         WHERE created_by = ?1",
    )
    .bind(user_id)
    .bind(ERASED_USER)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(n)
}

/// Deletes the user's row; everything that referenced it is gone or unlinked by now.
pub async fn delete_user(conn: &mut SqliteConnection, user_id: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("DELETE FROM users WHERE user_id = ?1 AND user_id <> ?2")
        .bind(user_id)
        .bind(ERASED_USER)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Cancelled registrations of courses that ended on or before `cutoff` (ISO), deleted.
pub async fn purge_cancelled(conn: &mut SqliteConnection, cutoff: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM registrations WHERE status = 'cancelled'
           AND course_id IN (SELECT id FROM courses WHERE ends_on <= ?1)",
    )
    .bind(cutoff)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// The other registrations of those courses lose their personal data as in an erasure, and
/// who looked at those courses is forgotten. Rows done before are left alone.
pub async fn purge_registrations(conn: &mut SqliteConnection, cutoff: &str, now: i64) -> Result<u64, sqlx::Error> {
    const OLD: &str = "SELECT r.id FROM registrations r JOIN courses c ON c.id = r.course_id
                       WHERE c.ends_on <= ?1 AND r.user_id <> ?2";
    sqlx::query("DELETE FROM course_views WHERE course_id IN (SELECT id FROM courses WHERE ends_on <= ?1)")
        .bind(cutoff)
        .execute(&mut *conn)
        .await?;
    let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM ({OLD})"))
        .bind(cutoff)
        .bind(ERASED_USER)
        .fetch_one(&mut *conn)
        .await?;
    if n == 0 {
        return Ok(0);
    }
    ensure_erased_user(&mut *conn).await?;
    sqlx::query(&format!("UPDATE attendees SET name = ?3 WHERE registration_id IN ({OLD})"))
        .bind(cutoff)
        .bind(ERASED_USER)
        .bind(ERASED_TEXT)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query(&format!(
        "UPDATE registrations SET user_id = ?2, enterprise = ?3, contact_name = ?3, position = ?3, phone = ?3,
             email = NULL, tax_code = NULL, updated_at = ?4
         WHERE id IN ({OLD})"
    ))
    .bind(cutoff)
    .bind(ERASED_USER)
    .bind(ERASED_TEXT)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
