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
//! - **Counted until it arrived:** a request holds its place in the overall window from its
//!   grant until it is answered, and then for a whole window from the answer (the latest it
//!   can have reached Telegram). A request delayed on its way (a busy machine, a slow network)
//!   therefore cannot meet the requests granted after it inside one of Telegram's seconds.

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

/// Names a granted request in the window until [`Sched::done`] says it was answered.
pub(crate) type Ticket = u64;

/// A request waiting for its turn; the grant carries its ticket.
pub(crate) struct Waiter {
    pub(crate) cost: Cost,
    pub(crate) enqueued: Instant,
    pub(crate) grant: oneshot::Sender<Option<Ticket>>,
}

/// A request counted in a window: granted, and answered at `done` (`None`: on its way).
#[derive(Debug, Clone, Copy)]
struct Slot {
    ticket: Ticket,
    done: Option<Instant>,
}

impl Slot {
    /// The latest instant the request reached (or will have reached) Telegram, as far as is
    /// known at `now`.
    fn arrived(&self, now: Instant) -> Instant {
        self.done.unwrap_or(now)
    }
}

/// A grant handed out by [`Sched::pump`]: who waited how long.
pub(crate) struct Granted {
    pub(crate) priority: Priority,
    pub(crate) waited: Duration,
}

/// The scheduler's state.
pub(crate) struct Sched {
    pacing: Pacing,
    free: VecDeque<Slot>,
    all: VecDeque<Slot>,
    next_ticket: Ticket,
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
            next_ticket: 0,
            chats: HashMap::new(),
            hold_until: None,
            queues: Default::default(),
            last_yield: None,
            no_burst: false,
            sweep_at: 1024,
        }
    }

    /// Whether any request waits for its turn.
    pub(crate) fn waiting(&self) -> bool {
        self.queues.iter().any(|q| !q.is_empty())
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
        let recent = in_window(&self.free, now, self.pacing.window).count();
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

    /// Counts a granted request; its ticket, for [`Sched::done`] (`None`: nothing counted).
    fn take(&mut self, cost: Cost, now: Instant) -> Option<Ticket> {
        let ticket = self.next_ticket;
        let slot = Slot { ticket, done: None };
        match cost {
            Cost::Free => return None,
            Cost::Change => {
                self.free.push_back(slot);
                self.all.push_back(slot);
            }
            Cost::Send { chat, paid } => {
                if !paid {
                    self.free.push_back(slot);
                }
                self.all.push_back(slot);
                let interval = self.interval(chat);
                let tat = self.chats.get(&chat).map_or(now, |&t| t.max(now)) + interval;
                self.chats.insert(chat, tat);
                if self.chats.len() >= self.sweep_at {
                    self.chats.retain(|_, t| *t > now);
                    self.sweep_at = (2 * self.chats.len()).max(1024);
                }
            }
        }
        self.next_ticket += 1;
        Some(ticket)
    }

    /// The request holding `ticket` was answered (or given up) at `now`: it stays in the
    /// windows for one more window from now.
    pub(crate) fn done(&mut self, ticket: Ticket, now: Instant) {
        for q in [&mut self.free, &mut self.all] {
            if let Some(slot) = q.iter_mut().rev().find(|s| s.ticket == ticket) {
                slot.done = Some(now);
            }
        }
    }

    /// Grants `cost` at once (with its ticket) if nobody of the same or a higher priority is
    /// waiting and the budget allows it now.
    pub(crate) fn try_now(&mut self, priority: Priority, cost: Cost, now: Instant) -> Result<Option<Ticket>, NotNow> {
        if self.held_until(now).is_some() || self.queues[..=priority as usize].iter().any(|q| !q.is_empty()) {
            return Err(NotNow);
        }
        if self.ready_at(cost, now) > now {
            return Err(NotNow);
        }
        let ticket = self.take(cost, now);
        if priority != Priority::Broadcast && !self.queues[Priority::Broadcast as usize].is_empty() {
            self.last_yield = Some(now);
        }
        Ok(ticket)
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
                let ticket = self.take(cost, now);
                if let Some(w) = self.queues[priority as usize].remove(i) {
                    if w.grant.send(ticket).is_ok() {
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

/// The request cannot be granted now: it must queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotNow;

/// Drops the requests at the front that left the window (answered a window ago or more).
fn expire(q: &mut VecDeque<Slot>, now: Instant, window: Duration) {
    while q.front().is_some_and(|s| s.done.is_some_and(|d| now.saturating_duration_since(d) >= window)) {
        q.pop_front();
    }
}

/// When each request still counted in the window arrived (now for one on its way).
fn in_window(q: &VecDeque<Slot>, now: Instant, window: Duration) -> impl Iterator<Item = Instant> + '_ {
    q.iter().map(move |s| s.arrived(now)).filter(move |&t| now.saturating_duration_since(t) < window)
}

/// When one more fits under `limit` in the window. A request on its way counts as arriving
/// now: the answer that ends its journey wakes the pump, which looks again.
fn fits(q: &VecDeque<Slot>, limit: u32, now: Instant, window: Duration) -> Instant {
    let limit = limit as usize;
    if q.len() < limit {
        return now;
    }
    if limit == 0 {
        return now + window;
    }
    let mut counted: Vec<Instant> = in_window(q, now, window).collect();
    if counted.len() < limit {
        return now;
    }
    counted.sort_unstable();
    counted[counted.len() - limit] + window
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tries a request that Telegram answers at once; whether it was granted.
    fn go(s: &mut Sched, priority: Priority, cost: Cost, now: Instant) -> bool {
        match s.try_now(priority, cost, now) {
            Ok(ticket) => {
                if let Some(t) = ticket {
                    s.done(t, now);
                }
                true
            }
            Err(NotNow) => false,
        }
    }

    fn waiter(cost: Cost, now: Instant) -> (Waiter, oneshot::Receiver<Option<Ticket>>) {
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
            assert!(go(&mut s, Priority::Reply, send(chat), t0), "send {chat}");
        }
        assert!(!go(&mut s, Priority::Reply, send(30), t0));
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
            assert!(go(&mut s, Priority::Reply, send(7), t0), "burst message {k}");
        }
        assert!(!go(&mut s, Priority::Reply, send(7), t0), "a fourth at once");
        assert!(go(&mut s, Priority::Reply, send(8), t0), "another chat is not affected");
        let i = Pacing::TELEGRAM.private_interval;
        assert!(!go(&mut s, Priority::Reply, send(7), t0 + i - Duration::from_millis(1)));
        assert!(go(&mut s, Priority::Reply, send(7), t0 + i));
        s.stop_bursts();
        assert!(go(&mut s, Priority::Reply, send(9), t0 + i));
        assert!(!go(&mut s, Priority::Reply, send(9), t0 + i), "no burst once Telegram refused one");
    }

    #[test]
    fn a_group_gets_one_message_per_group_interval() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing::TELEGRAM);
        assert!(go(&mut s, Priority::Reply, send(-100), t0));
        assert!(!go(&mut s, Priority::Reply, send(-100), t0 + Duration::from_secs(2)));
        assert!(go(&mut s, Priority::Reply, send(-100), t0 + Pacing::TELEGRAM.group_interval));
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
        for (_, r) in rx.iter_mut().filter(|(chat, _)| *chat >= 3) {
            if let Ok(Some(t)) = r.try_recv() {
                s.done(t, t0);
            }
        }
        let (granted, _) = s.pump(t0 + pacing.window);
        assert_eq!(granted.iter().map(|g| g.priority).collect::<Vec<_>>(), vec![Priority::Notify, Priority::Broadcast]);
        for (chat, mut r) in rx.into_iter().filter(|(chat, _)| *chat < 3) {
            assert!(r.try_recv().is_ok(), "chat {chat} was granted");
        }
    }

    #[test]
    fn a_reply_waiting_for_its_chat_does_not_hold_back_other_chats() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing { private_burst: 1, ..Pacing::TELEGRAM });
        assert!(go(&mut s, Priority::Reply, send(1), t0));
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
        assert!(!go(&mut s, Priority::Reply, Cost::Free, t0 + Duration::from_secs(1)));
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
            assert!(go(&mut s, Priority::Broadcast, Cost::Send { chat, paid: true }, t0), "paid {chat}");
        }
        assert!(go(&mut s, Priority::Reply, send(1000), t0), "a reply still goes");
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

    #[test]
    fn a_request_on_its_way_keeps_its_place_until_answered_and_a_window_after() {
        let t0 = Instant::now();
        let pacing = Pacing { global_per_window: 1, ..Pacing::TELEGRAM };
        let w = pacing.window;
        let mut s = Sched::new(pacing);
        let slow = s.try_now(Priority::Reply, send(1), t0).expect("granted").expect("a ticket");
        assert!(!go(&mut s, Priority::Reply, send(2), t0 + w * 3), "on its way, it still counts");
        // Answered at three windows: it may have arrived just then.
        s.done(slow, t0 + w * 3);
        assert!(!go(&mut s, Priority::Reply, send(2), t0 + w * 3 + w / 2), "it counts a window after its answer");
        assert!(go(&mut s, Priority::Reply, send(2), t0 + w * 4));
    }

    #[test]
    fn a_queued_request_waits_for_the_answer_of_one_on_its_way() {
        let t0 = Instant::now();
        let mut s = Sched::new(Pacing { global_per_window: 1, ..Pacing::TELEGRAM });
        let ticket = s.try_now(Priority::Reply, send(1), t0).expect("granted").expect("a ticket");
        let (wt, mut rx) = waiter(send(2), t0);
        s.push(Priority::Reply, wt);
        let later = t0 + Duration::from_secs(5);
        let (granted, wake) = s.pump(later);
        assert!(granted.is_empty(), "granted while the first was on its way");
        assert_eq!(wake, Some(later + Pacing::TELEGRAM.window), "looks again a window later at the latest");
        s.done(ticket, later);
        let (granted, _) = s.pump(later + Pacing::TELEGRAM.window);
        assert_eq!(granted.len(), 1);
        assert!(matches!(rx.try_recv(), Ok(Some(_))), "the grant carries a ticket");
    }
}
