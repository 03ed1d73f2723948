//! The SXSH self-assessment's use cases, shared by the bot and the command line: the question
//! set (imported whole, or the shipped default), finishing an assessment (scores stored with
//! the previous ones for the change), consultation requests, the centre's figures and the
//! results as a file.

pub mod chart;
pub mod file;

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Datelike, Utc};
use sqlx::SqlitePool;

use super::ServiceError;
use crate::db;
use crate::db::assessment::{NewRequest, NewTaken};
use crate::domain::assessment::{gaps, score, Answer, Area, Question, Request, Scores, Sector, Taken};
use crate::domain::course::vn_zone;
use crate::domain::registration::Phone;
use crate::services::export::ExportError;

/// The consent version for consultation requests: its purpose differs from a registration's,
/// so it is asked once of its own.
pub const CONSENT_VERSION: &str = "consultation-2026-01";

pub use crate::services::csv_file::ImportError;

/// The question set in use: the imported one, or the shipped default.
pub async fn questions(pool: &SqlitePool) -> Result<Vec<Question>, ServiceError> {
    let stored = db::assessment::questions(pool).await?;
    if !stored.is_empty() {
        return Ok(stored);
    }
    // The default is checked by a unit test; should it ever fail, there is nothing to ask.
    Ok(file::read(file::DEFAULT, None).unwrap_or_else(|errors| {
        tracing::error!(?errors, "the default assessment questions do not parse");
        Vec::new()
    }))
}

/// Replaces the question set with the file's, all or nothing. FAQ links must name entries
/// of the FAQ in the database. Returns how many questions are now in use.
pub async fn import(pool: &SqlitePool, bytes: &[u8]) -> Result<usize, ImportError> {
    let faq: HashSet<String> =
        db::faq::all(pool).await.map_err(ServiceError::Db)?.into_iter().map(|e| e.id.as_str().to_owned()).collect();
    let links = if faq.is_empty() { None } else { Some(&faq) };
    let questions = file::read(bytes, links).map_err(ImportError::Invalid)?;
    let mut tx = pool.begin().await.map_err(ServiceError::Db)?;
    db::assessment::delete_questions(&mut tx).await.map_err(ServiceError::Db)?;
    for (i, q) in questions.iter().enumerate() {
        let position = i64::try_from(i).unwrap_or(i64::MAX);
        db::assessment::insert_question(&mut tx, position, q).await.map_err(ServiceError::Db)?;
    }
    tx.commit().await.map_err(ServiceError::Db)?;
    Ok(questions.len())
}

/// The question set in use, as a file in the import format.
pub async fn export(pool: &SqlitePool) -> Result<Vec<u8>, ServiceError> {
    Ok(file::write(&questions(pool).await?)?)
}

/// The outcome of finishing an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub id: i64,
    pub scores: Scores,
    /// The person's previous result, for the change per area.
    pub previous: Option<Taken>,
}

/// What a finished assessment carries.
pub struct Finish<'a> {
    pub user_id: i64,
    pub sector: Sector,
    pub answers: &'a [Answer],
    pub update_id: Option<i64>,
    pub now: DateTime<Utc>,
}

/// Scores the answers and stores the result with the person's commune; a replay of the same
/// update finds the stored result instead of storing it twice.
pub async fn finish(pool: &SqlitePool, questions: &[Question], f: &Finish<'_>) -> Result<Finished, ServiceError> {
    let earlier = db::assessment::taken_by_user(pool, f.user_id).await?;
    if let Some(update_id) = f.update_id {
        if let Some(done) = db::assessment::taken_by_update(pool, update_id).await? {
            let previous = earlier.into_iter().find(|t| t.id < done.id);
            return Ok(Finished { id: done.id, scores: done.scores, previous });
        }
    }
    let scores = score(questions, f.answers);
    let area = crate::services::broadcasts::profile(pool, f.user_id).await?.and_then(|p| p.area.or(p.district));
    let new = NewTaken {
        user_id: f.user_id,
        sector: f.sector,
        area: area.as_deref(),
        scores: &scores,
        answers: f.answers,
        now: f.now.timestamp(),
        update_id: f.update_id,
    };
    let id = db::assessment::insert_taken(pool, &new).await?;
    Ok(Finished { id, scores, previous: earlier.into_iter().next() })
}

/// The person's latest result.
pub async fn latest(pool: &SqlitePool, user_id: i64) -> Result<Option<Taken>, ServiceError> {
    Ok(db::assessment::taken_by_user(pool, user_id).await?.into_iter().next())
}

/// Whether the person has a self-assessment or a consultation request stored.
pub async fn has_any(pool: &SqlitePool, user_id: i64) -> Result<bool, ServiceError> {
    Ok(latest(pool, user_id).await?.is_some() || db::assessment::latest_request(pool, user_id).await?.is_some())
}

/// The enterprise and phone already known for the person: from their last consultation
/// request, else their profile and last registration.
pub async fn known_contact(pool: &SqlitePool, user_id: i64) -> Result<(Option<String>, Option<Phone>), ServiceError> {
    if let Some(r) = db::assessment::latest_request(pool, user_id).await? {
        return Ok((Some(r.enterprise), Some(Phone::from_stored(&r.phone))));
    }
    let details = crate::services::registrations::latest_details(pool, user_id).await?;
    let profile = crate::services::broadcasts::profile(pool, user_id).await?;
    let enterprise = profile
        .and_then(|p| p.enterprise)
        .or_else(|| details.as_ref().map(|d| d.enterprise.clone()))
        .filter(|e| !e.trim().is_empty());
    let phone = details.map(|d| d.phone).filter(|p| !p.trim().is_empty()).map(|p| Phone::from_stored(&p));
    Ok((enterprise, phone))
}

pub async fn has_consent(pool: &SqlitePool, user_id: i64) -> Result<bool, ServiceError> {
    Ok(db::registrations::has_consent(pool, user_id, CONSENT_VERSION).await?)
}

pub async fn record_consent(pool: &SqlitePool, user_id: i64, now: i64) -> Result<(), ServiceError> {
    Ok(db::registrations::record_consent(pool, user_id, CONSENT_VERSION, now).await?)
}

/// A consultation request to store.
pub struct Consult<'a> {
    pub user_id: i64,
    pub assessment_id: Option<i64>,
    pub enterprise: &'a str,
    pub phone: &'a str,
    pub need: &'a str,
    pub update_id: Option<i64>,
    pub now: DateTime<Utc>,
}

/// Stores a request; returns it and whether it is new (false: a replay found it stored).
pub async fn request(pool: &SqlitePool, c: &Consult<'_>) -> Result<(Request, bool), ServiceError> {
    if let Some(update_id) = c.update_id {
        if let Some(done) = db::assessment::request_by_update(pool, update_id).await? {
            return Ok((done, false));
        }
    }
    let new = NewRequest {
        user_id: c.user_id,
        assessment_id: c.assessment_id,
        enterprise: c.enterprise,
        phone: c.phone,
        need: c.need,
        now: c.now.timestamp(),
        update_id: c.update_id,
    };
    let id = db::assessment::insert_request(pool, &new).await?;
    let stored = db::assessment::request(pool, id).await?;
    let request = stored.unwrap_or(Request {
        id,
        user_id: c.user_id,
        assessment_id: c.assessment_id,
        enterprise: c.enterprise.to_owned(),
        phone: c.phone.to_owned(),
        need: c.need.to_owned(),
        handled: false,
        created_at: c.now.timestamp(),
        handled_at: None,
    });
    Ok((request, true))
}

/// An admin marks a request handled: the request when this tap handled it, `None` when it
/// was handled before (by anyone) or no longer exists.
pub async fn mark_handled(
    pool: &SqlitePool,
    id: i64,
    admin: i64,
    now: DateTime<Utc>,
) -> Result<Option<Request>, ServiceError> {
    if db::assessment::mark_handled(pool, id, admin, now.timestamp()).await? {
        Ok(db::assessment::request(pool, id).await?)
    } else {
        Ok(None)
    }
}

/// Averages of the five areas and overall over a group of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Averages {
    pub count: i64,
    pub areas: [Option<u8>; 5],
    pub overall: u8,
}

fn averages<'a>(results: impl Iterator<Item = &'a Taken>) -> Averages {
    let mut sums = [(0u32, 0u32); 5];
    let (mut total, mut n) = (0u32, 0u32);
    for t in results {
        n += 1;
        total += u32::from(t.scores.overall);
        for (i, v) in t.scores.areas.iter().enumerate() {
            if let Some(v) = v {
                sums[i].0 += u32::from(*v);
                sums[i].1 += 1;
            }
        }
    }
    let avg = |s: u32, k: u32| (s + k / 2).checked_div(k).and_then(|v| u8::try_from(v).ok());
    let mut areas = [None; 5];
    for (i, (s, k)) in sums.iter().enumerate() {
        areas[i] = avg(*s, *k);
    }
    Averages { count: i64::from(n), areas, overall: avg(total, n).unwrap_or(0) }
}

/// The centre's figures.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub this_month: i64,
    pub total: i64,
    /// Distinct people among the results still linked to someone.
    pub people: i64,
    pub all: Averages,
    pub by_sector: Vec<(Sector, Averages)>,
    /// By commune (results without one are left out), most results first.
    pub by_area: Vec<(String, Averages)>,
    /// Questions most often answered with less than full points: (question, how many times).
    pub gaps: Vec<(Question, i64)>,
    pub open_requests: Vec<Request>,
}

/// The figures for `/assessments` at `now` (the month is Vietnam's).
pub async fn summary(pool: &SqlitePool, now: DateTime<Utc>) -> Result<Summary, ServiceError> {
    let questions = questions(pool).await?;
    let all = db::assessment::all_taken(pool).await?;
    let here = now.with_timezone(&vn_zone());
    let this_month = all
        .iter()
        .filter_map(|t| DateTime::from_timestamp(t.created_at, 0))
        .map(|t| t.with_timezone(&vn_zone()))
        .filter(|t| t.year() == here.year() && t.month() == here.month())
        .count();
    let people: HashSet<i64> = all.iter().filter_map(|t| t.user_id).collect();
    let by_sector = Sector::ALL
        .iter()
        .map(|s| (*s, averages(all.iter().filter(|t| t.sector == *s))))
        .filter(|(_, a)| a.count > 0)
        .collect();
    let mut areas: BTreeMap<String, Vec<&Taken>> = BTreeMap::new();
    for t in &all {
        if let Some(a) = t.area.as_ref().filter(|a| !a.is_empty()) {
            areas.entry(a.clone()).or_default().push(t);
        }
    }
    let mut by_area: Vec<(String, Averages)> =
        areas.into_iter().map(|(name, ts)| (name, averages(ts.into_iter()))).collect();
    by_area.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for t in &all {
        for q in gaps(&questions, &t.answers) {
            *counts.entry(q.id.clone()).or_default() += 1;
        }
    }
    let mut gap_list: Vec<(Question, i64)> = counts
        .into_iter()
        .filter_map(|(id, n)| questions.iter().find(|q| q.id == id).map(|q| (q.clone(), n)))
        .collect();
    gap_list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    gap_list.truncate(5);
    Ok(Summary {
        this_month: i64::try_from(this_month).unwrap_or(i64::MAX),
        total: i64::try_from(all.len()).unwrap_or(i64::MAX),
        people: i64::try_from(people.len()).unwrap_or(i64::MAX),
        all: averages(all.iter()),
        by_sector,
        by_area,
        gaps: gap_list,
        open_requests: db::assessment::open_requests(pool).await?,
    })
}

/// Every result as rows of cells, header first: no one's identity, only the date, sector,
/// commune and scores (a person's own results are in their `/mydata`).
pub async fn results_table(
    pool: &SqlitePool,
    header: Vec<String>,
    sector_name: impl Fn(Sector) -> String,
) -> Result<Vec<Vec<String>>, ServiceError> {
    let all = db::assessment::all_taken(pool).await?;
    let mut rows = vec![header];
    let cell = |v: Option<u8>| v.map(|n| n.to_string()).unwrap_or_default();
    for (i, t) in all.iter().enumerate() {
        let date = DateTime::from_timestamp(t.created_at, 0)
            .map(|d| d.with_timezone(&vn_zone()).format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let mut row = vec![(i + 1).to_string(), date, sector_name(t.sector), t.area.clone().unwrap_or_default()];
        row.extend(Area::ALL.iter().map(|a| cell(t.scores.area(*a))));
        row.push(t.scores.overall.to_string());
        rows.push(row);
    }
    Ok(rows)
}

/// How many columns [`results_table`] writes.
pub const RESULT_COLUMNS: usize = 10;

/// XLSX bytes: bold frozen header, filters; score columns as numbers. (The CSV is
/// [`crate::services::export::csv`], as for rosters.)
pub fn results_xlsx(sheet_name: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, ExportError> {
    use crate::services::export::{freeze_and_filter, write_table};
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let name = crate::services::export::sheet_name(sheet_name);
    if !name.is_empty() {
        sheet.set_name(name)?;
    }
    write_table(sheet, rows, |c| c == 0 || c >= 4)?;
    for c in 0..RESULT_COLUMNS {
        let width = if c == 3 { 24 } else { 14 };
        sheet.set_column_width(u16::try_from(c).unwrap_or(0), width)?;
    }
    freeze_and_filter(sheet, rows.len(), RESULT_COLUMNS)?;
    Ok(workbook.save_to_buffer()?)
}
