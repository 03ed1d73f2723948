//! Leaving dialogues: /cancel and a stored state that no longer decodes.

use crate::telegram::Outbound;

use crate::bot::state::State;
use crate::bot::{keyboards, send, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::i18n::Msg;

pub async fn cancel(bot: &Outbound, ctx: &Ctx, dialogue: &ChatDialogue) -> HandlerResult {
    let state = dialogue.get().await.map_err(BotError::Dialogue)?.unwrap_or_default();
    if state == State::Idle {
        send(bot, ctx.chat(), ctx.lang, &Msg::NothingToCancel, None).await?;
    } else {
        dialogue.reset().await.map_err(BotError::Dialogue)?;
        send(bot, ctx.chat(), ctx.lang, &Msg::Cancelled, Some(keyboards::main_menu(ctx.lang))).await?;
    }
    Ok(())
}

pub async fn state_lost(bot: Outbound, ctx: Ctx, dialogue: ChatDialogue) -> HandlerResult {
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    send(&bot, ctx.chat(), ctx.lang, &Msg::StateLost, Some(keyboards::main_menu(ctx.lang))).await?;
    Ok(())
}
