//! Subscriptions: `/subscribe` in one tap (no form first), then an optional profile — the
//! sector by buttons; the place, a commune or ward (typed as people type it and tapped among
//! the matches, or browsed by former district); the enterprise name — each skippable;
//! `/profile` to change it; `/unsubscribe`. A profile made before 1 July 2025 names a former
//! district: it is shown as such and kept until a unit is chosen, and its subscriber is
//! invited once to pick today's unit. A user who blocks the bot stops receiving (their
//! `users.blocked` flag).

use crate::telegram::Outbound;
use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

use super::common::{self, Turn};
use crate::bot::callback::Callback;
use crate::bot::state::{ProfileStep, State};
use crate::bot::{keyboards, send, App, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::domain::area::MAX_MATCHES;
use crate::domain::broadcast::Sector;
use crate::domain::course::clean_text;
use crate::domain::registration::MAX_ENTERPRISE;
use crate::i18n::{render_plain, Msg};
use crate::services::broadcasts::{self, Profile};

/// The longest piece of typed text repeated back when no place matches it.
const MAX_ECHO: usize = 60;

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

/// The subscriber's profile, or `None` (and they are told) when they are not subscribed.
async fn active_profile(bot: &Outbound, ctx: &Ctx, app: &App) -> Result<Option<Profile>, BotError> {
    match broadcasts::profile(&app.pool, ctx.sender.user_id).await? {
        Some(p) if p.active => Ok(Some(p)),
        _ => {
            send(bot, ctx.chat(), ctx.lang, &Msg::ProfileNotSubscribed, None).await?;
            Ok(None)
        }
    }
}

/// The former district a profile still names (no unit chosen yet).
fn former_of(p: &Profile) -> Option<String> {
    p.area.is_none().then(|| p.district.clone()).flatten()
}

/// `/profile` and the "choose sector and area" button: the sector question.
pub async fn begin(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue) -> HandlerResult {
    let Some(profile) = active_profile(bot, ctx, app).await? else { return Ok(()) };
    let state = State::Profile {
        step: ProfileStep::Sector,
        sector: None,
        district: former_of(&profile),
        area: None,
        place_only: false,
    };
    dialogue.update(state).await.map_err(BotError::Dialogue)?;
    ask_sector(bot, ctx).await
}

/// The invitation's button: only the place is asked; the sector and name stay as they are.
pub async fn begin_place(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue) -> HandlerResult {
    let Some(profile) = active_profile(bot, ctx, app).await? else { return Ok(()) };
    let former = former_of(&profile);
    let state = State::Profile {
        step: ProfileStep::District,
        sector: profile.sector,
        district: former.clone(),
        area: None,
        place_only: true,
    };
    dialogue.update(state).await.map_err(BotError::Dialogue)?;
    ask_place(bot, ctx, app, former.as_deref()).await
}

/// After a command: a subscriber whose profile still names a former district is invited,
/// once (the database records it), to pick today's commune or ward.
pub async fn invite_to_area(bot: &Outbound, ctx: &Ctx, app: &App) -> HandlerResult {
    let invited = broadcasts::take_area_invitation(&app.pool, ctx.sender.user_id, Utc::now().timestamp()).await?;
    if let Some(former) = invited {
        tracing::info!(user_id = ctx.sender.user_id, "invited to replace a former district");
        let msg = Msg::AreaInvite { former: common::former_text(ctx.lang, &app.config.areas, &former) };
        send(bot, ctx.chat(), ctx.lang, &msg, Some(keyboards::area_invite(ctx.lang))).await?;
    }
    Ok(())
}

async fn ask_sector(bot: &Outbound, ctx: &Ctx) -> HandlerResult {
    let keyboard =
        keyboards::sectors(ctx.lang, Callback::ProfileSector, Some(keyboards::profile_skip_button(ctx.lang)));
    send(bot, ctx.chat(), ctx.lang, &Msg::ProfileAskSector, Some(keyboard)).await?;
    Ok(())
}

/// "Which commune or ward?", saying which former district the profile names if it does
/// (which counts as the invitation to replace it).
async fn ask_place(bot: &Outbound, ctx: &Ctx, app: &App, former: Option<&str>) -> HandlerResult {
    let areas = &app.config.areas;
    let msg = match former {
        Some(name) => {
            broadcasts::take_area_invitation(&app.pool, ctx.sender.user_id, Utc::now().timestamp()).await?;
            Msg::ProfileAskAreaFormer { former: common::former_text(ctx.lang, areas, name) }
        }
        None => Msg::ProfileAskArea,
    };
    let keyboard = InlineKeyboardMarkup::new(keyboards::area_extra(ctx.lang, areas));
    send(bot, ctx.chat(), ctx.lang, &msg, Some(keyboard)).await?;
    Ok(())
}

async fn ask_enterprise(bot: &Outbound, ctx: &Ctx) -> HandlerResult {
    send(bot, ctx.chat(), ctx.lang, &Msg::ProfileAskEnterprise, Some(keyboards::profile_skip(ctx.lang))).await?;
    Ok(())
}

/// The question of a step again (a button from another step, or text where a tap is needed).
async fn ask(turn: &Turn<'_>, step: ProfileStep, form: &Form) -> HandlerResult {
    match step {
        ProfileStep::Sector => ask_sector(turn.bot, turn.ctx).await,
        ProfileStep::District => ask_place(turn.bot, turn.ctx, turn.app, form.district.as_deref()).await,
        ProfileStep::Enterprise => ask_enterprise(turn.bot, turn.ctx).await,
    }
}

/// What the profile dialogue knows so far.
struct Form {
    sector: Option<Sector>,
    district: Option<String>,
    area: Option<String>,
    place_only: bool,
}

impl Form {
    fn state(self, step: ProfileStep) -> State {
        State::Profile {
            step,
            sector: self.sector,
            district: self.district,
            area: self.area,
            place_only: self.place_only,
        }
    }
}

/// The fields of [`State::Profile`] as routing hands them over: step, sector, former
/// district, commune or ward, and whether only the place is asked.
type ProfileFields = (ProfileStep, Option<Sector>, Option<String>, Option<String>, bool);

fn form_of(state: State) -> Option<(ProfileStep, Form)> {
    match state {
        State::Profile { step, sector, district, area, place_only } => {
            Some((step, Form { sector, district, area, place_only }))
        }
        _ => None,
    }
}

/// A button of the profile dialogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tap {
    Sector(usize),
    /// A unit by its index in the area list.
    Area(usize),
    /// The former districts, or the units of one.
    Groups,
    Group(usize),
    Skip,
    /// A button from a menu made before the communes and wards.
    Stale,
}

/// A button tapped while filling in the profile, in the step it belongs to; a button of
/// another step (an older menu) asks the current question again.
pub async fn tap(turn: &Turn<'_>, state: State, tap: Tap) -> HandlerResult {
    let Some((step, mut form)) = form_of(state) else { return Ok(()) };
    let (ctx, app) = (turn.ctx, turn.app);
    let areas = &app.config.areas;
    match (step, tap) {
        (ProfileStep::Sector, Tap::Sector(_) | Tap::Skip) => {
            form.sector = match tap {
                Tap::Sector(i) => Sector::ALL.get(i).copied(),
                _ => None,
            };
            let former = form.district.clone();
            turn.dialogue.update(form.state(ProfileStep::District)).await.map_err(BotError::Dialogue)?;
            ask_place(turn.bot, ctx, app, former.as_deref()).await
        }
        (ProfileStep::District, Tap::Area(i)) => match areas.get(i) {
            Some(unit) => {
                form.area = Some(unit.name.clone());
                after_place(turn, form).await
            }
            None => ask(turn, step, &form).await,
        },
        (ProfileStep::District, Tap::Skip) => {
            form.area = None;
            after_place(turn, form).await
        }
        (ProfileStep::District, Tap::Groups) => {
            let extra = vec![vec![keyboards::profile_skip_button(ctx.lang)]];
            let keyboard = keyboards::area_groups(areas, Callback::ProfileAreaGroup, extra);
            send(turn.bot, ctx.chat(), ctx.lang, &Msg::ProfileAreaGroups, Some(keyboard)).await?;
            Ok(())
        }
        (ProfileStep::District, Tap::Group(g)) => match areas.group(g) {
            Some(group) => {
                let msg = Msg::ProfileAreaGroup { group: common::group_text(ctx.lang, group) };
                let extra = keyboards::area_group_extra(ctx.lang);
                let keyboard = keyboards::areas(ctx.lang, areas, group.members(), Callback::ProfileArea, extra);
                send(turn.bot, ctx.chat(), ctx.lang, &msg, Some(keyboard)).await?;
                Ok(())
            }
            None => ask(turn, step, &form).await,
        },
        // Skip at the last step: save without a name.
        (ProfileStep::Enterprise, Tap::Skip) => save(turn, form, None).await,
        (step, _) => ask(turn, step, &form).await,
    }
}

/// The place is chosen (or skipped): the enterprise question, or the end when only the place
/// was asked.
async fn after_place(turn: &Turn<'_>, form: Form) -> HandlerResult {
    if form.place_only {
        let enterprise = broadcasts::profile(&turn.app.pool, turn.ctx.sender.user_id).await?.and_then(|p| p.enterprise);
        return save(turn, form, enterprise).await;
    }
    turn.dialogue.update(form.state(ProfileStep::Enterprise)).await.map_err(BotError::Dialogue)?;
    ask_enterprise(turn.bot, turn.ctx).await
}

/// Text while filling in the profile: the place to look up, or the enterprise name (buttons
/// are asked again).
pub async fn receive(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    msg: Message,
    (step, sector, district, area, place_only): ProfileFields,
) -> HandlerResult {
    let form = Form { sector, district, area, place_only };
    let turn = Turn { bot: &bot, ctx: &ctx, app: &app, dialogue: &dialogue };
    match (step, msg.text()) {
        (ProfileStep::District, Some(text)) => matches(&turn, text).await,
        (ProfileStep::Enterprise, text) => match clean_text(text.unwrap_or_default(), MAX_ENTERPRISE, false) {
            Ok(name) => save(&turn, form, Some(name)).await,
            Err(e) => {
                send(&bot, ctx.chat(), ctx.lang, &common::text_error(&e), None).await?;
                Ok(())
            }
        },
        (step, _) => ask(&turn, step, &form).await,
    }
}

/// The units matching a typed place as buttons, or a polite "nothing matches".
async fn matches(turn: &Turn<'_>, text: &str) -> HandlerResult {
    let (ctx, areas) = (turn.ctx, &turn.app.config.areas);
    let found = areas.find(text);
    let extra = keyboards::area_extra(ctx.lang, areas);
    if found.units.is_empty() {
        let query: String = text.trim().chars().take(MAX_ECHO).collect();
        let keyboard = InlineKeyboardMarkup::new(extra);
        send(turn.bot, ctx.chat(), ctx.lang, &Msg::ProfileAreaNone { query }, Some(keyboard)).await?;
        return Ok(());
    }
    let shown = &found.units[..found.units.len().min(MAX_MATCHES)];
    let msg = if found.units.len() > shown.len() {
        Msg::ProfileAreaTooMany { shown: i64::try_from(shown.len()).unwrap_or(0) }
    } else if found.by_old_name {
        Msg::ProfileAreaMatchesOld { query: text.trim().chars().take(MAX_ECHO).collect() }
    } else {
        Msg::ProfileAreaMatches
    };
    let keyboard = keyboards::areas(ctx.lang, areas, shown, Callback::ProfileArea, extra);
    send(turn.bot, ctx.chat(), ctx.lang, &msg, Some(keyboard)).await?;
    Ok(())
}

/// Saves the profile. A chosen unit replaces the former district; without one the former
/// district stays.
async fn save(turn: &Turn<'_>, form: Form, enterprise: Option<String>) -> HandlerResult {
    let (ctx, app) = (turn.ctx, turn.app);
    let district = if form.area.is_some() { None } else { form.district };
    let profile = Profile { active: true, sector: form.sector, area: form.area, district, enterprise };
    broadcasts::set_profile(&app.pool, ctx.sender.user_id, &profile, Utc::now().timestamp()).await?;
    turn.dialogue.reset().await.map_err(BotError::Dialogue)?;
    let lang = ctx.lang;
    let none = || render_plain(lang, &Msg::RegNotGiven);
    let sector_name = profile.sector.map(|s| render_plain(lang, &Msg::SectorName { sector: s.code().to_owned() }));
    let place = match (&profile.area, &profile.district) {
        (Some(area), _) => common::area_text(lang, &app.config.areas, area),
        (None, Some(former)) => common::former_text(lang, &app.config.areas, former),
        (None, None) => none(),
    };
    let msg = Msg::ProfileSaved {
        sector: sector_name.unwrap_or_else(none),
        area: place,
        enterprise: profile.enterprise.unwrap_or_else(none),
    };
    send(turn.bot, ctx.chat(), lang, &msg, None).await?;
    Ok(())
}
