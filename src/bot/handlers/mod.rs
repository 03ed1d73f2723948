//! Endpoints of the handler tree, grouped by feature. Each reads what it needs from the
//! injected dependencies, calls a service, and sends rendered messages.

pub mod admin;
pub mod assessment;
pub mod broadcast;
pub mod callbacks;
pub mod common;
pub mod contact;
pub mod course_admin;
pub mod course_form;
pub mod courses;
pub mod dialogue;
pub mod fallback;
pub mod faq;
pub mod group;
pub mod privacy;
pub mod register;
pub mod subscribe;

use crate::telegram::{Outbound, Priority};
use teloxide::prelude::*;
use teloxide::types::{ChatMemberUpdated, InlineKeyboardMarkup, Update};

use super::commands::UserCommand;
use super::{keyboards, menu, send, App, ChatDialogue, Ctx, HandlerResult};
use crate::domain::lang::Lang;
use crate::i18n::Msg;
use crate::services;

/// User commands in a private chat.
pub async fn user_command(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    cmd: UserCommand,
    state: super::state::State,
) -> HandlerResult {
    // A profile that still names a former district is invited to pick today's unit after a
    // command that leaves no dialogue running (/profile asks for the place itself; the
    // privacy commands and leaving are answered alone).
    let invite = match cmd {
        UserCommand::Start(_) => true,
        UserCommand::Profile(_)
        | UserCommand::Register(_)
        | UserCommand::Cancel(_)
        | UserCommand::Unsubscribe(_)
        | UserCommand::Privacy(_)
        | UserCommand::Mydata(_)
        | UserCommand::Deleteme(_) => false,
        _ => state == super::state::State::Idle,
    };
    match cmd {
        UserCommand::Start(_) => {
            // Operators read their own id here to put it in ADMIN_IDS.
            tracing::info!(user_id = ctx.sender.user_id, name = %ctx.sender.display_name(), "/start");
            // /start always leads back to the main screen, leaving any dialogue.
            dialogue.reset().await.map_err(super::BotError::Dialogue)?;
            let greeting = Msg::StartGreeting { name: ctx.sender.first_name.clone() };
            send(&bot, ctx.chat(), ctx.lang, &greeting, Some(keyboards::main_menu(ctx.lang))).await?;
            if app.config.is_admin(ctx.sender.user_id) {
                menu::set_for_admin(&bot, ctx.chat(), ctx.lang).await;
            }
        }
        UserCommand::Help(_) => {
            send(&bot, ctx.chat(), ctx.lang, &Msg::HelpText, None).await?;
            if app.config.is_admin(ctx.sender.user_id) {
                send(&bot, ctx.chat(), ctx.lang, &Msg::HelpAdmin, None).await?;
            }
        }
        UserCommand::Lang(_) => {
            send(&bot, ctx.chat(), ctx.lang, &Msg::LangPrompt, Some(keyboards::languages(ctx.lang))).await?;
        }
        UserCommand::Cancel(_) => dialogue::cancel(&bot, &ctx, &dialogue).await?,
        UserCommand::Faq(_) => faq::browse(&bot, &ctx, &app).await?,
        UserCommand::Courses(_) => courses::list(&bot, &ctx, &app, None).await?,
        UserCommand::Register(_) => courses::register_command(&bot, &ctx, &app, &dialogue).await?,
        UserCommand::Myregistrations(_) => courses::mine(&bot, &ctx, &app, None).await?,
        UserCommand::Subscribe(_) => subscribe::subscribe(&bot, &ctx, &app).await?,
        UserCommand::Unsubscribe(_) => subscribe::unsubscribe(&bot, &ctx, &app).await?,
        UserCommand::Profile(_) => subscribe::begin(&bot, &ctx, &app, &dialogue).await?,
        UserCommand::Privacy(_) => privacy::notice(&bot, &ctx, &app).await?,
        UserCommand::Mydata(_) => privacy::my_data(&bot, &ctx, &app).await?,
        UserCommand::Deleteme(_) => {
            assessment::erase_note(&bot, &ctx, &app).await?;
            privacy::ask(&bot, &ctx).await?
        }
        UserCommand::Assessment(_) => {
            let turn = common::Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
            assessment::start(&turn).await?
        }
    }
    if invite {
        subscribe::invite_to_area(&bot, &ctx, &app).await?;
    }
    Ok(())
}

/// A private chat's member status changed: the user blocked the bot (kicked) or unblocked it.
pub async fn membership(app: App, update: ChatMemberUpdated) -> HandlerResult {
    if !update.chat.is_private() {
        tracing::debug!(chat_id = update.chat.id.0, "bot membership changed in a group");
        return Ok(());
    }
    let blocked = update.new_chat_member.is_banned();
    let user_id = i64::try_from(update.from.id.0).unwrap_or(i64::MAX);
    services::users::set_blocked(&app.pool, user_id, blocked).await?;
    tracing::info!(user_id, blocked, "user changed the bot's membership");
    Ok(())
}

/// Updates the product does not react to.
pub async fn ignore(update: Update) -> HandlerResult {
    tracing::debug!(update_id = update.id.0, "update ignored");
    Ok(())
}

/// Sends a message to every admin who can be written to, each in their language; a failed
/// delivery is logged and the others still go out (what they carry is stored already).
pub async fn notify_admins(
    bot: &Outbound,
    app: &App,
    message: impl Fn(Lang) -> (Msg, Option<InlineKeyboardMarkup>),
) -> HandlerResult {
    let admins = services::users::reachable_admins(&app.pool, app.config.admin_ids.iter().copied()).await?;
    let bot = &bot.at(Priority::Notify);
    for (admin, lang) in admins {
        let (msg, keyboard) = message(lang);
        if let Err(e) = send(bot, ChatId(admin), lang, &msg, keyboard).await {
            tracing::warn!(admin, id = msg.id(), error = %e, "cannot notify an admin");
        }
    }
    Ok(())
}

/// After an unexpected failure: a polite apology in the chat's language, best effort.
pub async fn apologize(bot: &Outbound, app: &App, update: &Update) {
    let Some(chat) = update.chat().map(|c| c.id) else { return };
    if !chat.is_user() {
        return;
    }
    let lang = services::users::language_of_chat(&app.pool, chat.0).await.unwrap_or_default();
    if let Err(e) = send(bot, chat, lang, &Msg::ErrorApology, None).await {
        tracing::warn!(error = %e, "cannot send the apology");
    }
}
