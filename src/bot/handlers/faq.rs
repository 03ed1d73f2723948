//! Questions and the FAQ: free text is answered from the FAQ (or "did you mean…", or an
//! honest "not sure" with a way to pass the question to the centre); /faq browses topics in
//! one message; 👍/👎 are stored.

use crate::metrics::FaqOutcome;
use crate::telegram::{Outbound, Priority};
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MaybeInaccessibleMessage};

use super::common::Turn;
use crate::bot::state::State;
use crate::bot::{
    drop_keyboard, edit, keyboards, send, send_rendered, App, BotError, ChatDialogue, Ctx, HandlerResult,
};
use crate::domain::centre::CentreMessage;
use crate::domain::faq::FaqEntry;
use crate::domain::input;
use crate::domain::lang::Lang;
use crate::i18n::{render, render_plain, split_message, Msg, MAX_MESSAGE};
use crate::services;
use crate::services::faq::{Asked, Reply};

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
pub async fn question(bot: Outbound, ctx: Ctx, app: App, msg: Message, update: Update) -> HandlerResult {
    let (text, shortened) = input::cut(msg.text().unwrap_or_default(), input::MAX_QUESTION);
    let reply = app.faq.ask(text).await?;
    let lang = ctx.lang;
    if shortened {
        let max = i64::try_from(input::MAX_QUESTION).unwrap_or(i64::MAX);
        send(&bot, ctx.chat(), lang, &Msg::FaqQuestionShortened { max }, None).await?;
    }
    // Every answer goes out before the question is recorded: the person waits for nothing
    // else. "I don't know" and "did you mean" name the question in their "ask the centre"
    // button by an id reserved now; a tap on it comes after the record, since one chat's
    // updates are handled in turn.
    let question_id = app.faq.reserve_question().await?;
    match &reply {
        Reply::Answer { entry, related, .. } => {
            app.metrics.faq(FaqOutcome::Answered);
            send_answer(&bot, ctx.chat(), lang, entry, keyboards::answer(lang, entry.id.as_str(), related)).await?;
        }
        Reply::DidYouMean(options) => {
            app.metrics.faq(FaqOutcome::Ambiguous);
            let entries: Vec<FaqEntry> = options.iter().map(|(e, _)| e.clone()).collect();
            send(&bot, ctx.chat(), lang, &Msg::FaqDidYouMean, Some(keyboards::candidates(lang, &entries, question_id)))
                .await?;
        }
        Reply::Unknown => {
            app.metrics.faq(FaqOutcome::Unanswered);
            send(&bot, ctx.chat(), lang, &Msg::FaqUnknown, Some(keyboards::forward(lang, question_id))).await?;
        }
    }
    let asked = Asked { id: question_id, sender: &ctx.sender, update_id: Some(i64::from(update.id.0)), text };
    app.faq.record(&asked, &reply, &app.seen, &app.handled).await?;
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

/// A "did you mean" option tapped: the answer, and the choice counts towards learning the
/// person's question as a phrasing of this entry.
pub async fn pick(bot: &Outbound, ctx: &Ctx, app: &App, id: &str) -> HandlerResult {
    show(bot, ctx, app, id).await?;
    if app.faq.pick(ctx.sender.user_id, id).await? {
        tracing::info!(entry = id, "a question was learned from people's choices");
    }
    Ok(())
}

/// 📎 under /unanswered (`attach`): find the entry this group of questions belongs to; ✍️
/// "Write a new answer": wait for its text.
pub async fn begin_teaching(turn: &Turn<'_>, question_id: i64, attach: bool) -> HandlerResult {
    let Turn { bot, ctx, app, dialogue } = *turn;
    let Some(q) = app.faq.question(question_id).await? else {
        send(bot, ctx.chat(), ctx.lang, &Msg::TeachingGone, None).await?;
        return Ok(());
    };
    let (state, prompt, keyboard) = if attach {
        let keyboard = Some(keyboards::new_entry(ctx.lang, question_id));
        (State::AttachingQuestion { question_id }, Msg::AttachPrompt { text: q.body }, keyboard)
    } else {
        (State::WritingEntry { question_id }, Msg::NewEntryPrompt { text: q.body }, None)
    };
    dialogue.update(state).await.map_err(BotError::Dialogue)?;
    send(bot, ctx.chat(), ctx.lang, &prompt, keyboard).await?;
    Ok(())
}

/// The entry tapped among the matches: the group is attached and searched at once.
pub async fn attach_to(turn: &Turn<'_>, question_id: i64, id: &str) -> HandlerResult {
    let Turn { bot, ctx, app, dialogue } = *turn;
    let question = app.faq.question(question_id).await?;
    let attached = app.faq.attach(question_id, id).await?;
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    let reply = match (question, attached) {
        (Some(q), Some(e)) => Msg::AttachDone { text: q.body, question: e.text(ctx.lang == Lang::En).0.to_owned() },
        _ => Msg::TeachingGone,
    };
    send(bot, ctx.chat(), ctx.lang, &reply, None).await?;
    Ok(())
}

/// Text while an admin teaches the FAQ: search words (attaching) or the new answer.
pub async fn teaching(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    state: State,
    msg: Message,
) -> HandlerResult {
    let text = msg.text().unwrap_or_default().trim();
    if text.is_empty() {
        send(&bot, ctx.chat(), ctx.lang, &Msg::NonText, None).await?;
        return Ok(());
    }
    match state {
        State::AttachingQuestion { question_id } => {
            let found = app.faq.find(text, 5).await?;
            if found.is_empty() {
                let keyboard = keyboards::new_entry(ctx.lang, question_id);
                send(&bot, ctx.chat(), ctx.lang, &Msg::AttachNoMatch, Some(keyboard)).await?;
            } else {
                let keyboard = keyboards::attach_choices(ctx.lang, question_id, &found);
                send(&bot, ctx.chat(), ctx.lang, &Msg::AttachChoose, Some(keyboard)).await?;
            }
        }
        State::WritingEntry { question_id } => {
            // The category is a Vietnamese name, as every category of the FAQ file.
            let category = render_plain(Lang::Vi, &Msg::NewEntryCategory);
            let added = app.faq.add_from_question(question_id, &category, text).await?;
            dialogue.reset().await.map_err(BotError::Dialogue)?;
            let reply = match added {
                Some(e) => Msg::NewEntryDone { question: e.question_vi },
                None => Msg::TeachingGone,
            };
            send(&bot, ctx.chat(), ctx.lang, &reply, None).await?;
        }
        _ => {}
    }
    Ok(())
}

/// 🧠 The learned phrasings with a ✖ each; in place when `origin` is the list itself.
pub async fn learned(bot: &Outbound, ctx: &Ctx, app: &App, origin: Option<&MaybeInaccessibleMessage>) -> HandlerResult {
    let rows = app.faq.learned().await?;
    if rows.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::LearnedNone, None).await?;
        return Ok(());
    }
    let mut text = render(ctx.lang, &Msg::LearnedTitle);
    let mut ids = Vec::new();
    for (i, row) in rows.iter().enumerate().take(LEARNED_SHOWN) {
        let question = app.faq.get(&row.entry_id).await?.map(|e| e.question_vi).unwrap_or_else(|| row.entry_id.clone());
        let line = Msg::LearnedLine {
            n: i as i64 + 1,
            phrasing: row.phrasing.clone(),
            question,
            by_admin: i64::from(row.source == "admin"),
        };
        text.push('\n');
        text.push_str(&render(ctx.lang, &line));
        ids.push(row.id);
    }
    let keyboard = keyboards::learned(ctx.lang, &ids);
    match origin.and_then(MaybeInaccessibleMessage::regular_message) {
        Some(m) if split_message(&text, MAX_MESSAGE).len() == 1 => {
            bot.edit_html(m.chat.id, m.id, text, Some(keyboard)).await?;
        }
        _ => send_rendered(bot, ctx.chat(), &text, Some(keyboard)).await?,
    }
    Ok(())
}

/// How many learned phrasings the list shows (the oldest first).
const LEARNED_SHOWN: usize = 20;

/// ✖ under the list: the phrasing is forgotten at once, and the list is shown again.
pub async fn unlearn(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    origin: Option<&MaybeInaccessibleMessage>,
    id: i64,
) -> HandlerResult {
    app.faq.unlearn(id).await?;
    learned(bot, ctx, app, origin).await
}
