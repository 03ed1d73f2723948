//! The per-user flood limit: a user who sends updates faster than a person types or taps (a
//! script, a stuck key, a forwarded batch) is slowed down before anything else happens, so a
//! flood costs neither database writes nor replies.
//!
//! One keyed token bucket per Telegram user: a burst of [`BURST`] updates, then one more per
//! [`REFILL`] (`FLOOD_BURST` and `FLOOD_RATE` in the environment; `FLOOD_BURST=0` turns it
//! off). An update over the limit is dropped where it enters the handler tree, before
//! `ctx_from_message`/`ctx_from_callback` record the user: no database access at all. A
//! button tap is still answered (empty), so the client's spinner stops; the user is told once
//! per limited period (in the client's language, as the database is not read), never once
//! per message, which would make the bot flood back. The check runs first in `guard()`, before
//! the replay check, so a dropped update is not even remembered as handled (in webhook mode
//! its stored copy is removed: the one write a flood causes there). Admins are exempt: they are a handful
//! of people the operator named, and marking attendance for a whole course is a fast run of
//! taps.
//!
//! Memory stays bounded: a bucket that has filled up again says nothing a fresh one would not
//! say, so calm users are forgotten every [`SWEEP_EVERY`] (and at once past [`MAX_TRACKED`]).
//!
//! Why not the `governor` crate (cheap to build: about 20 s and six small crates): the limiter
//! must also remember, per user, when the slow-down notice went out, and forget both
//! together; one small map under one lock does that, takes the clock as an argument in unit
//! tests, and adds no dependency.

use crate::telegram::Outbound;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use teloxide::types::{Update, UpdateKind};

use super::{send, App, HandlerResult};
use crate::domain::lang::Lang;
use crate::i18n::Msg;

/// Updates a user may send at once (`FLOOD_BURST`): a few quick taps through a menu, or a
/// message split in several by the client, never trip the limit.
pub const BURST: u32 = crate::config::DEFAULT_FLOOD_BURST;
/// After the burst, one update per second on average (`FLOOD_RATE`): faster than anyone
/// types a question or fills a form field, slower than any script.
pub const REFILL: Duration = Duration::from_nanos(1_000_000_000 / crate::config::DEFAULT_FLOOD_RATE as u64);
/// A user still over the limit this long after the notice hears it once more.
pub const NOTICE_AGAIN: Duration = Duration::from_secs(60);
/// How often users whose bucket is full again are forgotten.
const SWEEP_EVERY: Duration = Duration::from_secs(30);
/// Tracked users past which calm ones are forgotten at once, and everyone if none is calm
/// (≈ 64 bytes each, so a few MB at most).
const MAX_TRACKED: usize = 50_000;

/// The limit's shape; [`Policy::DEFAULT`] unless `FLOOD_BURST`/`FLOOD_RATE` say otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub burst: u32,
    pub refill: Duration,
    pub notice_again: Duration,
}

impl Policy {
    pub const DEFAULT: Policy = Policy { burst: BURST, refill: REFILL, notice_again: NOTICE_AGAIN };

    /// `FLOOD_BURST` and `FLOOD_RATE` from the configuration; a burst of 0 turns the limit off.
    pub fn from_config(config: &crate::config::Config) -> Policy {
        let rate = config.flood_rate.max(1);
        Policy { burst: config.flood_burst, refill: Duration::from_secs(1) / rate, ..Policy::DEFAULT }
    }
}

/// What to do with one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Drop it; `notify`: this is the first dropped update of a limited period.
    Limited {
        notify: bool,
    },
}

struct Bucket {
    tokens: f64,
    at: Instant,
    noticed: Option<Instant>,
}

struct Buckets {
    map: HashMap<u64, Bucket>,
    swept: Instant,
}

/// Token buckets keyed by Telegram user id; shared by every handler through `dptree::deps!`.
pub struct FloodLimit {
    policy: Policy,
    buckets: Mutex<Buckets>,
}

impl FloodLimit {
    pub fn new(policy: Policy) -> Arc<Self> {
        let buckets = Buckets { map: HashMap::new(), swept: Instant::now() };
        Arc::new(Self { policy, buckets: Mutex::new(buckets) })
    }

    fn per_second(&self) -> f64 {
        1.0 / self.policy.refill.as_secs_f64().max(1e-6)
    }

    /// Takes one token from `user`'s bucket at `now`, or says the update is over the limit.
    pub fn check(&self, user: u64, now: Instant) -> Verdict {
        if self.policy.burst == 0 {
            return Verdict::Allow;
        }
        let burst = f64::from(self.policy.burst);
        let rate = self.per_second();
        // Plain data behind the lock: a panic elsewhere cannot leave it inconsistent.
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if now.saturating_duration_since(buckets.swept) >= SWEEP_EVERY || buckets.map.len() >= MAX_TRACKED {
            buckets.swept = now;
            buckets.map.retain(|_, b| b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * rate < burst);
            if buckets.map.len() >= MAX_TRACKED {
                // More users flooding at once than Telegram can deliver: a hard bound beats
                // precision, so everyone starts afresh.
                buckets.map.clear();
            }
        }
        let b = buckets.map.entry(user).or_insert(Bucket { tokens: burst, at: now, noticed: None });
        b.tokens = (b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * rate).min(burst);
        b.at = b.at.max(now);
        if b.tokens >= burst {
            // Calm again: the next limited period is a new one.
            b.noticed = None;
        }
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            return Verdict::Allow;
        }
        let notify = b.noticed.is_none_or(|at| now.saturating_duration_since(at) >= self.policy.notice_again);
        if notify {
            b.noticed = Some(now);
        }
        Verdict::Limited { notify }
    }

    /// Users currently remembered (for tests and the load benchmark).
    pub fn tracked(&self) -> usize {
        self.buckets.lock().unwrap_or_else(|p| p.into_inner()).map.len()
    }
}

/// Carried from the check to the endpoint that handles a dropped update.
#[derive(Debug, Clone, Copy)]
pub struct Limited {
    notify: bool,
}

/// Whether an update counts against its sender: private messages, button taps, and commands
/// in groups (the bot answers those). Plain group chatter and membership changes do not.
fn counted(update: &Update) -> bool {
    match &update.kind {
        UpdateKind::Message(m) => m.chat.is_private() || m.text().is_some_and(|t| t.starts_with('/')),
        UpdateKind::CallbackQuery(_) => true,
        _ => false,
    }
}

/// `Some` when `update` is over its sender's limit (checked by `guard()` before anything else).
pub(crate) fn over_limit(update: &Update, flood: &FloodLimit, app: &App) -> Option<Limited> {
    if !counted(update) {
        return None;
    }
    let user = update.from()?;
    if app.config.is_admin(i64::try_from(user.id.0).unwrap_or(i64::MAX)) {
        return None;
    }
    match flood.check(user.id.0, Instant::now()) {
        Verdict::Allow => None,
        Verdict::Limited { notify } => Some(Limited { notify }),
    }
}

/// An over-limit update: the tap is answered so the spinner stops; the first one of a limited
/// period gets the slow-down notice in a private chat. Nothing else, and nothing stored.
pub(crate) async fn slow_down(bot: &Outbound, update: &Update, limited: Limited) -> HandlerResult {
    let user = update.from();
    let lang = Lang::from_client(user.and_then(|u| u.language_code.as_deref()));
    if let UpdateKind::CallbackQuery(q) = &update.kind {
        if let Err(e) = bot.answer_callback(q.id.clone(), None).await {
            tracing::debug!(error = %e, "cannot answer a limited callback query");
        }
    }
    let chat = update.chat().map(|c| c.id).filter(|c| c.is_user());
    if limited.notify {
        tracing::warn!(user_id = user.map(|u| u.id.0), "a user is over the flood limit");
        if let Some(chat) = chat {
            // Best effort: a failure here is not worth an apology (which reads the database).
            if let Err(e) = send(bot, chat, lang, &Msg::FloodSlowDown, None).await {
                tracing::debug!(error = %e, "cannot send the slow-down notice");
            }
        }
    } else {
        tracing::debug!(update_id = update.id.0, "update over the flood limit dropped");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy { burst: 8, refill: Duration::from_secs(1), notice_again: Duration::from_secs(60) }
    }

    #[test]
    fn a_burst_passes_then_one_per_second_and_one_notice_per_limited_period() {
        let limit = FloodLimit::new(policy());
        let t0 = Instant::now();
        for i in 0..8 {
            assert_eq!(limit.check(1, t0), Verdict::Allow, "update {i} of the burst");
        }
        assert_eq!(limit.check(1, t0), Verdict::Limited { notify: true });
        for _ in 0..20 {
            assert_eq!(limit.check(1, t0), Verdict::Limited { notify: false }, "told once, not per message");
        }
        // Another user is not affected.
        assert_eq!(limit.check(2, t0), Verdict::Allow);
        // One second later, one more update passes, and only one.
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(limit.check(1, t1), Verdict::Allow);
        assert_eq!(limit.check(1, t1), Verdict::Limited { notify: false });
        // Still flooding a minute later: told once more.
        let t2 = t0 + Duration::from_secs(61);
        for _ in 0..8 {
            assert_eq!(limit.check(1, t2), Verdict::Allow, "the bucket refilled");
        }
        assert_eq!(limit.check(1, t2), Verdict::Limited { notify: true });
    }

    #[test]
    fn a_user_who_calmed_down_starts_a_new_period() {
        let limit = FloodLimit::new(policy());
        let t0 = Instant::now();
        for _ in 0..8 {
            limit.check(1, t0);
        }
        assert_eq!(limit.check(1, t0), Verdict::Limited { notify: true });
        // Eight quiet seconds fill the bucket: a later flood is a new period with its notice.
        let t1 = t0 + Duration::from_secs(9);
        for _ in 0..8 {
            assert_eq!(limit.check(1, t1), Verdict::Allow);
        }
        assert_eq!(limit.check(1, t1), Verdict::Limited { notify: true });
    }

    #[test]
    fn calm_users_are_forgotten_so_memory_stays_bounded() {
        let limit = FloodLimit::new(policy());
        let t0 = Instant::now();
        for user in 0..10_000 {
            assert_eq!(limit.check(user, t0), Verdict::Allow);
        }
        assert_eq!(limit.tracked(), 10_000);
        // After the sweep interval every bucket is full again: all forgotten but the newcomer.
        let later = t0 + SWEEP_EVERY + Duration::from_secs(1);
        assert_eq!(limit.check(99_999, later), Verdict::Allow);
        assert_eq!(limit.tracked(), 1);
        // Past the cap, the sweep runs at once.
        let limit = FloodLimit::new(policy());
        for user in 0..(MAX_TRACKED as u64 + 10) {
            limit.check(user, t0 + Duration::from_millis(user / 1000 * 1000));
        }
        assert!(limit.tracked() <= MAX_TRACKED, "{}", limit.tracked());
    }

    #[test]
    fn a_burst_of_zero_turns_the_limit_off() {
        let limit = FloodLimit::new(Policy { burst: 0, ..policy() });
        let t0 = Instant::now();
        assert!((0..100).all(|_| limit.check(1, t0) == Verdict::Allow));
        assert_eq!(limit.tracked(), 0);
    }

    #[test]
    fn a_clock_going_backwards_changes_nothing() {
        let limit = FloodLimit::new(policy());
        let t0 = Instant::now() + Duration::from_secs(10);
        for _ in 0..8 {
            limit.check(1, t0);
        }
        assert_eq!(limit.check(1, t0 - Duration::from_secs(5)), Verdict::Limited { notify: true });
    }
}
