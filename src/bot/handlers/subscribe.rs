//! Subscriptions: `/subscribe` in one tap (no form first), then an optional profile by
//! buttons — sector, district, enterprise name — each skippable; `/profile` to change it;
//! `/unsubscribe`. A user who blocks the bot stops receiving (their `users.blocked` flag).

use crate::telegram::Outbound;
use chrono::Utc;
use teloxide::prelude::*;

use crate::bot::state::{ProfileStep, State};
use crate::bot::{keyboards, send, App, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::domain::broadcast::Sector;
use crate::domain::course::clean_text;
use crate::domain::registration::MAX_ENTERPRISE;
use crate::i18n::{render_plain, Msg};
use crate::services::broadcasts::{self, Profile};

pub async fn subscribe(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let already = broadcasts::subscribe(&app.pool, ctx.sender.user_id, Utc::now().timestamp()).await?;
    if already {
        send(bot, ctx.chat(), ctx.lang, &Msg::SubscribeAlready, None).await?;
        return Ok(());
    }
    tracing::info!(user_id = ctx.sender.user_id, "subscribed");
    send(bot, ctx.chat(), ctx.lang, &Msg::SubscribeDone, None).await?;
    send(bot, ctx.chat(), ctx.lang, &Msg::SubscribeProfileOffer, Some(keyboards::profile_offer(ctx.lang))).await?;
    Ok(())
}

pub async fn unsubscribe(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let was = broadcasts::unsubscribe(&app.pool, ctx.sender.user_id, Utc::now().timestamp()).await?;
    let msg = if was { Msg::UnsubscribeDone } else { Msg::UnsubscribeNotSubscribed };
    send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
    Ok(())
}

/// `/profile` and the "choose sector and area" button: the sector question.
pub async fn begin(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue) -> HandlerResult {
    let active = broadcasts::profile(&app.pool, ctx.sender.user_id).await?.is_some_and(|p| p.active);
    if !active {
        send(bot, ctx.chat(), ctx.lang, &Msg::ProfileNotSubscribed, None).await?;
        return Ok(());
    }
    let state = State::Profile { step: ProfileStep::Sector, sector: None, district: None };
    dialogue.update(state).await.map_err(BotError::Dialogue)?;
    ask_sector(bot, ctx).await
}

async fn ask_sector(bot: &Outbound, ctx: &Ctx) -> HandlerResult {
    let keyboard = keyboards::sectors(
        ctx.lang,
        crate::bot::callback::Callback::ProfileSector,
        Some(keyboards::profile_skip_button(ctx.lang)),
    );
    send(bot, ctx.chat(), ctx.lang, &Msg::ProfileAskSector, Some(keyboard)).await?;
    Ok(())
}

async fn ask_district(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let keyboard = keyboards::districts(
        &app.config.districts,
        crate::bot::callback::Callback::ProfileDistrict,
        Some(keyboards::profile_skip_button(ctx.lang)),
    );
    send(bot, ctx.chat(), ctx.lang, &Msg::ProfileAskDistrict, Some(keyboard)).await?;
    Ok(())
}

/// A sector (by index), a district (by index) or a skip, in the step it belongs to.
pub async fn choose(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    state: State,
    sector: Option<usize>,
    district: Option<usize>,
) -> HandlerResult {
    let State::Profile { step, sector: chosen_sector, district: chosen_district } = state else {
        return Ok(());
    };
    match step {
        ProfileStep::Sector => {
            let code = sector.and_then(|i| Sector::ALL.get(i)).map(|s| s.code().to_owned());
            let next = State::Profile { step: ProfileStep::District, sector: code, district: None };
            dialogue.update(next).await.map_err(BotError::Dialogue)?;
            ask_district(bot, ctx, app).await
        }
        ProfileStep::District => {
            let name = district.and_then(|i| app.config.districts.get(i)).cloned();
            let next = State::Profile { step: ProfileStep::Enterprise, sector: chosen_sector, district: name };
            dialogue.update(next).await.map_err(BotError::Dialogue)?;
            send(bot, ctx.chat(), ctx.lang, &Msg::ProfileAskEnterprise, Some(keyboards::profile_skip(ctx.lang)))
                .await?;
            Ok(())
        }
        // Skip at the last step: save without a name.
        ProfileStep::Enterprise => save(bot, ctx, app, dialogue, chosen_sector, chosen_district, None).await,
    }
}

/// Text while filling in the profile: the enterprise name (buttons are asked again).
pub async fn receive(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    msg: Message,
    state: State,
) -> HandlerResult {
    let State::Profile { step, sector, district } = state else { return Ok(()) };
    match step {
        ProfileStep::Sector => ask_sector(&bot, &ctx).await,
        ProfileStep::District => ask_district(&bot, &ctx, &app).await,
        ProfileStep::Enterprise => match clean_text(msg.text().unwrap_or_default(), MAX_ENTERPRISE, false) {
            Ok(name) => save(&bot, &ctx, &app, &dialogue, sector, district, Some(name)).await,
            Err(e) => {
                send(&bot, ctx.chat(), ctx.lang, &super::common::text_error(&e), None).await?;
                Ok(())
            }
        },
    }
}

async fn save(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    sector: Option<String>,
    district: Option<String>,
    enterprise: Option<String>,
) -> HandlerResult {
    let profile = Profile {
        active: true,
        sector: sector.as_deref().and_then(Sector::from_code),
        district: district.clone(),
        enterprise: enterprise.clone(),
    };
    broadcasts::set_profile(&app.pool, ctx.sender.user_id, &profile, Utc::now().timestamp()).await?;
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    let none = || render_plain(ctx.lang, &Msg::RegNotGiven);
    let sector_name = profile.sector.map(|s| render_plain(ctx.lang, &Msg::SectorName { sector: s.code().to_owned() }));
    let msg = Msg::ProfileSaved {
        sector: sector_name.unwrap_or_else(none),
        district: district.unwrap_or_else(none),
        enterprise: enterprise.unwrap_or_else(none),
    };
    send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
    Ok(())
}
