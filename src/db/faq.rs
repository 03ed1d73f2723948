//! The FAQ tables: entries, their revision, asked questions and feedback.

use sqlx::{SqliteConnection, SqlitePool};

use crate::domain::faq::{FaqEntry, FaqId};

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: String,
    category: String,
    question_vi: String,
    answer_vi: String,
    question_en: String,
    answer_en: String,
    keywords: String,
    source: String,
    reviewed: String,
}

impl EntryRow {
    fn into_entry(self) -> Option<FaqEntry> {
        Some(FaqEntry {
            id: FaqId::parse(&self.id).ok()?,
            category: self.category,
            question_vi: self.question_vi,
            answer_vi: self.answer_vi,
            question_en: self.question_en,
            answer_en: self.answer_en,
            keywords: self.keywords.split(';').filter(|k| !k.is_empty()).map(str::to_owned).collect(),
            source: self.source,
            reviewed: chrono::NaiveDate::parse_from_str(&self.reviewed, "%Y-%m-%d").ok(),
        })
    }
}

pub async fn revision(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT revision FROM faq_revision WHERE id = 1").fetch_one(pool).await
}

pub async fn bump_revision(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE faq_revision SET revision = revision + 1 WHERE id = 1").execute(conn).await?;
    Ok(())
}

const ALL: &str = "SELECT id, category, question_vi, answer_vi, question_en, answer_en, keywords, source, reviewed
     FROM faq_entries ORDER BY position, id";

/// All entries in file order.
pub async fn all(pool: &SqlitePool) -> Result<Vec<FaqEntry>, sqlx::Error> {
    let rows: Vec<EntryRow> = sqlx::query_as(ALL).fetch_all(pool).await?;
    Ok(rows.into_iter().filter_map(EntryRow::into_entry).collect())
}

/// All entries, inside a transaction.
pub async fn all_in(conn: &mut SqliteConnection) -> Result<Vec<FaqEntry>, sqlx::Error> {
    let rows: Vec<EntryRow> = sqlx::query_as(ALL).fetch_all(conn).await?;
    Ok(rows.into_iter().filter_map(EntryRow::into_entry).collect())
}

/// The fingerprint of each built-in entry as last loaded.
pub async fn shipped(conn: &mut SqliteConnection) -> Result<std::collections::HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT id, hash FROM faq_shipped").fetch_all(conn).await?;
    Ok(rows.into_iter().collect())
}

pub async fn record_shipped(conn: &mut SqliteConnection, id: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO faq_shipped (id, hash) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET hash = excluded.hash",
    )
    .bind(id)
    .bind(hash)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM faq_entries").fetch_one(pool).await
}

pub async fn delete_all(conn: &mut SqliteConnection) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM faq_entries").execute(conn).await?.rows_affected())
}

pub async fn max_position(conn: &mut SqliteConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) FROM faq_entries").fetch_one(conn).await
}

/// Inserts or replaces one entry; returns true when it was new.
pub async fn upsert(conn: &mut SqliteConnection, e: &FaqEntry, position: i64) -> Result<bool, sqlx::Error> {
    let existed: Option<i64> = sqlx::query_scalar("SELECT position FROM faq_entries WHERE id = ?1")
        .bind(e.id.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO faq_entries (id, position, category, question_vi, answer_vi, question_en, answer_en, keywords,
             source, reviewed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET category = excluded.category, question_vi = excluded.question_vi,
             answer_vi = excluded.answer_vi, question_en = excluded.question_en, answer_en = excluded.answer_en,
             keywords = excluded.keywords, source = excluded.source, reviewed = excluded.reviewed",
    )
    .bind(e.id.as_str())
    .bind(existed.unwrap_or(position))
    .bind(&e.category)
    .bind(&e.question_vi)
    .bind(&e.answer_vi)
    .bind(&e.question_en)
    .bind(&e.answer_en)
    .bind(e.keywords.join(";"))
    .bind(&e.source)
    .bind(e.reviewed.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default())
    .execute(conn)
    .await?;
    Ok(existed.is_none())
}

pub struct NewQuestion<'a> {
    /// The id reserved for it (see [`max_question_id`]).
    pub id: i64,
    pub user_id: i64,
    pub chat_id: i64,
    pub body: &'a str,
    pub normalized: &'a str,
    pub outcome: &'static str,
    pub entry_id: Option<&'a str>,
    pub now: i64,
}

/// The highest question id stored (0 when there is none).
pub async fn max_question_id(pool: &SqlitePool) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM questions").fetch_one(pool).await
}

pub async fn insert_question<'e>(conn: impl sqlx::SqliteExecutor<'e>, q: &NewQuestion<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO questions (id, user_id, chat_id, body, normalized, outcome, entry_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .bind(q.id)
    .bind(q.user_id)
    .bind(q.chat_id)
    .bind(q.body)
    .bind(q.normalized)
    .bind(q.outcome)
    .bind(q.entry_id)
    .bind(q.now)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QuestionRow {
    pub id: i64,
    pub user_id: i64,
    pub chat_id: i64,
    pub body: String,
    pub forwarded_at: Option<i64>,
    pub replied_at: Option<i64>,
}

pub async fn question(pool: &SqlitePool, id: i64) -> Result<Option<QuestionRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, user_id, chat_id, body, forwarded_at, replied_at FROM questions WHERE id = ?1")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Marks a question forwarded to the centre, once; true if this call did it.
pub async fn mark_forwarded(pool: &SqlitePool, id: i64, user_id: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE questions SET forwarded_at = ?1 WHERE id = ?2 AND user_id = ?3 AND forwarded_at IS NULL")
            .bind(now)
            .bind(id)
            .bind(user_id)
            .execute(pool)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_replied(pool: &SqlitePool, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE questions SET replied_at = ?1 WHERE id = ?2").bind(now).bind(id).execute(pool).await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnansweredGroup {
    pub normalized: String,
    pub count: i64,
    pub example: String,
    pub latest: i64,
}

/// Groups of the same unanswered question (the bot did not know, or its "did you mean" did not
/// fit and the asker passed it on), most asked first, leaving out those an admin has
/// attached to an entry since. `latest` names the group (its newest question's id).
pub async fn unanswered_groups(pool: &SqlitePool, limit: i64) -> Result<Vec<UnansweredGroup>, sqlx::Error> {
    sqlx::query_as(
        "SELECT normalized, COUNT(*) AS count, MAX(body) AS example, MAX(id) AS latest FROM questions
         WHERE (outcome = 'unanswered' OR (outcome = 'ambiguous' AND forwarded_at IS NOT NULL))
           AND normalized <> ''
           AND normalized NOT IN (SELECT normalized FROM faq_learned)
         GROUP BY normalized ORDER BY count DESC, MAX(created_at) DESC LIMIT ?1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct OutcomeCounts {
    pub answered: i64,
    pub ambiguous: i64,
    pub unanswered: i64,
}

pub async fn outcome_counts(pool: &SqlitePool) -> Result<OutcomeCounts, sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(SUM(outcome = 'answered'), 0) AS answered,
                COALESCE(SUM(outcome = 'ambiguous'), 0) AS ambiguous,
                COALESCE(SUM(outcome = 'unanswered'), 0) AS unanswered
         FROM questions",
    )
    .fetch_one(pool)
    .await
}

pub async fn set_feedback(
    pool: &SqlitePool,
    user_id: i64,
    entry_id: &str,
    helpful: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO faq_feedback (user_id, entry_id, helpful, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id, entry_id) DO UPDATE SET helpful = excluded.helpful, created_at = excluded.created_at",
    )
    .bind(user_id)
    .bind(entry_id)
    .bind(i64::from(helpful))
    .bind(now)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FeedbackRow {
    pub entry_id: String,
    pub helpful: i64,
    pub unhelpful: i64,
}

/// Entries with at least one 👎, most unhelpful first.
pub async fn least_helpful(pool: &SqlitePool, limit: i64) -> Result<Vec<FeedbackRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT entry_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS unhelpful FROM faq_feedback
         GROUP BY entry_id HAVING SUM(1 - helpful) > 0
         ORDER BY SUM(1 - helpful) - SUM(helpful) DESC, SUM(1 - helpful) DESC LIMIT ?1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// One stored entry vector.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VectorRow {
    pub entry_id: String,
    pub part: i64,
    pub hash: String,
    pub dim: i64,
    pub vector: Vec<u8>,
}

/// The vectors stored for `model`.
pub async fn vectors(pool: &SqlitePool, model: &str) -> Result<Vec<VectorRow>, sqlx::Error> {
    sqlx::query_as("SELECT entry_id, part, hash, dim, vector FROM faq_vectors WHERE model = ?1")
        .bind(model)
        .fetch_all(pool)
        .await
}

/// The off-topic references' vectors stored for `model`, as (hash, dim, vector).
pub async fn off_topic_vectors(pool: &SqlitePool, model: &str) -> Result<Vec<(String, i64, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as("SELECT hash, dim, vector FROM faq_off_topic_vectors WHERE model = ?1")
        .bind(model)
        .fetch_all(pool)
        .await
}

/// Stores the vectors of the off-topic references for `model` as (hash, vector), in place of
/// every vector stored for it before.
pub async fn replace_off_topic_vectors(
    conn: &mut SqliteConnection,
    model: &str,
    dim: i64,
    rows: &[(String, Vec<u8>)],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM faq_off_topic_vectors WHERE model = ?1").bind(model).execute(&mut *conn).await?;
    for (hash, vector) in rows {
        sqlx::query("INSERT OR REPLACE INTO faq_off_topic_vectors (hash, model, dim, vector) VALUES (?1, ?2, ?3, ?4)")
            .bind(hash)
            .bind(model)
            .bind(dim)
            .bind(vector)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Stores (or replaces) a vector.
pub async fn put_vector(conn: &mut SqliteConnection, model: &str, row: &VectorRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO faq_vectors (entry_id, part, model, hash, dim, vector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (entry_id, part, model) DO UPDATE SET hash = excluded.hash, dim = excluded.dim, vector = excluded.vector",
    )
    .bind(&row.entry_id)
    .bind(row.part)
    .bind(model)
    .bind(&row.hash)
    .bind(row.dim)
    .bind(&row.vector)
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the vectors of entries that are gone (read inside the caller's transaction, so
/// an entry imported meanwhile keeps its vectors).
pub async fn delete_orphan_vectors(conn: &mut SqliteConnection) -> Result<u64, sqlx::Error> {
    let done =
        sqlx::query("DELETE FROM faq_vectors WHERE entry_id NOT IN (SELECT id FROM faq_entries)").execute(conn).await?;
    Ok(done.rows_affected())
}

/// The normalized text and body of a stored question.
pub async fn question_text(pool: &SqlitePool, id: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT normalized, body FROM questions WHERE id = ?1").bind(id).fetch_optional(pool).await
}

/// Records the "did you mean" option a person tapped on their latest such question (of the
/// last hour); returns that question's normalized text and body.
pub async fn mark_picked(
    pool: &SqlitePool,
    user_id: i64,
    entry_id: &str,
    since: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE questions SET picked = ?2
         WHERE id = (SELECT id FROM questions WHERE user_id = ?1 AND outcome = 'ambiguous' AND created_at >= ?3
                     ORDER BY id DESC LIMIT 1)
         RETURNING normalized, body",
    )
    .bind(user_id)
    .bind(entry_id)
    .bind(since)
    .fetch_optional(pool)
    .await
}

/// How many different people chose `entry_id` for this question and did not rate it 👎.
pub async fn pickers(pool: &SqlitePool, normalized: &str, entry_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(DISTINCT q.user_id) FROM questions q
         WHERE q.normalized = ?1 AND q.picked = ?2
           AND NOT EXISTS (SELECT 1 FROM faq_feedback f
                           WHERE f.user_id = q.user_id AND f.entry_id = q.picked AND f.helpful = 0)",
    )
    .bind(normalized)
    .bind(entry_id)
    .fetch_one(pool)
    .await
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LearnedRow {
    pub id: i64,
    pub entry_id: String,
    pub phrasing: String,
    pub normalized: String,
    pub source: String,
}

pub async fn learned(pool: &SqlitePool) -> Result<Vec<LearnedRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, entry_id, phrasing, normalized, source FROM faq_learned ORDER BY id")
        .fetch_all(pool)
        .await
}

/// Stores a learned phrasing (once per entry and question); true when it is new.
pub async fn learn(
    conn: &mut SqliteConnection,
    entry_id: &str,
    phrasing: &str,
    normalized: &str,
    source: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO faq_learned (entry_id, phrasing, normalized, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (entry_id, normalized) DO NOTHING",
    )
    .bind(entry_id)
    .bind(phrasing)
    .bind(normalized)
    .bind(source)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a learned phrasing, or the one people taught for this question and entry.
pub async fn unlearn(conn: &mut SqliteConnection, id: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM faq_learned WHERE id = ?1").bind(id).execute(conn).await?.rows_affected() == 1)
}

pub async fn unlearn_taught(
    conn: &mut SqliteConnection,
    entry_id: &str,
    normalized: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM faq_learned WHERE entry_id = ?1 AND normalized = ?2 AND source = 'users'")
        .bind(entry_id)
        .bind(normalized)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The questions a person chose `entry_id` for (to see whether a 👎 undoes a lesson).
pub async fn picked_by(pool: &SqlitePool, user_id: i64, entry_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT normalized FROM questions WHERE user_id = ?1 AND picked = ?2")
        .bind(user_id)
        .bind(entry_id)
        .fetch_all(pool)
        .await
}

/// The centre's synonyms, in file order: (kind, name, phrases `;`-separated).
pub async fn synonyms(pool: &SqlitePool) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT kind, name, phrases FROM faq_synonyms ORDER BY position").fetch_all(pool).await
}

pub async fn delete_synonyms(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM faq_synonyms").execute(conn).await?;
    Ok(())
}

pub async fn insert_synonym(
    conn: &mut SqliteConnection,
    kind: &str,
    name: &str,
    phrases: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO faq_synonyms (kind, name, phrases) VALUES (?1, ?2, ?3)")
        .bind(kind)
        .bind(name)
        .bind(phrases)
        .execute(conn)
        .await?;
    Ok(())
}
