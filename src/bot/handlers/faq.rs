//! Questions and the FAQ: free text is answered from the FAQ (or "did you mean…", or an
//! honest "not sure" with a way to pass the question to the centre); /faq browses topics in
//! one message; 👍/👎 are stored.

use crate::metrics::FaqOutcome;
use crate::telegram::{Outbound, Priority};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MaybeInaccessibleMessage};

use crate::bot::state::State;
use crate::bot::{
    drop_keyboard, edit, keyboards, send, send_rendered, App, BotError, ChatDialogue, Ctx, HandlerResult,
};
use crate::domain::centre::CentreMessage;
use crate::domain::faq::FaqEntry;
use crate::domain::input;
use crate::domain::lang::Lang;
use crate::i18n::{render, split_message, Msg, MAX_MESSAGE};
use crate::services;
use crate::services::faq::Reply;

fn answer_text(lang: Lang, e: &FaqEntry) -> String {
    let (question, answer) = e.text(lang == Lang::En);
    let text = render(lang, &Msg::FaqAnswer { question: question.to_owned(), answer: answer.to_owned() });
    if e.source.is_empty() {
        text
    } else {
        format!("{text}\n\n{}", render(lang, &Msg::FaqSource { source: e.source.clone() }))
    }
}

/// Sends an answer, split if long; the keyboard goes under the last part.
async fn send_answer(
    bot: &Outbound,
    chat: ChatId,
    lang: Lang,
    e: &FaqEntry,
    keyboard: InlineKeyboardMarkup,
) -> HandlerResult {
    Ok(send_rendered(bot, chat, &answer_text(lang, e), Some(keyboard)).await?)
}

/// Free text outside a dialogue: a question.
pub async fn question(bot: Outbound, ctx: Ctx, app: App, msg: Message) -> HandlerResult {
    let (text, shortened) = input::cut(msg.text().unwrap_or_default(), input::MAX_QUESTION);
    let reply = app.faq.ask(text).await?;
    let lang = ctx.lang;
    if shortened {
        let max = i64::try_from(input::MAX_QUESTION).unwrap_or(i64::MAX);
        send(&bot, ctx.chat(), lang, &Msg::FaqQuestionShortened { max }, None).await?;
    }
    // An answer goes out before the question is recorded (the person waits for nothing
    // else); "I don't know" needs the record first, for its "ask the centre" button.
    let record = || async {
        // Someone writing for the first time is stored before their question refers to them.
        app.seen.record(&app.pool, &ctx.sender).await?;
        app.faq.record(ctx.sender.user_id, ctx.sender.chat_id, text, &reply).await
    };
    match &reply {
        Reply::Answer { entry, related, .. } => {
            app.metrics.faq(FaqOutcome::Answered);
            send_answer(&bot, ctx.chat(), lang, entry, keyboards::answer(lang, entry.id.as_str(), related)).await?;
            record().await?;
        }
        Reply::DidYouMean(options) => {
            app.metrics.faq(FaqOutcome::Ambiguous);
            let entries: Vec<FaqEntry> = options.iter().map(|(e, _)| e.clone()).collect();
            send(&bot, ctx.chat(), lang, &Msg::FaqDidYouMean, Some(keyboards::candidates(lang, &entries))).await?;
            record().await?;
        }
        Reply::Unknown => {
            app.metrics.faq(FaqOutcome::Unanswered);
            let question_id = record().await?;
            send(&bot, ctx.chat(), lang, &Msg::FaqUnknown, Some(keyboards::forward(lang, question_id))).await?;
        }
    }
    Ok(())
}

/// A tap on a question button (related, or "did you mean"): the answer as a new message.
pub async fn show(bot: &Outbound, ctx: &Ctx, app: &App, id: &str) -> HandlerResult {
    match app.faq.get(id).await? {
        Some(e) => send_answer(bot, ctx.chat(), ctx.lang, &e, keyboards::answer(ctx.lang, id, &[])).await,
        None => expired(bot, ctx).await,
    }
}

async fn expired(bot: &Outbound, ctx: &Ctx) -> HandlerResult {
    send(bot, ctx.chat(), ctx.lang, &Msg::MenuExpired, Some(keyboards::main_menu(ctx.lang))).await?;
    Ok(())
}

/// The user sends a question the bot could not answer to the centre's staff.
pub async fn forward(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    let Some(q) = app.faq.forward(id, ctx.sender.user_id).await? else {
        return expired(bot, ctx).await;
    };
    drop_keyboard(bot, origin).await;
    send(bot, ctx.chat(), ctx.lang, &Msg::FaqForwarded, None).await?;
    let who = ctx.sender.signature();
    super::notify_admins(bot, app, |lang| {
        let copy = Msg::AdminQuestion { name: who.clone(), user_id: q.user_id, text: q.body.clone() };
        (copy, Some(keyboards::reply(lang, q.id)))
    })
    .await?;
    Ok(())
}

/// An admin tapped Reply under a passed question: wait for the answer's text.
pub async fn begin_reply(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    question_id: i64,
) -> HandlerResult {
    let question = app.faq.question(question_id).await?;
    match question.filter(|_| app.config.is_admin(ctx.sender.user_id)) {
        Some(q) => {
            dialogue.update(State::AdminReplying { question_id }).await.map_err(BotError::Dialogue)?;
            send(bot, ctx.chat(), ctx.lang, &Msg::AdminReplyPrompt { text: q.body }, None).await?;
            Ok(())
        }
        None => expired(bot, ctx).await,
    }
}

/// The admin's answer: delivered to the person who asked, in their language.
pub async fn admin_reply(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    state: State,
    msg: Message,
) -> HandlerResult {
    let State::AdminReplying { question_id } = state else { return Ok(()) };
    let answer = match CentreMessage::parse(msg.text().unwrap_or_default()) {
        Ok(a) => a,
        Err(e) => {
            send(&bot, ctx.chat(), ctx.lang, &super::contact::rejection(&e), None).await?;
            return Ok(());
        }
    };
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    let Some(q) = app.faq.question(question_id).await? else { return expired(&bot, &ctx).await };
    let lang = services::users::language_of_chat(&app.pool, q.chat_id).await?;
    let reply = Msg::CentreReply { question: q.body.clone(), answer: answer.as_str().to_owned() };
    match send(&bot.at(Priority::Notify), ChatId(q.chat_id), lang, &reply, None).await {
        Ok(_) => {
            app.faq.mark_replied(question_id).await?;
            send(&bot, ctx.chat(), ctx.lang, &Msg::AdminReplySent, None).await?;
        }
        Err(e) => {
            tracing::warn!(question = question_id, error = %e, "cannot deliver an admin's answer");
            send(&bot, ctx.chat(), ctx.lang, &Msg::AdminReplyFailed, None).await?;
        }
    }
    Ok(())
}

/// /faq: the topics.
pub async fn browse(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let topics = app.faq.categories().await?;
    send(bot, ctx.chat(), ctx.lang, &Msg::FaqBrowseTitle, Some(keyboards::topics(&topics))).await?;
    Ok(())
}

/// Browsing inside the /faq message: home, a topic page, or an answer.
pub async fn browse_to(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    topic: Option<(usize, usize)>,
    show: Option<&str>,
) -> HandlerResult {
    let Some(message) = origin.and_then(MaybeInaccessibleMessage::regular_message) else {
        return browse(bot, ctx, app).await;
    };
    let (chat, id, lang) = (message.chat.id, message.id, ctx.lang);
    let topics = app.faq.categories().await?;
    let Some((t, page)) = topic else {
        return Ok(edit(bot, chat, id, lang, &Msg::FaqBrowseTitle, Some(keyboards::topics(&topics))).await?);
    };
    let Some((name, _)) = topics.get(t) else { return expired(bot, ctx).await };
    let entries = app.faq.in_category(name).await?;
    match show.and_then(|sid| entries.iter().find(|e| e.id.as_str() == sid)) {
        Some(e) => {
            // Shown in place: a long answer is cut to its first part, the rest follows.
            let mut parts = split_message(&answer_text(lang, e), MAX_MESSAGE).into_iter();
            let first = parts.next().unwrap_or_default();
            let keyboard = keyboards::browsed_answer(lang, t, page, e.id.as_str());
            bot.edit_html(chat, id, first, Some(keyboard)).await?;
            for part in parts {
                bot.send_html(chat, part, None).await?;
            }
            Ok(())
        }
        None => {
            let pages = entries.len().div_ceil(keyboards::PAGE).max(1);
            let page = page.min(pages - 1);
            let title = Msg::FaqCategoryTitle { category: name.clone(), page: page as i64 + 1, pages: pages as i64 };
            Ok(edit(bot, chat, id, lang, &title, Some(keyboards::topic_page(lang, t, page, &entries))).await?)
        }
    }
}
