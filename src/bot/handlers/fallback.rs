//! Messages outside any dialogue that are not commands.

use teloxide::prelude::*;

use crate::bot::{send, Ctx, HandlerResult};
use crate::i18n::Msg;

pub async fn unknown_command(bot: Bot, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::UnknownCommand, None).await?;
    Ok(())
}

/// Stickers, photos, voice notes, locations…
pub async fn non_text(bot: Bot, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::NonText, None).await?;
    Ok(())
}
