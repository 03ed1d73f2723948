//! Messages outside any dialogue that are not commands.

use crate::telegram::Outbound;

use crate::bot::{send, Ctx, HandlerResult};
use crate::i18n::Msg;

pub async fn unknown_command(bot: Outbound, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::UnknownCommand, None).await?;
    Ok(())
}

/// Stickers, photos, voice notes, locations…
pub async fn non_text(bot: Outbound, ctx: Ctx) -> HandlerResult {
    send(&bot, ctx.chat(), ctx.lang, &Msg::NonText, None).await?;
    Ok(())
}
