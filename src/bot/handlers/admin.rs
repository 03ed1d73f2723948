//! Admin commands, reached only through the admin gate in `schema()`.

use teloxide::prelude::*;

use crate::bot::commands::AdminCommand;
use crate::bot::{send, App, Ctx, HandlerResult};
use crate::i18n::Msg;
use crate::services;

pub async fn command(bot: Bot, ctx: Ctx, app: App, cmd: AdminCommand) -> HandlerResult {
    let reply = match cmd {
        AdminCommand::Admin(_) => Msg::AdminMenu,
        AdminCommand::Stats(_) => {
            let (users, messages) = services::users::stats(&app.pool).await?;
            Msg::AdminStats {
                total: users.total,
                active: users.active_7_days,
                english: users.english,
                blocked: users.blocked,
                messages,
            }
        }
        AdminCommand::Newcourse(_)
        | AdminCommand::Broadcast(_)
        | AdminCommand::Unanswered(_)
        | AdminCommand::Export(_) => Msg::FeatureNotReady,
    };
    send(&bot, ctx.chat(), ctx.lang, &reply, None).await?;
    Ok(())
}

/// A non-admin tried an admin command: a polite refusal, a log line, nothing else.
pub async fn refuse(bot: Bot, ctx: Ctx, cmd: AdminCommand) -> HandlerResult {
    tracing::warn!(user_id = ctx.sender.user_id, command = ?cmd, "admin command refused");
    send(&bot, ctx.chat(), ctx.lang, &Msg::NotAdmin, None).await?;
    Ok(())
}
