//! Personal data rights: `/privacy` (what is stored, why, for how long, whom to ask),
//! `/mydata` (a summary and a JSON file with everything), `/deleteme` (asked, then erased in
//! one transaction; the centre's staff hear of seats kept for courses not over yet).

use crate::telegram::{Outbound, Priority};
use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::InputFile;

use crate::bot::{keyboards, send, send_rendered, App, Ctx, HandlerResult};
use crate::domain::course::VnDate;
use crate::domain::lang::Lang;
use crate::domain::privacy::KeptSeat;
use crate::domain::registration::RegistrationCode;
use crate::i18n::{render, render_plain, Msg};
use crate::services;

pub async fn notice(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let days = i64::from(app.config.purge_after_days);
    send(bot, ctx.chat(), ctx.lang, &Msg::PrivacyText { days }, None).await?;
    send(bot, ctx.chat(), ctx.lang, &Msg::PrivacyAssessment, None).await?;
    Ok(())
}

/// The summary, then the file.
pub async fn my_data(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let data = services::privacy::my_data(&app.pool, ctx.sender.user_id, ctx.sender.chat_id, Utc::now()).await?;
    let s = data.summary();
    let summary = Msg::MydataSummary {
        registrations: s.registrations,
        attendees: s.attendees,
        questions: s.questions,
        feedback: s.feedback,
        messages: s.messages,
        consents: s.consents,
        subscribed: i64::from(s.subscribed),
        announcements: s.announcements,
    };
    send(bot, ctx.chat(), ctx.lang, &summary, None).await?;
    if !data.assessments.is_empty() || !data.consultation_requests.is_empty() {
        let assessments = Msg::MydataAssessments {
            assessments: i64::try_from(data.assessments.len()).unwrap_or(i64::MAX),
            requests: i64::try_from(data.consultation_requests.len()).unwrap_or(i64::MAX),
        };
        send(bot, ctx.chat(), ctx.lang, &assessments, None).await?;
    }
    let file =
        InputFile::memory(services::privacy::to_json(&data)).file_name(render_plain(ctx.lang, &Msg::MydataFileName));
    bot.send_file(ctx.chat(), file, Some(render_plain(ctx.lang, &Msg::MydataCaption)), false).await?;
    Ok(())
}

/// `/deleteme`: what will go and what stays, with Delete / Keep buttons.
pub async fn ask(bot: &Outbound, ctx: &Ctx) -> HandlerResult {
    send(bot, ctx.chat(), ctx.lang, &Msg::DeletemeAsk, Some(keyboards::erase_confirm(ctx.lang))).await?;
    Ok(())
}

/// The Delete button: erase, tell the admins about seats kept, confirm to the user. A second
/// tap or a replayed update finds nothing left and says so.
pub async fn erase(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let erased = services::privacy::erase(&app.pool, ctx.sender.user_id, ctx.sender.chat_id, Utc::now()).await?;
    app.seen.erased(ctx.sender.user_id);
    if !erased.kept_seats.is_empty() {
        tell_admins(bot, app, &erased.kept_seats).await?;
    }
    let msg = if erased.anything {
        Msg::DeletemeDone { kept: i64::try_from(erased.kept_seats.len()).unwrap_or(i64::MAX) }
    } else {
        Msg::DeletemeNothing
    };
    send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
    Ok(())
}

/// One message per admin, in their language, listing the seats now held by no one.
async fn tell_admins(bot: &Outbound, app: &App, seats: &[KeptSeat]) -> HandlerResult {
    let admins = services::users::reachable_admins(&app.pool, app.config.admin_ids.iter().copied()).await?;
    let bot = &bot.at(Priority::Notify);
    for (admin, lang) in admins {
        if let Err(e) = send_rendered(bot, ChatId(admin), &admin_notice(lang, seats), None).await {
            tracing::warn!(admin, error = %e, "cannot tell an admin about seats kept after an erasure");
        }
    }
    Ok(())
}

fn admin_notice(lang: Lang, seats: &[KeptSeat]) -> String {
    let count = i64::try_from(seats.len()).unwrap_or(i64::MAX);
    let mut text = render(lang, &Msg::AdminErasedTitle { count });
    for s in seats {
        let line = Msg::AdminErasedLine {
            code: RegistrationCode::from_id(s.registration_id).to_string(),
            title: s.course_title.clone(),
            starts: VnDate::from_iso(&s.course_starts).map_or_else(|| s.course_starts.clone(), |d| d.to_string()),
            seats: s.seats,
            status: if s.waitlisted { "waitlisted" } else { "confirmed" }.to_owned(),
        };
        text.push('\n');
        text.push_str(&render(lang, &line));
    }
    text
}
