//! The course form for admins: `/newcourse` asks one field at a time, re-asking on a bad
//! answer, then shows a summary with Confirm / Edit / Cancel; "Edit" on a course opens the
//! same summary for an existing course. Dates are checked against each other as soon as both
//! are known, so the admin fixes the right field.

use crate::telegram::Outbound;
use chrono::Utc;
use teloxide::prelude::*;

use super::common::{text_error, Turn};
use crate::bot::callback::FormAction;
use crate::bot::state::{CourseDraft, CourseStep, State};
use crate::bot::{keyboards, send, App, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::domain::course::{
    self, clean_text, vn_today, Capacity, CourseFields, DateError, Dates, ScheduleError, VnDate, MAX_CAPACITY,
    MAX_DESCRIPTION, MAX_LOCATION, MAX_TITLE,
};
use crate::i18n::Msg;
use crate::services;
use crate::services::courses::CourseError;

async fn save(dialogue: &ChatDialogue, course_id: Option<i64>, step: CourseStep, form: CourseDraft) -> HandlerResult {
    dialogue.update(State::CourseForm { course_id, step, form }).await.map_err(BotError::Dialogue)
}

/// `/newcourse`: the first question.
pub async fn begin_new(bot: &Outbound, ctx: &Ctx, dialogue: &ChatDialogue) -> HandlerResult {
    let form = CourseDraft { first_pass: true, ..CourseDraft::default() };
    save(dialogue, None, CourseStep::Title, form).await?;
    send(bot, ctx.chat(), ctx.lang, &Msg::NewcourseIntro, None).await?;
    ask(bot, ctx, CourseStep::Title).await
}

/// "Edit" on an existing course: its summary, ready to change any field.
pub async fn begin_edit(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue, id: i64) -> HandlerResult {
    let Some(course) = super::courses::find(bot, ctx, app, id).await? else { return Ok(()) };
    let f = &course.fields;
    let form = CourseDraft {
        title: Some(f.title.clone()),
        description: Some(f.description.clone()),
        location: Some(f.location.clone()),
        starts: Some(f.starts),
        ends: Some(f.ends),
        capacity: Some(f.capacity),
        deadline: Some(f.deadline),
        first_pass: false,
    };
    summary(bot, ctx, dialogue, Some(id), form).await
}

async fn ask(bot: &Outbound, ctx: &Ctx, step: CourseStep) -> HandlerResult {
    let (chat, lang) = (ctx.chat(), ctx.lang);
    let (msg, keyboard) = match step {
        CourseStep::Title => (Msg::NewcourseAskTitle, None),
        CourseStep::Description => (Msg::NewcourseAskDescription, Some(keyboards::form_skip(lang))),
        CourseStep::Location => (Msg::NewcourseAskLocation, None),
        CourseStep::Starts => (Msg::NewcourseAskStarts, None),
        CourseStep::Ends => (Msg::NewcourseAskEnds, None),
        CourseStep::Capacity => (Msg::NewcourseAskCapacity { max: i64::from(MAX_CAPACITY) }, None),
        CourseStep::Deadline => (Msg::NewcourseAskDeadline, None),
        CourseStep::Confirm | CourseStep::Pick => (Msg::RegUseButtons, None),
    };
    send(bot, chat, lang, &msg, keyboard).await?;
    Ok(())
}

/// The draft as complete fields, if every field is known.
fn fields(form: &CourseDraft) -> Option<CourseFields> {
    Some(CourseFields {
        title: form.title.clone()?,
        description: form.description.clone().unwrap_or_default(),
        location: form.location.clone()?,
        starts: form.starts?,
        ends: form.ends?,
        capacity: form.capacity?,
        deadline: form.deadline?,
    })
}

/// The field to ask again when dates conflict.
fn culprit(e: &ScheduleError) -> (CourseStep, Msg) {
    match e {
        ScheduleError::EndsBeforeStart => (CourseStep::Ends, Msg::FormEndsBeforeStart),
        ScheduleError::DeadlineAfterStart => (CourseStep::Deadline, Msg::FormDeadlineAfterStart),
        ScheduleError::StartsInPast => (CourseStep::Starts, Msg::FormStartsInPast),
    }
}

fn date_error(e: &DateError) -> Msg {
    match e {
        DateError::Format => Msg::FormBadDate,
        DateError::NoSuchDay => Msg::FormNoSuchDay,
    }
}

/// Checks a newly typed date against the other dates already known.
fn check_dates(form: &CourseDraft, new: bool) -> Result<(), ScheduleError> {
    let dates = Dates { starts: form.starts, ends: form.ends, deadline: form.deadline };
    course::check_dates(&dates, vn_today(Utc::now()), new)
}

/// Text while the form is open: the answer to the current field.
pub async fn receive(
    bot: Outbound,
    ctx: Ctx,
    dialogue: ChatDialogue,
    msg: Message,
    (course_id, step, mut form): (Option<i64>, CourseStep, CourseDraft),
) -> HandlerResult {
    let text = msg.text().unwrap_or_default();
    let accepted: Result<(), Msg> = match step {
        CourseStep::Title => {
            clean_text(text, MAX_TITLE, false).map(|v| form.title = Some(v)).map_err(|e| text_error(&e))
        }
        CourseStep::Description => {
            clean_text(text, MAX_DESCRIPTION, true).map(|v| form.description = Some(v)).map_err(|e| text_error(&e))
        }
        CourseStep::Location => {
            clean_text(text, MAX_LOCATION, false).map(|v| form.location = Some(v)).map_err(|e| text_error(&e))
        }
        CourseStep::Starts | CourseStep::Ends | CourseStep::Deadline => match VnDate::parse(text) {
            Ok(d) => {
                let mut tried = form.clone();
                let slot = match step {
                    CourseStep::Starts => &mut tried.starts,
                    CourseStep::Ends => &mut tried.ends,
                    _ => &mut tried.deadline,
                };
                *slot = Some(d);
                match check_dates(&tried, course_id.is_none()) {
                    Ok(()) => {
                        form = tried;
                        Ok(())
                    }
                    // The date just typed conflicts with one typed before: say so, and ask
                    // for this one again.
                    Err(e) => Err(culprit(&e).1),
                }
            }
            Err(e) => Err(date_error(&e)),
        },
        CourseStep::Capacity => match Capacity::parse(text) {
            Ok(c) => {
                form.capacity = Some(c);
                Ok(())
            }
            Err(_) => Err(Msg::FormBadCapacity { max: i64::from(MAX_CAPACITY) }),
        },
        CourseStep::Confirm | CourseStep::Pick => Err(Msg::RegUseButtons),
    };
    match accepted {
        Ok(()) => advance(&bot, &ctx, &dialogue, course_id, step, form).await,
        Err(m) => {
            send(&bot, ctx.chat(), ctx.lang, &m, None).await?;
            if !matches!(step, CourseStep::Confirm | CourseStep::Pick) {
                ask(&bot, &ctx, step).await?;
            }
            Ok(())
        }
    }
}

/// After a field: the next one on the first pass, else back to the summary.
async fn advance(
    bot: &Outbound,
    ctx: &Ctx,
    dialogue: &ChatDialogue,
    course_id: Option<i64>,
    step: CourseStep,
    form: CourseDraft,
) -> HandlerResult {
    let next = CourseStep::from_code(step.code().saturating_add(1));
    match next {
        Some(n) if form.first_pass => {
            save(dialogue, course_id, n, form).await?;
            ask(bot, ctx, n).await
        }
        _ => summary(bot, ctx, dialogue, course_id, form).await,
    }
}

/// The summary with Confirm / Edit / Cancel.
async fn summary(
    bot: &Outbound,
    ctx: &Ctx,
    dialogue: &ChatDialogue,
    course_id: Option<i64>,
    mut form: CourseDraft,
) -> HandlerResult {
    form.first_pass = false;
    let Some(f) = fields(&form) else {
        // Something is missing (only possible with an old stored draft): ask for it.
        let missing = CourseStep::FIELDS
            .into_iter()
            .find(|s| match s {
                CourseStep::Title => form.title.is_none(),
                CourseStep::Location => form.location.is_none(),
                CourseStep::Starts => form.starts.is_none(),
                CourseStep::Ends => form.ends.is_none(),
                CourseStep::Capacity => form.capacity.is_none(),
                CourseStep::Deadline => form.deadline.is_none(),
                _ => false,
            })
            .unwrap_or(CourseStep::Title);
        save(dialogue, course_id, missing, form).await?;
        return ask(bot, ctx, missing).await;
    };
    save(dialogue, course_id, CourseStep::Confirm, form).await?;
    let none = crate::i18n::render_plain(ctx.lang, &Msg::RegNotGiven);
    let msg = Msg::CourseSummary {
        title: f.title.clone(),
        description: if f.description.is_empty() { none } else { f.description.clone() },
        location: f.location.clone(),
        starts: f.starts.to_string(),
        ends: f.ends.to_string(),
        deadline: f.deadline.to_string(),
        capacity: i64::from(f.capacity.get()),
    };
    send(bot, ctx.chat(), ctx.lang, &msg, Some(keyboards::form_confirm(ctx.lang))).await?;
    Ok(())
}

/// A button of the form.
pub async fn action(
    turn: &Turn<'_>,
    course_id: Option<i64>,
    step: CourseStep,
    mut form: CourseDraft,
    action: FormAction,
) -> HandlerResult {
    let Turn { bot, ctx, app, dialogue } = *turn;
    match (step, action) {
        (_, FormAction::Cancel) => super::dialogue::cancel(bot, ctx, dialogue).await,
        (CourseStep::Description, FormAction::Skip) => {
            form.description = Some(String::new());
            advance(bot, ctx, dialogue, course_id, step, form).await
        }
        (CourseStep::Confirm, FormAction::Edit) => {
            save(dialogue, course_id, CourseStep::Pick, form).await?;
            send(
                bot,
                ctx.chat(),
                ctx.lang,
                &Msg::FormPick,
                Some(keyboards::form_pick(ctx.lang, CourseStep::FIELDS.len())),
            )
            .await?;
            Ok(())
        }
        (CourseStep::Pick, FormAction::Field(n)) => match CourseStep::from_code(n) {
            Some(field) => {
                save(dialogue, course_id, field, form).await?;
                ask(bot, ctx, field).await
            }
            None => Ok(()),
        },
        (CourseStep::Confirm, FormAction::Confirm) => submit(bot, ctx, app, dialogue, course_id, form).await,
        _ => ask(bot, ctx, step).await,
    }
}

async fn submit(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    course_id: Option<i64>,
    form: CourseDraft,
) -> HandlerResult {
    let Some(f) = fields(&form) else { return summary(bot, ctx, dialogue, course_id, form).await };
    let result = match course_id {
        None => {
            services::courses::create(&app.pool, &f, Some(ctx.sender.user_id), Utc::now()).await.map(|_| Vec::new())
        }
        Some(id) => services::courses::update(&app.pool, id, &f, Utc::now()).await,
    };
    match result {
        Ok(promoted) => {
            dialogue.reset().await.map_err(BotError::Dialogue)?;
            let msg = match course_id {
                None => Msg::CourseCreated { title: f.title.clone() },
                Some(_) => Msg::CourseUpdated { title: f.title.clone() },
            };
            send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
            super::courses::tell_promoted(bot, app, &promoted).await
        }
        Err(CourseError::Schedule(e)) => {
            let (field, msg) = culprit(&e);
            save(dialogue, course_id, field, form).await?;
            send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
            ask(bot, ctx, field).await
        }
        Err(CourseError::NotFound(_)) => {
            dialogue.reset().await.map_err(BotError::Dialogue)?;
            send(bot, ctx.chat(), ctx.lang, &Msg::RegNoCourse, None).await?;
            Ok(())
        }
        Err(CourseError::Service(e)) => Err(e.into()),
    }
}
