//! Courses: created and changed by admins (in the chat or from the CLI), listed for users.

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::registrations::{promote, Promoted};
use super::ServiceError;
use crate::db;
use crate::domain::course::{vn_today, Course, CourseFields, CourseStatus, ScheduleError};

/// What can go wrong when creating or changing a course.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    #[error("no course {0}")]
    NotFound(i64),
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<sqlx::Error> for CourseError {
    fn from(e: sqlx::Error) -> Self {
        CourseError::Service(ServiceError::Db(e))
    }
}

/// Creates an open course; the dates must make sense and it must not start in the past.
pub async fn create(
    pool: &SqlitePool,
    fields: &CourseFields,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, CourseError> {
    fields.check(vn_today(now), true)?;
    let mut conn = pool.acquire().await?;
    let id = db::courses::insert(&mut conn, fields, created_by, now.timestamp()).await?;
    tracing::info!(course_id = id, created_by, "course created");
    Ok(id)
}

/// Replaces a course's fields. A larger capacity promotes waitlisted registrations, which are
/// returned so that their users can be told.
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    fields: &CourseFields,
    now: DateTime<Utc>,
) -> Result<Vec<Promoted>, CourseError> {
    fields.check(vn_today(now), false)?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if !db::courses::update_fields(&mut tx, id, fields).await? {
        return Err(CourseError::NotFound(id));
    }
    let promoted = promote(&mut tx, id, now.timestamp()).await?;
    tx.commit().await?;
    Ok(promoted)
}

/// Someone who must hear about a course change: (registration id, chat id, language code).
pub type Registrant = (i64, i64, String);

/// Opens, closes or cancels a course. Returns the registrants (to tell them when the course
/// is cancelled) and the course as it is now.
pub async fn set_status(
    pool: &SqlitePool,
    id: i64,
    status: CourseStatus,
) -> Result<(Course, Vec<Registrant>), CourseError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let before = db::courses::get(&mut tx, id).await?.ok_or(CourseError::NotFound(id))?;
    let registrants = if before.status != status {
        db::courses::set_status(&mut tx, id, status).await?;
        db::registrations::registrants(&mut tx, id).await?
    } else {
        Vec::new()
    };
    let course = db::courses::get(&mut tx, id).await?.ok_or(CourseError::NotFound(id))?;
    tx.commit().await?;
    tracing::info!(course_id = id, status = status.code(), "course status changed");
    Ok((course, registrants))
}

/// A course's title, or an empty text if it no longer exists.
pub async fn title(pool: &SqlitePool, id: i64) -> Result<String, ServiceError> {
    Ok(get(pool, id).await?.map(|c| c.fields.title).unwrap_or_default())
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<Course>, ServiceError> {
    let mut conn = pool.acquire().await?;
    Ok(db::courses::get(&mut conn, id).await?)
}

/// Every course, the soonest first (for admins and the CLI).
pub async fn all(pool: &SqlitePool) -> Result<Vec<Course>, ServiceError> {
    Ok(db::courses::all(pool).await?)
}

/// Courses users can see: not over, not cancelled, the soonest first.
pub async fn upcoming(pool: &SqlitePool, now: DateTime<Utc>) -> Result<Vec<Course>, ServiceError> {
    let today = vn_today(now);
    let all = db::courses::upcoming(pool, &crate::domain::course::VnDate::from_date(today).iso()).await?;
    Ok(all.into_iter().filter(|c| c.status != CourseStatus::Cancelled).collect())
}

/// Courses an admin manages: not over yet, whatever their status.
pub async fn current(pool: &SqlitePool, now: DateTime<Utc>) -> Result<Vec<Course>, ServiceError> {
    let today = crate::domain::course::VnDate::from_date(vn_today(now));
    Ok(db::courses::upcoming(pool, &today.iso()).await?)
}

pub async fn record_view(pool: &SqlitePool, course_id: i64, user_id: i64, now: i64) -> Result<(), ServiceError> {
    Ok(db::courses::record_view(pool, course_id, user_id, now).await?)
}
