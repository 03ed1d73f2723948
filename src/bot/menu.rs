//! The command menus Telegram shows beside the text field: one per language for everyone,
//! and one per admin chat with the admin commands added.

use crate::telegram::Outbound;
use sqlx::SqlitePool;
use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Recipient};

use crate::config::Config;
use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};
use crate::services;

fn user_commands(lang: Lang) -> Vec<BotCommand> {
    vec![
        BotCommand::new("start", render(lang, &Msg::CmdStart)),
        BotCommand::new("help", render(lang, &Msg::CmdHelp)),
        BotCommand::new("faq", render(lang, &Msg::CmdFaq)),
        BotCommand::new("courses", render(lang, &Msg::CmdCourses)),
        BotCommand::new("register", render(lang, &Msg::CmdRegister)),
        BotCommand::new("myregistrations", render(lang, &Msg::CmdMyregistrations)),
        BotCommand::new("subscribe", render(lang, &Msg::CmdSubscribe)),
        BotCommand::new("profile", render(lang, &Msg::CmdProfile)),
        BotCommand::new("unsubscribe", render(lang, &Msg::CmdUnsubscribe)),
        BotCommand::new("lang", render(lang, &Msg::CmdLang)),
        BotCommand::new("privacy", render(lang, &Msg::CmdPrivacy)),
        BotCommand::new("mydata", render(lang, &Msg::CmdMydata)),
        BotCommand::new("deleteme", render(lang, &Msg::CmdDeleteme)),
        BotCommand::new("assessment", render(lang, &Msg::CmdAssessment)),
        BotCommand::new("cancel", render(lang, &Msg::CmdCancel)),
    ]
}

/// Everyone's menu, per client language; clients in other languages see Vietnamese.
pub async fn set_public(bot: &Outbound) {
    for lang in Lang::ALL {
        if let Err(e) = bot.set_commands(user_commands(lang), None, Some(lang.code())).await {
            tracing::warn!(error = %e, lang = lang.code(), "cannot set the command menu");
        }
    }
    if let Err(e) = bot.set_commands(user_commands(Lang::Vi), None, None).await {
        tracing::warn!(error = %e, "cannot set the default command menu");
    }
}

/// An admin's own menu, in their language.
pub async fn set_for_admin(bot: &Outbound, chat: ChatId, lang: Lang) {
    let mut cmds = user_commands(lang);
    cmds.push(BotCommand::new("admin", render(lang, &Msg::CmdAdmin)));
    cmds.push(BotCommand::new("newcourse", render(lang, &Msg::CmdNewcourse)));
    cmds.push(BotCommand::new("registrations", render(lang, &Msg::CmdRegistrations)));
    cmds.push(BotCommand::new("export", render(lang, &Msg::CmdExport)));
    cmds.push(BotCommand::new("broadcast", render(lang, &Msg::CmdBroadcast)));
    cmds.push(BotCommand::new("broadcasts", render(lang, &Msg::CmdBroadcasts)));
    cmds.push(BotCommand::new("stats", render(lang, &Msg::CmdStats)));
    cmds.push(BotCommand::new("unanswered", render(lang, &Msg::CmdUnanswered)));
    cmds.push(BotCommand::new("assessments", render(lang, &Msg::CmdAssessments)));
    let scope = BotCommandScope::Chat { chat_id: Recipient::Id(chat) };
    if let Err(e) = bot.set_commands(cmds, Some(scope), None).await {
        tracing::warn!(chat = chat.0, error = %e, "cannot set an admin's command menu");
    }
}

/// At start: everyone's menus, and the menus of admins who have opened the bot (Telegram
/// knows no chat with the others yet; theirs is set at their first /start).
pub async fn set_all(bot: &Outbound, pool: &SqlitePool, config: &Config) {
    set_public(bot).await;
    match services::users::reachable_admins(pool, config.admin_ids.iter().copied()).await {
        Ok(admins) => {
            for (chat, lang) in admins {
                set_for_admin(bot, ChatId(chat), lang).await;
            }
        }
        Err(e) => tracing::warn!(error = %crate::bot::chain(&e), "cannot list the admins for their menus"),
    }
}
