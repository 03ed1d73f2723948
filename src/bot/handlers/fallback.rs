//! Messages outside any dialogue that are not commands.

use teloxide::prelude::*;

use crate::bot::{keyboards, send, Ctx, HandlerResult};
use crate::i18n::Msg;

pub async fn unknown_command(bot: Bot, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::UnknownCommand, None).await?;
    Ok(())
}

/// Free text is a question; until the FAQ exists, say so and offer the centre's staff.
pub async fn question(bot: Bot, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::FaqNotReady, Some(keyboards::contact_only(ctx.lang))).await?;
    Ok(())
}

/// Stickers, photos, voice notes, locations…
pub async fn non_text(bot: Bot, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::NonText, None).await?;
    Ok(())
}
