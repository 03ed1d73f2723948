//! Sending: every text is a rendered `Msg` in HTML parse mode.

use teloxide::payloads::{EditMessageTextSetters, SendMessageSetters};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MaybeInaccessibleMessage, MessageId, ParseMode, ReplyMarkup};
use teloxide::{ApiError, RequestError};

use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};

/// Sends `msg` in `lang`, with an inline keyboard if given.
pub async fn send(
    bot: &Bot,
    chat: ChatId,
    lang: Lang,
    msg: &Msg,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<Message, RequestError> {
    let request = bot.send_message(chat, render(lang, msg)).parse_mode(ParseMode::Html);
    match keyboard {
        Some(k) => request.reply_markup(k).await,
        None => request.await,
    }
}

/// Sends `msg` with any kind of markup: a reply keyboard (such as "share my phone number")
/// or the removal of one.
pub async fn send_markup(
    bot: &Bot,
    chat: ChatId,
    lang: Lang,
    msg: &Msg,
    markup: ReplyMarkup,
) -> Result<Message, RequestError> {
    bot.send_message(chat, render(lang, msg)).parse_mode(ParseMode::Html).reply_markup(markup).await
}

/// Sends text that is already rendered HTML, split at Telegram's limit on paragraph
/// boundaries; the keyboard goes under the last part.
pub async fn send_rendered(
    bot: &Bot,
    chat: ChatId,
    text: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let parts = crate::bot::handlers::faq::split_message(text, 4096);
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.into_iter().enumerate() {
        let request = bot.send_message(chat, part).parse_mode(ParseMode::Html);
        match (&keyboard, i == last) {
            (Some(k), true) => request.reply_markup(k.clone()).await?,
            _ => request.await?,
        };
    }
    Ok(())
}

/// Replaces the text (and keyboard: none unless given) of a message the bot sent.
/// Telegram's "message is not modified" is not an error here.
pub async fn edit(
    bot: &Bot,
    chat: ChatId,
    id: MessageId,
    lang: Lang,
    msg: &Msg,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<(), RequestError> {
    let request = bot.edit_message_text(chat, id, render(lang, msg)).parse_mode(ParseMode::Html);
    let result = match keyboard {
        Some(k) => request.reply_markup(k).await,
        None => request.await,
    };
    match result {
        Ok(_) | Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes the keyboard under the message a button was tapped on, if it still has one; best
/// effort, since the message may be too old to edit.
pub async fn drop_keyboard(bot: &Bot, origin: Option<&MaybeInaccessibleMessage>) {
    let Some(message) = origin.and_then(MaybeInaccessibleMessage::regular_message) else { return };
    if message.reply_markup().is_none() {
        return;
    }
    if let Err(e) = bot.edit_message_reply_markup(message.chat.id, message.id).await {
        tracing::debug!(error = %e, "cannot remove an old keyboard");
    }
}
