//! The self-assessment's tables: the question set, finished assessments and consultation
//! requests. One function per statement; writes of several rows take the caller's transaction.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::assessment::{Answer, Area, Question, RawQuestion, Request, Scores, Sector, Taken};

#[derive(sqlx::FromRow)]
struct QuestionRow {
    id: String,
    area: String,
    sector: String,
    weight: i64,
    benefit: i64,
    question_vi: String,
    question_en: String,
    options_vi: String,
    options_en: String,
    action_vi: String,
    reason_vi: String,
    action_en: String,
    reason_en: String,
    faq_id: String,
}

impl QuestionRow {
    fn into_question(self) -> Option<Question> {
        let (weight, benefit) = (self.weight.to_string(), self.benefit.to_string());
        let raw = RawQuestion {
            id: &self.id,
            area: &self.area,
            sector: &self.sector,
            weight: &weight,
            benefit: &benefit,
            question_vi: &self.question_vi,
            question_en: &self.question_en,
            options_vi: &self.options_vi,
            options_en: &self.options_en,
            action_vi: &self.action_vi,
            reason_vi: &self.reason_vi,
            action_en: &self.action_en,
            reason_en: &self.reason_en,
            faq_id: &self.faq_id,
        };
        // Rows were validated when imported.
        Question::parse(&raw).ok()
    }
}

/// The imported question set in file order (empty when none was imported).
pub async fn questions(pool: &SqlitePool) -> Result<Vec<Question>, sqlx::Error> {
    let rows: Vec<QuestionRow> = sqlx::query_as(
        "SELECT id, area, sector, weight, benefit, question_vi, question_en, options_vi, options_en,
                action_vi, reason_vi, action_en, reason_en, faq_id
         FROM assessment_questions ORDER BY position, id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().filter_map(QuestionRow::into_question).collect())
}

pub async fn delete_questions(conn: &mut SqliteConnection) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM assessment_questions").execute(conn).await?.rows_affected())
}

pub async fn insert_question(conn: &mut SqliteConnection, position: i64, q: &Question) -> Result<(), sqlx::Error> {
    let (options_vi, options_en) = q.options_cells();
    sqlx::query(
        "INSERT INTO assessment_questions (id, position, area, sector, weight, benefit, question_vi, question_en,
             options_vi, options_en, action_vi, reason_vi, action_en, reason_en, faq_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )
    .bind(&q.id)
    .bind(position)
    .bind(q.area.code())
    .bind(q.sector.map(|s| s.code()).unwrap_or_default())
    .bind(i64::from(q.weight))
    .bind(i64::from(q.benefit))
    .bind(&q.text_vi)
    .bind(&q.text_en)
    .bind(options_vi)
    .bind(options_en)
    .bind(&q.action_vi)
    .bind(&q.reason_vi)
    .bind(&q.action_en)
    .bind(&q.reason_en)
    .bind(q.faq_id.as_ref().map(|f| f.as_str().to_owned()).unwrap_or_default())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct TakenRow {
    id: i64,
    user_id: Option<i64>,
    sector: String,
    area: Option<String>,
    overall: i64,
    housekeeping: Option<i64>,
    energy: Option<i64>,
    water: Option<i64>,
    materials: Option<i64>,
    people: Option<i64>,
    answers: String,
    created_at: i64,
}

impl From<TakenRow> for Taken {
    fn from(r: TakenRow) -> Taken {
        let pct = |v: Option<i64>| v.and_then(|n| u8::try_from(n).ok());
        Taken {
            id: r.id,
            user_id: r.user_id,
            sector: Sector::from_code(&r.sector).unwrap_or(Sector::Other),
            area: r.area,
            scores: Scores {
                areas: [pct(r.housekeeping), pct(r.energy), pct(r.water), pct(r.materials), pct(r.people)],
                overall: pct(Some(r.overall)).unwrap_or(0),
            },
            // Written by this module from serde; an unreadable value counts as no answers.
            answers: serde_json::from_str(&r.answers).unwrap_or_default(),
            created_at: r.created_at,
        }
    }
}

/// The columns of a finished assessment; a macro so that every statement stays a static string.
macro_rules! taken {
    ($rest:literal) => {
        concat!(
            "SELECT id, user_id, sector, area, overall, housekeeping, energy, water, materials, people,
                    answers, created_at FROM assessments ",
            $rest
        )
    };
}

/// What a finished assessment stores.
pub struct NewTaken<'a> {
    pub user_id: i64,
    pub sector: Sector,
    pub area: Option<&'a str>,
    pub scores: &'a Scores,
    pub answers: &'a [Answer],
    pub now: i64,
    pub update_id: Option<i64>,
}

pub async fn insert_taken(pool: &SqlitePool, t: &NewTaken<'_>) -> Result<i64, sqlx::Error> {
    let area = |a: Area| t.scores.area(a).map(i64::from);
    let answers = serde_json::to_string(t.answers).unwrap_or_else(|_| "[]".into());
    sqlx::query_scalar(
        "INSERT INTO assessments (user_id, sector, area, overall, housekeeping, energy, water, materials, people,
             answers, created_at, update_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id",
    )
    .bind(t.user_id)
    .bind(t.sector.code())
    .bind(t.area)
    .bind(i64::from(t.scores.overall))
    .bind(area(Area::Housekeeping))
    .bind(area(Area::Energy))
    .bind(area(Area::Water))
    .bind(area(Area::Materials))
    .bind(area(Area::People))
    .bind(answers)
    .bind(t.now)
    .bind(t.update_id)
    .fetch_one(pool)
    .await
}

/// The assessment stored by an update (a replay finds it).
pub async fn taken_by_update(pool: &SqlitePool, update_id: i64) -> Result<Option<Taken>, sqlx::Error> {
    let row: Option<TakenRow> =
        sqlx::query_as(taken!("WHERE update_id = ?1")).bind(update_id).fetch_optional(pool).await?;
    Ok(row.map(Taken::from))
}

/// The person's assessments, newest first.
pub async fn taken_by_user(pool: &SqlitePool, user_id: i64) -> Result<Vec<Taken>, sqlx::Error> {
    let rows: Vec<TakenRow> = sqlx::query_as(taken!("WHERE user_id = ?1 ORDER BY created_at DESC, id DESC"))
        .bind(user_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Taken::from).collect())
}

/// Every assessment, oldest first.
pub async fn all_taken(pool: &SqlitePool) -> Result<Vec<Taken>, sqlx::Error> {
    let rows: Vec<TakenRow> = sqlx::query_as(taken!("ORDER BY created_at, id")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(Taken::from).collect())
}

/// The person's assessments inside a transaction (their copy of their data).
pub async fn taken_for_copy(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<Taken>, sqlx::Error> {
    let rows: Vec<TakenRow> =
        sqlx::query_as(taken!("WHERE user_id = ?1 ORDER BY created_at, id")).bind(user_id).fetch_all(conn).await?;
    Ok(rows.into_iter().map(Taken::from).collect())
}

/// Erasure: the person's assessments keep their scores for the centre's figures, tied to no one.
pub async fn unlink_taken(conn: &mut SqliteConnection, user_id: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("UPDATE assessments SET user_id = NULL, update_id = NULL WHERE user_id = ?1")
        .bind(user_id)
        .execute(conn)
        .await?
        .rows_affected())
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    user_id: i64,
    assessment_id: Option<i64>,
    enterprise: String,
    phone: String,
    need: String,
    status: String,
    created_at: i64,
    handled_at: Option<i64>,
}

impl From<RequestRow> for Request {
    fn from(r: RequestRow) -> Request {
        Request {
            id: r.id,
            user_id: r.user_id,
            assessment_id: r.assessment_id,
            enterprise: r.enterprise,
            phone: r.phone,
            need: r.need,
            handled: r.status == "handled",
            created_at: r.created_at,
            handled_at: r.handled_at,
        }
    }
}

/// The columns of a consultation request, as [`taken!`] does for assessments.
macro_rules! request {
    ($rest:literal) => {
        concat!(
            "SELECT id, user_id, assessment_id, enterprise, phone, need, status, created_at, handled_at
             FROM consultation_requests ",
            $rest
        )
    };
}

/// What a consultation request stores.
pub struct NewRequest<'a> {
    pub user_id: i64,
    pub assessment_id: Option<i64>,
    pub enterprise: &'a str,
    pub phone: &'a str,
    pub need: &'a str,
    pub now: i64,
    pub update_id: Option<i64>,
}

pub async fn insert_request(pool: &SqlitePool, r: &NewRequest<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO consultation_requests (user_id, assessment_id, enterprise, phone, need, created_at, update_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(r.user_id)
    .bind(r.assessment_id)
    .bind(r.enterprise)
    .bind(r.phone)
    .bind(r.need)
    .bind(r.now)
    .bind(r.update_id)
    .fetch_one(pool)
    .await
}

pub async fn request_by_update(pool: &SqlitePool, update_id: i64) -> Result<Option<Request>, sqlx::Error> {
    let row: Option<RequestRow> =
        sqlx::query_as(request!("WHERE update_id = ?1")).bind(update_id).fetch_optional(pool).await?;
    Ok(row.map(Request::from))
}

pub async fn request(pool: &SqlitePool, id: i64) -> Result<Option<Request>, sqlx::Error> {
    let row: Option<RequestRow> = sqlx::query_as(request!("WHERE id = ?1")).bind(id).fetch_optional(pool).await?;
    Ok(row.map(Request::from))
}

/// The person's latest request (its enterprise and phone are offered again).
pub async fn latest_request(pool: &SqlitePool, user_id: i64) -> Result<Option<Request>, sqlx::Error> {
    let row: Option<RequestRow> =
        sqlx::query_as(request!("WHERE user_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1"))
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(Request::from))
}

/// Marks an open request handled; false when it was handled already (or is gone).
pub async fn mark_handled(pool: &SqlitePool, id: i64, admin: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE consultation_requests SET status = 'handled', handled_at = ?3, handled_by = ?2
         WHERE id = ?1 AND status = 'open'",
    )
    .bind(id)
    .bind(admin)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Open requests, oldest first.
pub async fn open_requests(pool: &SqlitePool) -> Result<Vec<Request>, sqlx::Error> {
    let rows: Vec<RequestRow> =
        sqlx::query_as(request!("WHERE status = 'open' ORDER BY created_at, id")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(Request::from).collect())
}

/// The person's requests inside a transaction (their copy of their data).
pub async fn requests_for_copy(conn: &mut SqliteConnection, user_id: i64) -> Result<Vec<Request>, sqlx::Error> {
    let rows: Vec<RequestRow> =
        sqlx::query_as(request!("WHERE user_id = ?1 ORDER BY created_at, id")).bind(user_id).fetch_all(conn).await?;
    Ok(rows.into_iter().map(Request::from).collect())
}

/// Erasure: the person's requests hold their enterprise and phone, and go.
pub async fn delete_requests(conn: &mut SqliteConnection, user_id: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM consultation_requests WHERE user_id = ?1")
        .bind(user_id)
        .execute(conn)
        .await?
        .rows_affected())
}

/// Erasure of an admin: the requests they handled forget who handled them.
pub async fn forget_handler(conn: &mut SqliteConnection, admin: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("UPDATE consultation_requests SET handled_by = NULL WHERE handled_by = ?1")
        .bind(admin)
        .execute(conn)
        .await?
        .rows_affected())
}
