//! Button taps. Every callback query is answered first, so no button keeps spinning; a button
//! that no longer fits the dialogue (an old menu, a tap after a restart or a second tap) gets
//! "this menu has expired" and a fresh main menu.

use teloxide::payloads::AnswerCallbackQuerySetters;
use teloxide::prelude::*;
use teloxide::types::MessageId;

use super::{contact, dialogue, faq};
use crate::bot::callback::{Callback, MenuItem};
use crate::bot::state::State;
use crate::bot::{drop_keyboard, edit, keyboards, menu, send, App, ChatDialogue, Ctx, HandlerResult};
use crate::i18n::{render, Msg};
use crate::services;

pub async fn handle(
    bot: Bot,
    q: CallbackQuery,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    state: State,
) -> HandlerResult {
    let decoded = q.data.as_deref().and_then(Callback::decode);
    // Feedback is answered with a thank-you toast; everything else at once, silently.
    match &decoded {
        Some(Callback::Feedback { .. }) => {
            bot.answer_callback_query(q.id.clone()).text(render(ctx.lang, &Msg::FeedbackThanks)).await?
        }
        _ => bot.answer_callback_query(q.id.clone()).await?,
    };
    let chat = ctx.chat();
    let origin: Option<MessageId> = q.message.as_ref().map(|m| m.id());
    let lang = ctx.lang;

    match (decoded, state) {
        (_, State::Lost) => dialogue::state_lost(bot, ctx, dialogue).await?,
        (Some(Callback::Menu(MenuItem::Ask)), _) => {
            send(&bot, chat, lang, &Msg::AskHint, None).await?;
        }
        (Some(Callback::Menu(MenuItem::Courses | MenuItem::News)), _) => {
            send(&bot, chat, lang, &Msg::FeatureNotReady, None).await?;
        }
        (Some(Callback::Menu(MenuItem::Contact)), _) => contact::begin(&bot, &ctx, &dialogue).await?,
        (Some(Callback::Menu(MenuItem::Lang)), _) => {
            send(&bot, chat, lang, &Msg::LangPrompt, Some(keyboards::languages(lang))).await?;
        }
        (Some(Callback::SetLang(new)), _) => {
            services::users::set_language(&app.pool, ctx.sender.user_id, new).await?;
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
pub async fn answer_only(bot: Bot, q: CallbackQuery) -> HandlerResult {
    bot.answer_callback_query(q.id).await?;
    Ok(())
}
