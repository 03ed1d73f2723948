//! Groups: dialogues happen in private chats only, so a command addressed to the bot in a
//! group gets a pointer to the private chat, and everything else is left alone.

use crate::telegram::Outbound;
use teloxide::prelude::*;
use teloxide::types::Me;

use crate::bot::{send, HandlerResult};
use crate::domain::lang::Lang;
use crate::i18n::Msg;

pub async fn command(bot: Outbound, msg: Message, me: Me) -> HandlerResult {
    let lang = Lang::from_client(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    let name = me.user.username.clone().map(|u| format!("@{u}")).unwrap_or_else(|| me.user.first_name.clone());
    send(&bot, msg.chat.id, lang, &Msg::GroupUsePrivate { bot: name }, None).await?;
    Ok(())
}
