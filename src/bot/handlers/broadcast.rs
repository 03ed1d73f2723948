//! `/broadcast` for admins: the content (formatted text, a photo with caption, or a document),
//! the audience with its recipient count, an optional course Register button, a preview of
//! exactly what recipients will see, then send now or at a set time. Confirming writes the
//! broadcast and its deliveries in one transaction; the outbox worker sends them. The update
//! that confirmed is stored with the broadcast, so a double tap or a replay never makes two.
//! `/broadcasts` lists the recent ones with their figures.

use crate::telegram::Outbound;
use chrono::{DateTime, Utc};
use teloxide::prelude::*;
use teloxide::types::Update;
use teloxide::utils::render::RenderMessageTextHelper;

use super::common;
use crate::bot::callback::{BcAction, Callback};
use crate::bot::state::{BroadcastDraft, BroadcastStep, State};
use crate::bot::{keyboards, send, send_rendered, App, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::domain::broadcast::{parse_when, Audience, Content, ContentError, ContentKind, Sector, WhenError};
use crate::domain::course::vn_zone;
use crate::domain::lang::Lang;
use crate::i18n::{escape_html, render, render_plain, Msg};
use crate::services;
use crate::services::broadcasts::{Created, NewBroadcast};

async fn save(dialogue: &ChatDialogue, step: BroadcastStep, draft: BroadcastDraft) -> HandlerResult {
    dialogue.update(State::Broadcasting { step, draft }).await.map_err(BotError::Dialogue)
}

pub async fn begin(bot: &Outbound, ctx: &Ctx, dialogue: &ChatDialogue) -> HandlerResult {
    save(dialogue, BroadcastStep::Content, BroadcastDraft::default()).await?;
    send(bot, ctx.chat(), ctx.lang, &Msg::BroadcastAskContent, None).await?;
    Ok(())
}

/// The content of an admin's message, as Telegram HTML, with its visible text.
fn content_of(msg: &Message) -> Option<(Content, String)> {
    // Formatting the admin used is kept; plain text is escaped (teloxide's renderer passes
    // text without entities through as it is).
    if let Some(text) = msg.text() {
        let body = match msg.entities() {
            Some(e) if !e.is_empty() => msg.html_text().unwrap_or_else(|| escape_html(text)),
            _ => escape_html(text),
        };
        return Some((Content { kind: ContentKind::Text, body, file_id: None }, text.to_owned()));
    }
    let caption = msg.caption().unwrap_or_default().to_owned();
    let body = match msg.caption_entities() {
        Some(e) if !e.is_empty() => msg.html_caption().unwrap_or_else(|| escape_html(&caption)),
        _ => escape_html(&caption),
    };
    if let Some(sizes) = msg.photo() {
        let largest = sizes.iter().max_by_key(|p| u64::from(p.width) * u64::from(p.height))?;
        let file_id = Some(largest.file.id.0.clone());
        return Some((Content { kind: ContentKind::Photo, body, file_id }, caption));
    }
    if let Some(doc) = msg.document() {
        let file_id = Some(doc.file.id.0.clone());
        return Some((Content { kind: ContentKind::Document, body, file_id }, caption));
    }
    None
}

/// Messages while preparing a broadcast: the content, or the send time.
pub async fn receive(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    msg: Message,
    (step, mut draft): (BroadcastStep, BroadcastDraft),
) -> HandlerResult {
    match step {
        BroadcastStep::Content => {
            let Some((content, visible)) = content_of(&msg) else {
                send(&bot, ctx.chat(), ctx.lang, &Msg::BroadcastBadContent, None).await?;
                return Ok(());
            };
            match content.check(&visible) {
                Ok(()) => {
                    draft.content = Some(content);
                    save(&dialogue, BroadcastStep::Audience, draft.clone()).await?;
                    show_audience(&bot, &ctx, &app, &draft.audience).await
                }
                Err(ContentError::Empty) => {
                    send(&bot, ctx.chat(), ctx.lang, &Msg::BroadcastBadContent, None).await?;
                    Ok(())
                }
                Err(ContentError::TooLong { len, max }) => {
                    let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
                    let m = Msg::BroadcastTooLong { max: to_i64(max), len: to_i64(len) };
                    send(&bot, ctx.chat(), ctx.lang, &m, None).await?;
                    Ok(())
                }
            }
        }
        BroadcastStep::When => match parse_when(msg.text().unwrap_or_default(), Utc::now()) {
            Ok(at) => {
                draft.send_at = Some(at.timestamp());
                let count = services::broadcasts::count_audience(&app.pool, &app.config.areas, &draft.audience).await?;
                save(&dialogue, BroadcastStep::ConfirmScheduled, draft).await?;
                let m = Msg::BroadcastConfirmScheduled { count, when: local_time(at) };
                send(&bot, ctx.chat(), ctx.lang, &m, Some(keyboards::broadcast_confirm_scheduled(ctx.lang))).await?;
                Ok(())
            }
            Err(WhenError::Format) => {
                send(&bot, ctx.chat(), ctx.lang, &Msg::BroadcastBadWhen, None).await?;
                Ok(())
            }
            Err(WhenError::Past) => {
                send(&bot, ctx.chat(), ctx.lang, &Msg::BroadcastPastWhen, None).await?;
                Ok(())
            }
        },
        _ => {
            send(&bot, ctx.chat(), ctx.lang, &Msg::RegUseButtons, None).await?;
            Ok(())
        }
    }
}

fn local_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&vn_zone()).format("%d/%m/%Y %H:%M").to_string()
}

/// Words for an audience: "everyone", or its filters joined.
async fn describe(app: &App, lang: Lang, a: &Audience) -> Result<String, BotError> {
    if a.is_everyone() {
        return Ok(render_plain(lang, &Msg::AudienceEveryone));
    }
    let mut parts = Vec::new();
    if let Some(s) = a.sector {
        let name = render_plain(lang, &Msg::SectorName { sector: s.code().to_owned() });
        parts.push(render_plain(lang, &Msg::AudienceSector { sector: name }));
    }
    let areas = &app.config.areas;
    if let Some(unit) = &a.area {
        parts.push(render_plain(lang, &Msg::AudienceArea { area: common::area_text(lang, areas, unit) }));
    }
    if let Some(former) = &a.former_district {
        let group = match areas.former(former).and_then(|g| areas.group(g)) {
            Some(g) => common::group_text(lang, g),
            None => former.clone(),
        };
        parts.push(render_plain(lang, &Msg::AudienceGroup { group }));
    }
    if let Some(c) = a.course {
        let title = services::courses::title(&app.pool, c).await?;
        parts.push(render_plain(lang, &Msg::AudienceCourse { title }));
    }
    Ok(parts.join(" + "))
}

async fn show_audience(bot: &Outbound, ctx: &Ctx, app: &App, a: &Audience) -> HandlerResult {
    let count = services::broadcasts::count_audience(&app.pool, &app.config.areas, a).await?;
    let audience = describe(app, ctx.lang, a).await?;
    let m = Msg::BroadcastAudience { audience, count };
    send(bot, ctx.chat(), ctx.lang, &m, Some(keyboards::broadcast_audience(ctx.lang))).await?;
    Ok(())
}

/// A button inside /broadcast.
pub async fn action(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    update: &Update,
    state: State,
    action: BcAction,
) -> HandlerResult {
    let State::Broadcasting { step, mut draft } = state else { return Ok(()) };
    let lang = ctx.lang;
    match (step, action) {
        (_, BcAction::Cancel) => super::dialogue::cancel(bot, ctx, dialogue).await,
        (BroadcastStep::Audience, BcAction::Everyone) => {
            draft.audience = Audience::default();
            save(dialogue, step, draft.clone()).await?;
            show_audience(bot, ctx, app, &draft.audience).await
        }
        (BroadcastStep::Audience, BcAction::BySector) => {
            let k = keyboards::sectors(lang, |i| Callback::Bc(BcAction::Sector(i)), None);
            send(bot, ctx.chat(), lang, &Msg::BroadcastPickSector, Some(k)).await?;
            Ok(())
        }
        // The former districts, then all of one or one of its units; a list without former
        // districts shows its units at once.
        (BroadcastStep::Audience, BcAction::ByDistrict | BcAction::District(_)) => {
            let areas = &app.config.areas;
            if areas.groups().is_empty() {
                // Telegram takes about 100 buttons under one message; a longer list without
                // former districts is reached by its first 100.
                let all: Vec<usize> = (0..areas.len().min(100)).collect();
                let k = keyboards::areas(lang, areas, &all, |i| Callback::Bc(BcAction::Area(i)), vec![]);
                send(bot, ctx.chat(), lang, &Msg::BroadcastPickArea, Some(k)).await?;
            } else {
                let k = keyboards::area_groups(areas, |i| Callback::Bc(BcAction::Group(i)), vec![]);
                send(bot, ctx.chat(), lang, &Msg::BroadcastPickGroup, Some(k)).await?;
            }
            Ok(())
        }
        (BroadcastStep::Audience, BcAction::Group(g)) => {
            let areas = &app.config.areas;
            let Some(group) = areas.group(g) else {
                send(bot, ctx.chat(), lang, &Msg::RegUseButtons, None).await?;
                return Ok(());
            };
            let name = common::group_text(lang, group);
            let k = keyboards::broadcast_group(lang, areas, g, name.clone());
            send(bot, ctx.chat(), lang, &Msg::BroadcastPickInGroup { group: name }, Some(k)).await?;
            Ok(())
        }
        (BroadcastStep::Audience, BcAction::ByCourse) => {
            let courses = services::courses::current(&app.pool, Utc::now()).await?;
            if courses.is_empty() {
                send(bot, ctx.chat(), lang, &Msg::AdminCoursesNone, None).await?;
                return Ok(());
            }
            let k = keyboards::courses(&courses, |c| Callback::Bc(BcAction::Course(c)));
            send(bot, ctx.chat(), lang, &Msg::BroadcastPickCourse, Some(k)).await?;
            Ok(())
        }
        (BroadcastStep::Audience, BcAction::Sector(i)) => {
            draft.audience.sector = Sector::ALL.get(i).copied();
            save(dialogue, step, draft.clone()).await?;
            show_audience(bot, ctx, app, &draft.audience).await
        }
        (BroadcastStep::Audience, BcAction::WholeGroup(g)) => {
            draft.audience.former_district = app.config.areas.group(g).map(|g| g.full_name.clone());
            draft.audience.area = None;
            save(dialogue, step, draft.clone()).await?;
            show_audience(bot, ctx, app, &draft.audience).await
        }
        (BroadcastStep::Audience, BcAction::Area(i)) => {
            draft.audience.area = app.config.areas.get(i).map(|a| a.name.clone());
            draft.audience.former_district = None;
            save(dialogue, step, draft.clone()).await?;
            show_audience(bot, ctx, app, &draft.audience).await
        }
        (BroadcastStep::Audience, BcAction::Course(c)) => {
            draft.audience.course = Some(c);
            save(dialogue, step, draft.clone()).await?;
            show_audience(bot, ctx, app, &draft.audience).await
        }
        (BroadcastStep::Audience, BcAction::Continue) => {
            if services::broadcasts::count_audience(&app.pool, &app.config.areas, &draft.audience).await? == 0 {
                send(bot, ctx.chat(), lang, &Msg::BroadcastNoRecipients, None).await?;
                return show_audience(bot, ctx, app, &draft.audience).await;
            }
            save(dialogue, BroadcastStep::Button, draft).await?;
            let today = crate::domain::course::vn_today(Utc::now());
            let open: Vec<_> = services::courses::upcoming(&app.pool, Utc::now())
                .await?
                .into_iter()
                .filter(|c| c.registration(today).is_ok())
                .collect();
            send(bot, ctx.chat(), lang, &Msg::BroadcastAskButton, Some(keyboards::broadcast_button(lang, &open)))
                .await?;
            Ok(())
        }
        (BroadcastStep::Button, BcAction::NoButton | BcAction::Button(_)) => {
            draft.course_button = match action {
                BcAction::Button(c) => Some(c),
                _ => None,
            };
            save(dialogue, BroadcastStep::Confirm, draft.clone()).await?;
            preview(bot, ctx, app, &draft).await
        }
        (BroadcastStep::Confirm, BcAction::Now) => submit(bot, ctx, app, dialogue, update, draft, Utc::now()).await,
        (BroadcastStep::Confirm, BcAction::Schedule) => {
            save(dialogue, BroadcastStep::When, draft).await?;
            send(bot, ctx.chat(), lang, &Msg::BroadcastAskWhen, None).await?;
            Ok(())
        }
        (BroadcastStep::ConfirmScheduled, BcAction::Confirm) => {
            let at = draft.send_at.and_then(|s| DateTime::from_timestamp(s, 0)).unwrap_or_else(Utc::now);
            submit(bot, ctx, app, dialogue, update, draft, at).await
        }
        // A button from an earlier step.
        _ => {
            send(bot, ctx.chat(), lang, &Msg::RegUseButtons, None).await?;
            Ok(())
        }
    }
}

/// Shows the admin exactly what recipients will get, then the count and the choices.
async fn preview(bot: &Outbound, ctx: &Ctx, app: &App, draft: &BroadcastDraft) -> HandlerResult {
    let Some(content) = &draft.content else {
        send(bot, ctx.chat(), ctx.lang, &Msg::RegUseButtons, None).await?;
        return Ok(());
    };
    send(bot, ctx.chat(), ctx.lang, &Msg::BroadcastPreviewTitle, None).await?;
    let keyboard = draft.course_button.map(|c| keyboards::register_only(ctx.lang, c));
    crate::worker::outbox::send_content(bot, ctx.chat(), content, keyboard, false).await?;
    let count = services::broadcasts::count_audience(&app.pool, &app.config.areas, &draft.audience).await?;
    send(bot, ctx.chat(), ctx.lang, &Msg::BroadcastConfirm { count }, Some(keyboards::broadcast_confirm(ctx.lang)))
        .await?;
    Ok(())
}

async fn submit(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    update: &Update,
    draft: BroadcastDraft,
    at: DateTime<Utc>,
) -> HandlerResult {
    let Some(content) = draft.content else {
        return begin(bot, ctx, dialogue).await;
    };
    let new = NewBroadcast {
        created_by: ctx.sender.user_id,
        admin_chat: ctx.chat().0,
        content,
        audience: draft.audience.clone(),
        course_button: draft.course_button,
        send_at: at,
        confirm_update: Some(i64::from(update.id.0)),
    };
    let created = services::broadcasts::create(&app.pool, &app.config.areas, &new, Utc::now()).await?;
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    let (id, count, new) = match created {
        Created::New { id, recipients } => (id, i64::try_from(recipients).unwrap_or(i64::MAX), true),
        Created::Again { id } => {
            tracing::info!(broadcast_id = id, "a repeated confirmation; no second broadcast");
            let p = services::broadcasts::progress(&app.pool, id).await?;
            (id, p.total(), false)
        }
    };
    if at > Utc::now() {
        send(bot, ctx.chat(), ctx.lang, &Msg::BroadcastScheduled { id, count, when: local_time(at) }, None).await?;
    } else {
        send(bot, ctx.chat(), ctx.lang, &Msg::BroadcastQueued { id, count }, None).await?;
        // The progress message of a repeated confirmation exists already.
        if new {
            crate::worker::outbox::show_progress(bot, &app.pool, id, app.config.broadcast_rate).await?;
        }
    }
    Ok(())
}

/// Stop a running (or scheduled) broadcast.
pub async fn stop(bot: &Outbound, app: &App, id: i64) -> HandlerResult {
    services::broadcasts::cancel(&app.pool, id, Utc::now().timestamp()).await?;
    crate::worker::outbox::show_progress(bot, &app.pool, id, app.config.broadcast_rate).await?;
    Ok(())
}

/// `/broadcasts`: the recent ones with their figures.
pub async fn list(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let recent = services::broadcasts::recent(&app.pool, 10).await?;
    if recent.is_empty() {
        send(bot, ctx.chat(), ctx.lang, &Msg::BroadcastsNone, None).await?;
        return Ok(());
    }
    let mut text = render(ctx.lang, &Msg::BroadcastsTitle);
    for (b, p) in recent {
        let when = DateTime::from_timestamp(b.send_at, 0).map(local_time).unwrap_or_default();
        let status = render_plain(ctx.lang, &Msg::BroadcastStatus { status: b.status.code().to_owned() });
        text.push('\n');
        text.push_str(&render(
            ctx.lang,
            &Msg::BroadcastsLine { id: b.id, sent: p.sent, total: p.total(), status, when },
        ));
    }
    send_rendered(bot, ctx.chat(), &text, None).await?;
    Ok(())
}
