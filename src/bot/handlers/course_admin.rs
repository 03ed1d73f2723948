//! Courses for admins: `/registrations` (a course's seats, registrations and waitlist, with
//! buttons to export, take attendance, edit, close, reopen or cancel) and `/export` (the
//! roster as .xlsx and .csv documents). Every entry here is behind the admin gate: commands
//! through `schema()`, buttons through `Callback::is_admin_only`.

use crate::telegram::Outbound;
use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::{InputFile, MaybeInaccessibleMessage};

use super::courses::place;
use crate::bot::callback::Callback;
use crate::bot::{keyboards, send, App, Ctx, HandlerResult};
use crate::domain::course::{Course, CourseStatus};
use crate::domain::lang::Lang;
use crate::domain::registration::{Registration, RegistrationStatus};
use crate::i18n::{render, Msg};
use crate::services;
use crate::services::courses::CourseError;

/// Courses not over yet, one button each, leading to `to`.
pub async fn list(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    title: Msg,
    to: fn(i64) -> Callback,
) -> HandlerResult {
    let courses = services::courses::current(&app.pool, Utc::now()).await?;
    if courses.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::AdminCoursesNone, None).await?;
        return Ok(());
    }
    place(bot, ctx.chat(), origin, render(ctx.lang, &title), keyboards::courses(&courses, to)).await
}

fn status_word(lang: Lang, status: CourseStatus) -> String {
    crate::i18n::render_plain(lang, &Msg::CourseStatus { status: status.code().to_owned() })
}

fn lines(lang: Lang, regs: &[&Registration]) -> String {
    regs.iter()
        .map(|r| {
            render(
                lang,
                &Msg::AdminCourseLine {
                    code: r.code().to_string(),
                    enterprise: r.details.enterprise.clone(),
                    contact: r.details.contact.clone(),
                    phone: r.details.phone.clone(),
                    count: i64::from(r.seats()),
                },
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One course: figures, registrations, waitlist, and the management buttons.
pub async fn view(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let Some(course) = super::courses::find(bot, ctx, app, id).await? else { return Ok(()) };
    let roster = services::registrations::roster(&app.pool, id).await?;
    let text = view_text(ctx.lang, &course, &roster);
    place(bot, ctx.chat(), origin, text, keyboards::admin_course(ctx.lang, &course)).await
}

fn view_text(lang: Lang, course: &Course, roster: &[Registration]) -> String {
    let f = &course.fields;
    let mut text = render(
        lang,
        &Msg::AdminCourse {
            title: f.title.clone(),
            starts: f.starts.to_string(),
            ends: f.ends.to_string(),
            location: f.location.clone(),
            deadline: f.deadline.to_string(),
            status: status_word(lang, course.status),
            taken: i64::from(course.taken),
            capacity: i64::from(f.capacity.get()),
            waiting: i64::from(course.waiting),
        },
    );
    let confirmed: Vec<&Registration> = roster.iter().filter(|r| r.status == RegistrationStatus::Confirmed).collect();
    let waiting: Vec<&Registration> = roster.iter().filter(|r| r.status == RegistrationStatus::Waitlisted).collect();
    text.push_str("\n\n");
    if roster.is_empty() {
        text.push_str(&render(lang, &Msg::AdminCourseEmpty));
    } else {
        text.push_str(&lines(lang, &confirmed));
        if !waiting.is_empty() {
            text.push_str("\n\n");
            text.push_str(&render(lang, &Msg::AdminCourseWaitlist));
            text.push('\n');
            text.push_str(&lines(lang, &waiting));
        }
    }
    // A message holds 4096 characters; a long roster is cut here (the export has it all).
    if text.encode_utf16().count() > 4000 {
        let mut cut = String::new();
        for line in text.lines() {
            if cut.encode_utf16().count() + line.encode_utf16().count() > 3990 {
                break;
            }
            cut.push_str(line);
            cut.push('\n');
        }
        text = format!("{}…", cut.trim_end());
    }
    text
}

/// Sends the roster as .xlsx and .csv documents.
pub async fn export(bot: &Outbound, ctx: &Ctx, app: &App, id: i64) -> HandlerResult {
    let Some(course) = super::courses::find(bot, ctx, app, id).await? else { return Ok(()) };
    let roster = services::registrations::roster(&app.pool, id).await?;
    if roster.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::ExportEmpty, None).await?;
        return Ok(());
    }
    let rows = services::export::table(&roster, &crate::i18n::roster_labels(ctx.lang));
    let count = i64::try_from(rows.len().saturating_sub(1)).unwrap_or(0);
    let caption = render(ctx.lang, &Msg::ExportCaption { title: course.fields.title.clone(), count });
    let (xlsx, csv) = match (services::export::xlsx(&course, &rows), services::export::csv(&rows)) {
        (Ok(x), Ok(c)) => (x, c),
        (Err(e), _) | (_, Err(e)) => {
            tracing::error!(course_id = id, error = %crate::bot::chain(&e), "cannot build the roster files");
            send(bot, ctx.chat(), ctx.lang, &Msg::ErrorApology, None).await?;
            return Ok(());
        }
    };
    let stem = format!("roster-course-{id}");
    bot.send_file(ctx.chat(), InputFile::memory(xlsx).file_name(format!("{stem}.xlsx")), Some(caption), true).await?;
    bot.send_file(ctx.chat(), InputFile::memory(csv).file_name(format!("{stem}.csv")), None, false).await?;
    tracing::info!(course_id = id, attendees = count, "roster exported");
    Ok(())
}

/// The attendance sheet: confirmed attendees as toggles, a page at a time.
pub async fn attendance(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
    page: usize,
) -> HandlerResult {
    let Some(course) = super::courses::find(bot, ctx, app, id).await? else { return Ok(()) };
    let attendees: Vec<_> = services::registrations::roster(&app.pool, id)
        .await?
        .into_iter()
        .filter(|r| r.status == RegistrationStatus::Confirmed)
        .flat_map(|r| r.attendees)
        .collect();
    if attendees.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::AttendanceEmpty, None).await?;
        return Ok(());
    }
    let pages = attendees.len().div_ceil(keyboards::ATTENDANCE_PAGE).max(1);
    let page = page.min(pages - 1);
    let present = attendees.iter().filter(|a| a.attended).count();
    let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let text = render(
        ctx.lang,
        &Msg::AttendanceTitle {
            title: course.fields.title.clone(),
            present: to_i64(present),
            total: to_i64(attendees.len()),
            page: to_i64(page + 1),
            pages: to_i64(pages),
        },
    );
    place(bot, ctx.chat(), origin, text, keyboards::attendance(ctx.lang, id, page, &attendees)).await
}

/// Flips one attendee's mark and redraws the sheet.
pub async fn toggle(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    attendee: i64,
    course: i64,
    page: usize,
) -> HandlerResult {
    let roster = services::registrations::roster(&app.pool, course).await?;
    let current = roster.iter().flat_map(|r| &r.attendees).find(|a| a.id == attendee).map(|a| a.attended);
    if let Some(was) = current {
        services::registrations::set_attended(&app.pool, attendee, !was).await?;
    }
    attendance(bot, ctx, app, origin, course, page).await
}

/// Opens or closes registration.
pub async fn set_open(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
    open: bool,
) -> HandlerResult {
    let status = if open { CourseStatus::Open } else { CourseStatus::Closed };
    if let Some(course) = services::courses::get(&app.pool, id).await? {
        if course.status == CourseStatus::Cancelled {
            return view(bot, ctx, app, origin, id).await;
        }
    }
    match services::courses::set_status(&app.pool, id, status).await {
        Ok(_) | Err(CourseError::NotFound(_)) => view(bot, ctx, app, origin, id).await,
        Err(CourseError::Service(e)) => Err(e.into()),
        Err(CourseError::Schedule(_)) => Ok(()),
    }
}

pub async fn cancel_ask(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let Some(course) = super::courses::find(bot, ctx, app, id).await? else { return Ok(()) };
    let registrants = i64::try_from(services::registrations::roster(&app.pool, id).await?.len()).unwrap_or(0);
    let text = render(ctx.lang, &Msg::AdminCancelAsk { title: course.fields.title.clone(), registrants });
    place(bot, ctx.chat(), origin, text, keyboards::admin_cancel_ask(ctx.lang, id)).await
}

/// Cancels the course and tells every registrant, each in their language.
pub async fn cancel_yes(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let (course, registrants) = match services::courses::set_status(&app.pool, id, CourseStatus::Cancelled).await {
        Ok(r) => r,
        Err(CourseError::Service(e)) => return Err(e.into()),
        Err(_) => {
            send(bot, ctx.chat(), ctx.lang, &Msg::RegNoCourse, None).await?;
            return Ok(());
        }
    };
    let mut notified = 0;
    for (registration, chat, lang) in &registrants {
        let lang = Lang::from_code(lang).unwrap_or_default();
        let msg =
            Msg::CourseCancelledNotice { title: course.fields.title.clone(), starts: course.fields.starts.to_string() };
        match send(bot, ChatId(*chat), lang, &msg, None).await {
            Ok(_) => notified += 1,
            Err(e) => tracing::warn!(registration, error = %e, "cannot tell a registrant about the cancellation"),
        }
    }
    let text = render(ctx.lang, &Msg::AdminCourseCancelled { title: course.fields.title.clone(), notified });
    place(bot, ctx.chat(), origin, text, keyboards::admin_course(ctx.lang, &course)).await
}
