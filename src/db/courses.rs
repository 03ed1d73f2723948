//! The `courses` table, with seat counts computed from `registrations` and `attendees`.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::course::{Capacity, Course, CourseFields, CourseStatus, VnDate};

#[derive(sqlx::FromRow)]
struct CourseRow {
    id: i64,
    title: String,
    description: String,
    location: String,
    starts_on: String,
    ends_on: String,
    capacity: i64,
    deadline: String,
    status: String,
    taken: i64,
    waiting: i64,
}

impl CourseRow {
    fn into_course(self) -> Result<Course, sqlx::Error> {
        let bad = |what: &str| sqlx::Error::Decode(format!("course {}: bad {what}", self.id).into());
        let date = |s: &str, what: &str| VnDate::from_iso(s).ok_or_else(|| bad(what));
        let fields = CourseFields {
            title: self.title.clone(),
            description: self.description.clone(),
            location: self.location.clone(),
            starts: date(&self.starts_on, "start")?,
            ends: date(&self.ends_on, "end")?,
            capacity: u32::try_from(self.capacity)
                .ok()
                .and_then(|c| Capacity::new(c).ok())
                .ok_or_else(|| bad("capacity"))?,
            deadline: date(&self.deadline, "deadline")?,
        };
        Ok(Course {
            id: self.id,
            fields,
            status: CourseStatus::from_code(&self.status).ok_or_else(|| bad("status"))?,
            taken: u32::try_from(self.taken).unwrap_or(0),
            waiting: u32::try_from(self.waiting).unwrap_or(0),
        })
    }
}

const SELECT: &str = "SELECT c.id, c.title, c.description, c.location, c.starts_on, c.ends_on, c.capacity,
        c.deadline, c.status,
        (SELECT COUNT(*) FROM attendees a JOIN registrations r ON r.id = a.registration_id
          WHERE r.course_id = c.id AND r.status = 'confirmed') AS taken,
        (SELECT COUNT(*) FROM attendees a JOIN registrations r ON r.id = a.registration_id
          WHERE r.course_id = c.id AND r.status = 'waitlisted') AS waiting
    FROM courses c";

pub async fn insert(
    conn: &mut SqliteConnection,
    f: &CourseFields,
    created_by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO courses (title, description, location, starts_on, ends_on, capacity, deadline, status,
             created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9) RETURNING id",
    )
    .bind(&f.title)
    .bind(&f.description)
    .bind(&f.location)
    .bind(f.starts.iso())
    .bind(f.ends.iso())
    .bind(i64::from(f.capacity.get()))
    .bind(f.deadline.iso())
    .bind(created_by)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn update_fields(conn: &mut SqliteConnection, id: i64, f: &CourseFields) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE courses SET title = ?2, description = ?3, location = ?4, starts_on = ?5, ends_on = ?6,
             capacity = ?7, deadline = ?8
         WHERE id = ?1",
    )
    .bind(id)
    .bind(&f.title)
    .bind(&f.description)
    .bind(&f.location)
    .bind(f.starts.iso())
    .bind(f.ends.iso())
    .bind(i64::from(f.capacity.get()))
    .bind(f.deadline.iso())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_status(conn: &mut SqliteConnection, id: i64, status: CourseStatus) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE courses SET status = ?2 WHERE id = ?1").bind(id).bind(status.code()).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<Course>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.id = ?1");
    let row: Option<CourseRow> = sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?;
    row.map(CourseRow::into_course).transpose()
}

/// Every course, the soonest first.
pub async fn all(pool: &SqlitePool) -> Result<Vec<Course>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY c.starts_on, c.id");
    let rows: Vec<CourseRow> = sqlx::query_as(&sql).fetch_all(pool).await?;
    rows.into_iter().map(CourseRow::into_course).collect()
}

/// Courses that have not ended by `today` (ISO), the soonest first.
pub async fn upcoming(pool: &SqlitePool, today: &str) -> Result<Vec<Course>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE c.ends_on >= ?1 ORDER BY c.starts_on, c.id");
    let rows: Vec<CourseRow> = sqlx::query_as(&sql).bind(today).fetch_all(pool).await?;
    rows.into_iter().map(CourseRow::into_course).collect()
}

/// Remembers that a user opened a course's details (for the deadline nudge).
pub async fn record_view(pool: &SqlitePool, course_id: i64, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO course_views (course_id, user_id, viewed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (course_id, user_id) DO UPDATE SET viewed_at = excluded.viewed_at",
    )
    .bind(course_id)
    .bind(user_id)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

/// (course id, user id, chat id, language) of viewers of open courses whose deadline is
/// `deadline` (ISO), who have not registered and were not nudged yet.
pub async fn nudges_due(pool: &SqlitePool, deadline: &str) -> Result<Vec<(i64, i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.course_id, v.user_id, u.chat_id, u.lang FROM course_views v
         JOIN courses c ON c.id = v.course_id
         JOIN users u ON u.user_id = v.user_id
         WHERE c.deadline = ?1 AND c.status = 'open' AND v.nudged_at IS NULL AND u.blocked = 0
           AND NOT EXISTS (SELECT 1 FROM registrations r
                           WHERE r.course_id = v.course_id AND r.user_id = v.user_id AND r.status <> 'cancelled')
         ORDER BY v.course_id, v.user_id",
    )
    .bind(deadline)
    .fetch_all(pool)
    .await
}

pub async fn mark_nudged(pool: &SqlitePool, course_id: i64, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE course_views SET nudged_at = ?3 WHERE course_id = ?1 AND user_id = ?2")
        .bind(course_id)
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(())
}
