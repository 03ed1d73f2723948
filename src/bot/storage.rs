//! teloxide's dialogue `Storage` over our own `dialogues` table and the app's pool (not
//! teloxide's sqlite storage, which opens a second pool outside our migrations).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

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
}

impl SqliteDialogues {
    pub fn new(pool: SqlitePool) -> Arc<Self> {
        Arc::new(Self { pool })
    }
}

impl Storage<State> for SqliteDialogues {
    type Error = DialogueStorageError;

    fn remove_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<Result<(), Self::Error>> {
        Box::pin(async move { Ok(db::dialogues::delete(&self.pool, chat_id.0).await?) })
    }

    fn update_dialogue(self: Arc<Self>, chat_id: ChatId, dialogue: State) -> BoxFuture<Result<(), Self::Error>> {
        Box::pin(async move {
            if dialogue == State::Idle {
                // Idle is the absence of a dialogue: keep the table small.
                return Ok(db::dialogues::delete(&self.pool, chat_id.0).await?);
            }
            let json = serde_json::to_string(&dialogue)?;
            Ok(db::dialogues::put(&self.pool, chat_id.0, &json, db::now()).await?)
        })
    }

    fn get_dialogue(self: Arc<Self>, chat_id: ChatId) -> BoxFuture<Result<Option<State>, Self::Error>> {
        Box::pin(async move {
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
