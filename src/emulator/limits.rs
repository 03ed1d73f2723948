//! Telegram's sending limits as the emulator applies them, and the log of accepted sends the
//! benchmarks read back.
//!
//! Telegram asks bots to send no more than about 30 messages per second overall and no more
//! than one per second to a chat (it lets a short burst through), no more than 20 a minute to
//! a group, and answers 429 "Too Many Requests: retry after N" beyond that;
//! `allow_paid_broadcast` lifts the overall limit to 1000 per second (per-chat limits still
//! apply). After a 429 the bot is in a flood wait: every send before `retry_after` has passed
//! is refused too, and counted, since Telegram lengthens the wait of a bot that keeps trying. This module owns the arithmetic: sliding one-second windows over the instants
//! of accepted sends. It is pure bookkeeping over instants handed in by the caller, so the
//! window edges are tested with made-up instants rather than with a clock.
//!
//! A window is one second less [`JITTER_ALLOWANCE`]: a send counts against a window for 980 ms.
//! A client that paces itself at exactly 30/s (or 1 s per chat) sees its requests arrive with a
//! few milliseconds of scheduling jitter, and Telegram does not refuse such a client; 31 sends
//! at a steady 31/s still span only 968 ms and are refused, as are two sends to one chat less
//! than 980 ms apart.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

/// How much earlier than a full second a send stops counting against a window.
pub const JITTER_ALLOWANCE: Duration = Duration::from_millis(20);

/// How long an accepted send counts against a window.
const SPAN: Duration = Duration::from_millis(1000 - JITTER_ALLOWANCE.as_millis() as u64);

/// Below this many chats the per-chat windows are never swept.
const MIN_SWEEP: usize = 1024;

/// The sending limits the emulator enforces when switched on (see
/// [`Emulator::set_limits`](super::Emulator::set_limits)). They apply to the message-sending
/// methods (`sendMessage`, `sendPhoto`, `sendDocument`); edits, deletions and everything else
/// are not counted, as Telegram documents its broadcast limits for sending only.
///
/// A limit of 0 refuses every send it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Sends per second over all chats, except those with `allow_paid_broadcast` (Telegram: 30).
    pub global_per_sec: u32,
    /// Sends per second to one chat, paid or not (Telegram: 1), after a burst.
    pub per_chat_per_sec: u32,
    /// Sends one chat takes at once before the per-second pace applies (Telegram: a short
    /// burst; here 3). 1 allows no burst.
    pub per_chat_burst: u32,
    /// Sends per minute to one group (negative chat id; Telegram: 20).
    pub group_per_min: u32,
    /// Sends per second over all chats, counted for requests with `allow_paid_broadcast: true`
    /// (Telegram: 1000). Every accepted send, paid or not, fills this window; only paid
    /// requests are checked against it.
    pub paid_per_sec: u32,
}

impl Limits {
    /// Telegram's limits: 30/s overall, 1/s per chat after a burst of 3, 20/min per group,
    /// 1000/s paid.
    pub const TELEGRAM: Limits =
        Limits { global_per_sec: 30, per_chat_per_sec: 1, per_chat_burst: 3, group_per_min: 20, paid_per_sec: 1000 };
}

impl Default for Limits {
    fn default() -> Self {
        Self::TELEGRAM
    }
}

/// The sliding windows. Each queue holds the instants of the accepted sends of the last
/// [`SPAN`], oldest first. It sees every accepted send even while limits are off, so limits
/// switched on mid-run start from the real recent traffic.
#[derive(Default)]
pub(crate) struct Limiter {
    /// Sends without `allow_paid_broadcast`.
    free: VecDeque<Instant>,
    /// Every send.
    all: VecDeque<Instant>,
    /// Per chat: the theoretical arrival time of its next send (a cell-rate bucket).
    chats: HashMap<i64, Instant>,
    /// Per group: the sends of the last minute.
    groups: HashMap<i64, VecDeque<Instant>>,
    /// No send is accepted before this instant (a flood wait after a 429).
    flood_until: Option<Instant>,
    /// Sweep idle chats once this many are tracked, so 10,000 subscribers do not leave
    /// 10,000 empty queues behind.
    sweep_at: usize,
}

impl Limiter {
    /// Admits a send at `now` and counts it, or, under `limits`, refuses it and says how long
    /// until it would fit. `None` admits everything (and still counts). A refusal starts a
    /// flood wait; a send during one is refused with what is left of it (`Err((wait, true))`).
    pub(crate) fn admit(
        &mut self,
        limits: Option<&Limits>,
        now: Instant,
        chat_id: i64,
        paid: bool,
    ) -> Result<(), (Duration, bool)> {
        expire(&mut self.free, now, SPAN);
        expire(&mut self.all, now, SPAN);
        if let Some(limits) = limits {
            if let Some(until) = self.flood_until.filter(|&u| u > now) {
                return Err((until - now, true));
            }
            let overall = if paid {
                wait(&self.all, limits.paid_per_sec, now, SPAN)
            } else {
                wait(&self.free, limits.global_per_sec, now, SPAN)
            };
            let chat = self.chat_wait(limits, now, chat_id);
            let group = if chat_id < 0 {
                let q = self.groups.entry(chat_id).or_default();
                expire(q, now, MINUTE);
                wait(q, limits.group_per_min, now, MINUTE)
            } else {
                None
            };
            if let Some(w) = [overall, chat, group].into_iter().flatten().max() {
                self.flood_until = Some(now + Duration::from_secs(retry_after_secs(w)));
                return Err((w, false));
            }
        }
        let interval = limits.map_or(SPAN, |l| SPAN / l.per_chat_per_sec.max(1));
        let tat = self.chats.get(&chat_id).map_or(now, |&t| t.max(now)) + interval;
        self.chats.insert(chat_id, tat);
        if chat_id < 0 {
            self.groups.entry(chat_id).or_default().push_back(now);
        }
        self.all.push_back(now);
        if !paid {
            self.free.push_back(now);
        }
        if self.chats.len() >= self.sweep_at.max(MIN_SWEEP) {
            self.chats.retain(|_, t| *t > now);
            self.groups.retain(|_, q| {
                expire(q, now, MINUTE);
                !q.is_empty()
            });
            self.sweep_at = 2 * self.chats.len();
        }
        Ok(())
    }

    /// Starts a flood wait until `until` (a 429 from elsewhere).
    pub(crate) fn flood(&mut self, until: Instant) {
        if self.flood_until.is_none_or(|u| u < until) {
            self.flood_until = Some(until);
        }
    }

    /// Whether a flood wait runs at `now`.
    pub(crate) fn flooding(&self, now: Instant) -> bool {
        self.flood_until.is_some_and(|u| u > now)
    }

    /// How long a send to `chat_id` must still wait for the chat's bucket, if at all.
    fn chat_wait(&self, limits: &Limits, now: Instant, chat_id: i64) -> Option<Duration> {
        if limits.per_chat_per_sec == 0 {
            return Some(SPAN);
        }
        let interval = SPAN / limits.per_chat_per_sec;
        let tat = *self.chats.get(&chat_id)?;
        let slack = interval * limits.per_chat_burst.max(1).saturating_sub(1);
        let allowed_at = tat.checked_sub(slack).unwrap_or(now);
        (allowed_at > now).then(|| allowed_at - now)
    }

    #[cfg(test)]
    fn tracked_chats(&self) -> usize {
        self.chats.len()
    }
}

/// A group's window: a minute, less the same jitter allowance.
const MINUTE: Duration = Duration::from_millis(60_000 - JITTER_ALLOWANCE.as_millis() as u64);

/// Drops the sends that no longer count at `now`.
fn expire(q: &mut VecDeque<Instant>, now: Instant, span: Duration) {
    while q.front().is_some_and(|&t| now.saturating_duration_since(t) >= span) {
        q.pop_front();
    }
}

/// `None` if one more send fits under `limit`; otherwise how long until enough of the
/// window has expired for it to fit.
fn wait(q: &VecDeque<Instant>, limit: u32, now: Instant, span: Duration) -> Option<Duration> {
    let limit = limit as usize;
    if q.len() < limit {
        return None;
    }
    if limit == 0 {
        return Some(span);
    }
    // The sends at and before this one must all leave the window first.
    let blocking = q[q.len() - limit];
    Some((blocking + span).saturating_duration_since(now))
}

/// Telegram's `retry_after`: whole seconds, at least 1.
pub(crate) fn retry_after_secs(wait: Duration) -> u64 {
    (wait.as_millis().div_ceil(1000) as u64).max(1)
}

/// Every accepted send as (chat, instant), in order, and the count of 429 answers: what a
/// benchmark checks its pacing against. 24 bytes a send.
#[derive(Default)]
pub(crate) struct SendLog {
    sends: Vec<(i64, Instant)>,
    pub(crate) too_many_requests: u64,
    /// Sends attempted while a flood wait ran (each also answered 429).
    pub(crate) during_flood_wait: u64,
}

impl SendLog {
    pub(crate) fn push(&mut self, chat_id: i64, at: Instant) {
        self.sends.push((chat_id, at));
    }

    pub(crate) fn total(&self) -> usize {
        self.sends.len()
    }

    pub(crate) fn in_chat(&self, chat_id: i64) -> usize {
        self.sends.iter().filter(|(c, _)| *c == chat_id).count()
    }

    /// The most sends to `chat_id` that fall within one window (by the limiter's measure).
    pub(crate) fn densest_window_in_chat(&self, chat_id: i64) -> usize {
        let times: Vec<Instant> = self.sends.iter().filter(|(c, _)| *c == chat_id).map(|&(_, at)| at).collect();
        densest(&times)
    }

    /// The most sends to one chat that fall within one window (by the limiter's measure).
    pub(crate) fn densest_window_per_chat(&self) -> usize {
        let mut by_chat: HashMap<i64, Vec<Instant>> = HashMap::new();
        for &(chat, at) in &self.sends {
            by_chat.entry(chat).or_default().push(at);
        }
        by_chat.values().map(|times| densest(times)).max().unwrap_or(0)
    }

    /// The most sends over all chats that fall within one window.
    pub(crate) fn densest_window(&self) -> usize {
        let times: Vec<Instant> = self.sends.iter().map(|&(_, at)| at).collect();
        densest(&times)
    }
}

/// The largest number of instants (in order) lying less than [`SPAN`] after the first of them.
fn densest(times: &[Instant]) -> usize {
    let mut best = 0;
    let mut start = 0;
    for (end, &t) in times.iter().enumerate() {
        while t.saturating_duration_since(times[start]) >= SPAN {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> impl Fn(u64) -> Instant {
        let t0 = Instant::now();
        move |us| t0 + Duration::from_micros(us)
    }

    const ON: Option<&Limits> = Some(&Limits::TELEGRAM);

    #[test]
    fn pacing_at_thirty_per_second_over_thirty_chats_is_never_refused_even_with_jitter() {
        let at = clock();
        let mut l = Limiter::default();
        // 3 seconds at exactly 30/s; chat k % 30 gets a send every second. Arrivals are up to
        // 16 ms late, differently for sends one second apart.
        for k in 0..90u64 {
            let jitter = [0, 8_000, 3_000, 16_000, 5_000, 12_000, 1_000][k as usize % 7];
            let t = at(k * 1_000_000 / 30 + jitter);
            assert_eq!(l.admit(ON, t, (k % 30) as i64, false), Ok(()), "send {k}");
        }
    }

    #[test]
    fn a_thirty_first_send_within_a_second_waits_for_the_first_to_leave_the_window() {
        let at = clock();
        let mut l = Limiter::default();
        for k in 0..30 {
            assert!(l.admit(ON, at(k * 1000), k as i64, false).is_ok());
        }
        let (wait, _) = l.admit(ON, at(30_000), 30, false).expect_err("31st in 30 ms");
        assert_eq!(wait, SPAN - Duration::from_millis(30));
        assert_eq!(retry_after_secs(wait), 1);
        // The refusal started a one-second flood wait: nothing goes until it ends.
        assert_eq!(l.admit(ON, at(980_000), 30, false), Err((Duration::from_millis(50), true)));
        // Refused sends do not count: after the wait, the window is empty again.
        for k in 0..30 {
            assert!(l.admit(ON, at(1_030_000 + k), 40 + k as i64, false).is_ok(), "send {k} after the wait");
        }
        assert!(l.admit(ON, at(1_030_100), 80, false).is_err());
    }

    #[test]
    fn a_steady_thirty_one_per_second_is_refused_within_the_first_second() {
        let at = clock();
        let mut l = Limiter::default();
        let refused = (0..31u64).position(|k| l.admit(ON, at(k * 1_000_000 / 31), k as i64, false).is_err());
        assert_eq!(refused, Some(30));
    }

    #[test]
    fn a_chat_takes_a_burst_of_three_then_one_send_per_second_less_the_jitter_allowance() {
        let at = clock();
        let mut l = Limiter::default();
        for k in 0..3 {
            assert!(l.admit(ON, at(k), 7, false).is_ok(), "burst send {k}");
        }
        // The bucket is full until 3 × 980 ms; one more fits 980 ms after the first.
        assert_eq!(l.admit(ON, at(500_000), 7, false), Err((Duration::from_millis(480), false)));
        assert!(l.admit(ON, at(1_500_000), 7, false).is_ok(), "after the flood wait");
        assert!(l.admit(ON, at(1_600_000), 8, false).is_ok(), "another chat is not affected");
        assert!(l.admit(ON, at(1_700_000), 7, false).is_err(), "the bucket is full again");

        let strict = Limits { per_chat_burst: 1, ..Limits::TELEGRAM };
        let mut l = Limiter::default();
        assert!(l.admit(Some(&strict), at(0), 7, false).is_ok());
        assert!(l.admit(Some(&strict), at(500_000), 7, false).is_err());
        assert!(l.admit(Some(&strict), at(1_500_000), 7, false).is_ok());
    }

    #[test]
    fn a_group_takes_twenty_sends_a_minute() {
        let at = clock();
        let mut l = Limiter::default();
        let relaxed = Limits { per_chat_burst: 100, ..Limits::TELEGRAM };
        for k in 0..20u64 {
            assert!(l.admit(Some(&relaxed), at(k * 1_000_000), -100, false).is_ok(), "group send {k}");
        }
        let (wait, flood) = l.admit(Some(&relaxed), at(20_000_000), -100, false).expect_err("the 21st in a minute");
        assert!(!flood && wait > Duration::from_secs(35), "{wait:?}");
        assert!(l.admit(Some(&relaxed), at(61_000_000), -100, false).is_ok());
    }

    #[test]
    fn every_send_during_a_flood_wait_is_refused_with_what_is_left_of_it() {
        let at = clock();
        let mut l = Limiter::default();
        let strict = Limits { per_chat_burst: 1, ..Limits::TELEGRAM };
        assert!(l.admit(Some(&strict), at(0), 1, false).is_ok());
        assert!(matches!(l.admit(Some(&strict), at(100_000), 1, false), Err((_, false))));
        assert_eq!(l.admit(Some(&strict), at(600_000), 2, false), Err((Duration::from_millis(500), true)));
        assert!(l.admit(Some(&strict), at(1_100_000), 2, false).is_ok());
    }

    #[test]
    fn paid_sends_are_checked_against_the_paid_limit_but_keep_the_per_chat_limit() {
        let at = clock();
        let mut l = Limiter::default();
        let limits = Limits { paid_per_sec: 100, ..Limits::TELEGRAM };
        for k in 0..100 {
            assert!(l.admit(Some(&limits), at(k * 100), k as i64, true).is_ok(), "paid send {k}");
        }
        // Paid traffic does not use up the free 30/s.
        assert!(l.admit(Some(&limits), at(10_000), 100, false).is_ok());
        assert!(l.admit(Some(&limits), at(10_000), 101, true).is_err(), "the 101st paid send");

        let strict = Limits { per_chat_burst: 1, ..Limits::TELEGRAM };
        let mut l = Limiter::default();
        assert!(l.admit(Some(&strict), at(0), 5, true).is_ok());
        assert_eq!(
            l.admit(Some(&strict), at(600_000), 5, true),
            Err((Duration::from_millis(380), false)),
            "one to chat 5 0.6 s ago"
        );
    }

    #[test]
    fn limits_off_admit_everything_but_switched_on_they_see_recent_traffic() {
        let at = clock();
        let mut l = Limiter::default();
        for k in 0..50 {
            assert!(l.admit(None, at(k), 1, false).is_ok());
        }
        assert!(l.admit(ON, at(100), 2, false).is_err(), "50 sends in the last second");
        let none = Limits { global_per_sec: 0, ..Limits::TELEGRAM };
        assert_eq!(l.admit(Some(&none), at(5_000_000), 3, false), Err((SPAN, false)));
    }

    #[test]
    fn idle_chats_are_swept_so_ten_thousand_subscribers_do_not_pile_up() {
        let at = clock();
        let mut l = Limiter::default();
        for k in 0..10_000u64 {
            assert!(l.admit(ON, at(k * 40_000), k as i64, false).is_ok());
        }
        assert!(l.tracked_chats() <= 2 * MIN_SWEEP, "{} chats tracked", l.tracked_chats());
    }

    #[test]
    fn the_send_log_finds_the_densest_window_overall_and_per_chat() {
        let at = clock();
        let mut log = SendLog::default();
        for (chat, us) in [(1, 0), (2, 100_000), (1, 990_000), (1, 1_500_000), (2, 1_600_000), (1, 1_900_000)] {
            log.push(chat, at(us));
        }
        assert_eq!(log.total(), 6);
        assert_eq!(log.in_chat(1), 4);
        // Chat 1 at 0.99, 1.5 and 1.9 s: three within 980 ms.
        assert_eq!(log.densest_window_per_chat(), 3);
        assert_eq!(log.densest_window(), 4);
        assert_eq!(SendLog::default().densest_window_per_chat(), 0);
    }
}
