//! Background work with an explicit stop: the broadcast outbox ([`outbox`]), the day-before
//! reminders for confirmed registrants, the "registration closes tomorrow" nudge for people
//! who opened a course but did not register, forgetting updates handled over a day ago, and
//! the purge of long-finished courses' registrations ([`purge`]). Each reminder pass is one
//! function ([`tick`], made of [`remind`] and [`nudge`]) the tests call with any `now`; the
//! loop only paces it, reading the wall clock it is given (tests run it with tokio's clock
//! paused).
//!
//! A reminder is marked as sent right after Telegram accepts it, so a restart never sends it
//! again; only a crash in the instant between the send and the mark could repeat one.

pub mod outbox;
pub mod purge;

use std::future::Future;
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
        let (stop, stopped) = watch::channel(false);
        let outbox = tokio::spawn(outbox::run(out.clone(), pool.clone(), outbox, metrics, stop.subscribe()));
        let bot = out.at(Priority::Notify);
        let task = tokio::spawn(every(PERIOD, stopped, Utc::now, move |now| {
            let (bot, pool) = (bot.clone(), pool.clone());
            async move {
                tick(&bot, &pool, now, reminder_hour).await;
            }
        }));
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

/// Runs `pass` at once and then every `period` (a pass that overruns delays the next), with
/// the wall-clock time `clock` reads at each, until `stop` turns true. Tests give a clock that
/// follows tokio's paused one.
async fn every<C, P, F>(period: Duration, mut stop: watch::Receiver<bool>, clock: C, mut pass: P)
where
    C: Fn() -> DateTime<Utc>,
    P: FnMut(DateTime<Utc>) -> F,
    F: Future<Output = ()>,
{
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.changed() => break,
        }
        if *stop.borrow() {
            break;
        }
        pass(clock()).await;
    }
}

/// What one pass of the reminder worker sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tick {
    pub reminded: usize,
    pub nudged: usize,
}

/// One pass of the reminder worker at `now`: the day-before reminders, the deadline nudges,
/// then forgetting updates handled over a day ago. A failure is logged and the next pass
/// tries again.
pub async fn tick(bot: &Outbound, pool: &SqlitePool, now: DateTime<Utc>, hour: u32) -> Tick {
    let mut done = Tick::default();
    match remind(bot, pool, now, hour).await {
        Ok(n) => done.reminded = n,
        Err(e) => tracing::error!(error = %crate::telemetry::chain(&e), "the reminder pass failed"),
    }
    match nudge(bot, pool, now, hour).await {
        Ok(n) => done.nudged = n,
        Err(e) => tracing::error!(error = %crate::telemetry::chain(&e), "the deadline nudge pass failed"),
    }
    if let Err(e) = services::updates::prune(pool).await {
        tracing::error!(error = %crate::telemetry::chain(&e), "cannot forget old handled updates");
    }
    done
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use chrono::{NaiveDate, TimeDelta};
    use tokio::time::Instant;

    use super::*;
    use crate::domain::course::notice_day;

    fn at(utc: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(utc).expect("time").with_timezone(&Utc)
    }

    /// The reminder loop with a wall clock that follows tokio's paused one, and a pass that
    /// applies the reminder rule to one registration in memory (the database's part, marking
    /// it reminded, is tested against SQLite in `tests/it/courses.rs`).
    #[tokio::test(start_paused = true)]
    async fn a_reminder_goes_out_at_the_first_pass_after_the_hour_and_only_once() {
        let started = Instant::now();
        // 07:58:30 in Vietnam on the day before the course; reminders from 08:00.
        let wall = at("2027-03-09T00:58:30Z");
        let clock = move || wall + TimeDelta::from_std(started.elapsed()).unwrap_or_default();
        let starts = NaiveDate::from_ymd_opt(2027, 3, 10).expect("date");
        #[derive(Default)]
        struct Seen {
            passes: usize,
            sent: Vec<DateTime<Utc>>,
        }
        let seen = Arc::new(Mutex::new(Seen::default()));
        let log = seen.clone();
        let (stop, stopped) = watch::channel(false);
        let worker = tokio::spawn(every(PERIOD, stopped, clock, move |now| {
            let mut seen = log.lock().expect("lock");
            seen.passes += 1;
            if seen.sent.is_empty() && notice_day(now, 8) == Some(starts) {
                seen.sent.push(now);
            }
            std::future::ready(())
        }));

        tokio::time::sleep(Duration::from_secs(90)).await;
        {
            let seen = seen.lock().expect("lock");
            assert_eq!(seen.passes, 2, "at 07:58:30 and 07:59:30");
            assert!(seen.sent.is_empty(), "nothing before 08:00");
        }
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(seen.lock().expect("lock").sent, [at("2027-03-09T01:00:30Z")], "the 08:00:30 pass");
        tokio::time::sleep(Duration::from_secs(3 * 3600)).await;
        {
            let seen = seen.lock().expect("lock");
            assert_eq!(seen.passes, 183, "one pass a minute");
            assert_eq!(seen.sent.len(), 1, "sent once");
        }
        stop.send(true).expect("the worker listens");
        worker.await.expect("the worker stops");
        assert!(started.elapsed() < Duration::from_secs(3 * 3600 + 151), "it stops without waiting for a pass");
    }
}
