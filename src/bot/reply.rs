//! Sending: every text is a rendered `Msg` in HTML parse mode, sent through the outbound lane
//! at the handle's priority (a reply unless the handler chose otherwise).

use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MaybeInaccessibleMessage, MessageId, ReplyMarkup};
use teloxide::RequestError;

use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};
use crate::telegram::Outbound;

/// Sends `msg` in `lang`, with an inline keyboard if given.
pub async fn send(
    out: &Outbound,
    chat: ChatId,
    lang: Lang,
    msg: &Msg,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<Message, RequestError> {
    out.send_html(chat, render(lang, msg), keyboard.map(ReplyMarkup::InlineKeyboard)).await
}

/// Sends `msg` with any kind of markup: a reply keyboard (such as "share my phone number")
/// or the removal of one.
pub async fn send_markup(
    out: &Outbound,
    chat: ChatId,
    lang: Lang,
    msg: &Msg,
    markup: ReplyMarkup,
) -> Result<Message, RequestError> {
    out.send_html(chat, render(lang, msg), Some(markup)).await
}

/// Sends text that is already rendered HTML, split at Telegram's limit on paragraph
/// boundaries; the keyboard goes under the last part.
pub async fn send_rendered(
    out: &Outbound,
    chat: ChatId,
    text: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let parts = crate::i18n::split_message(text, crate::i18n::MAX_MESSAGE);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let markup = if i == last { keyboard.clone().map(ReplyMarkup::InlineKeyboard) } else { None };
        out.send_html(chat, part, markup).await?;
    }
    Ok(())
}

/// Replaces the text (and keyboard: none unless given) of a message the bot sent.
/// Telegram's "message is not modified" is not an error here.
pub async fn edit(
    out: &Outbound,
    chat: ChatId,
    id: MessageId,
    lang: Lang,
    msg: &Msg,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    out.edit_html(chat, id, render(lang, msg), keyboard).await
}

/// Removes the keyboard under the message a button was tapped on, if it still has one; best
/// effort, since the message may be too old to edit.
pub async fn drop_keyboard(out: &Outbound, origin: Option<&MaybeInaccessibleMessage>) {
    let Some(message) = origin.and_then(MaybeInaccessibleMessage::regular_message) else { return };
    if message.reply_markup().is_none() {
        return;
    }
    if let Err(e) = out.edit_keyboard(message.chat.id, message.id, None).await {
        tracing::debug!(error = %e, "cannot remove an old keyboard");
    }
}
