//! Button taps. Every callback query is answered first, so no button keeps spinning; a button
//! that no longer fits the dialogue (an old menu, a tap after a restart or a second tap) gets
//! "this menu has expired" and a fresh main menu.

use crate::telegram::Outbound;
use teloxide::prelude::*;
use teloxide::types::{MessageId, Update};

use super::common::Turn;
use super::{contact, course_admin, course_form, courses, dialogue, faq, register};
use crate::bot::callback::{Callback, MenuItem};
use crate::bot::state::State;
use crate::bot::{drop_keyboard, edit, keyboards, menu, send, App, ChatDialogue, Ctx, HandlerResult};
use crate::i18n::{render, Msg};
use crate::services;

pub async fn handle(
    bot: Outbound,
    q: CallbackQuery,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    state: State,
    update: Update,
) -> HandlerResult {
    let decoded = q.data.as_deref().and_then(Callback::decode);
    // Feedback is answered with a thank-you toast; everything else at once, silently. A
    // query answered before (a replay after a crash) cannot be answered again: the tap is
    // still handled.
    let answered = match &decoded {
        Some(Callback::Feedback { .. }) => {
            bot.answer_callback(q.id.clone(), Some(render(ctx.lang, &Msg::FeedbackThanks))).await
        }
        _ => bot.answer_callback(q.id.clone(), None).await,
    };
    if let Err(e) = answered {
        tracing::debug!(error = %e, "cannot answer the callback query");
    }
    let chat = ctx.chat();
    let origin: Option<MessageId> = q.message.as_ref().map(|m| m.id());
    let lang = ctx.lang;
    let message = q.message.as_ref();

    // Admin buttons pressed by anyone else (a forwarded menu, a former admin) change nothing.
    if decoded.as_ref().is_some_and(Callback::is_admin_only) && !app.config.is_admin(ctx.sender.user_id) {
        tracing::warn!(user_id = ctx.sender.user_id, data = ?q.data, "admin button refused");
        send(&bot, chat, lang, &Msg::NotAdmin, None).await?;
        return Ok(());
    }

    match (decoded, state) {
        (_, State::Lost) => dialogue::state_lost(bot, ctx, dialogue).await?,
        (Some(Callback::CourseList), _) => courses::list(&bot, &ctx, &app, message).await?,
        (Some(Callback::CourseDetails(id)), _) => courses::details(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::CourseRegister(id)), _) => {
            drop_keyboard(&bot, message).await;
            register::begin(&bot, &ctx, &app, &dialogue, id).await?
        }
        (Some(Callback::Reg(action)), State::Registering { course_id, step, form }) => {
            drop_keyboard(&bot, message).await;
            let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
            register::action(&turn, &update, course_id, step, form, action).await?
        }
        (Some(Callback::MyRegistrations), _) => courses::mine(&bot, &ctx, &app, message).await?,
        (Some(Callback::CancelAsk(id)), _) => courses::cancel_ask(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::EditRegistration(id)), _) => {
            drop_keyboard(&bot, message).await;
            register::begin_edit(&bot, &ctx, &app, &dialogue, id).await?
        }
        (Some(Callback::CancelYes(id)), _) => courses::cancel_yes(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::Pick(id)), _) => faq::pick(&bot, &ctx, &app, &id).await?,
        (Some(Callback::Attach(q)), _) => {
            faq::begin_teaching(&Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue }, q, true).await?
        }
        (Some(Callback::AttachTo { question, id }), _) => {
            drop_keyboard(&bot, message).await;
            faq::attach_to(&Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue }, question, &id).await?
        }
        (Some(Callback::NewEntry(q)), _) => {
            drop_keyboard(&bot, message).await;
            faq::begin_teaching(&Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue }, q, false).await?
        }
        (Some(Callback::Learned), _) => faq::learned(&bot, &ctx, &app, None).await?,
        (Some(Callback::Unlearn(id)), _) => faq::unlearn(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::Panel(action)), _) => {
            super::admin::run(&Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue }, action).await?
        }
        (Some(Callback::AdminCourses), _) => {
            course_admin::list(&bot, &ctx, &app, message, Msg::AdminCoursesTitle, Callback::AdminCourse).await?
        }
        (Some(Callback::AdminCourse(id)), _) => course_admin::view(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::AdminExport(id)), _) => course_admin::export(&bot, &ctx, &app, id).await?,
        (Some(Callback::Attendance { course, page }), _) => {
            course_admin::attendance(&bot, &ctx, &app, message, course, page).await?
        }
        (Some(Callback::Attend { attendee, course, page }), _) => {
            course_admin::toggle(&bot, &ctx, &app, message, attendee, course, page).await?
        }
        (Some(Callback::AdminEdit(id)), _) => course_form::begin_edit(&bot, &ctx, &app, &dialogue, id).await?,
        (Some(Callback::AdminOpen(id)), _) => course_admin::set_open(&bot, &ctx, &app, message, id, true).await?,
        (Some(Callback::AdminClose(id)), _) => course_admin::set_open(&bot, &ctx, &app, message, id, false).await?,
        (Some(Callback::AdminCancelAsk(id)), _) => course_admin::cancel_ask(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::AdminCancelYes(id)), _) => course_admin::cancel_yes(&bot, &ctx, &app, message, id).await?,
        (Some(Callback::Form(action)), State::CourseForm { course_id, step, form }) => {
            drop_keyboard(&bot, message).await;
            let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
            course_form::action(&turn, course_id, step, form, action).await?
        }
        (Some(Callback::Menu(MenuItem::Ask)), _) => {
            send(&bot, chat, lang, &Msg::AskHint, None).await?;
        }
        (Some(Callback::Menu(MenuItem::Courses)), _) => courses::list(&bot, &ctx, &app, None).await?,
        (Some(Callback::Menu(MenuItem::News)), _) => super::subscribe::subscribe(&bot, &ctx, &app).await?,
        (Some(Callback::ProfileStart), _) => {
            drop_keyboard(&bot, message).await;
            super::subscribe::begin(&bot, &ctx, &app, &dialogue).await?
        }
        (Some(Callback::ProfileLater), _) => drop_keyboard(&bot, message).await,
        (Some(Callback::ProfilePlace), _) => {
            drop_keyboard(&bot, message).await;
            super::subscribe::begin_place(&bot, &ctx, &app, &dialogue).await?
        }
        (
            Some(
                cb @ (Callback::ProfileSector(_)
                | Callback::ProfileDistrict(_)
                | Callback::ProfileArea(_)
                | Callback::ProfileAreaGroups
                | Callback::ProfileAreaGroup(_)
                | Callback::ProfileSkip),
            ),
            state @ State::Profile { .. },
        ) => {
            use super::subscribe::Tap;
            drop_keyboard(&bot, message).await;
            let tap = match cb {
                Callback::ProfileSector(i) => Tap::Sector(i),
                Callback::ProfileArea(i) => Tap::Area(i),
                Callback::ProfileAreaGroups => Tap::Groups,
                Callback::ProfileAreaGroup(i) => Tap::Group(i),
                Callback::ProfileSkip => Tap::Skip,
                _ => Tap::Stale,
            };
            let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
            super::subscribe::tap(&turn, state, tap).await?
        }
        (Some(Callback::Bc(action)), state @ State::Broadcasting { .. }) => {
            drop_keyboard(&bot, message).await;
            super::broadcast::action(&bot, &ctx, &app, &dialogue, &update, state, action).await?
        }
        (Some(Callback::BroadcastStop(id)), _) => super::broadcast::stop(&bot, &app, id).await?,
        (Some(Callback::Menu(MenuItem::Contact)), _) => contact::begin(&bot, &ctx, &dialogue).await?,
        (Some(Callback::Menu(MenuItem::Lang)), _) => {
            send(&bot, chat, lang, &Msg::LangPrompt, Some(keyboards::languages(lang))).await?;
        }
        (Some(Callback::SetLang(new)), _) => {
            services::users::set_language(&app.pool, ctx.sender.user_id, new).await?;
            app.seen.set_language(ctx.sender.user_id, new);
            match origin {
                Some(id) => edit(&bot, chat, id, new, &Msg::LangChanged, None).await?,
                None => {
                    send(&bot, chat, new, &Msg::LangChanged, None).await?;
                }
            }
            send(&bot, chat, new, &Msg::MainMenuPrompt, Some(keyboards::main_menu(new))).await?;
            if app.config.is_admin(ctx.sender.user_id) {
                menu::set_for_admin(&bot, chat, new).await;
            }
        }
        (Some(Callback::EraseConfirm), _) => {
            drop_keyboard(&bot, message).await;
            super::privacy::erase(&bot, &ctx, &app).await?
        }
        (Some(Callback::EraseKeep), _) => {
            drop_keyboard(&bot, message).await;
            send(&bot, chat, lang, &Msg::DeletemeKept, None).await?;
        }
        (Some(Callback::Assess(action)), state) => {
            let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
            super::assessment::action(&turn, &update, message, state, action).await?
        }
        (Some(Callback::FaqShow(id)), _) => faq::show(&bot, &ctx, &app, &id).await?,
        (Some(Callback::Feedback { id, helpful }), _) => {
            app.faq.feedback(ctx.sender.user_id, &id, helpful).await?;
        }
        (Some(Callback::Forward(question)), _) => faq::forward(&bot, &ctx, &app, q.message.as_ref(), question).await?,
        (Some(Callback::Reply(question)), _) => faq::begin_reply(&bot, &ctx, &app, &dialogue, question).await?,
        (Some(Callback::BrowseHome), _) => faq::browse_to(&bot, &ctx, &app, q.message.as_ref(), None, None).await?,
        (Some(Callback::BrowseTopic { topic, page }), _) => {
            faq::browse_to(&bot, &ctx, &app, q.message.as_ref(), Some((topic, page)), None).await?
        }
        (Some(Callback::BrowseShow { topic, page, id }), _) => {
            faq::browse_to(&bot, &ctx, &app, q.message.as_ref(), Some((topic, page)), Some(&id)).await?
        }
        (Some(Callback::ContactSend), State::ContactConfirm { draft }) => {
            drop_keyboard(&bot, q.message.as_ref()).await;
            contact::submit(&bot, &ctx, &app, &dialogue, &draft).await?;
        }
        (Some(Callback::ContactCancel), State::ContactWriting | State::ContactConfirm { .. }) => {
            drop_keyboard(&bot, q.message.as_ref()).await;
            dialogue::cancel(&bot, &ctx, &dialogue).await?;
        }
        (_, _) => {
            drop_keyboard(&bot, q.message.as_ref()).await;
            send(&bot, chat, lang, &Msg::MenuExpired, Some(keyboards::main_menu(lang))).await?;
        }
    }
    Ok(())
}

/// A callback the tree cannot place (no message, or not from a private chat): answered so the
/// client stops waiting, nothing else.
pub async fn answer_only(bot: Outbound, q: CallbackQuery) -> HandlerResult {
    bot.answer_callback(q.id, None).await?;
    Ok(())
}
