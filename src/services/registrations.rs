//! Registering for a course, the waitlist, cancelling, attendance and reminders. Every change
//! to seats happens inside one `BEGIN IMMEDIATE` transaction: SQLite then lets one writer
//! count and insert at a time, so the last seat is never sold twice, and a waiting writer
//! queues on the busy timeout instead of failing.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use super::ServiceError;
use crate::db;
use crate::domain::course::{vn_today, Closed, Course, CourseStatus, VnDate};
use crate::domain::registration::{Details, Registration, RegistrationStatus, MAX_ATTENDEES};

/// The version of the personal-data notice the user agrees to; a new text needs a new version
/// (and a new consent).
pub const CONSENT_VERSION: &str = "2026-11";

/// A registration ready to be stored.
#[derive(Debug, Clone)]
pub struct NewRegistration {
    pub course_id: i64,
    pub user_id: i64,
    pub details: Details,
    pub attendees: Vec<String>,
    /// The Telegram update that confirmed it: a replay of the same update does nothing.
    pub update_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registered {
    Confirmed {
        id: i64,
    },
    /// No seats for this many attendees: on the waitlist at `place`.
    Waitlisted {
        id: i64,
        place: i64,
    },
}

impl Registered {
    pub fn id(&self) -> i64 {
        match self {
            Registered::Confirmed { id } | Registered::Waitlisted { id, .. } => *id,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("no course {0}")]
    NoCourse(i64),
    #[error("registration is closed")]
    Closed(Closed),
    #[error("already registered")]
    AlreadyRegistered { id: i64 },
    #[error("this update was handled already")]
    Replayed { id: i64 },
    #[error("between 1 and {max} attendees")]
    Attendees { max: u32 },
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<sqlx::Error> for RegisterError {
    fn from(e: sqlx::Error) -> Self {
        RegisterError::Service(ServiceError::Db(e))
    }
}

/// Whether a user may start registering for a course now, and how many seats are left.
pub async fn can_register(
    pool: &SqlitePool,
    course_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Course, RegisterError> {
    let mut conn = pool.acquire().await?;
    let course = db::courses::get(&mut conn, course_id).await?.ok_or(RegisterError::NoCourse(course_id))?;
    course.registration(vn_today(now)).map_err(RegisterError::Closed)?;
    if let Some(r) = db::registrations::active(&mut conn, course_id, user_id).await? {
        return Err(RegisterError::AlreadyRegistered { id: r.id });
    }
    Ok(course)
}

/// Stores a registration: confirmed when the course has seats for all its attendees,
/// otherwise on the waitlist. All checks and the insert happen in one transaction.
pub async fn register(
    pool: &SqlitePool,
    new: &NewRegistration,
    now: DateTime<Utc>,
) -> Result<Registered, RegisterError> {
    let seats = u32::try_from(new.attendees.len()).unwrap_or(u32::MAX);
    if seats == 0 || seats > MAX_ATTENDEES {
        return Err(RegisterError::Attendees { max: MAX_ATTENDEES });
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(update_id) = new.update_id {
        if let Some(id) = db::registrations::by_update(&mut tx, update_id).await? {
            return Err(RegisterError::Replayed { id });
        }
    }
    let course = db::courses::get(&mut tx, new.course_id).await?.ok_or(RegisterError::NoCourse(new.course_id))?;
    course.registration(vn_today(now)).map_err(RegisterError::Closed)?;
    if let Some(r) = db::registrations::active(&mut tx, new.course_id, new.user_id).await? {
        return Err(RegisterError::AlreadyRegistered { id: r.id });
    }
    let status = if course.confirms(seats) { RegistrationStatus::Confirmed } else { RegistrationStatus::Waitlisted };
    let id = db::registrations::insert(
        &mut tx,
        new.course_id,
        new.user_id,
        &new.details,
        status,
        new.update_id,
        now.timestamp(),
    )
    .await?;
    for name in &new.attendees {
        db::registrations::insert_attendee(&mut tx, id, name).await?;
    }
    let outcome = match status {
        RegistrationStatus::Waitlisted => {
            Registered::Waitlisted { id, place: db::registrations::waitlist_place(&mut tx, id).await? }
        }
        _ => Registered::Confirmed { id },
    };
    tx.commit().await?;
    tracing::info!(registration_id = id, course_id = new.course_id, seats, status = status.code(), "registered");
    Ok(outcome)
}

/// A waitlisted registration that got its seats: tell its user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promoted {
    pub registration_id: i64,
    pub user_id: i64,
}

/// Gives free seats to the waitlist, oldest first. A group that does not fit yet keeps its
/// place while a smaller one behind it may take the seats that are free.
pub async fn promote(conn: &mut SqliteConnection, course_id: i64, now: i64) -> Result<Vec<Promoted>, sqlx::Error> {
    let Some(course) = db::courses::get(conn, course_id).await? else { return Ok(Vec::new()) };
    if course.status == CourseStatus::Cancelled {
        return Ok(Vec::new());
    }
    let mut free = course.seats_left();
    let mut promoted = Vec::new();
    for w in db::registrations::for_course(conn, course_id, RegistrationStatus::Waitlisted).await? {
        if free == 0 {
            break;
        }
        if w.seats() <= free {
            db::registrations::set_status(conn, w.id, RegistrationStatus::Confirmed, now).await?;
            free -= w.seats();
            // An anonymous registration (its person erased their data) has no one to tell.
            if w.user_id != crate::domain::privacy::ERASED_USER {
                promoted.push(Promoted { registration_id: w.id, user_id: w.user_id });
            }
        }
    }
    Ok(promoted)
}

#[derive(Debug, thiserror::Error)]
pub enum CancelError {
    #[error("no such registration")]
    NotFound,
    #[error("already cancelled")]
    AlreadyCancelled,
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<sqlx::Error> for CancelError {
    fn from(e: sqlx::Error) -> Self {
        CancelError::Service(ServiceError::Db(e))
    }
}

/// The user cancels their registration; its seats go to the waitlist in the same transaction.
pub async fn cancel(
    pool: &SqlitePool,
    id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<Promoted>, CancelError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let reg =
        db::registrations::get(&mut tx, id).await?.filter(|r| r.user_id == user_id).ok_or(CancelError::NotFound)?;
    if reg.status == RegistrationStatus::Cancelled {
        return Err(CancelError::AlreadyCancelled);
    }
    db::registrations::set_status(&mut tx, id, RegistrationStatus::Cancelled, now.timestamp()).await?;
    let promoted = promote(&mut tx, reg.course_id, now.timestamp()).await?;
    tx.commit().await?;
    tracing::info!(registration_id = id, promoted = promoted.len(), "registration cancelled");
    Ok(promoted)
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("no such registration")]
    NotFound,
    #[error("not enough seats: at most {max} attendees")]
    NoSeats { max: u32 },
    #[error("registration is closed")]
    Closed(Closed),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

impl From<sqlx::Error> for UpdateError {
    fn from(e: sqlx::Error) -> Self {
        UpdateError::Service(ServiceError::Db(e))
    }
}

/// The most attendees the registration dialogue accepts for `course_id`: up to the seats left,
/// or a full group for the waitlist when none are; an edited registration (`editing`) keeps
/// its own seats too.
pub async fn max_attendees(pool: &SqlitePool, course_id: i64, editing: Option<i64>) -> Result<u32, ServiceError> {
    let Some(course) = super::courses::get(pool, course_id).await? else { return Ok(1) };
    if let Some(reg) = match editing {
        Some(id) => get(pool, id).await?,
        None => None,
    } {
        return Ok(edit_capacity(&reg, &course));
    }
    let left = course.seats_left();
    Ok(if left == 0 { MAX_ATTENDEES } else { left.min(MAX_ATTENDEES) })
}

/// The most attendees a registration may have when it is edited: a confirmed one keeps its
/// seats and may take the free ones; a waitlisted one is capped per registration only.
pub fn edit_capacity(reg: &Registration, course: &Course) -> u32 {
    match reg.status {
        RegistrationStatus::Confirmed => (reg.seats() + course.seats_left()).min(MAX_ATTENDEES),
        _ => MAX_ATTENDEES,
    }
}

/// Replaces a registration's details and attendees in one transaction, keeping its status
/// and place; seats it gives up go to the waitlist (returned, to tell those promoted).
pub async fn update(
    pool: &SqlitePool,
    id: i64,
    user_id: i64,
    details: &Details,
    attendees: &[String],
    now: DateTime<Utc>,
) -> Result<Vec<Promoted>, UpdateError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let reg = db::registrations::get(&mut tx, id)
        .await?
        .filter(|r| r.user_id == user_id && r.status != RegistrationStatus::Cancelled)
        .ok_or(UpdateError::NotFound)?;
    let course = db::courses::get(&mut tx, reg.course_id).await?.ok_or(UpdateError::NotFound)?;
    course.registration(vn_today(now)).map_err(UpdateError::Closed)?;
    let max = edit_capacity(&reg, &course);
    let seats = u32::try_from(attendees.len()).unwrap_or(u32::MAX);
    if seats == 0 || seats > max {
        return Err(UpdateError::NoSeats { max });
    }
    db::registrations::update_details(&mut tx, id, details, now.timestamp()).await?;
    db::registrations::replace_attendees(&mut tx, id, attendees).await?;
    let promoted = promote(&mut tx, reg.course_id, now.timestamp()).await?;
    tx.commit().await?;
    tracing::info!(registration_id = id, seats, "registration updated");
    Ok(promoted)
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<Registration>, ServiceError> {
    let mut conn = pool.acquire().await?;
    Ok(db::registrations::get(&mut conn, id).await?)
}

/// The place of a waitlisted registration in its queue (1 = next).
pub async fn waitlist_place(pool: &SqlitePool, id: i64) -> Result<i64, ServiceError> {
    let mut conn = pool.acquire().await?;
    Ok(db::registrations::waitlist_place(&mut conn, id).await?)
}

/// The user's registrations that are not cancelled, each with its course, newest first.
pub async fn for_user(pool: &SqlitePool, user_id: i64) -> Result<Vec<(Registration, Course)>, ServiceError> {
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for r in db::registrations::for_user(&mut conn, user_id).await? {
        if let Some(c) = db::courses::get(&mut conn, r.course_id).await? {
            out.push((r, c));
        }
    }
    Ok(out)
}

/// A course's roster: confirmed registrations, then the waitlist, each oldest first.
pub async fn roster(pool: &SqlitePool, course_id: i64) -> Result<Vec<Registration>, ServiceError> {
    let mut conn = pool.acquire().await?;
    let mut all = db::registrations::for_course(&mut conn, course_id, RegistrationStatus::Confirmed).await?;
    all.extend(db::registrations::for_course(&mut conn, course_id, RegistrationStatus::Waitlisted).await?);
    Ok(all)
}

pub async fn latest_details(pool: &SqlitePool, user_id: i64) -> Result<Option<Details>, ServiceError> {
    Ok(db::registrations::latest_details(pool, user_id).await?)
}

pub async fn set_attended(pool: &SqlitePool, attendee_id: i64, attended: bool) -> Result<Option<i64>, ServiceError> {
    Ok(db::registrations::set_attended(pool, attendee_id, attended).await?)
}

pub async fn has_consent(pool: &SqlitePool, user_id: i64) -> Result<bool, ServiceError> {
    Ok(db::registrations::has_consent(pool, user_id, CONSENT_VERSION).await?)
}

pub async fn record_consent(pool: &SqlitePool, user_id: i64, now: i64) -> Result<(), ServiceError> {
    Ok(db::registrations::record_consent(pool, user_id, CONSENT_VERSION, now).await?)
}

/// A reminder to send: the registration, where to send it and in which language.
#[derive(Debug, Clone)]
pub struct Reminder {
    pub registration: Registration,
    pub course: Course,
    pub chat_id: i64,
    pub lang: String,
}

/// Reminders due at `now`: confirmed registrations of courses starting tomorrow (Vietnam
/// time), once the local hour has reached `hour`, not reminded yet.
pub async fn reminders_due(pool: &SqlitePool, now: DateTime<Utc>, hour: u32) -> Result<Vec<Reminder>, ServiceError> {
    let Some(tomorrow) = crate::domain::course::notice_day(now, hour) else { return Ok(Vec::new()) };
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for (id, chat_id, lang) in db::registrations::reminders_due(pool, &VnDate::from_date(tomorrow).iso()).await? {
        let Some(registration) = db::registrations::get(&mut conn, id).await? else { continue };
        let Some(course) = db::courses::get(&mut conn, registration.course_id).await? else { continue };
        out.push(Reminder { registration, course, chat_id, lang });
    }
    Ok(out)
}

pub async fn mark_reminded(pool: &SqlitePool, id: i64, now: i64) -> Result<(), ServiceError> {
    Ok(db::registrations::mark_reminded(pool, id, now).await?)
}

/// "Registration closes tomorrow" for users who opened an open course and did not register:
/// (course, user id, chat id, language), once the local hour has reached `hour`.
pub async fn nudges_due(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    hour: u32,
) -> Result<Vec<(Course, i64, i64, String)>, ServiceError> {
    let Some(tomorrow) = crate::domain::course::notice_day(now, hour) else { return Ok(Vec::new()) };
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for (course_id, user_id, chat_id, lang) in db::courses::nudges_due(pool, &VnDate::from_date(tomorrow).iso()).await?
    {
        if let Some(course) = db::courses::get(&mut conn, course_id).await? {
            if course.seats_left() > 0 {
                out.push((course, user_id, chat_id, lang));
            }
        }
    }
    Ok(out)
}

pub async fn mark_nudged(pool: &SqlitePool, course_id: i64, user_id: i64, now: i64) -> Result<(), ServiceError> {
    Ok(db::courses::mark_nudged(pool, course_id, user_id, now).await?)
}
