//! Recording who talks to the bot, their language, and the audience figures.

use sqlx::SqlitePool;

use super::ServiceError;
use crate::db;
use crate::domain::lang::Lang;
use crate::domain::user::{Sender, UserStats};

/// Records the sender (first contact or a later one) and returns the language to answer in:
/// a new user starts in their client's language, a known one keeps their choice.
/// People recorded lately, with their language: an update from someone recorded in the last
/// [`SEEN_FOR`] with the same name and chat is answered without writing (their `last_seen`
/// is then up to that much behind). A change of language or an erasure forgets the person.
/// It also knows every stored person's language (read at start), so a question can be
/// answered before the person is recorded.
#[derive(Default)]
pub struct Seen {
    people: std::sync::Mutex<People>,
    known: std::sync::Mutex<std::collections::HashMap<i64, Lang>>,
}

/// Per user: their language, when they were recorded, and as whom.
type People = std::collections::HashMap<i64, (Lang, std::time::Instant, Sender)>;

/// How long a recorded person is not recorded again.
pub const SEEN_FOR: std::time::Duration = std::time::Duration::from_secs(600);

/// Above this many remembered people the memory starts again (a few MB at most).
const SEEN_MAX: usize = 50_000;

impl Seen {
    /// Reads every stored person's language.
    pub async fn load(pool: &SqlitePool) -> Result<Seen, ServiceError> {
        let known = db::users::languages(pool).await?.into_iter().collect();
        Ok(Seen { people: std::sync::Mutex::default(), known: std::sync::Mutex::new(known) })
    }

    fn known(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<i64, Lang>> {
        self.known.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The language to answer `sender` in without recording them first: the stored one, or
    /// the client's for someone not stored yet (`stored` is then false, and they must be
    /// recorded before anything referring to them is written).
    pub fn language(&self, sender: &Sender) -> (Lang, bool) {
        match self.known().get(&sender.user_id) {
            Some(lang) => (*lang, true),
            None => (Lang::from_client(sender.language_code.as_deref()), false),
        }
    }

    /// Whether `sender` was recorded lately, as they are now.
    pub fn fresh(&self, sender: &Sender) -> Option<Lang> {
        self.people()
            .get(&sender.user_id)
            .filter(|(_, at, known)| at.elapsed() < SEEN_FOR && known == sender)
            .map(|(l, ..)| *l)
    }

    /// A person's language changed.
    pub fn set_language(&self, user_id: i64, lang: Lang) {
        self.people().remove(&user_id);
        self.known().insert(user_id, lang);
    }

    /// A person's data was erased: the next update records them anew.
    pub fn erased(&self, user_id: i64) {
        self.people().remove(&user_id);
        self.known().remove(&user_id);
    }

    fn people(&self) -> std::sync::MutexGuard<'_, People> {
        self.people.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Records `sender` unless that was done lately; returns their language.
    pub async fn record(&self, pool: &SqlitePool, sender: &Sender) -> Result<Lang, ServiceError> {
        if let Some(lang) = self.fresh(sender) {
            return Ok(lang);
        }
        let lang = record(pool, sender).await?;
        self.remember(sender, lang);
        Ok(lang)
    }

    /// Remembers that `sender` was just recorded (with `lang`) in the database.
    pub fn remember(&self, sender: &Sender, lang: Lang) {
        self.known().insert(sender.user_id, lang);
        let mut people = self.people();
        if people.len() >= SEEN_MAX {
            people.clear();
        }
        people.insert(sender.user_id, (lang, std::time::Instant::now(), sender.clone()));
    }
}

pub async fn record(pool: &SqlitePool, sender: &Sender) -> Result<Lang, ServiceError> {
    let initial = Lang::from_client(sender.language_code.as_deref());
    Ok(db::users::upsert(pool, sender, initial, db::now()).await?)
}

pub async fn set_language(pool: &SqlitePool, user_id: i64, lang: Lang) -> Result<(), ServiceError> {
    db::users::set_lang(pool, user_id, lang).await?;
    Ok(())
}

/// The stored language for a chat, Vietnamese when the chat is unknown.
pub async fn language_of_chat(pool: &SqlitePool, chat_id: i64) -> Result<Lang, ServiceError> {
    Ok(db::users::lang_of_chat(pool, chat_id).await?.unwrap_or_default())
}

/// A user blocked (or unblocked) the bot.
pub async fn set_blocked(pool: &SqlitePool, user_id: i64, blocked: bool) -> Result<(), ServiceError> {
    db::users::set_blocked(pool, user_id, blocked).await?;
    Ok(())
}

/// Audience figures for the admin's /stats.
pub async fn stats(pool: &SqlitePool) -> Result<(UserStats, i64), ServiceError> {
    let week_ago = db::now() - 7 * 24 * 3600;
    let users = db::users::stats(pool, week_ago).await?;
    let messages = db::centre::count(pool).await?;
    Ok((users, messages))
}

/// The admins who can be written to (they have opened the bot and not blocked it), with
/// their languages. Telegram refuses messages to anyone else.
pub async fn reachable_admins(
    pool: &SqlitePool,
    admin_ids: impl IntoIterator<Item = i64>,
) -> Result<Vec<(i64, Lang)>, ServiceError> {
    let mut out = Vec::new();
    for id in admin_ids {
        if let Some(user) = db::users::get(pool, id).await? {
            if !user.blocked {
                out.push((user.chat_id, user.lang));
            }
        }
    }
    Ok(out)
}
