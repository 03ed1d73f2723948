//! Admin commands, reached only through the admin gate in `schema()`.

use crate::telegram::Outbound;

use crate::bot::callback::Callback;
use crate::bot::commands::AdminCommand;
use crate::bot::{send, send_rendered, App, ChatDialogue, Ctx, HandlerResult};
use crate::i18n::{render, Msg};
use crate::services;

pub async fn command(bot: Outbound, ctx: Ctx, app: App, dialogue: ChatDialogue, cmd: AdminCommand) -> HandlerResult {
    let mut replies = Vec::new();
    match cmd {
        AdminCommand::Admin(_) => replies.push(Msg::AdminMenu),
        AdminCommand::Stats(_) => {
            let (users, messages) = services::users::stats(&app.pool).await?;
            let figures = Msg::AdminStats {
                total: users.total,
                active: users.active_7_days,
                english: users.english,
                blocked: users.blocked,
                messages,
            };
            send(&bot, ctx.chat(), ctx.lang, &figures, None).await?;
            let faq = app.faq.stats().await?;
            let asked = faq.answered + faq.ambiguous + faq.unanswered;
            let rate = if asked == 0 { 0 } else { 100 * faq.answered / asked };
            // The answer rate, then the least helpful answers (from 👎), in one message.
            let mut text = render(
                ctx.lang,
                &Msg::AdminFaqStats {
                    answered: faq.answered,
                    ambiguous: faq.ambiguous,
                    unanswered: faq.unanswered,
                    rate,
                },
            );
            for (entry, up, down) in faq.least_helpful {
                text.push('\n');
                text.push_str(&render(ctx.lang, &Msg::FaqLeastHelpful { question: entry.question_vi, up, down }));
            }
            send_rendered(&bot, ctx.chat(), &text, None).await?;
        }
        AdminCommand::Unanswered(_) => {
            let groups = app.faq.unanswered(15).await?;
            if groups.is_empty() {
                replies.push(Msg::UnansweredNone);
            } else {
                // One message: the title, then a line per group of the same question.
                let mut text = render(ctx.lang, &Msg::UnansweredTitle);
                for g in groups {
                    text.push('\n');
                    text.push_str(&render(ctx.lang, &Msg::UnansweredLine { count: g.count, text: g.example }));
                }
                send_rendered(&bot, ctx.chat(), &text, None).await?;
            }
        }
        AdminCommand::Newcourse(_) => super::course_form::begin_new(&bot, &ctx, &dialogue).await?,
        AdminCommand::Registrations(_) => {
            super::course_admin::list(&bot, &ctx, &app, None, Msg::AdminCoursesTitle, Callback::AdminCourse).await?
        }
        AdminCommand::Export(_) => {
            super::course_admin::list(&bot, &ctx, &app, None, Msg::AdminExportTitle, Callback::AdminExport).await?
        }
        AdminCommand::Broadcast(_) => super::broadcast::begin(&bot, &ctx, &dialogue).await?,
        AdminCommand::Broadcasts(_) => super::broadcast::list(&bot, &ctx, &app).await?,
        AdminCommand::Assessments(_) => super::assessment::summary(&bot, &ctx, &app).await?,
    }
    for reply in replies {
        send(&bot, ctx.chat(), ctx.lang, &reply, None).await?;
    }
    Ok(())
}

/// A non-admin tried an admin command: a polite refusal, a log line, nothing else.
pub async fn refuse(bot: Outbound, ctx: Ctx, cmd: AdminCommand) -> HandlerResult {
    tracing::warn!(user_id = ctx.sender.user_id, command = ?cmd, "admin command refused");
    send(&bot, ctx.chat(), ctx.lang, &Msg::NotAdmin, None).await?;
    Ok(())
}
