//! What several handlers share: the context of one turn of a dialogue, and the messages for
//! mistakes every dialogue can meet. Handler files use this module, not each other's helpers.

use crate::bot::{App, ChatDialogue, Ctx};
use crate::domain::area::{AreaList, Former, UnitKind};
use crate::domain::course::TextError;
use crate::domain::lang::Lang;
use crate::domain::registration::Phone;
use crate::i18n::{render_plain, Msg};
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

/// A commune or ward as text ("phường Xuân Đài"); a name no longer in the list as it is.
pub fn area_text(lang: Lang, areas: &AreaList, name: &str) -> String {
    let kind = areas.by_name(name).map_or(UnitKind::Unknown, |a| a.kind);
    render_plain(lang, &Msg::AreaName { kind: kind.code().to_owned(), name: name.to_owned() })
}

/// A former district as text ("huyện Ea Kar").
pub fn group_text(lang: Lang, group: &Former) -> String {
    render_plain(lang, &Msg::AreaGroup { kind: group.kind.code().to_owned(), name: group.name.clone() })
}

/// The former district a profile made before 1 July 2025 names, as such ("huyện Ea Kar (cũ)").
pub fn former_text(lang: Lang, areas: &AreaList, name: &str) -> String {
    let msg = match areas.former(name).and_then(|g| areas.group(g)) {
        Some(g) => Msg::AreaFormer { kind: g.kind.code().to_owned(), name: g.name.clone() },
        None => Msg::AreaFormer { kind: "other".to_owned(), name: name.to_owned() },
    };
    render_plain(lang, &msg)
}

/// Why a phone answer is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneRefused {
    Invalid,
    /// Someone else's contact was shared.
    NotYours,
}

impl PhoneRefused {
    pub fn message(self) -> Msg {
        match self {
            PhoneRefused::Invalid => Msg::RegBadPhone,
            PhoneRefused::NotYours => Msg::RegContactNotYours,
        }
    }
}

/// The phone number a person typed, or shared with the button (only their own number may be
/// shared that way).
pub fn phone_answer(msg: &teloxide::types::Message, user_id: i64, text: &str) -> Result<Phone, PhoneRefused> {
    let raw = match msg.contact() {
        Some(c) if c.user_id.is_some_and(|owner| i64::try_from(owner.0).ok() != Some(user_id)) => {
            return Err(PhoneRefused::NotYours)
        }
        Some(c) => c.phone_number.as_str(),
        None => text,
    };
    Phone::parse(raw).map_err(|_| PhoneRefused::Invalid)
}
