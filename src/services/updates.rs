//! The replay guard and the webhook's durable inbox, over `db::updates`: an update handled
//! once is never handled again, and an update acknowledged to Telegram is never lost.

use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

use sqlx::SqlitePool;

use super::ServiceError;
use crate::db::{self, now};
pub use db::updates::Received;

/// How long a handled update is remembered. Telegram re-delivers an update only until the
/// bot confirms it, and retries a webhook for a few hours at most, so a day is plenty.
pub const REMEMBER_SECS: i64 = 24 * 60 * 60;

/// Stores an update received by the webhook before it is acknowledged.
pub async fn receive(pool: &SqlitePool, update_id: i64, body: &str) -> Result<Received, ServiceError> {
    Ok(db::updates::receive(pool, update_id, body, now()).await?)
}

/// The replay guard's memory: the ids of the updates handled in the last [`REMEMBER_SECS`],
/// read from the database at start and kept beside it, so the check before every update
/// costs no query (the mark after it is still written first to the database).
pub struct Handled {
    ids: Mutex<Remembered>,
}

/// The ids, and (id, when) oldest first so they are forgotten in order.
type Remembered = (HashSet<i64>, VecDeque<(i64, i64)>);

impl Handled {
    pub async fn load(pool: &SqlitePool) -> Result<Handled, ServiceError> {
        let rows = db::updates::handled_since(pool, now() - REMEMBER_SECS).await?;
        let set = rows.iter().map(|(id, _)| *id).collect();
        Ok(Handled { ids: Mutex::new((set, rows.into_iter().collect())) })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Remembered> {
        self.ids.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn contains(&self, update_id: i64) -> bool {
        self.lock().0.contains(&update_id)
    }

    /// Records that an update was handled: in the database, then in memory. Nothing to do
    /// when its handler already recorded it with its own change, in one transaction.
    pub async fn mark(&self, pool: &SqlitePool, update_id: i64) -> Result<(), ServiceError> {
        if self.contains(update_id) {
            return Ok(());
        }
        let at = now();
        db::updates::mark_handled(pool, update_id, at).await?;
        self.remember(update_id, at);
        Ok(())
    }

    /// Remembers an update its handler marked handled in the database at `at`.
    pub fn remember(&self, update_id: i64, at: i64) {
        let mut ids = self.lock();
        let (set, order) = &mut *ids;
        if set.insert(update_id) {
            order.push_back((update_id, at));
        }
        while order.front().is_some_and(|&(_, t)| t < at - REMEMBER_SECS) {
            if let Some((old, _)) = order.pop_front() {
                set.remove(&old);
            }
        }
    }
}

pub async fn is_handled(pool: &SqlitePool, update_id: i64) -> Result<bool, ServiceError> {
    Ok(db::updates::is_handled(pool, update_id).await?)
}

pub async fn mark_handled(pool: &SqlitePool, update_id: i64) -> Result<(), ServiceError> {
    Ok(db::updates::mark_handled(pool, update_id, now()).await?)
}

/// Forgets a stored update that will not be handled (over the flood limit).
pub async fn drop_waiting(pool: &SqlitePool, update_id: i64) -> Result<(), ServiceError> {
    Ok(db::updates::drop_waiting(pool, update_id).await?)
}

/// Updates stored by the webhook and not handled yet, oldest first, as JSON.
pub async fn waiting(pool: &SqlitePool) -> Result<Vec<(i64, String)>, ServiceError> {
    Ok(db::updates::waiting(pool).await?)
}

pub async fn waiting_count(pool: &SqlitePool) -> Result<i64, ServiceError> {
    Ok(db::updates::waiting_count(pool).await?)
}

/// Forgets the updates handled more than [`REMEMBER_SECS`] ago; returns how many.
pub async fn prune(pool: &SqlitePool) -> Result<u64, ServiceError> {
    Ok(db::updates::prune(pool, now() - REMEMBER_SECS).await?)
}

/// The first update id after every one stored (1 for a new database): the terminal chat's
/// local Bot API numbers its updates from here so none looks like a replay.
pub async fn next_id(pool: &SqlitePool) -> Result<i64, ServiceError> {
    Ok(db::updates::last_id(pool).await?.map_or(1, |id| id + 1))
}
