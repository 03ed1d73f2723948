//! Subscriptions and broadcasts. Creating a broadcast writes it and one delivery row per
//! recipient in one transaction (the durable outbox); `worker::Outbox` drains the rows.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

use super::ServiceError;
use crate::db;
use crate::db::broadcasts::{BroadcastRow, DeliveryRow, Place, ProfileRow, SubscriberRow};
use crate::domain::area::{self, AreaList};
use crate::domain::broadcast::{Audience, BroadcastStatus, Content, ContentKind, Progress, Sector};

pub async fn subscribe(pool: &SqlitePool, user_id: i64, now: i64) -> Result<bool, ServiceError> {
    Ok(db::broadcasts::subscribe(pool, user_id, now).await?)
}

pub async fn unsubscribe(pool: &SqlitePool, user_id: i64, now: i64) -> Result<bool, ServiceError> {
    Ok(db::broadcasts::unsubscribe(pool, user_id, now).await?)
}

/// A subscriber's profile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub active: bool,
    pub sector: Option<Sector>,
    /// The commune-level unit (xã, phường): a name from the area list.
    pub area: Option<String>,
    /// The district-level name a profile made before 1 July 2025 holds, a former district
    /// now, kept until the subscriber picks a unit.
    pub district: Option<String>,
    pub enterprise: Option<String>,
}

impl From<SubscriberRow> for Profile {
    fn from(r: SubscriberRow) -> Self {
        Profile {
            active: r.active == 1,
            sector: r.sector.as_deref().and_then(Sector::from_code),
            area: r.area,
            district: r.district,
            enterprise: r.enterprise,
        }
    }
}

/// Invites a subscriber whose profile holds only a former district to pick their unit, once:
/// the former district the first time (the caller shows the invitation), `None` after.
pub async fn take_area_invitation(pool: &SqlitePool, user_id: i64, now: i64) -> Result<Option<String>, ServiceError> {
    Ok(db::broadcasts::take_area_invitation(pool, user_id, now).await?)
}

/// The units and former-district names an audience's place stands for (`None`: anywhere).
/// A former district reaches the units that were in it and the profiles still naming it,
/// however they spell it ("Ea Kar", "huyện Ea Kar").
async fn place(conn: &mut SqliteConnection, areas: &AreaList, a: &Audience) -> Result<Option<Place>, ServiceError> {
    if let Some(unit) = &a.area {
        return Ok(Some(Place { units: vec![unit.clone()], former: vec![] }));
    }
    let Some(former) = &a.former_district else { return Ok(None) };
    let units = areas
        .former(former)
        .and_then(|g| areas.group(g))
        .map(|g| g.members().iter().filter_map(|&i| areas.get(i)).map(|u| u.name.clone()).collect())
        .unwrap_or_default();
    let wanted = area::key(former);
    let former = db::broadcasts::former_districts(conn).await?.into_iter().filter(|d| area::key(d) == wanted).collect();
    Ok(Some(Place { units, former }))
}

pub async fn profile(pool: &SqlitePool, user_id: i64) -> Result<Option<Profile>, ServiceError> {
    Ok(db::broadcasts::subscriber(pool, user_id).await?.map(Profile::from))
}

pub async fn set_profile(pool: &SqlitePool, user_id: i64, p: &Profile, now: i64) -> Result<(), ServiceError> {
    let row = ProfileRow {
        sector: p.sector.map(|s| s.code()),
        district: p.district.as_deref(),
        area: p.area.as_deref(),
        enterprise: p.enterprise.as_deref(),
    };
    db::broadcasts::set_profile(pool, user_id, &row, now).await?;
    Ok(())
}

pub async fn active_subscribers(pool: &SqlitePool) -> Result<i64, ServiceError> {
    Ok(db::broadcasts::active_subscribers(pool).await?)
}

pub async fn count_audience(pool: &SqlitePool, areas: &AreaList, audience: &Audience) -> Result<i64, ServiceError> {
    let place = place(&mut *pool.acquire().await?, areas, audience).await?;
    Ok(db::broadcasts::count_audience(pool, audience, place.as_ref()).await?)
}

/// A broadcast ready to be written.
#[derive(Debug, Clone)]
pub struct NewBroadcast {
    pub created_by: i64,
    pub admin_chat: i64,
    pub content: Content,
    pub audience: Audience,
    /// A course whose Register button goes under the message.
    pub course_button: Option<i64>,
    pub send_at: DateTime<Utc>,
    /// The Telegram update that confirmed it: a second confirmation (double tap, replay)
    /// finds the first broadcast instead of making another.
    pub confirm_update: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    New {
        id: i64,
        recipients: u64,
    },
    /// The same confirmation was handled before.
    Again {
        id: i64,
    },
}

/// Writes the broadcast and its deliveries in one transaction; `areas` places the audience.
pub async fn create(
    pool: &SqlitePool,
    areas: &AreaList,
    new: &NewBroadcast,
    now: DateTime<Utc>,
) -> Result<Created, ServiceError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(update) = new.confirm_update {
        if let Some(id) = db::broadcasts::by_confirm_update(&mut tx, update).await? {
            return Ok(Created::Again { id });
        }
    }
    let status = if new.send_at > now { BroadcastStatus::Scheduled } else { BroadcastStatus::Sending };
    let audience = serde_json::to_string(&new.audience).unwrap_or_else(|_| "{}".to_owned());
    let row = db::broadcasts::NewRow {
        created_by: new.created_by,
        admin_chat: new.admin_chat,
        kind: new.content.kind.code(),
        body: &new.content.body,
        file_id: new.content.file_id.as_deref(),
        course_id: new.course_button,
        audience_json: &audience,
        status: status.code(),
        send_at: new.send_at.timestamp(),
        now: now.timestamp(),
        confirm_update: new.confirm_update,
    };
    let id = db::broadcasts::insert(&mut tx, &row).await?;
    let place = place(&mut tx, areas, &new.audience).await?;
    let recipients = db::broadcasts::fan_out(&mut tx, id, &new.audience, place.as_ref()).await?;
    tx.commit().await?;
    tracing::info!(broadcast_id = id, recipients, status = status.code(), "broadcast created");
    Ok(Created::New { id, recipients })
}

/// A stored broadcast.
#[derive(Debug, Clone)]
pub struct Broadcast {
    pub id: i64,
    pub admin_chat: i64,
    pub content: Content,
    pub audience: Audience,
    pub course_button: Option<i64>,
    pub status: BroadcastStatus,
    pub send_at: i64,
    pub created_at: i64,
    pub progress_message_id: Option<i64>,
    pub progress_at: i64,
}

impl From<BroadcastRow> for Broadcast {
    fn from(r: BroadcastRow) -> Self {
        Broadcast {
            id: r.id,
            admin_chat: r.admin_chat,
            content: Content {
                kind: ContentKind::from_code(&r.kind).unwrap_or(ContentKind::Text),
                body: r.body,
                file_id: r.file_id,
            },
            audience: serde_json::from_str(&r.audience).unwrap_or_default(),
            course_button: r.course_id,
            status: BroadcastStatus::from_code(&r.status).unwrap_or(BroadcastStatus::Done),
            send_at: r.send_at,
            created_at: r.created_at,
            progress_message_id: r.progress_message_id,
            progress_at: r.progress_at,
        }
    }
}

pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<Broadcast>, ServiceError> {
    Ok(db::broadcasts::get(pool, id).await?.map(Broadcast::from))
}

/// The latest broadcasts with their figures.
pub async fn recent(pool: &SqlitePool, limit: i64) -> Result<Vec<(Broadcast, Progress)>, ServiceError> {
    let mut out = Vec::new();
    for row in db::broadcasts::recent(pool, limit).await? {
        let p = db::broadcasts::progress(pool, row.id).await?;
        out.push((Broadcast::from(row), p));
    }
    Ok(out)
}

pub async fn sending(pool: &SqlitePool) -> Result<Vec<Broadcast>, ServiceError> {
    Ok(db::broadcasts::sending(pool).await?.into_iter().map(Broadcast::from).collect())
}

pub async fn progress(pool: &SqlitePool, id: i64) -> Result<Progress, ServiceError> {
    Ok(db::broadcasts::progress(pool, id).await?)
}

pub async fn set_progress_message(pool: &SqlitePool, id: i64, message_id: i64) -> Result<(), ServiceError> {
    Ok(db::broadcasts::set_progress_message(pool, id, message_id).await?)
}

pub async fn set_progress_at(pool: &SqlitePool, id: i64, at: i64) -> Result<(), ServiceError> {
    Ok(db::broadcasts::set_progress_at(pool, id, at).await?)
}

pub async fn cancel(pool: &SqlitePool, id: i64, now: i64) -> Result<bool, ServiceError> {
    let done = db::broadcasts::cancel(pool, id, now).await?;
    if done {
        tracing::info!(broadcast_id = id, "broadcast cancelled");
    }
    Ok(done)
}

pub async fn start_due(pool: &SqlitePool, now: i64) -> Result<Vec<i64>, ServiceError> {
    Ok(db::broadcasts::start_due(pool, now).await?)
}

pub async fn finish_done(pool: &SqlitePool, now: i64) -> Result<Vec<i64>, ServiceError> {
    Ok(db::broadcasts::finish_done(pool, now).await?)
}

pub async fn due(pool: &SqlitePool, now: i64, limit: i64) -> Result<Vec<DeliveryRow>, ServiceError> {
    Ok(db::broadcasts::due(pool, now, limit).await?)
}

pub async fn claim(pool: &SqlitePool, id: i64) -> Result<bool, ServiceError> {
    Ok(db::broadcasts::claim(pool, id).await?)
}

/// How a send ended, as the outbox records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// Telegram asked to slow down: back to pending, the attempt not counted.
    RetryAfter {
        seconds: i64,
    },
    /// The user blocked the bot: not retried, and they become inactive.
    Blocked,
    /// A refusal that retrying will not change (chat not found, bad request).
    Failed(String),
    /// A network error or a 5xx: retried with backoff, a bounded number of times.
    Transient(String),
}

pub async fn record(pool: &SqlitePool, d: &DeliveryRow, outcome: &Outcome, now: i64) -> Result<(), ServiceError> {
    use crate::domain::broadcast::{backoff, MAX_ATTEMPTS};
    match outcome {
        Outcome::Sent => db::broadcasts::mark(pool, d.id, "sent", None, now).await?,
        Outcome::RetryAfter { seconds } => {
            db::broadcasts::retry_at(pool, d.id, now + seconds, "429 Too Many Requests", true).await?
        }
        Outcome::Blocked => {
            db::broadcasts::mark(pool, d.id, "blocked", Some("bot blocked by the user"), now).await?;
            db::users::set_blocked(pool, d.user_id, true).await?;
        }
        Outcome::Failed(e) => db::broadcasts::mark(pool, d.id, "failed", Some(e), now).await?,
        Outcome::Transient(e) => {
            // `attempts` was raised by the claim.
            let attempts = d.attempts + 1;
            if attempts >= MAX_ATTEMPTS {
                db::broadcasts::mark(pool, d.id, "failed", Some(e), now).await?;
            } else {
                db::broadcasts::retry_at(pool, d.id, now + backoff(attempts), e, false).await?;
            }
        }
    }
    Ok(())
}

pub async fn recover(pool: &SqlitePool) -> Result<u64, ServiceError> {
    Ok(db::broadcasts::recover(pool).await?)
}

pub async fn depth(pool: &SqlitePool) -> Result<i64, ServiceError> {
    Ok(db::broadcasts::depth(pool).await?)
}
