//! The registration dialogue: consent (first time only), "same details as last time?",
//! then one question per message — enterprise, contact person, position, phone (typed or
//! shared), e-mail (skippable), attendees and their names, tax code (skippable) — and a
//! summary to confirm. Every answer is parsed into its domain type; a bad one gets a specific
//! message and the same question again. The state is stored after every step, so the
//! dialogue continues after a restart.

use crate::telegram::Outbound;
use chrono::Utc;
use teloxide::prelude::*;
use teloxide::types::Update;

use super::common::{text_error, Turn};
use crate::bot::callback::RegAction;
use crate::bot::state::{RegForm, RegStep, State};
use crate::bot::{keyboards, send, send_markup, App, BotError, ChatDialogue, Ctx, HandlerResult};
use crate::domain::course::{vn_today, Closed, Course};
use crate::domain::registration::RegistrationStatus;
use crate::domain::registration::{
    parse_count, parse_names, CountError, Details, Email, NameError, NamesError, PersonName, Phone, RegistrationCode,
    TaxCode, TaxCodeError, MAX_ENTERPRISE, MAX_POSITION,
};
use crate::i18n::Msg;
use crate::services;
use crate::services::registrations::{NewRegistration, RegisterError, Registered, UpdateError};

/// What the user hears when a course does not take registrations.
fn refusal(e: &RegisterError, course: Option<&Course>) -> Option<Msg> {
    Some(match e {
        RegisterError::NoCourse(_) => Msg::RegNoCourse,
        RegisterError::Closed(Closed::DeadlinePassed) => {
            Msg::RegClosedDeadline { deadline: course.map(|c| c.fields.deadline.to_string()).unwrap_or_default() }
        }
        RegisterError::Closed(Closed::ClosedByCentre) => Msg::RegClosedCentre,
        RegisterError::Closed(Closed::Cancelled) => Msg::RegClosedCancelled,
        _ => return None,
    })
}

async fn save(dialogue: &ChatDialogue, course_id: i64, step: RegStep, form: RegForm) -> HandlerResult {
    dialogue.update(State::Registering { course_id, step, form }).await.map_err(BotError::Dialogue)
}

/// Starts registering `ctx`'s user for a course, if it takes registrations.
pub async fn begin(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue, course_id: i64) -> HandlerResult {
    let user = ctx.sender.user_id;
    match services::registrations::can_register(&app.pool, course_id, user, Utc::now()).await {
        Ok(_) => {}
        Err(RegisterError::AlreadyRegistered { id }) => return already(bot, ctx, app, id).await,
        Err(RegisterError::Service(e)) => return Err(e.into()),
        Err(e) => {
            let course = services::courses::get(&app.pool, course_id).await?;
            if let Some(msg) = refusal(&e, course.as_ref()) {
                send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
            }
            return Ok(());
        }
    }
    if !services::registrations::has_consent(&app.pool, user).await? {
        save(dialogue, course_id, RegStep::Consent, RegForm::default()).await?;
        send(bot, ctx.chat(), ctx.lang, &Msg::RegConsent, Some(keyboards::consent(ctx.lang))).await?;
        return Ok(());
    }
    after_consent(bot, ctx, app, dialogue, course_id).await
}

async fn already(bot: &Outbound, ctx: &Ctx, app: &App, id: i64) -> HandlerResult {
    let reg = services::registrations::get(&app.pool, id).await?;
    let title = match &reg {
        Some(r) => services::courses::title(&app.pool, r.course_id).await?,
        None => String::new(),
    };
    let msg = Msg::RegAlready { code: RegistrationCode::from_id(id).to_string(), title };
    send(bot, ctx.chat(), ctx.lang, &msg, Some(keyboards::already_registered(ctx.lang, id))).await?;
    Ok(())
}

/// "Change my registration": the same dialogue, starting from the registration's details.
pub async fn begin_edit(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue, id: i64) -> HandlerResult {
    let reg = services::registrations::get(&app.pool, id)
        .await?
        .filter(|r| r.user_id == ctx.sender.user_id && r.status != RegistrationStatus::Cancelled);
    let Some(reg) = reg else {
        send(bot, ctx.chat(), ctx.lang, &Msg::CancelNotFound, None).await?;
        return Ok(());
    };
    let course = services::courses::get(&app.pool, reg.course_id).await?;
    if let Some(c) = &course {
        if let Err(closed) = c.registration(vn_today(Utc::now())) {
            if let Some(msg) = refusal(&RegisterError::Closed(closed), Some(c)) {
                send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
            }
            return Ok(());
        }
    }
    let form = RegForm { editing: Some(id), ..RegForm::default() };
    save(dialogue, reg.course_id, RegStep::Reuse, form).await?;
    let d = reg.details;
    let msg = Msg::RegReuse { enterprise: d.enterprise, contact: d.contact, position: d.position, phone: d.phone };
    send(bot, ctx.chat(), ctx.lang, &msg, Some(keyboards::reuse(ctx.lang))).await?;
    Ok(())
}

/// Offers the last registration's details, or asks the first question.
async fn after_consent(bot: &Outbound, ctx: &Ctx, app: &App, dialogue: &ChatDialogue, course_id: i64) -> HandlerResult {
    if let Some(d) = services::registrations::latest_details(&app.pool, ctx.sender.user_id).await? {
        save(dialogue, course_id, RegStep::Reuse, RegForm::default()).await?;
        let msg = Msg::RegReuse { enterprise: d.enterprise, contact: d.contact, position: d.position, phone: d.phone };
        send(bot, ctx.chat(), ctx.lang, &msg, Some(keyboards::reuse(ctx.lang))).await?;
        return Ok(());
    }
    go(bot, ctx, app, dialogue, course_id, RegStep::Enterprise, RegForm::default()).await
}

/// Stores the step and asks its question.
async fn go(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    course_id: i64,
    step: RegStep,
    form: RegForm,
) -> HandlerResult {
    save(dialogue, course_id, step, form.clone()).await?;
    ask(bot, ctx, app, course_id, step, &form).await
}

/// Asks the question of `step` (again, after a bad answer).
async fn ask(bot: &Outbound, ctx: &Ctx, app: &App, course_id: i64, step: RegStep, form: &RegForm) -> HandlerResult {
    let (chat, lang) = (ctx.chat(), ctx.lang);
    match step {
        RegStep::Consent => {
            send(bot, chat, lang, &Msg::RegConsent, Some(keyboards::consent(lang))).await?;
        }
        RegStep::Reuse | RegStep::Confirm => {
            send(bot, chat, lang, &Msg::RegUseButtons, None).await?;
        }
        RegStep::Enterprise => {
            let title = services::courses::title(&app.pool, course_id).await?;
            send(bot, chat, lang, &Msg::RegAskEnterprise { title }, None).await?;
        }
        RegStep::Contact => {
            send(bot, chat, lang, &Msg::RegAskContact, None).await?;
        }
        RegStep::Position => {
            send(bot, chat, lang, &Msg::RegAskPosition, None).await?;
        }
        RegStep::Phone => {
            send_markup(bot, chat, lang, &Msg::RegAskPhone, keyboards::share_phone(lang)).await?;
        }
        RegStep::Email => {
            send(bot, chat, lang, &Msg::RegAskEmail, Some(keyboards::reg_skip(lang))).await?;
        }
        RegStep::Count => {
            let max = services::registrations::max_attendees(&app.pool, course_id, form.editing).await?;
            send(bot, chat, lang, &Msg::RegAskCount { max: i64::from(max) }, Some(keyboards::count(max))).await?;
        }
        RegStep::Names => {
            let count = form.count.unwrap_or(1);
            if count == 1 {
                let keyboard = form.contact.as_ref().map(|c| keyboards::myself(c.as_str()));
                send(bot, chat, lang, &Msg::RegAskNameOne, keyboard).await?;
            } else {
                send(bot, chat, lang, &Msg::RegAskNames { count: i64::from(count) }, None).await?;
            }
        }
        RegStep::TaxCode => {
            send(bot, chat, lang, &Msg::RegAskTax, Some(keyboards::reg_skip(lang))).await?;
        }
    }
    Ok(())
}

/// The step after `step`; reused details skip straight from the attendees to the summary.
fn next(step: RegStep, form: &RegForm) -> RegStep {
    match step {
        RegStep::Consent => RegStep::Reuse,
        RegStep::Reuse => RegStep::Enterprise,
        RegStep::Enterprise => RegStep::Contact,
        RegStep::Contact => RegStep::Position,
        RegStep::Position => RegStep::Phone,
        RegStep::Phone => RegStep::Email,
        RegStep::Email => RegStep::Count,
        RegStep::Count => RegStep::Names,
        RegStep::Names if form.reused => RegStep::Confirm,
        RegStep::Names => RegStep::TaxCode,
        RegStep::TaxCode | RegStep::Confirm => RegStep::Confirm,
    }
}

/// Moves on from `step`: the next question, or the summary.
async fn advance(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    course_id: i64,
    step: RegStep,
    form: RegForm,
) -> HandlerResult {
    match next(step, &form) {
        RegStep::Confirm => summary(bot, ctx, app, dialogue, course_id, form).await,
        n => go(bot, ctx, app, dialogue, course_id, n, form).await,
    }
}

fn name_error(e: &NameError) -> Msg {
    match e {
        NameError::Text(t) => text_error(t),
        NameError::NotAName => Msg::RegBadName,
    }
}

/// A text (or a shared contact) while registering: routed by the state's shape, which hands
/// over the course, the step and the form.
pub async fn receive(
    bot: Outbound,
    ctx: Ctx,
    app: App,
    dialogue: ChatDialogue,
    msg: Message,
    (course_id, step, mut form): (i64, RegStep, RegForm),
) -> HandlerResult {
    let text = msg.text().unwrap_or_default();
    let rejected: Msg = match step {
        RegStep::Enterprise => match crate::domain::course::clean_text(text, MAX_ENTERPRISE, false) {
            Ok(v) => {
                form.enterprise = Some(v);
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(e) => text_error(&e),
        },
        RegStep::Contact => match PersonName::parse(text) {
            Ok(v) => {
                form.contact = Some(v);
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(e) => name_error(&e),
        },
        RegStep::Position => match crate::domain::course::clean_text(text, MAX_POSITION, false) {
            Ok(v) => {
                form.position = Some(v);
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(e) => text_error(&e),
        },
        RegStep::Phone => match super::common::phone_answer(&msg, ctx.sender.user_id, text) {
            Ok(phone) => {
                // Take the share-phone keyboard away before the next question.
                let saved = Msg::RegPhoneSaved { phone: phone.to_string() };
                send_markup(&bot, ctx.chat(), ctx.lang, &saved, keyboards::remove_reply_keyboard()).await?;
                form.phone = Some(phone);
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(refused) => refused.message(),
        },
        RegStep::Email => match Email::parse(text) {
            Ok(v) => {
                form.email = Some(v);
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(_) => Msg::RegBadEmail,
        },
        RegStep::Count => {
            let max = services::registrations::max_attendees(&app.pool, course_id, form.editing).await?;
            match parse_count(text, max) {
                Ok(n) => {
                    form.count = Some(n);
                    return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
                }
                Err(CountError::NotANumber | CountError::OutOfRange { .. }) => Msg::RegBadCount { max: i64::from(max) },
            }
        }
        RegStep::Names => match parse_names(text, form.count.unwrap_or(1)) {
            Ok(names) => {
                form.names = names;
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(NamesError::WrongCount { expected, got }) if expected == 1 && got == 1 => Msg::RegBadName,
            Err(NamesError::WrongCount { expected, got }) => {
                Msg::RegBadNamesCount { expected: i64::from(expected), got: i64::from(got) }
            }
            Err(NamesError::NotAName { .. }) if form.count == Some(1) => Msg::RegBadName,
            Err(NamesError::NotAName { line }) => Msg::RegBadNamesLine { line: i64::from(line) },
        },
        RegStep::TaxCode => match TaxCode::parse(text) {
            Ok(v) => {
                form.tax_code = Some(v);
                return advance(&bot, &ctx, &app, &dialogue, course_id, step, form).await;
            }
            Err(TaxCodeError::Length) => Msg::RegBadTaxLength,
            Err(TaxCodeError::CheckDigit) => Msg::RegBadTaxCheck,
        },
        RegStep::Consent | RegStep::Reuse | RegStep::Confirm => Msg::RegUseButtons,
    };
    send(&bot, ctx.chat(), ctx.lang, &rejected, None).await?;
    if !matches!(step, RegStep::Consent | RegStep::Reuse | RegStep::Confirm) {
        ask(&bot, &ctx, &app, course_id, step, &form).await?;
    }
    Ok(())
}

/// The summary with Confirm / Cancel.
async fn summary(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    course_id: i64,
    form: RegForm,
) -> HandlerResult {
    let Some(course) = services::courses::get(&app.pool, course_id).await? else {
        dialogue.reset().await.map_err(BotError::Dialogue)?;
        send(bot, ctx.chat(), ctx.lang, &Msg::RegNoCourse, None).await?;
        return Ok(());
    };
    save(dialogue, course_id, RegStep::Confirm, form.clone()).await?;
    let none = || crate::i18n::render_plain(ctx.lang, &Msg::RegNotGiven);
    let names: Vec<String> = form.names.iter().map(|n| format!("• {n}")).collect();
    let count = u32::try_from(form.names.len()).unwrap_or(u32::MAX);
    let mut text = crate::i18n::render(
        ctx.lang,
        &Msg::RegSummary {
            title: course.fields.title.clone(),
            starts: course.fields.starts.to_string(),
            location: course.fields.location.clone(),
            enterprise: form.enterprise.clone().unwrap_or_default(),
            tax: form.tax_code.as_ref().map_or_else(none, TaxCode::to_string),
            contact: form.contact.as_ref().map(PersonName::to_string).unwrap_or_default(),
            position: form.position.clone().unwrap_or_default(),
            phone: form.phone.as_ref().map(Phone::to_string).unwrap_or_default(),
            email: form.email.as_ref().map_or_else(none, Email::to_string),
            names: names.join("\n"),
            count: i64::from(count),
        },
    );
    if form.editing.is_none() && !course.confirms(count) {
        text.push_str("\n\n");
        text.push_str(&crate::i18n::render(ctx.lang, &Msg::RegSummaryWaitlist));
    }
    crate::bot::send_rendered(bot, ctx.chat(), &text, Some(keyboards::reg_confirm(ctx.lang))).await?;
    Ok(())
}

/// A button inside the registration dialogue.
pub async fn action(
    turn: &Turn<'_>,
    update: &Update,
    course_id: i64,
    step: RegStep,
    mut form: RegForm,
    action: RegAction,
) -> HandlerResult {
    let Turn { bot, ctx, app, dialogue } = *turn;
    match (step, action) {
        (_, RegAction::Cancel) => super::dialogue::cancel(bot, ctx, dialogue).await,
        (RegStep::Consent, RegAction::Agree) => {
            services::registrations::record_consent(&app.pool, ctx.sender.user_id, Utc::now().timestamp()).await?;
            after_consent(bot, ctx, app, dialogue, course_id).await
        }
        (RegStep::Consent, RegAction::Disagree) => {
            dialogue.reset().await.map_err(BotError::Dialogue)?;
            send(bot, ctx.chat(), ctx.lang, &Msg::RegConsentDeclined, Some(keyboards::main_menu(ctx.lang))).await?;
            Ok(())
        }
        (RegStep::Reuse, RegAction::Reuse) => {
            let details = match form.editing {
                Some(id) => services::registrations::get(&app.pool, id).await?.map(|r| r.details),
                None => services::registrations::latest_details(&app.pool, ctx.sender.user_id).await?,
            };
            let Some(d) = details else {
                return go(bot, ctx, app, dialogue, course_id, RegStep::Enterprise, form).await;
            };
            form = RegForm {
                enterprise: Some(d.enterprise),
                contact: Some(PersonName::from_stored(&d.contact)),
                position: Some(d.position),
                phone: Some(Phone::from_stored(&d.phone)),
                email: d.email.as_deref().map(Email::from_stored),
                tax_code: d.tax_code.as_deref().map(TaxCode::from_stored),
                reused: true,
                editing: form.editing,
                ..RegForm::default()
            };
            go(bot, ctx, app, dialogue, course_id, RegStep::Count, form).await
        }
        (RegStep::Reuse, RegAction::Fresh) => go(bot, ctx, app, dialogue, course_id, RegStep::Enterprise, form).await,
        (RegStep::Email, RegAction::Skip) => {
            form.email = None;
            advance(bot, ctx, app, dialogue, course_id, step, form).await
        }
        (RegStep::TaxCode, RegAction::Skip) => {
            form.tax_code = None;
            advance(bot, ctx, app, dialogue, course_id, step, form).await
        }
        (RegStep::Count, RegAction::Count(n))
            if n >= 1 && n <= services::registrations::max_attendees(&app.pool, course_id, form.editing).await? =>
        {
            form.count = Some(n);
            advance(bot, ctx, app, dialogue, course_id, step, form).await
        }
        (RegStep::Names, RegAction::Myself) if form.count == Some(1) => {
            form.names = form.contact.clone().into_iter().collect();
            advance(bot, ctx, app, dialogue, course_id, step, form).await
        }
        (RegStep::Confirm, RegAction::Confirm) => confirm(bot, ctx, app, dialogue, update, course_id, form).await,
        // A button from an earlier question: ask the current one again.
        _ => ask(bot, ctx, app, course_id, step, &form).await,
    }
}

/// Stores the registration. A replay of the same update (after a crash) finds the stored
/// registration and shows its confirmation again instead of registering twice.
async fn confirm(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    update: &Update,
    course_id: i64,
    form: RegForm,
) -> HandlerResult {
    if let Some(id) = form.editing {
        return confirm_edit(bot, ctx, app, dialogue, course_id, id, form).await;
    }
    let new = NewRegistration {
        course_id,
        user_id: ctx.sender.user_id,
        details: details_of(&form),
        attendees: names_of(&form),
        update_id: Some(i64::from(update.id.0)),
    };
    let outcome = services::registrations::register(&app.pool, &new, Utc::now()).await;
    let registered = match outcome {
        Ok(r) => r,
        Err(RegisterError::Replayed { id }) => {
            tracing::info!(registration_id = id, "a replayed confirmation; nothing stored twice");
            replayed(app, id).await?
        }
        Err(RegisterError::AlreadyRegistered { id }) => {
            dialogue.reset().await.map_err(BotError::Dialogue)?;
            return already(bot, ctx, app, id).await;
        }
        Err(RegisterError::Service(e)) => return Err(e.into()),
        Err(e) => {
            dialogue.reset().await.map_err(BotError::Dialogue)?;
            let course = services::courses::get(&app.pool, course_id).await?;
            let msg = refusal(&e, course.as_ref()).unwrap_or(Msg::RegNoCourse);
            send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
            return Ok(());
        }
    };
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    let Some(course) = services::courses::get(&app.pool, course_id).await? else { return Ok(()) };
    let code = RegistrationCode::from_id(registered.id()).to_string();
    let msg = match registered {
        Registered::Confirmed { id } => {
            let seats = services::registrations::get(&app.pool, id).await?.map(|r| r.seats()).unwrap_or(0);
            Msg::RegConfirmed {
                code,
                title: course.fields.title.clone(),
                starts: course.fields.starts.to_string(),
                ends: course.fields.ends.to_string(),
                location: course.fields.location.clone(),
                count: i64::from(seats),
            }
        }
        Registered::Waitlisted { place, .. } => Msg::RegWaitlisted { code, title: course.fields.title.clone(), place },
    };
    send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
    Ok(())
}

/// The registrant's details as the dialogue collected them.
fn details_of(form: &RegForm) -> Details {
    Details {
        enterprise: form.enterprise.clone().unwrap_or_default(),
        contact: form.contact.as_ref().map(|c| c.as_str().to_owned()).unwrap_or_default(),
        position: form.position.clone().unwrap_or_default(),
        phone: form.phone.as_ref().map(|p| p.as_str().to_owned()).unwrap_or_default(),
        email: form.email.as_ref().map(|e| e.as_str().to_owned()),
        tax_code: form.tax_code.as_ref().map(|t| t.as_str().to_owned()),
    }
}

/// The attendees' names as the dialogue collected them.
fn names_of(form: &RegForm) -> Vec<String> {
    form.names.iter().map(|n| n.as_str().to_owned()).collect()
}

/// Saves the changes to an existing registration.
async fn confirm_edit(
    bot: &Outbound,
    ctx: &Ctx,
    app: &App,
    dialogue: &ChatDialogue,
    course_id: i64,
    id: i64,
    form: RegForm,
) -> HandlerResult {
    let details = details_of(&form);
    let names = names_of(&form);
    let result = services::registrations::update(&app.pool, id, ctx.sender.user_id, &details, &names, Utc::now()).await;
    dialogue.reset().await.map_err(BotError::Dialogue)?;
    let course = services::courses::get(&app.pool, course_id).await?;
    let msg = match result {
        Ok(promoted) => {
            super::courses::tell_promoted(bot, app, &promoted).await?;
            Msg::RegUpdated {
                code: RegistrationCode::from_id(id).to_string(),
                title: course.map(|c| c.fields.title).unwrap_or_default(),
            }
        }
        Err(UpdateError::NoSeats { max }) => Msg::RegNoSeats { max: i64::from(max) },
        Err(UpdateError::Closed(closed)) => {
            refusal(&RegisterError::Closed(closed), course.as_ref()).unwrap_or(Msg::RegClosedCentre)
        }
        Err(UpdateError::NotFound) => Msg::CancelNotFound,
        Err(UpdateError::Service(e)) => return Err(e.into()),
    };
    send(bot, ctx.chat(), ctx.lang, &msg, None).await?;
    Ok(())
}

/// The outcome of a registration stored by an earlier delivery of the same update.
async fn replayed(app: &App, id: i64) -> Result<Registered, BotError> {
    let reg = services::registrations::get(&app.pool, id).await?;
    Ok(match reg.map(|r| r.status) {
        Some(RegistrationStatus::Waitlisted) => {
            Registered::Waitlisted { id, place: services::registrations::waitlist_place(&app.pool, id).await? }
        }
        _ => Registered::Confirmed { id },
    })
}
