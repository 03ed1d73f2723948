//! What several handlers share: the context of one turn of a dialogue, and the messages for
//! mistakes every dialogue can meet. Handler files use this module, not each other's helpers.

use crate::bot::{App, ChatDialogue, Ctx};
use crate::domain::course::TextError;
use crate::i18n::Msg;
use crate::telegram::Outbound;

/// Everything a dialogue step needs besides its own data: where to send, who it is, the app
/// and the stored dialogue.
pub struct Turn<'a> {
    pub bot: &'a Outbound,
    pub ctx: &'a Ctx,
    pub app: &'a App,
    pub dialogue: &'a ChatDialogue,
}

/// What a user is told when a typed field is empty or too long (every dialogue uses it).
pub fn text_error(e: &TextError) -> Msg {
    match e {
        TextError::Empty => Msg::RegBadEmpty,
        TextError::TooLong { max, .. } => Msg::RegBadTooLong { max: i64::try_from(*max).unwrap_or(i64::MAX) },
    }
}
