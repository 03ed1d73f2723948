//! A Telegram user as the product knows them, independent of teloxide's types.

use super::lang::Lang;

/// What an incoming update tells us about its sender, converted at the bot's edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub user_id: i64,
    pub chat_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

/// A recorded user, as read back from storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub user_id: i64,
    pub chat_id: i64,
    pub lang: Lang,
    pub display_name: String,
    pub blocked: bool,
}

impl Sender {
    pub fn display_name(&self) -> String {
        display_name(&self.first_name, self.last_name.as_deref())
    }

    /// How staff see the sender: the name, and the @username when there is one.
    pub fn signature(&self) -> String {
        match &self.username {
            Some(u) => format!("{} @{u}", self.display_name()),
            None => self.display_name(),
        }
    }
}

/// Figures an admin sees about the audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UserStats {
    pub total: i64,
    pub active_7_days: i64,
    pub english: i64,
    pub blocked: i64,
}

/// "First Last", or "First", as Telegram shows a name.
pub fn display_name(first: &str, last: Option<&str>) -> String {
    match last {
        Some(last) if !last.is_empty() => format!("{first} {last}"),
        _ => first.to_owned(),
    }
}
