//! Admin commands, reached only through the admin gate in `schema()`.

use crate::telegram::Outbound;

use super::common::Turn;
use crate::bot::callback::{Callback, PanelAction};
use crate::bot::commands::AdminCommand;
use crate::bot::{keyboards, send, send_rendered, App, ChatDialogue, Ctx, HandlerResult};
use crate::i18n::{render, Msg};
use crate::services;

pub async fn command(bot: Outbound, ctx: Ctx, app: App, dialogue: ChatDialogue, cmd: AdminCommand) -> HandlerResult {
    let action = match cmd {
        AdminCommand::Admin(_) => None,
        AdminCommand::Newcourse(_) => Some(PanelAction::NewCourse),
        AdminCommand::Registrations(_) => Some(PanelAction::Registrations),
        AdminCommand::Export(_) => Some(PanelAction::Export),
        AdminCommand::Broadcast(_) => Some(PanelAction::Broadcast),
        AdminCommand::Broadcasts(_) => Some(PanelAction::Broadcasts),
        AdminCommand::Stats(_) => Some(PanelAction::Stats),
        AdminCommand::Unanswered(_) => Some(PanelAction::Unanswered),
        AdminCommand::Assessments(_) => Some(PanelAction::Assessments),
    };
    let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
    match action {
        None => panel(&turn).await,
        Some(action) => run(&turn, action).await,
    }
}

/// The /admin panel: today's figures, then one button per admin function.
pub async fn panel(turn: &Turn<'_>) -> HandlerResult {
    let h = services::centre::headline(&turn.app.pool, chrono::Utc::now()).await?;
    let lang = turn.ctx.lang;
    let today = crate::domain::course::vn_today(chrono::Utc::now()).format("%d/%m/%Y").to_string();
    let figures = Msg::AdminPanel {
        date: today,
        users: h.users,
        new_today: h.new_today,
        questions: h.questions_today,
        answered: h.answered_today,
        waiting: h.waiting,
        registrations: h.registrations_today,
        subscribers: h.subscribers,
        upcoming: h.upcoming_courses,
        assessments: h.assessments_today,
        consultations: h.open_consultations,
    };
    send(turn.bot, turn.ctx.chat(), lang, &figures, Some(keyboards::admin_panel(lang))).await?;
    Ok(())
}

/// One admin function, from its command or its panel button.
pub async fn run(turn: &Turn<'_>, action: PanelAction) -> HandlerResult {
    let Turn { bot, ctx, app, dialogue } = *turn;
    match action {
        PanelAction::Stats => {
            let (users, messages) = services::users::stats(&app.pool).await?;
            let figures = Msg::AdminStats {
                total: users.total,
                active: users.active_7_days,
                english: users.english,
                blocked: users.blocked,
                messages,
            };
            send(bot, ctx.chat(), ctx.lang, &figures, None).await?;
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
            send_rendered(bot, ctx.chat(), &text, None).await?;
        }
        PanelAction::Unanswered => {
            let groups = app.faq.unanswered(15).await?;
            let keyboard = keyboards::unanswered(ctx.lang, &groups.iter().map(|g| g.latest).collect::<Vec<_>>());
            if groups.is_empty() {
                send(bot, ctx.chat(), ctx.lang, &Msg::UnansweredNone, Some(keyboard)).await?;
            } else {
                // One message: the title, a line per group of the same question, the hint; a
                // 📎 button per group attaches it to an answer.
                let mut text = render(ctx.lang, &Msg::UnansweredTitle);
                for (i, g) in groups.into_iter().enumerate() {
                    text.push('\n');
                    let line = Msg::UnansweredLine { n: i as i64 + 1, count: g.count, text: g.example };
                    text.push_str(&render(ctx.lang, &line));
                }
                text.push_str("\n\n");
                text.push_str(&render(ctx.lang, &Msg::UnansweredHint));
                send_rendered(bot, ctx.chat(), &text, Some(keyboard)).await?;
            }
        }
        PanelAction::NewCourse => super::course_form::begin_new(bot, ctx, dialogue).await?,
        PanelAction::Registrations => {
            super::course_admin::list(bot, ctx, app, None, Msg::AdminCoursesTitle, Callback::AdminCourse).await?
        }
        PanelAction::Export => {
            super::course_admin::list(bot, ctx, app, None, Msg::AdminExportTitle, Callback::AdminExport).await?
        }
        PanelAction::Broadcast => super::broadcast::begin(bot, ctx, dialogue).await?,
        PanelAction::Broadcasts => super::broadcast::list(bot, ctx, app).await?,
        PanelAction::Assessments => super::assessment::summary(bot, ctx, app).await?,
    }
    Ok(())
}

/// A non-admin tried an admin command: a polite refusal, a log line, nothing else.
pub async fn refuse(bot: Outbound, ctx: Ctx, cmd: AdminCommand) -> HandlerResult {
    tracing::warn!(user_id = ctx.sender.user_id, command = ?cmd, "admin command refused");
    send(&bot, ctx.chat(), ctx.lang, &Msg::NotAdmin, None).await?;
    Ok(())
}
