//! The budget every outgoing request draws from, as pure bookkeeping over instants handed in
//! by the caller (so it is tested with made-up instants and under `tokio::time::pause()`).
//!
//! - **Overall:** at most [`Pacing::global_per_window`] counted requests in any
//!   [`Pacing::window`]; broadcasts with `allow_paid_broadcast` draw from their own, larger
//!   window instead.
//! - **Per chat:** a cell-rate bucket. A private chat may take a short burst
//!   ([`Pacing::private_burst`]) and then one message per [`Pacing::private_interval`]; a group
//!   one message per [`Pacing::group_interval`] (Telegram: 20 a minute).
//! - **Order of service:** [`Priority::Reply`], then [`Priority::Notify`], then
//!   [`Priority::Broadcast`]; first come, first served within a priority. A request whose chat
//!   must still wait does not hold back requests to other chats.
//! - **Hold:** after a 429 nothing at all is granted until its `retry_after` has passed.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::Instant;

/// Whose request it is, in the order they are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    /// The answer to a person's own update.
    Reply = 0,
    /// A message a person did not just ask for: a promotion from the waitlist, a reminder, an
    /// alert to the admins.
    Notify = 1,
    /// An announcement to subscribers.
    Broadcast = 2,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Reply, Priority::Notify, Priority::Broadcast];

    pub fn label(self) -> &'static str {
        match self {
            Priority::Reply => "reply",
            Priority::Notify => "notify",
            Priority::Broadcast => "broadcast",
        }
    }
}

/// What a request takes from the budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// A new message in a chat: the overall window and the chat's bucket.
    Send { chat: i64, paid: bool },
    /// A change to something already sent (an edit): the overall window only.
    Change,
    /// Answering a button tap or a configuration call: nothing but the hold.
    Free,
}

/// The limits the lane keeps to. [`Pacing::TELEGRAM`] stays just inside Telegram's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacing {
    pub global_per_window: u32,
    pub paid_per_window: u32,
    pub window: Duration,
    pub private_burst: u32,
    pub private_interval: Duration,
    pub group_interval: Duration,
}

impl Pacing {
    /// 30 a second overall, 1000 a second paid, a private chat three at once and then one a
    /// second, a group one every three seconds: each counted over a tenth longer, so that the
    /// time between a grant and the request's arrival (a busy machine, a new connection) cannot
    /// squeeze 31 sends into one of Telegram's seconds.
    pub const TELEGRAM: Pacing = Pacing {
        global_per_window: 30,
        paid_per_window: 1000,
        window: Duration::from_millis(1100),
        private_burst: 3,
        private_interval: Duration::from_millis(1100),
        group_interval: Duration::from_millis(3300),
    };
}

impl Pacing {
    /// No per-chat pacing and a budget no test reaches: for a Bot API without limits.
    pub const UNLIMITED: Pacing = Pacing {
        global_per_window: 1_000_000,
        paid_per_window: 1_000_000,
        window: Duration::from_millis(1000),
        private_burst: 1_000_000,
        private_interval: Duration::from_millis(1),
        group_interval: Duration::from_millis(1),
    };
}

impl Default for Pacing {
    fn default() -> Self {
        Self::TELEGRAM
    }
}

/// A request waiting for its turn.
pub(crate) struct Waiter {
    pub(crate) cost: Cost,
    pub(crate) enqueued: Instant,
    pub(crate) grant: oneshot::Sender<()>,
}

/// A grant handed out by [`Sched::pump`]: who waited how long.
pub(crate) struct Granted {
    pub(crate) priority: Priority,
    pub(crate) waited: Duration,
}

/// The scheduler's state.
pub(crate) struct Sched {
    pacing: Pacing,
    free: VecDeque<Instant>,
    all: VecDeque<Instant>,
    /// Per chat: the theoretical arrival time of its next message (cell-rate algorithm).
    chats: HashMap<i64, Instant>,
    hold_until: Option<Instant>,
    queues: [VecDeque<Waiter>; 3],
    /// The last time a broadcast was kept waiting because a person's message took its place.
    pub(crate) last_yield: Option<Instant>,
    /// A private chat may no longer burst (Telegram refused a burst once).
    no_burst: bool,
    sweep_at: usize,
}

impl Sched {
    pub(crate) fn new(pacing: Pacing) -> Self {
        Sched {
            pacing,
            free: VecDeque::new(),
            all: VecDeque::new(),
            chats: HashMap::new(),
            hold_until: None,
            queues: Default::default(),
            last_yield: None,
            no_burst: false,
            sweep_at: 1024,
        }
    }

    /// Requests waiting at `priority`.
    pub(crate) fn depth(&self, priority: Priority) -> usize {
        self.queues[priority as usize].len()
    }

    /// Nothing is granted before `until`.
    pub(crate) fn hold(&mut self, until: Instant) {
        if self.hold_until.is_none_or(|h| h < until) {
            self.hold_until = Some(until);
        }
    }

    pub(crate) fn held_until(&self, now: Instant) -> Option<Instant> {
        self.hold_until.filter(|&h| h > now)
    }

    /// Private chats get no burst from now on: Telegram refused one.
    pub(crate) fn stop_bursts(&mut self) {
        self.no_burst = true;
    }

    /// Whether a message to `chat` right now would be part of a burst, while the overall
    /// budget is far from spent (so a 429 for it can only be the chat's).
    pub(crate) fn in_burst(&self, chat: i64, now: Instant) -> bool {
        let recent = self.free.iter().filter(|&&t| now.saturating_duration_since(t) < self.pacing.window).count();
        self.chats.get(&chat).is_some_and(|&tat| tat > now) && recent * 2 < self.pacing.global_per_window as usize
    }

    fn interval(&self, chat: i64) -> Duration {
        if chat < 0 {
            self.pacing.group_interval
        } else {
            self.pacing.private_interval
        }
    }

    fn burst(&self, chat: i64) -> u32 {
        if chat < 0 || self.no_burst {
            1
        } else {
            self.pacing.private_burst.max(1)
        }
    }

    /// When `cost` fits the budget (`now` or later), ignoring the hold.
    fn ready_at(&mut self, cost: Cost, now: Instant) -> Instant {
        let window = self.pacing.window;
        expire(&mut self.free, now, window);
        expire(&mut self.all, now, window);
        match cost {
            Cost::Free => now,
            Cost::Change => fits(&self.free, self.pacing.global_per_window, now, window),
            Cost::Send { chat, paid } => {
                let overall = if paid {
                    fits(&self.all, self.pacing.paid_per_window, now, window)
                } else {
                    fits(&self.free, self.pacing.global_per_window, now, window)
                };
                let slack = self.interval(chat) * (self.burst(chat) - 1);
                let chat_at = self.chats.get(&chat).map_or(now, |&tat| tat.checked_sub(slack).unwrap_or(tat));
                overall.max(chat_at).max(now)
            }
        }
    }

    fn take(&mut self, cost: Cost, now: Instant) {
        match cost {
            Cost::Free => {}
            Cost::Change => {
                self.free.push_back(now);
                self.all.push_back(now);
            }
            Cost::Send { chat, paid } => {
                if !paid {
                    self.free.push_back(now);
                }
                self.all.push_back(now);
                let interval = self.interval(chat);
                let tat = self.chats.get(&chat).map_or(now, |&t| t.max(now)) + interval;
                self.chats.insert(chat, tat);
                if self.chats.len() >= self.sweep_at {
                    self.chats.retain(|_, t| *t > now);
                    self.sweep_at = (2 * self.chats.len()).max(1024);
                }
            }
        }
    }

    /// Grants `cost` at once if nobody of the same or a higher priority is waiting and the
    /// budget allows it now.
    pub(crate) fn try_now(&mut self, priority: Priority, cost: Cost, now: Instant) -> bool {
        if self.held_until(now).is_some() || self.queues[..=priority as usize].iter().any(|q| !q.is_empty()) {
            return false;
        }
        if self.ready_at(cost, now) > now {
            return false;
        }
        self.take(cost, now);
        if priority != Priority::Broadcast && !self.queues[Priority::Broadcast as usize].is_empty() {
            self.last_yield = Some(now);
        }
        true
    }

    pub(crate) fn push(&mut self, priority: Priority, waiter: Waiter) {
        self.queues[priority as usize].push_back(waiter);
    }

    /// Hands out every grant possible at `now`, in order of priority; returns them and when
    /// to look again (`None`: when something new arrives).
    pub(crate) fn pump(&mut self, now: Instant) -> (Vec<Granted>, Option<Instant>) {
        let mut granted = Vec::new();
        if let Some(h) = self.held_until(now) {
            return (granted, Some(h));
        }
        let mut wake: Option<Instant> = None;
        for priority in Priority::ALL {
            let mut i = 0;
            while i < self.queues[priority as usize].len() {
                let (cost, closed) = {
                    let w = &self.queues[priority as usize][i];
                    (w.cost, w.grant.is_closed())
                };
                if closed {
                    self.queues[priority as usize].remove(i);
                    continue;
                }
                let at = self.ready_at(cost, now);
                if at > now {
                    wake = Some(wake.map_or(at, |w| w.min(at)));
                    i += 1;
                    continue;
                }
                self.take(cost, now);
                if let Some(w) = self.queues[priority as usize].remove(i) {
                    if w.grant.send(()).is_ok() {
                        granted.push(Granted { priority, waited: now.saturating_duration_since(w.enqueued) });
                        if priority != Priority::Broadcast && !self.queues[Priority::Broadcast as usize].is_empty() {
                            self.last_yield = Some(now);
                        }
                    }
                }
            }
        }
        (granted, wake)
    }
}

/// Drops the instants that left the window.
fn expire(q: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while q.front().is_some_and(|&t| now.saturating_duration_since(t) >= window) {
        q.pop_front();
    }
}

/// When one more fits under `limit` in the window.
fn fits(q: &VecDeque<Instant>, limit: u32, now: Instant, window: Duration) -> Instant {
    let limit = limit as usize;
    if q.len() < limit {
        return now;
    }
    if limit == 0 {
        return now + window;
    }
    q[q.len() - limit] + window
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiter(cost: Cost, now: Instant) -> (Waiter, oneshot::Receiver<()>) {
        let (tx, rx) = oneshot::channel();
        (Waiter { cost, enqueued: now, grant: tx }, rx)
    }

    fn send(chat: i64) -> Cost {
        Cost::Send { chat, paid: false }
    }

    #[test]
    fn thirty_sends_fit_a_window_and_the_thirty_first_waits_for_the_first_to_leave() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing::TELEGRAM);
        for chat in 0..30 {
            assert!(s.try_now(Priority::Reply, send(chat), t0), "send {chat}");
        }
        assert!(!s.try_now(Priority::Reply, send(30), t0));
        let (w, _rx) = waiter(send(30), t0);
        s.push(Priority::Reply, w);
        let (granted, wake) = s.pump(t0);
        assert!(granted.is_empty());
        assert_eq!(wake, Some(t0 + Pacing::TELEGRAM.window));
        let (granted, _) = s.pump(t0 + Pacing::TELEGRAM.window);
        assert_eq!(granted.len(), 1);
    }

    #[test]
    fn a_private_chat_takes_a_burst_of_three_then_one_per_interval() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing::TELEGRAM);
        for k in 0..3 {
            assert!(s.try_now(Priority::Reply, send(7), t0), "burst message {k}");
        }
        assert!(!s.try_now(Priority::Reply, send(7), t0), "a fourth at once");
        assert!(s.try_now(Priority::Reply, send(8), t0), "another chat is not affected");
        let i = Pacing::TELEGRAM.private_interval;
        assert!(!s.try_now(Priority::Reply, send(7), t0 + i - Duration::from_millis(1)));
        assert!(s.try_now(Priority::Reply, send(7), t0 + i));
        s.stop_bursts();
        assert!(s.try_now(Priority::Reply, send(9), t0 + i));
        assert!(!s.try_now(Priority::Reply, send(9), t0 + i), "no burst once Telegram refused one");
    }

    #[test]
    fn a_group_gets_one_message_per_group_interval() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing::TELEGRAM);
        assert!(s.try_now(Priority::Reply, send(-100), t0));
        assert!(!s.try_now(Priority::Reply, send(-100), t0 + Duration::from_secs(2)));
        assert!(s.try_now(Priority::Reply, send(-100), t0 + Pacing::TELEGRAM.group_interval));
    }

    #[test]
    fn replies_are_served_before_notifications_and_notifications_before_broadcasts() {
        let t0 = Instant::now();
        let pacing = Pacing { global_per_window: 2, ..Pacing::TELEGRAM };
        let mut s = Sched::new(pacing);
        let mut rx = Vec::new();
        for (p, chat) in [(Priority::Broadcast, 1), (Priority::Notify, 2), (Priority::Reply, 3), (Priority::Reply, 4)] {
            let (w, r) = waiter(send(chat), t0);
            s.push(p, w);
            rx.push((chat, r));
        }
        let (granted, _) = s.pump(t0);
        assert_eq!(granted.iter().map(|g| g.priority).collect::<Vec<_>>(), vec![Priority::Reply, Priority::Reply]);
        assert!(s.last_yield.is_some(), "the broadcast yielded");
        let (granted, _) = s.pump(t0 + pacing.window);
        assert_eq!(granted.iter().map(|g| g.priority).collect::<Vec<_>>(), vec![Priority::Notify, Priority::Broadcast]);
        for (chat, mut r) in rx {
            assert!(r.try_recv().is_ok(), "chat {chat} was granted");
        }
    }

    #[test]
    fn a_reply_waiting_for_its_chat_does_not_hold_back_other_chats() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing { private_burst: 1, ..Pacing::TELEGRAM });
        assert!(s.try_now(Priority::Reply, send(1), t0));
        let (w, _r1) = waiter(send(1), t0);
        s.push(Priority::Reply, w);
        let (w, _r2) = waiter(send(2), t0);
        s.push(Priority::Broadcast, w);
        let (granted, wake) = s.pump(t0);
        assert_eq!(granted.len(), 1);
        assert_eq!(granted[0].priority, Priority::Broadcast);
        assert_eq!(wake, Some(t0 + Pacing::TELEGRAM.private_interval));
    }

    #[test]
    fn nothing_is_granted_during_a_hold_not_even_a_free_request() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing::TELEGRAM);
        s.hold(t0 + Duration::from_secs(3));
        assert!(!s.try_now(Priority::Reply, Cost::Free, t0 + Duration::from_secs(1)));
        let (w, _r) = waiter(Cost::Free, t0);
        s.push(Priority::Reply, w);
        let (granted, wake) = s.pump(t0 + Duration::from_secs(2));
        assert!(granted.is_empty());
        assert_eq!(wake, Some(t0 + Duration::from_secs(3)));
        s.hold(t0 + Duration::from_secs(1));
        assert_eq!(s.held_until(t0), Some(t0 + Duration::from_secs(3)), "a shorter hold does not shorten it");
        let (granted, _) = s.pump(t0 + Duration::from_secs(3));
        assert_eq!(granted.len(), 1);
    }

    #[test]
    fn paid_broadcasts_do_not_use_up_the_free_budget() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing::TELEGRAM);
        for chat in 0..100 {
            assert!(s.try_now(Priority::Broadcast, Cost::Send { chat, paid: true }, t0), "paid {chat}");
        }
        assert!(s.try_now(Priority::Reply, send(1000), t0), "a reply still goes");
    }

    #[test]
    fn a_request_whose_caller_left_is_dropped_from_the_queue() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing { global_per_window: 0, ..Pacing::TELEGRAM });
        let (w, r) = waiter(send(1), t0);
        s.push(Priority::Reply, w);
        drop(r);
        let _ = s.pump(t0);
        assert_eq!(s.depth(Priority::Reply), 0);
    }
}
