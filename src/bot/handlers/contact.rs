//! "Write to the centre": the user types a message, sees it, and sends it. The message is
//! stored before any admin is told, so a failed delivery loses nothing.

use crate::telegram::Outbound;
use teloxide::prelude::*;

use crate::bot::state::State;
use crate::bot::{keyboards, send, App, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::domain::centre::{CentreMessage, CentreMessageError};
use crate::i18n::Msg;
use crate::services;

pub async fn begin(bot: &Outbound, ctx: &Ctx, dialogue: &ChatDialogue) -> HandlerResult {
    dialogue.update(State::ContactWriting).await.map_err(BotError::Dialogue)?;
    send(bot, ctx.chat(), ctx.lang, &Msg::ContactPrompt, None).await?;
    Ok(())
}

/// Text while writing (or replacing the draft): validate, store the draft, show the preview.
pub async fn receive(bot: Outbound, ctx: Ctx, dialogue: ChatDialogue, msg: Message) -> HandlerResult {
    let parsed = CentreMessage::parse(msg.text().unwrap_or_default());
    let reply = match parsed {
        Ok(message) => {
            let draft = message.as_str().to_owned();
            dialogue.update(State::ContactConfirm { draft: draft.clone() }).await.map_err(BotError::Dialogue)?;
            send(
                &bot,
                ctx.chat(),
                ctx.lang,
                &Msg::ContactPreview { text: draft },
                Some(keyboards::contact_confirm(ctx.lang)),
            )
            .await?;
            return Ok(());
        }
        Err(e) => rejection(&e),
    };
    send(&bot, ctx.chat(), ctx.lang, &reply, None).await?;
    Ok(())
}

/// The user tapped Send on the preview.
pub async fn submit(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue, draft: &str) -> HandlerResult {
    let message = match CentreMessage::parse(draft) {
        Ok(m) => m,
        Err(_) => {
            // A stored draft is always valid; if not, start over rather than send garbage.
            return begin(bot, ctx, dialogue).await;
        }
    };
    let id = services::centre::submit(&app.pool, ctx.sender.user_id, &message).await?;
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    send(bot, ctx.chat(), ctx.lang, &Msg::ContactSent, None).await?;

    tracing::info!(message_id = id, "message to the centre stored");
    let who = ctx.sender.signature();
    super::notify_admins(bot, app, |_| {
        let copy =
            Msg::AdminIncoming { name: who.clone(), user_id: ctx.sender.user_id, text: message.as_str().to_owned() };
        (copy, None)
    })
    .await
}

/// What the user is told when a message (to the centre, or an admin's answer) is refused.
pub fn rejection(e: &CentreMessageError) -> Msg {
    let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    match e {
        CentreMessageError::Empty => Msg::ContactEmpty,
        CentreMessageError::TooLong { len, max } => Msg::ContactTooLong { max: to_i64(*max), len: to_i64(*len) },
    }
}
