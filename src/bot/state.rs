//! The dialogue state of a private chat, stored as JSON in the `dialogues` table so that a
//! half-finished dialogue continues after a restart. Only ever add variants (stored rows must
//! keep decoding); a row that no longer decodes becomes [`State::Lost`] and the user gets an
//! apology and a fresh start.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// No dialogue: text is a question, buttons are menu choices.
    #[default]
    Idle,
    /// "Write to the centre": waiting for the text.
    ContactWriting,
    /// "Write to the centre": the draft is shown with Send / Cancel.
    ContactConfirm { draft: String },
    /// An admin is typing the answer to a question the bot could not answer.
    AdminReplying { question_id: i64 },
    /// A stored state that no longer decodes; never stored itself.
    #[serde(skip)]
    Lost,
}

impl State {
    /// Inside the "write to the centre" dialogue, where text is the message's body.
    pub fn is_contact(&self) -> bool {
        matches!(self, State::ContactWriting | State::ContactConfirm { .. })
    }
}
