//! Background work with an explicit stop: the broadcast outbox ([`outbox`]), the day-before
//! reminders for confirmed registrants, the "registration closes tomorrow" nudge for people
//! who opened a course but did not register, forgetting updates handled over a day ago, and
//! the purge of long-finished courses' registrations ([`purge`]). Each reminder pass is one
//! function the tests
//! call with any `now`; the loop only paces it.
//!
//! A reminder is marked as sent right after Telegram accepts it, so a restart never sends it
//! again; only a crash in the instant between the send and the mark could repeat one.

pub mod outbox;
pub mod purge;

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use teloxide::prelude::*;
use teloxide::types::ReplyMarkup;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};
use crate::metrics::Metrics;
use crate::services::{self, ServiceError};
use crate::telegram::{keyboards, Outbound, Priority};

/// How often the reminder pass runs.
const PERIOD: Duration = Duration::from_secs(60);

/// The running background tasks.
pub struct Workers {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
    outbox: JoinHandle<()>,
    /// Passes added after the start, such as [`Workers::with_purge`].
    more: Vec<JoinHandle<()>>,
}

impl Workers {
    pub fn spawn(
        out: Outbound,
        pool: SqlitePool,
        reminder_hour: u32,
        outbox: outbox::Settings,
        metrics: Arc<Metrics>,
    ) -> Workers {
        let (stop, mut stopped) = watch::channel(false);
        let outbox = tokio::spawn(outbox::run(out.clone(), pool.clone(), outbox, metrics, stop.subscribe()));
        let bot = out.at(Priority::Notify);
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(PERIOD);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = stopped.changed() => break,
                }
                let now = Utc::now();
                if let Err(e) = remind(&bot, &pool, now, reminder_hour).await {
                    tracing::error!(error = %crate::telemetry::chain(&e), "the reminder pass failed");
                }
                if let Err(e) = nudge(&bot, &pool, now, reminder_hour).await {
                    tracing::error!(error = %crate::telemetry::chain(&e), "the deadline nudge pass failed");
                }
                if let Err(e) = services::updates::prune(&pool).await {
                    tracing::error!(error = %crate::telemetry::chain(&e), "cannot forget old handled updates");
                }
            }
        });
        Workers { stop, task, outbox, more: Vec::new() }
    }

    /// Adds the purge pass of registrations `days` days after their course ended (none when
    /// `days` is 0), stopped with the others.
    pub fn with_purge(mut self, pool: SqlitePool, days: u32) -> Workers {
        if days > 0 {
            self.more.push(tokio::spawn(purge::run(pool, days, self.stop.subscribe())));
        }
        self
    }

    /// Finishes the pass in progress and the sends in flight, then stops.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in [self.task, self.outbox].into_iter().chain(self.more) {
            if let Err(e) = task.await {
                tracing::error!(error = %e, "a background worker failed");
            }
        }
    }
}

/// Sends the reminders due at `now`; returns how many were sent.
pub async fn remind(bot: &Outbound, pool: &SqlitePool, now: DateTime<Utc>, hour: u32) -> Result<usize, ServiceError> {
    let mut sent = 0;
    for r in services::registrations::reminders_due(pool, now, hour).await? {
        let lang = Lang::from_code(&r.lang).unwrap_or_default();
        let code = r.registration.code().to_string();
        let msg = Msg::RegReminder {
            title: r.course.fields.title.clone(),
            starts: r.course.fields.starts.to_string(),
            location: r.course.fields.location.clone(),
            code: code.clone(),
        };
        let keyboard = keyboards::reminder(lang, r.registration.id, &code);
        let bot = bot.at(Priority::Notify);
        match bot.send_html(ChatId(r.chat_id), render(lang, &msg), Some(ReplyMarkup::InlineKeyboard(keyboard))).await {
            Ok(_) => {
                services::registrations::mark_reminded(pool, r.registration.id, now.timestamp()).await?;
                sent += 1;
            }
            Err(teloxide::RequestError::Api(e)) => {
                // Blocked the bot, or the chat is gone: retrying would not help.
                tracing::warn!(registration = r.registration.id, error = %e, "reminder refused");
                services::registrations::mark_reminded(pool, r.registration.id, now.timestamp()).await?;
            }
            Err(e) => tracing::warn!(registration = r.registration.id, error = %e, "reminder not sent; will retry"),
        }
    }
    if sent > 0 {
        tracing::info!(sent, "reminders sent");
    }
    Ok(sent)
}

/// Sends the "registration closes tomorrow" nudges due at `now`; returns how many were sent.
pub async fn nudge(bot: &Outbound, pool: &SqlitePool, now: DateTime<Utc>, hour: u32) -> Result<usize, ServiceError> {
    let mut sent = 0;
    for (course, user_id, chat_id, lang) in services::registrations::nudges_due(pool, now, hour).await? {
        let lang = Lang::from_code(&lang).unwrap_or_default();
        let msg = Msg::RegNudge { title: course.fields.title.clone(), deadline: course.fields.deadline.to_string() };
        let keyboard = keyboards::register_only(lang, course.id);
        let result = bot
            .at(Priority::Notify)
            .send_html(ChatId(chat_id), render(lang, &msg), Some(ReplyMarkup::InlineKeyboard(keyboard)))
            .await;
        match result {
            Ok(_) => sent += 1,
            Err(teloxide::RequestError::Api(e)) => tracing::debug!(user_id, error = %e, "nudge refused"),
            Err(e) => {
                tracing::debug!(user_id, error = %e, "nudge not sent; will retry");
                continue;
            }
        }
        services::registrations::mark_nudged(pool, course.id, user_id, now.timestamp()).await?;
    }
    Ok(sent)
}
