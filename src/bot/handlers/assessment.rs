//! The SXSH self-assessment (`/assessment`): the sector, then one question per step answered
//! by buttons (Có / Một phần / Chưa / Không rõ or the question's own options), with the
//! progress, Back and /cancel; the state is stored after every answer, so it resumes after a
//! restart. The result: a chart with the scores in its caption, the actions worth doing
//! first with a button to each one's FAQ entry, then a course, a consultation or later.
//!
//! Also the consultation request that follows (only what is missing is asked, consent once),
//! the admins' "handled" button, and `/assessments` with its spreadsheet.

use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::{InputFile, MaybeInaccessibleMessage, Update};

use super::common::{text_error, Turn};
use crate::bot::callback::{AssessAction, Callback};
use crate::bot::state::{ConsultForm, ConsultStep, State};
use crate::bot::{drop_keyboard, edit, keyboards, send, send_markup, send_rendered, App, BotError, Ctx, HandlerResult};
use crate::domain::assessment::{plan, top_actions, Answer, Area, Question, Request, Sector, MAX_NEED};
use crate::domain::course::{clean_text, vn_zone};
use crate::domain::lang::Lang;
use crate::domain::registration::{Phone, MAX_ENTERPRISE};
use crate::i18n::{render, render_plain, Msg};
use crate::services;
use crate::services::assessment::chart::{self, Bar};
use crate::services::assessment::{Consult, Finish};
use crate::telegram::{Outbound, Priority};

/// Telegram's limit for a photo's caption.
const MAX_CAPTION: usize = 1024;

/// Open consultation requests listed (each with its button) under `/assessments`.
const MAX_LISTED: usize = 10;

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn area_name(lang: Lang, area: Area) -> String {
    render_plain(lang, &Msg::AssessAreaName { area: area.code().to_owned() })
}

async fn save(turn: &Turn<'_>, state: State) -> HandlerResult {
    turn.dialogue.update(state).await.map_err(BotError::Dialogue)
}

/// `/assessment` or the menu button: a new assessment, or the one in progress again.
pub async fn start(turn: &Turn<'_>) -> HandlerResult {
    let state = turn.dialogue.get().await.map_err(BotError::Dialogue)?.unwrap_or_default();
    if let State::Assessing { sector: Some(sector), answers } = state {
        send(turn.bot, turn.ctx.chat(), turn.ctx.lang, &Msg::AssessResume, None).await?;
        return ask(turn, None, sector, &answers).await;
    }
    let lang = turn.ctx.lang;
    let profile = services::broadcasts::profile(&turn.app.pool, turn.ctx.sender.user_id).await?;
    if let Some(sector) = profile.and_then(|p| p.sector).and_then(Sector::from_profile) {
        // The profile says the sector: straight to the first question (Back changes it).
        save(turn, State::Assessing { sector: Some(sector), answers: Vec::new() }).await?;
        let known = Msg::AssessIntroKnown { sector: sector.code().to_owned() };
        send(turn.bot, turn.ctx.chat(), lang, &known, None).await?;
        return ask(turn, None, sector, &[]).await;
    }
    save(turn, State::Assessing { sector: None, answers: Vec::new() }).await?;
    send(turn.bot, turn.ctx.chat(), lang, &Msg::AssessIntro, Some(keyboards::assess_sectors(lang))).await?;
    Ok(())
}

/// Shows question number `answers.len()` of the sector's plan: in place of the message a
/// button was tapped on, or as a new message.
async fn ask(
    turn: &Turn<'_>,
    origin: Option<&MaybeInaccessibleMessage>,
    sector: Sector,
    answers: &[Answer],
) -> HandlerResult {
    let questions = services::assessment::questions(&turn.app.pool).await?;
    let steps = plan(&questions, sector);
    let (chat, lang) = (turn.ctx.chat(), turn.ctx.lang);
    if steps.is_empty() {
        turn.dialogue.reset().await.map_err(BotError::Dialogue)?;
        send(turn.bot, chat, lang, &Msg::AssessNoQuestions, None).await?;
        return Ok(());
    }
    if answers.len() >= steps.len() {
        // The centre imported a shorter question set meanwhile: the last question again.
        let kept = answers.get(..steps.len() - 1).unwrap_or_default().to_vec();
        save(turn, State::Assessing { sector: Some(sector), answers: kept }).await?;
    }
    let n = answers.len().min(steps.len() - 1);
    let q = steps[n];
    let msg = Msg::AssessQuestion {
        n: to_i64(n + 1),
        total: to_i64(steps.len()),
        area: area_name(lang, q.area),
        text: q.text(lang == Lang::En).to_owned(),
    };
    let keyboard = keyboards::assess_question(lang, n, q);
    match origin.and_then(MaybeInaccessibleMessage::regular_message) {
        // A second tap on a question already shown: Telegram refuses an edit that changes nothing.
        Some(m) if shows(m, n) => {}
        Some(m) if m.text().is_some() => edit(turn.bot, chat, m.id, lang, &msg, Some(keyboard)).await?,
        _ => {
            send(turn.bot, chat, lang, &msg, Some(keyboard)).await?;
        }
    }
    Ok(())
}

/// Whether `message` carries the answer buttons of question number `n`.
fn shows(message: &Message, n: usize) -> bool {
    let first = Callback::Assess(AssessAction::Answer { n, choice: 0 }).encode();
    message.reply_markup().is_some_and(|k| {
        k.inline_keyboard
            .iter()
            .flatten()
            .any(|b| matches!(&b.kind, teloxide::types::InlineKeyboardButtonKind::CallbackData(d) if *d == first))
    })
}

/// Text typed during the assessment or the consultation request.
pub async fn receive(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: crate::bot::ChatDialogue,
    msg: Message,
    state: State,
    update: Update,
) -> HandlerResult {
    let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
    match state {
        State::Consulting { step, form } => consult_receive(&turn, &update, &msg, step, form).await,
        State::Assessing { sector: Some(sector), answers } => {
            send(&bot, ctx.chat(), ctx.lang, &Msg::AssessUseButtons, None).await?;
            ask(&turn, None, sector, &answers).await
        }
        _ => {
            let lang = ctx.lang;
            send(&bot, ctx.chat(), lang, &Msg::AssessUseButtons, Some(keyboards::assess_sectors(lang))).await?;
            Ok(())
        }
    }
}

/// A button of the assessment, of the consultation request, or of `/assessments`.
pub async fn action(
    turn: &Turn<'_>,
    update: &Update,
    origin: Option<&MaybeInaccessibleMessage>,
    state: State,
    action: AssessAction,
) -> HandlerResult {
    let (bot, ctx) = (turn.bot, turn.ctx);
    match (action, state) {
        (AssessAction::Start, _) => {
            drop_keyboard(bot, origin).await;
            start(turn).await
        }
        (AssessAction::Sector(i), State::Assessing { sector: None, .. }) => match Sector::ALL.get(i) {
            Some(sector) => {
                save(turn, State::Assessing { sector: Some(*sector), answers: Vec::new() }).await?;
                ask(turn, origin, *sector, &[]).await
            }
            None => start(turn).await,
        },
        (AssessAction::Answer { n, choice }, State::Assessing { sector: Some(sector), mut answers }) => {
            let questions = services::assessment::questions(&turn.app.pool).await?;
            let steps = plan(&questions, sector);
            // A tap on an older question (or a second tap) shows the current one again.
            let Some(q) = steps.get(n).filter(|q| n == answers.len() && q.points(choice).is_some()) else {
                return ask(turn, origin, sector, &answers).await;
            };
            answers.push(Answer { question: q.id.clone(), choice });
            if answers.len() < steps.len() {
                save(turn, State::Assessing { sector: Some(sector), answers: answers.clone() }).await?;
                return ask(turn, origin, sector, &answers).await;
            }
            drop_keyboard(bot, origin).await;
            finish(turn, update, &questions, sector, &answers).await
        }
        (AssessAction::Back, State::Assessing { sector: Some(sector), mut answers }) => {
            if answers.pop().is_none() {
                save(turn, State::Assessing { sector: None, answers }).await?;
                let lang = ctx.lang;
                return match origin.and_then(MaybeInaccessibleMessage::regular_message) {
                    Some(m) => {
                        edit(bot, ctx.chat(), m.id, lang, &Msg::AssessIntro, Some(keyboards::assess_sectors(lang)))
                            .await?;
                        Ok(())
                    }
                    None => start(turn).await,
                };
            }
            save(turn, State::Assessing { sector: Some(sector), answers: answers.clone() }).await?;
            ask(turn, origin, sector, &answers).await
        }
        (AssessAction::Later, _) => {
            drop_keyboard(bot, origin).await;
            send(bot, ctx.chat(), ctx.lang, &Msg::AssessLater, Some(keyboards::main_menu(ctx.lang))).await?;
            Ok(())
        }
        (AssessAction::Consult, _) => {
            drop_keyboard(bot, origin).await;
            consult_begin(turn).await
        }
        (AssessAction::ConsentYes, State::Consulting { step: ConsultStep::Consent, form }) => {
            drop_keyboard(bot, origin).await;
            services::assessment::record_consent(&turn.app.pool, ctx.sender.user_id, Utc::now().timestamp()).await?;
            consult_next(turn, form).await
        }
        (AssessAction::ConsentNo, State::Consulting { step: ConsultStep::Consent, .. }) => {
            drop_keyboard(bot, origin).await;
            turn.dialogue.reset().await.map_err(BotError::Dialogue)?;
            let lang = ctx.lang;
            send(bot, ctx.chat(), lang, &Msg::ConsultConsentDeclined, Some(keyboards::main_menu(lang))).await?;
            Ok(())
        }
        (AssessAction::Handled(id), _) => handled(turn, origin, id).await,
        (AssessAction::Export, _) => export(turn).await,
        // A button of a step already passed: the current step again.
        (_, State::Assessing { sector: Some(sector), answers }) => ask(turn, None, sector, &answers).await,
        (_, State::Assessing { sector: None, .. }) => start(turn).await,
        (_, State::Consulting { step, form }) => consult_ask(turn, step, &form).await,
        (_, _) => {
            drop_keyboard(bot, origin).await;
            let lang = ctx.lang;
            send(bot, ctx.chat(), lang, &Msg::MenuExpired, Some(keyboards::main_menu(lang))).await?;
            Ok(())
        }
    }
}

/// Stores the result, then sends the chart with the scores and the actions.
async fn finish(
    turn: &Turn<'_>,
    update: &Update,
    questions: &[Question],
    sector: Sector,
    answers: &[Answer],
) -> HandlerResult {
    let (bot, ctx, app) = (turn.bot, turn.ctx, turn.app);
    let now = Utc::now();
    let f = Finish { user_id: ctx.sender.user_id, sector, answers, update_id: Some(i64::from(update.id.0)), now };
    let done = services::assessment::finish(&app.pool, questions, &f).await?;
    turn.dialogue.reset().await.map_err(BotError::Dialogue)?;
    let (chat, lang) = (ctx.chat(), ctx.lang);

    let changes = done.previous.as_ref().map(|p| done.scores.change_since(&p.scores));
    let bars: Vec<Bar> = Area::ALL
        .iter()
        .map(|a| Bar {
            label: area_name(lang, *a),
            value: done.scores.area(*a),
            change: changes.and_then(|c| c[a.index()]),
        })
        .collect();
    let overall = i64::from(done.scores.overall);
    let mut caption = render(lang, &Msg::AssessCaption { overall });
    for (a, bar) in Area::ALL.iter().zip(&bars) {
        let area = area_name(lang, *a);
        let line = match (bar.value, bar.change) {
            (Some(score), Some(change)) => {
                Msg::AssessCaptionChange { area, score: i64::from(score), change: signed(change) }
            }
            (Some(score), None) => Msg::AssessCaptionLine { area, score: i64::from(score) },
            (None, _) => Msg::AssessCaptionSkipped { area },
        };
        caption.push('\n');
        caption.push_str(&render(lang, &line));
    }
    if let Some(p) = &done.previous {
        let date = chrono::DateTime::from_timestamp(p.created_at, 0)
            .map(|d| d.with_timezone(&vn_zone()).format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let since = Msg::AssessCaptionSince { date, before: i64::from(p.scores.overall) };
        caption.push_str("\n\n");
        caption.push_str(&render(lang, &since));
    }
    let title = render_plain(lang, &Msg::AssessChartTitle { overall });
    match chart::render(&title, &bars, &render_plain(lang, &Msg::AssessNotAsked)) {
        Ok(png) if caption.encode_utf16().count() <= MAX_CAPTION => {
            let photo = InputFile::memory(png).file_name("sxsh.png");
            bot.send_photo_file(chat, photo, caption, None).await?;
        }
        Ok(_) => send_rendered(bot, chat, &caption, None).await?,
        Err(e) => {
            tracing::error!(error = %crate::bot::chain(&e), "cannot draw the assessment chart");
            send_rendered(bot, chat, &caption, None).await?;
        }
    }

    let actions = top_actions(questions, answers);
    let mut text = if actions.is_empty() {
        render(lang, &Msg::AssessNoActions)
    } else {
        let mut t = render(lang, &Msg::AssessActionsTitle);
        for (i, q) in actions.iter().enumerate() {
            let (action, reason) = q.action(lang == Lang::En);
            let line = Msg::AssessActionLine { n: to_i64(i + 1), action: action.to_owned(), reason: reason.to_owned() };
            t.push_str("\n\n");
            t.push_str(&render(lang, &line));
        }
        t
    };
    text.push_str("\n\n");
    text.push_str(&render(lang, &Msg::AssessNextSteps));
    let links: Vec<Option<String>> = actions.iter().map(|q| q.faq_id.as_ref().map(|f| f.as_str().to_owned())).collect();
    let today = crate::domain::course::vn_today(now);
    let course = services::courses::upcoming(&app.pool, now)
        .await?
        .into_iter()
        .find(|c| c.registration(today).is_ok())
        .map(|c| c.id);
    send_rendered(bot, chat, &text, Some(keyboards::assess_next(lang, &links, course))).await?;
    tracing::info!(assessment_id = done.id, overall, "self-assessment finished");
    Ok(())
}

/// "Ask for a consultation": consent once, then only what is not known yet.
async fn consult_begin(turn: &Turn<'_>) -> HandlerResult {
    let (app, user) = (turn.app, turn.ctx.sender.user_id);
    let latest = services::assessment::latest(&app.pool, user).await?;
    let (enterprise, phone) = services::assessment::known_contact(&app.pool, user).await?;
    let form = ConsultForm { assessment_id: latest.map(|t| t.id), enterprise, phone };
    if !services::assessment::has_consent(&app.pool, user).await? {
        save(turn, State::Consulting { step: ConsultStep::Consent, form: form.clone() }).await?;
        return consult_ask(turn, ConsultStep::Consent, &form).await;
    }
    consult_next(turn, form).await
}

/// The first missing piece of the request.
async fn consult_next(turn: &Turn<'_>, form: ConsultForm) -> HandlerResult {
    let step = if form.enterprise.is_none() {
        ConsultStep::Enterprise
    } else if form.phone.is_none() {
        ConsultStep::Phone
    } else {
        ConsultStep::Need
    };
    save(turn, State::Consulting { step, form: form.clone() }).await?;
    consult_ask(turn, step, &form).await
}

async fn consult_ask(turn: &Turn<'_>, step: ConsultStep, form: &ConsultForm) -> HandlerResult {
    let (bot, chat, lang) = (turn.bot, turn.ctx.chat(), turn.ctx.lang);
    match step {
        ConsultStep::Consent => {
            send(bot, chat, lang, &Msg::ConsultConsent, Some(keyboards::consult_consent(lang))).await?;
        }
        ConsultStep::Enterprise => {
            send(bot, chat, lang, &Msg::ConsultAskEnterprise, None).await?;
        }
        ConsultStep::Phone => {
            send_markup(bot, chat, lang, &Msg::ConsultAskPhone, keyboards::share_phone(lang)).await?;
        }
        ConsultStep::Need => {
            let msg = Msg::ConsultAskNeed {
                enterprise: form.enterprise.clone().unwrap_or_default(),
                phone: form.phone.as_ref().map(Phone::to_string).unwrap_or_default(),
            };
            send(bot, chat, lang, &msg, None).await?;
        }
    }
    Ok(())
}

/// A text (or a shared contact) during the consultation request.
async fn consult_receive(
    turn: &Turn<'_>,
    update: &Update,
    msg: &Message,
    step: ConsultStep,
    mut form: ConsultForm,
) -> HandlerResult {
    let (bot, ctx) = (turn.bot, turn.ctx);
    let text = msg.text().unwrap_or_default();
    let rejected = match step {
        ConsultStep::Consent => Msg::AssessUseButtons,
        ConsultStep::Enterprise => match clean_text(text, MAX_ENTERPRISE, false) {
            Ok(v) => {
                form.enterprise = Some(v);
                return consult_next(turn, form).await;
            }
            Err(e) => text_error(&e),
        },
        ConsultStep::Phone => match super::common::phone_answer(msg, ctx.sender.user_id, text) {
            Ok(phone) => {
                let saved = Msg::RegPhoneSaved { phone: phone.to_string() };
                send_markup(bot, ctx.chat(), ctx.lang, &saved, keyboards::remove_reply_keyboard()).await?;
                form.phone = Some(phone);
                return consult_next(turn, form).await;
            }
            Err(refused) => refused.message(),
        },
        ConsultStep::Need => match clean_text(text, MAX_NEED, true) {
            Ok(need) => return consult_submit(turn, update, form, &need).await,
            Err(e) => text_error(&e),
        },
    };
    send(bot, ctx.chat(), ctx.lang, &rejected, None).await?;
    consult_ask(turn, step, &form).await
}

/// Stores the request, confirms it, and tells every admin with a "handled" button. A replay
/// of the same update confirms again and tells no one twice.
async fn consult_submit(turn: &Turn<'_>, update: &Update, form: ConsultForm, need: &str) -> HandlerResult {
    let (bot, ctx, app) = (turn.bot, turn.ctx, turn.app);
    let enterprise = form.enterprise.clone().unwrap_or_default();
    let phone = form.phone.as_ref().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let c = Consult {
        user_id: ctx.sender.user_id,
        assessment_id: form.assessment_id,
        enterprise: &enterprise,
        phone: &phone,
        need,
        update_id: Some(i64::from(update.id.0)),
        now: Utc::now(),
    };
    let (request, new) = services::assessment::request(&app.pool, &c).await?;
    turn.dialogue.reset().await.map_err(BotError::Dialogue)?;
    send(bot, ctx.chat(), ctx.lang, &Msg::ConsultSent { id: request.id }, None).await?;
    if !new {
        return Ok(());
    }
    tracing::info!(request_id = request.id, "consultation request stored");
    let score = match services::assessment::latest(&app.pool, ctx.sender.user_id).await? {
        Some(t) => format!("{}/100", t.scores.overall),
        None => "—".to_owned(),
    };
    let who = ctx.sender.signature();
    super::notify_admins(bot, app, |lang| {
        let msg = admin_request(&request, &who, &score);
        (msg, Some(keyboards::consult_handled(lang, request.id)))
    })
    .await
}

fn admin_request(r: &Request, who: &str, score: &str) -> Msg {
    Msg::AdminConsultRequest {
        id: r.id,
        name: who.to_owned(),
        user_id: r.user_id,
        enterprise: r.enterprise.clone(),
        phone: r.phone.clone(),
        need: r.need.clone(),
        score: score.to_owned(),
    }
}

/// An admin tapped "handled": recorded once; the person is told in their language.
async fn handled(turn: &Turn<'_>, origin: Option<&MaybeInaccessibleMessage>, id: i64) -> HandlerResult {
    let (bot, ctx, app) = (turn.bot, turn.ctx, turn.app);
    // The notification's only button goes; `/assessments` keeps its other buttons.
    let single = origin
        .and_then(MaybeInaccessibleMessage::regular_message)
        .and_then(Message::reply_markup)
        .is_some_and(|k| k.inline_keyboard.iter().flatten().count() == 1);
    if single {
        drop_keyboard(bot, origin).await;
    }
    let Some(request) = services::assessment::mark_handled(&app.pool, id, ctx.sender.user_id, Utc::now()).await? else {
        send(bot, ctx.chat(), ctx.lang, &Msg::AdminConsultAlready { id }, None).await?;
        return Ok(());
    };
    send(bot, ctx.chat(), ctx.lang, &Msg::AdminConsultHandled { id }, None).await?;
    let lang = services::users::language_of_chat(&app.pool, request.user_id).await?;
    let notice = Msg::ConsultHandledNotice { id };
    if let Err(e) = send(&bot.at(Priority::Notify), ChatId(request.user_id), lang, &notice, None).await {
        tracing::warn!(request_id = id, error = %e, "cannot tell a person their request was handled");
    }
    Ok(())
}

/// "+10", "−5" or "±0".
fn signed(change: i16) -> String {
    match change {
        0 => "±0".to_owned(),
        c if c > 0 => format!("+{c}"),
        c => format!("−{}", c.unsigned_abs()),
    }
}

fn score_cell(v: Option<u8>) -> String {
    v.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

fn group(lang: Lang, name: String, a: &services::assessment::Averages) -> String {
    render(
        lang,
        &Msg::AdminAssessGroup {
            name,
            count: a.count,
            overall: i64::from(a.overall),
            housekeeping: score_cell(a.areas[0]),
            energy: score_cell(a.areas[1]),
            water: score_cell(a.areas[2]),
            materials: score_cell(a.areas[3]),
            people: score_cell(a.areas[4]),
        },
    )
}

/// `/assessments`: the chart of the averages, then the figures, gaps and open requests, with
/// the export button.
pub async fn summary(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let (chat, lang) = (ctx.chat(), ctx.lang);
    let s = services::assessment::summary(&app.pool, Utc::now()).await?;
    let mut text = render(lang, &Msg::AdminAssessTitle { month: s.this_month, total: s.total, people: s.people });
    if s.total == 0 {
        text.push_str("\n\n");
        text.push_str(&render(lang, &Msg::AdminAssessNone));
    } else {
        let bars: Vec<Bar> = Area::ALL
            .iter()
            .map(|a| Bar { label: area_name(lang, *a), value: s.all.areas[a.index()], change: None })
            .collect();
        let title = render_plain(lang, &Msg::AdminAssessChartTitle { count: s.total });
        match chart::render(&title, &bars, &render_plain(lang, &Msg::AssessNotAsked)) {
            Ok(png) => {
                let caption = render(lang, &Msg::AdminAssessChartTitle { count: s.total });
                bot.send_photo_file(chat, InputFile::memory(png).file_name("sxsh.png"), caption, None).await?;
            }
            Err(e) => tracing::error!(error = %crate::bot::chain(&e), "cannot draw the centre's chart"),
        }
        text.push_str("\n\n");
        text.push_str(&group(lang, render_plain(lang, &Msg::AdminAssessAll), &s.all));
        text.push_str("\n\n");
        text.push_str(&render(lang, &Msg::AdminAssessBySector));
        for (sector, a) in &s.by_sector {
            let name = render_plain(lang, &Msg::AssessSectorName { sector: sector.code().to_owned() });
            text.push('\n');
            text.push_str(&group(lang, name, a));
        }
        if !s.by_area.is_empty() {
            text.push_str("\n\n");
            text.push_str(&render(lang, &Msg::AdminAssessByArea));
            for (name, a) in s.by_area.iter().take(15) {
                text.push('\n');
                text.push_str(&group(lang, name.clone(), a));
            }
        }
        if !s.gaps.is_empty() {
            text.push_str("\n\n");
            text.push_str(&render(lang, &Msg::AdminAssessGapsTitle));
            for (q, count) in &s.gaps {
                text.push('\n');
                let gap = Msg::AdminAssessGap { count: *count, text: q.text(lang == Lang::En).to_owned() };
                text.push_str(&render(lang, &gap));
            }
        }
    }
    text.push_str("\n\n");
    text.push_str(&render(lang, &Msg::AdminAssessRequestsTitle { count: to_i64(s.open_requests.len()) }));
    for r in s.open_requests.iter().take(MAX_LISTED) {
        let date = chrono::DateTime::from_timestamp(r.created_at, 0)
            .map(|d| d.with_timezone(&vn_zone()).format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let line = Msg::AdminAssessRequest {
            id: r.id,
            enterprise: r.enterprise.clone(),
            phone: r.phone.clone(),
            need: r.need.clone(),
            date,
        };
        text.push('\n');
        text.push_str(&render(lang, &line));
    }
    let listed: Vec<i64> = s.open_requests.iter().take(MAX_LISTED).map(|r| r.id).collect();
    send_rendered(bot, chat, &text, Some(keyboards::assess_summary(lang, &listed))).await?;
    Ok(())
}

/// Before `/deleteme` asks: what happens to the person's self-assessments and consultation
/// requests, when they have any.
pub async fn erase_note(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    if services::assessment::has_any(&app.pool, ctx.sender.user_id).await? {
        send(bot, ctx.chat(), ctx.lang, &Msg::DeletemeAssessments, None).await?;
    }
    Ok(())
}

/// Every result as an XLSX file, in the admin's language.
async fn export(turn: &Turn<'_>) -> HandlerResult {
    let (bot, ctx, app) = (turn.bot, turn.ctx, turn.app);
    let lang = ctx.lang;
    let header: Vec<String> = (1..=services::assessment::RESULT_COLUMNS)
        .map(|n| render_plain(lang, &Msg::AssessResultColumn { n: to_i64(n) }))
        .collect();
    let name = |s: Sector| render_plain(lang, &Msg::AssessSectorName { sector: s.code().to_owned() });
    let rows = services::assessment::results_table(&app.pool, header, name).await?;
    let count = to_i64(rows.len().saturating_sub(1));
    let bytes = match services::assessment::results_xlsx(&render_plain(lang, &Msg::AssessExportSheet), &rows) {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %crate::bot::chain(&e), "cannot build the results spreadsheet");
            send(bot, ctx.chat(), lang, &Msg::ErrorApology, None).await?;
            return Ok(());
        }
    };
    let file = InputFile::memory(bytes).file_name(render_plain(lang, &Msg::AssessExportFileName));
    bot.send_file(ctx.chat(), file, Some(render_plain(lang, &Msg::AssessExportCaption { count })), false).await?;
    Ok(())
}
