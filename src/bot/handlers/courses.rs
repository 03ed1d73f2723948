//! Courses for users: the list, a course's details (in the same message), their own
//! registrations, and cancelling one (which hands the seats to the waitlist and tells the
//! people promoted).

use crate::telegram::{Outbound, Priority};
use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MaybeInaccessibleMessage, ReplyMarkup};

use crate::bot::{keyboards, send, App, Ctx, HandlerResult};
use crate::domain::course::{vn_today, Course, CourseStatus};
use crate::domain::lang::Lang;
use crate::domain::registration::RegistrationStatus;
use crate::i18n::{render, Msg};
use crate::services;
use crate::services::registrations::Promoted;

/// Shows rendered HTML in the message a button was tapped on, or in a new message.
pub async fn place(
    bot: &Outbound,
    chat: ChatId,
    origin: Option<&MaybeInaccessibleMessage>,
    text: String,
    keyboard: InlineKeyboardMarkup,
) -> HandlerResult {
    if let Some(m) = origin.and_then(MaybeInaccessibleMessage::regular_message) {
        match bot.edit_html(chat, m.id, text.clone(), Some(keyboard.clone())).await {
            Ok(()) => return Ok(()),
            Err(e) => tracing::debug!(error = %e, "cannot edit; sending anew"),
        }
    }
    bot.send_html(chat, text, Some(ReplyMarkup::InlineKeyboard(keyboard))).await?;
    Ok(())
}

/// The course `id`, or `None` after telling the user it no longer exists.
pub async fn find(bot: &Outbound, ctx: &Ctx, app: &App, id: i64) -> Result<Option<Course>, crate::bot::BotError> {
    let course = services::courses::get(&app.pool, id).await?;
    if course.is_none() {
        send(bot, ctx.chat(), ctx.lang, &Msg::RegNoCourse, None).await?;
    }
    Ok(course)
}

/// /courses and the menu button: upcoming courses, one button each.
pub async fn list(bot: &Outbound, ctx: &Ctx, app: &App, origin: Option<&MaybeInaccessibleMessage>) -> HandlerResult {
    let courses = services::courses::upcoming(&app.pool, Utc::now()).await?;
    if courses.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::CoursesNone, None).await?;
        return Ok(());
    }
    let keyboard = keyboards::courses(&courses, crate::bot::callback::Callback::CourseDetails);
    place(bot, ctx.chat(), origin, render(ctx.lang, &Msg::CoursesTitle), keyboard).await
}

/// /register: straight into the dialogue when one course is open, else a choice.
pub async fn register_command(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &crate::bot::ChatDialogue,
) -> HandlerResult {
    let today = vn_today(Utc::now());
    let open: Vec<Course> = services::courses::upcoming(&app.pool, Utc::now())
        .await?
        .into_iter()
        .filter(|c| c.registration(today).is_ok())
        .collect();
    match open.as_slice() {
        [] => {
            send(bot, ctx.chat(), ctx.lang, &Msg::CoursesNone, None).await?;
        }
        [only] => super::register::begin(bot, ctx, app, dialogue, only.id).await?,
        many => {
            let keyboard = keyboards::courses(many, crate::bot::callback::Callback::CourseRegister);
            send(bot, ctx.chat(), ctx.lang, &Msg::CoursesRegisterTitle, Some(keyboard)).await?;
        }
    }
    Ok(())
}

/// The text of a course's details.
pub fn details_text(lang: Lang, course: &Course) -> String {
    let f = &course.fields;
    let mut text = render(
        lang,
        &Msg::CourseDetails {
            title: f.title.clone(),
            location: f.location.clone(),
            starts: f.starts.to_string(),
            ends: f.ends.to_string(),
            deadline: f.deadline.to_string(),
            left: i64::from(course.seats_left()),
            capacity: i64::from(f.capacity.get()),
        },
    );
    if !f.description.is_empty() {
        text.push_str("\n\n");
        text.push_str(&render(lang, &Msg::CourseDescription { description: f.description.clone() }));
    }
    text
}

/// One course's details in the list's message, with Register while registration is open.
pub async fn details(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let Some(course) = services::courses::get(&app.pool, id).await?.filter(|c| c.status != CourseStatus::Cancelled)
    else {
        send(bot, ctx.chat(), ctx.lang, &Msg::RegNoCourse, None).await?;
        return Ok(());
    };
    services::courses::record_view(&app.pool, id, ctx.sender.user_id, Utc::now().timestamp()).await?;
    let open = course.registration(vn_today(Utc::now())).is_ok();
    let mut text = details_text(ctx.lang, &course);
    if open && course.seats_left() == 0 {
        text.push_str("\n\n");
        text.push_str(&render(ctx.lang, &Msg::CourseFullNote));
    }
    place(bot, ctx.chat(), origin, text, keyboards::course_details(ctx.lang, &course, open)).await
}

/// /myregistrations: each registration with its status and a cancel button.
pub async fn mine(bot: &Outbound, ctx: &Ctx, app: &App, origin: Option<&MaybeInaccessibleMessage>) -> HandlerResult {
    let regs = services::registrations::for_user(&app.pool, ctx.sender.user_id).await?;
    if regs.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::MyregNone, None).await?;
        return Ok(());
    }
    let mut text = render(ctx.lang, &Msg::MyregTitle);
    let mut cancellable = Vec::new();
    for (r, c) in &regs {
        let status = if c.status == CourseStatus::Cancelled {
            render(ctx.lang, &Msg::MyregStatusCourseCancelled)
        } else if r.status == RegistrationStatus::Waitlisted {
            let place = services::registrations::waitlist_place(&app.pool, r.id).await?;
            render(ctx.lang, &Msg::MyregStatusWaitlist { place })
        } else {
            render(ctx.lang, &Msg::MyregStatusConfirmed)
        };
        if c.status != CourseStatus::Cancelled {
            cancellable.push(r.clone());
        }
        text.push_str("\n\n");
        text.push_str(&render(
            ctx.lang,
            &Msg::MyregItem {
                code: r.code().to_string(),
                title: c.fields.title.clone(),
                starts: c.fields.starts.to_string(),
                location: c.fields.location.clone(),
                // The status is already rendered text; it is escaped once more only if it
                // held markup, which locale texts here do not.
                status,
                count: i64::from(r.seats()),
            },
        ));
    }
    place(bot, ctx.chat(), origin, text, keyboards::my_registrations(ctx.lang, &cancellable)).await
}

/// "Cancel registration X?" with Yes / No.
pub async fn cancel_ask(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let reg = services::registrations::get(&app.pool, id)
        .await?
        .filter(|r| r.user_id == ctx.sender.user_id && r.status != RegistrationStatus::Cancelled);
    let Some(reg) = reg else {
        send(bot, ctx.chat(), ctx.lang, &Msg::CancelNotFound, None).await?;
        return Ok(());
    };
    let title = services::courses::title(&app.pool, reg.course_id).await?;
    let text = render(ctx.lang, &Msg::CancelAsk { title, code: reg.code().to_string() });
    place(bot, ctx.chat(), origin, text, keyboards::cancel_ask(ctx.lang, id)).await
}

/// The user confirmed the cancellation: seats go to the waitlist, the promoted are told.
pub async fn cancel_yes(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let reg = services::registrations::get(&app.pool, id).await?.filter(|r| r.user_id == ctx.sender.user_id);
    let result = services::registrations::cancel(&app.pool, id, ctx.sender.user_id, Utc::now()).await;
    let promoted = match result {
        Ok(p) => p,
        Err(services::registrations::CancelError::Service(e)) => return Err(e.into()),
        Err(_) => {
            send(bot, ctx.chat(), ctx.lang, &Msg::CancelNotFound, None).await?;
            return Ok(());
        }
    };
    let title = match reg {
        Some(r) => services::courses::title(&app.pool, r.course_id).await?,
        None => String::new(),
    };
    let text = render(ctx.lang, &Msg::CancelDone { title });
    place(bot, ctx.chat(), origin, text, InlineKeyboardMarkup::default()).await?;
    tell_promoted(bot, app, &promoted).await
}

/// Tells each promoted registrant that their seats are confirmed; best effort per user.
pub async fn tell_promoted(bot: &Outbound, app: &App, promoted: &[Promoted]) -> HandlerResult {
    // A notification: it gives way to people's own replies, and goes before broadcasts.
    let bot = &bot.at(Priority::Notify);
    for p in promoted {
        let Some(reg) = services::registrations::get(&app.pool, p.registration_id).await? else { continue };
        let Some(course) = services::courses::get(&app.pool, reg.course_id).await? else { continue };
        let lang = services::users::language_of_chat(&app.pool, p.user_id).await.unwrap_or_default();
        let msg = Msg::RegPromoted {
            title: course.fields.title.clone(),
            code: reg.code().to_string(),
            starts: course.fields.starts.to_string(),
            location: course.fields.location.clone(),
        };
        if let Err(e) = send(bot, ChatId(p.user_id), lang, &msg, Some(keyboards::my_registrations_only(lang))).await {
            tracing::warn!(user_id = p.user_id, error = %e, "cannot tell a promoted registrant");
        }
    }
    Ok(())
}
