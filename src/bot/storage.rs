//! teloxide's dialogue `Storage` over our own `dialogues` table and the app's pool (not
//! teloxide's sqlite storage, which opens a second pool outside our migrations).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use sqlx::SqlitePool;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

use super::state::State;
use crate::db;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

#[derive(Debug, thiserror::Error)]
pub enum DialogueStorageError {
    #[error("dialogue storage: database error")]
    Db(#[from] sqlx::Error),
    #[error("dialogue storage: cannot encode the state")]
    Encode(#[from] serde_json::Error),
}

pub struct SqliteDialogues {
    pool: SqlitePool,
    /// Chats that may have a stored dialogue (read at start, kept as states are stored), so
    /// most updates — from people in no dialogue — are routed without a query. Only this
    /// storage writes a dialogue; an erasure that deletes one leaves a harmless extra entry.
    stored: Mutex<HashSet<i64>>,
}

impl SqliteDialogues {
    pub async fn load(pool: SqlitePool) -> Result<Arc<Self>, DialogueStorageError> {
        let stored = db::dialogues::chats(&pool).await?.into_iter().collect();
        Ok(Arc::new(Self { pool, stored: Mutex::new(stored) }))
    }

    fn stored(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.stored.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Storage<State> for SqliteDialogues {
    type Error = DialogueStorageError;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<Result<(), Self::Error>> {
        Box::pin(async move {
            if self.stored().contains(&chat_id.0) {
                db::dialogues::delete(&self.pool, chat_id.0).await?;
                self.stored().remove(&chat_id.0);
            }
            Ok(())
        })
    }

    fn update_dialogue(self: Arc<Self>, chat_id: ChatId, dialogue: State) -> BoxFuture<Result<(), Self::Error>> {
        Box::pin(async move {
            if dialogue == State::Idle {
                // Idle is the absence of a dialogue: keep the table small. teloxide stores the
                // default state for every chat it finds without one, so a chat that has no row
                // costs no query.
                if self.stored().contains(&chat_id.0) {
                    db::dialogues::delete(&self.pool, chat_id.0).await?;
                    self.stored().remove(&chat_id.0);
                }
                return Ok(());
            }
            let json = serde_json::to_string(&dialogue)?;
            // Remembered before the write, so a read racing it still goes to the database.
            self.stored().insert(chat_id.0);
            Ok(db::dialogues::put(&self.pool, chat_id.0, &json, db::now()).await?)
        })
    }

    fn get_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<Result<Option<State>, Self::Error>> {
        Box::pin(async move {
            if !self.stored().contains(&chat_id.0) {
                return Ok(None);
            }
            let Some(json) = db::dialogues::get(&self.pool, chat_id.0).await? else {
                return Ok(None);
            };
            Ok(Some(serde_json::from_str(&json).unwrap_or_else(|e| {
                tracing::warn!(chat_id = chat_id.0, error = %e, "stored dialogue state no longer decodes");
                State::Lost
            })))
        })
    }
}
