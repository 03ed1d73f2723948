//! A user's rights over their personal data: a copy of everything stored about them
//! (`/mydata`), erasure (`/deleteme`), and the purge of registrations once their course has
//! been over for the configured period. Erasure and purge each run in one `BEGIN IMMEDIATE`
//! transaction, so a seat count is never seen half-changed, and both can run again harmlessly.

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::ServiceError;
use crate::db;
use crate::domain::assessment::{RequestData, TakenData};
use crate::domain::course::{vn_today, VnDate};
use crate::domain::privacy::{purge_cutoff, timestamp, DialogueData, Erased, MyData, Purged};

/// Everything stored about the user, read in one transaction so the copy is consistent.
pub async fn my_data(
    pool: &SqlitePool,
    user_id: i64,
    chat_id: i64,
    now: DateTime<Utc>,
) -> Result<MyData, ServiceError> {
    let mut tx = pool.begin().await?;
    let dialogue = db::privacy::dialogue(&mut tx, chat_id).await?.map(|(state, updated)| DialogueData {
        // A state that is not JSON (it always is) is still shown, as text.
        state: serde_json::from_str(&state).unwrap_or(serde_json::Value::String(state)),
        updated_at: timestamp(updated),
    });
    let data = MyData {
        exported_at: timestamp(now.timestamp()),
        user: db::privacy::user(&mut tx, user_id).await?,
        consents: db::privacy::consents(&mut tx, user_id).await?,
        registrations: db::privacy::registrations(&mut tx, user_id).await?,
        subscription: db::privacy::subscription(&mut tx, user_id).await?,
        questions: db::privacy::questions(&mut tx, user_id).await?,
        faq_feedback: db::privacy::feedback(&mut tx, user_id).await?,
        centre_messages: db::privacy::centre_messages(&mut tx, user_id).await?,
        course_views: db::privacy::course_views(&mut tx, user_id).await?,
        dialogue,
        announcements_received: db::privacy::deliveries(&mut tx, user_id).await?,
        courses_created: db::privacy::courses_created(&mut tx, user_id).await?,
        broadcasts_created: db::privacy::broadcasts_created(&mut tx, user_id).await?,
        assessments: db::assessment::taken_for_copy(&mut tx, user_id)
            .await?
            .iter()
            .map(|t| TakenData::of(t, timestamp))
            .collect(),
        consultation_requests: db::assessment::requests_for_copy(&mut tx, user_id)
            .await?
            .iter()
            .map(|r| RequestData::of(r, timestamp))
            .collect(),
    };
    tx.commit().await?;
    Ok(data)
}

/// [`my_data`] as the file the user receives: pretty JSON in UTF-8.
pub fn to_json(data: &MyData) -> Vec<u8> {
    // Plain strings, numbers and maps only: serializing cannot fail.
    serde_json::to_vec_pretty(data).unwrap_or_default()
}

/// Erases the user's personal data (see `db::privacy` for what is deleted and what is kept
/// anonymously). Erasing a user with nothing stored changes nothing.
pub async fn erase(pool: &SqlitePool, user_id: i64, chat_id: i64, now: DateTime<Utc>) -> Result<Erased, ServiceError> {
    let today = VnDate::from_date(vn_today(now)).iso();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let kept_seats = db::privacy::upcoming_seats(&mut tx, user_id, &today).await?;
    let deleted = db::privacy::delete_cancelled(&mut tx, user_id).await?;
    let anonymised = db::privacy::anonymise_registrations(&mut tx, user_id, now.timestamp()).await?;
    let own = db::privacy::delete_own_rows(&mut tx, user_id, chat_id).await?;
    let shared = db::privacy::unlink_shared_rows(&mut tx, user_id).await?;
    let requests = db::assessment::delete_requests(&mut tx, user_id).await?;
    let assessments = db::assessment::unlink_taken(&mut tx, user_id).await?;
    let handled = db::assessment::forget_handler(&mut tx, user_id).await?;
    db::privacy::delete_user(&mut tx, user_id).await?;
    tx.commit().await?;
    let anything = deleted + anonymised + own + shared + requests + assessments + handled > 0;
    // No user id in the log: the point is to forget it.
    tracing::info!(anonymised, deleted, kept = kept_seats.len(), "a user's personal data erased");
    Ok(Erased { anonymised, deleted, kept_seats, anything })
}

/// Purges the registrations of courses that ended more than `days` days before `now`
/// (Vietnam's calendar); `days == 0` keeps them forever.
pub async fn purge(pool: &SqlitePool, now: DateTime<Utc>, days: u32) -> Result<Purged, ServiceError> {
    let Some(cutoff) = purge_cutoff(vn_today(now), days) else { return Ok(Purged::default()) };
    let cutoff = VnDate::from_date(cutoff).iso();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let deleted = db::privacy::purge_cancelled(&mut tx, &cutoff).await?;
    let anonymised = db::privacy::purge_registrations(&mut tx, &cutoff, now.timestamp()).await?;
    tx.commit().await?;
    if deleted + anonymised > 0 {
        tracing::info!(anonymised, deleted, ended_by = %cutoff, "registrations of finished courses purged");
    }
    Ok(Purged { anonymised, deleted })
}
