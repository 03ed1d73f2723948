//! The broadcast outbox worker: drains `deliveries` at up to `BROADCAST_RATE` messages per
//! second through the outbound lane at broadcast priority, so a person's reply always goes
//! first: while people talk to the bot the broadcast slows down (its progress message says
//! so), and catches up afterwards.
//!
//! - Each delivery is claimed (`sending`) before its request and recorded after it. After a
//!   crash, claimed rows go back to pending: those, at most [`Settings::in_flight`] at any
//!   moment, are the only messages a recipient may get twice. Nobody is skipped.
//! - 429 → the lane holds every send for `retry_after` and sends the same request again;
//!   403 → the user is marked blocked, not retried; 400 → failed;
//!   network errors and 5xx → retried with backoff, at most `MAX_ATTEMPTS` times.
//! - Several broadcasts at once share the same pacing.
//! - The admin's progress message is edited every few seconds, then replaced by a report.
//! - One pass is [`Pacer::step`] over a [`Queue`] (the database and the lane here, memory in
//!   the tests, which drive the pacing with tokio's clock paused); [`run`] only rests between
//!   passes.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use sqlx::SqlitePool;
use teloxide::prelude::*;
use teloxide::types::MessageId;
use teloxide::{ApiError, RequestError};
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;

use crate::db::broadcasts::DeliveryRow;
use crate::domain::broadcast::{BroadcastStatus, Content, ContentKind, Progress};
use crate::domain::lang::Lang;
use crate::i18n::{render, Msg};
use crate::services::broadcasts::{self, Broadcast, Outcome};
use crate::services::ServiceError;
use crate::telegram::{keyboards, Outbound, Priority};

/// Why a progress message could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("Telegram request failed")]
    Telegram(#[from] RequestError),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// How the outbox sends.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Messages per second, all chats together.
    pub rate: u32,
    /// Telegram's paid broadcasts (`allow_paid_broadcast`): up to 1000 messages per second,
    /// charged in Stars. Opt-in.
    pub paid: bool,
    /// Requests in flight at once: enough to reach the rate at real round-trip times; also
    /// the bound on duplicates after a crash.
    pub in_flight: usize,
    /// How often the admin's progress message is edited.
    pub progress_every: Duration,
}

impl Settings {
    pub fn new(rate: u32, paid: bool) -> Self {
        // Without paid broadcasts Telegram answers 429 above about 30 messages per second.
        let rate = if paid { rate.max(1) } else { rate.clamp(1, 30) };
        Settings {
            rate,
            paid,
            in_flight: usize::try_from(rate.clamp(4, 64)).unwrap_or(16),
            progress_every: Duration::from_secs(3),
        }
    }
}

/// Telegram allows about one message per second to one chat.
const PER_CHAT: Duration = Duration::from_secs(1);
/// When there is nothing to send, look again after this long.
const IDLE: Duration = Duration::from_millis(250);

struct Shared {
    /// The lane at broadcast priority.
    out: Outbound,
    pool: SqlitePool,
    paid: bool,
    metrics: Arc<crate::metrics::Metrics>,
}

/// Runs until `stop` turns true, then waits for the sends in flight.
pub async fn run(
    out: Outbound,
    pool: SqlitePool,
    settings: Settings,
    metrics: Arc<crate::metrics::Metrics>,
    mut stop: watch::Receiver<bool>,
) {
    match broadcasts::recover(&pool).await {
        Ok(0) => {}
        Ok(n) => tracing::warn!(n, "deliveries in flight at the last stop are sent again"),
        Err(e) => tracing::error!(error = %crate::telemetry::chain(&e), "cannot recover the outbox"),
    }
    let out = out.at(Priority::Broadcast);
    let shared = Arc::new(Shared { out, pool, paid: settings.paid, metrics });
    let permits = Arc::new(Semaphore::new(settings.in_flight.max(1)));
    let mut queue =
        Stored { shared, permits: permits.clone(), settings, shown: HashMap::new(), chats: Default::default() };
    let mut pacer = Pacer::new(settings);
    while !*stop.borrow() {
        let pass = pacer.step(&mut queue, Utc::now().timestamp(), &mut stop).await;
        if let Some(rest) = pass.rest() {
            tokio::select! {
                _ = tokio::time::sleep(rest) => {}
                _ = stop.changed() => {}
            }
        }
    }
    // Let the requests in flight finish and be recorded.
    let _ = permits.acquire_many(u32::try_from(settings.in_flight.max(1)).unwrap_or(1)).await;
    tracing::debug!("the outbox stopped");
}

/// A delivery that is due, with its broadcast.
pub(crate) struct Due {
    broadcast: Arc<Broadcast>,
    delivery: DeliveryRow,
}

/// What became of a delivery handed to [`Queue::send`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dispatch {
    /// Claimed and on its way.
    Sent,
    /// Another pass, a stop or a cancellation took it first.
    Taken,
    /// No more sends can start (the outbox is stopping).
    Closed,
}

/// Where a pass of the outbox finds its deliveries and sends them: the database and the
/// outbound lane ([`Stored`]), or memory in the tests of the pacing.
pub(crate) trait Queue {
    /// Starts the broadcasts scheduled by `now` and returns up to `limit` deliveries due.
    async fn due(&mut self, now: i64, limit: i64) -> Vec<Due>;
    /// Waits for a free place among the sends in flight, claims the delivery and sends it in
    /// the background.
    async fn send(&mut self, due: Due) -> Dispatch;
    /// Turns finished broadcasts into reports and, when `tick`, redraws the progress of the
    /// running ones.
    async fn report(&mut self, tick: bool);
    /// Whether a message to `chat` is still on its way, or reached Telegram less than a
    /// second ago. A send in the background may wait in the outbound lane, so the time it was
    /// handed over says too little: two messages handed over a second apart can reach one
    /// chat together.
    fn busy(&self, chat: i64) -> bool;
}

/// What one pass did, and when to look again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pass {
    /// Deliveries claimed and sent.
    pub sent: usize,
    /// Due deliveries left for a later pass because their chat had a message less than a
    /// second ago.
    pub held: usize,
}

impl Pass {
    /// How long to wait before the next pass: nothing when this one sent something (more may
    /// be due at once), [`IDLE`] otherwise.
    pub fn rest(&self) -> Option<Duration> {
        (self.sent == 0).then_some(IDLE)
    }
}

/// The outbox's pacing across passes: one slot per message at the broadcast rate (the lane
/// may slow it further), a chat at most once a second across broadcasts ([`Queue::busy`]),
/// the progress messages every few seconds. It reads tokio's clock, so a test drives it with paused time.
pub(crate) struct Pacer {
    settings: Settings,
    interval: Duration,
    next_slot: Instant,
    last_progress: Instant,
}

impl Pacer {
    pub fn new(settings: Settings) -> Pacer {
        Pacer {
            settings,
            interval: Duration::from_secs(1) / settings.rate.max(1),
            next_slot: Instant::now(),
            last_progress: Instant::now(),
        }
    }

    /// One pass at the wall-clock time `now` (Unix seconds): takes what is due, sends each at
    /// its slot, then updates the progress messages. Returns early (without waiting for the
    /// next slot) when `stop` changes.
    pub async fn step<Q: Queue>(&mut self, queue: &mut Q, now: i64, stop: &mut watch::Receiver<bool>) -> Pass {
        let batch = queue.due(now, i64::from(self.settings.rate).max(50) * 2).await;
        let mut pass = Pass::default();
        for due in batch {
            if *stop.borrow() {
                break;
            }
            let chat = due.delivery.chat_id;
            if queue.busy(chat) {
                pass.held += 1;
                continue;
            }
            if self.next_slot > Instant::now() {
                tokio::select! {
                    _ = tokio::time::sleep_until(self.next_slot) => {}
                    _ = stop.changed() => break,
                }
            }
            self.next_slot = self.next_slot.max(Instant::now() - self.interval) + self.interval;
            match queue.send(due).await {
                Dispatch::Sent => {}
                Dispatch::Taken => continue,
                Dispatch::Closed => break,
            }
            pass.sent += 1;
        }
        let tick = self.last_progress.elapsed() >= self.settings.progress_every;
        if tick || pass.sent == 0 {
            queue.report(tick).await;
            if tick {
                self.last_progress = Instant::now();
            }
        }
        pass
    }
}

/// The outbox in the database, sent through the outbound lane.
struct Stored {
    shared: Arc<Shared>,
    permits: Arc<Semaphore>,
    settings: Settings,
    /// The figures last drawn in each running broadcast's progress message.
    shown: HashMap<i64, Progress>,
    /// Per chat, when its last message was done (`None` while one is on its way).
    chats: Arc<std::sync::Mutex<Chats>>,
}

type Chats = HashMap<i64, Option<Instant>>;

/// The per-chat record, also from a finished send's task (a poisoned lock only means a
/// panicked send: the map is still whole).
fn lock(chats: &std::sync::Mutex<Chats>) -> std::sync::MutexGuard<'_, Chats> {
    chats.lock().unwrap_or_else(|p| p.into_inner())
}

/// Whether a chat whose last message is `done` must still wait: one is on its way, or it
/// reached Telegram less than a second ago.
fn holds(done: &Option<Instant>) -> bool {
    done.is_none_or(|t| t.elapsed() < PER_CHAT)
}

impl Queue for Stored {
    async fn due(&mut self, now: i64, limit: i64) -> Vec<Due> {
        let pool = &self.shared.pool;
        if let Err(e) = broadcasts::start_due(pool, now).await {
            tracing::error!(error = %crate::telemetry::chain(&e), "cannot start scheduled broadcasts");
        }
        let batch = match broadcasts::due(pool, now, limit).await {
            Ok(b) => b,
            Err(e) => {
                tracing::error!(error = %crate::telemetry::chain(&e), "cannot read the outbox");
                Vec::new()
            }
        };
        // Each broadcast's content is read once per batch, not once per message. A broadcast
        // stopped meanwhile is caught by the claim: its rows are no longer pending.
        let mut contents: HashMap<i64, Arc<Broadcast>> = HashMap::new();
        for id in batch.iter().map(|d| d.broadcast_id) {
            if let std::collections::hash_map::Entry::Vacant(slot) = contents.entry(id) {
                match broadcasts::get(pool, id).await {
                    Ok(Some(b)) => {
                        slot.insert(Arc::new(b));
                    }
                    Ok(None) => {}
                    Err(e) => tracing::error!(error = %crate::telemetry::chain(&e), "cannot read a broadcast"),
                }
            }
        }
        batch
            .into_iter()
            .filter_map(|d| contents.get(&d.broadcast_id).map(|b| Due { broadcast: b.clone(), delivery: d }))
            .collect()
    }

    async fn send(&mut self, due: Due) -> Dispatch {
        let Ok(permit) = self.permits.clone().acquire_owned().await else { return Dispatch::Closed };
        match broadcasts::claim(&self.shared.pool, due.delivery.id).await {
            Ok(true) => {}
            Ok(false) => return Dispatch::Taken,
            Err(e) => {
                tracing::error!(error = %crate::telemetry::chain(&e), "cannot claim a delivery");
                return Dispatch::Taken;
            }
        }
        let chat = due.delivery.chat_id;
        {
            let mut chats = lock(&self.chats);
            chats.retain(|_, done| holds(done));
            chats.insert(chat, None);
        }
        let (shared, chats) = (self.shared.clone(), self.chats.clone());
        tokio::spawn(async move {
            deliver(&shared, &due.broadcast, &due.delivery).await;
            lock(&chats).insert(chat, Some(Instant::now()));
            drop(permit);
        });
        Dispatch::Sent
    }

    fn busy(&self, chat: i64) -> bool {
        lock(&self.chats).get(&chat).is_some_and(holds)
    }

    async fn report(&mut self, tick: bool) {
        report(&self.shared, self.settings, tick, &mut self.shown).await;
    }
}

/// Sends one delivery and records its outcome.
async fn deliver(shared: &Shared, b: &Broadcast, d: &DeliveryRow) {
    let outcome = classify(send(shared, b, d).await);
    shared.metrics.send(match outcome {
        Outcome::Sent => "sent",
        Outcome::RetryAfter { .. } => "rate_limited",
        Outcome::Blocked => "blocked",
        Outcome::Failed(_) => "failed",
        Outcome::Transient(_) => "retry",
    });
    if let Err(e) = broadcasts::record(&shared.pool, d, &outcome, Utc::now().timestamp()).await {
        tracing::error!(delivery = d.id, error = %crate::telemetry::chain(&e), "cannot record a delivery");
    }
}

async fn send(shared: &Shared, b: &Broadcast, d: &DeliveryRow) -> Result<(), RequestError> {
    let lang = Lang::from_code(&d.lang).unwrap_or_default();
    let keyboard = b.course_button.map(|c| keyboards::register_only(lang, c));
    send_content(&shared.out, ChatId(d.chat_id), &b.content, keyboard, shared.paid).await
}

/// Sends a broadcast's content to one chat: what recipients get, and the admin's preview.
pub async fn send_content(
    out: &Outbound,
    chat: ChatId,
    content: &Content,
    keyboard: Option<teloxide::types::InlineKeyboardMarkup>,
    paid: bool,
) -> Result<(), RequestError> {
    let file_id = content.file_id.as_deref().unwrap_or_default();
    let caption = content.body.as_str();
    let what = match content.kind {
        ContentKind::Text => crate::telegram::Content::Text(caption),
        ContentKind::Photo => crate::telegram::Content::Photo { file_id, caption },
        ContentKind::Document => crate::telegram::Content::Document { file_id, caption },
    };
    out.send_content(chat, what, keyboard, paid).await.map(drop)
}

/// Sorts a send's result into what the outbox does next.
pub fn classify(result: Result<(), RequestError>) -> Outcome {
    use crate::telegram::is_server_error;
    match result {
        Ok(()) => Outcome::Sent,
        Err(RequestError::RetryAfter(s)) => Outcome::RetryAfter { seconds: i64::from(s.seconds()).max(1) },
        Err(RequestError::Api(
            ApiError::BotBlocked
            | ApiError::UserDeactivated
            | ApiError::BotKicked
            | ApiError::BotKickedFromSupergroup
            | ApiError::CantInitiateConversation,
        )) => Outcome::Blocked,
        Err(RequestError::Api(ApiError::Unknown(text))) if is_server_error(&text) => Outcome::Transient(text),
        Err(RequestError::Api(e)) => Outcome::Failed(e.to_string()),
        Err(e @ (RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. })) => {
            Outcome::Transient(e.to_string())
        }
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Edits each running broadcast's progress message (when `tick`), and turns finished ones
/// into a final report.
async fn report(shared: &Shared, settings: Settings, tick: bool, shown: &mut HashMap<i64, Progress>) {
    let now = Utc::now().timestamp();
    let finished = broadcasts::finish_done(&shared.pool, now).await.unwrap_or_default();
    let mut ids = finished.clone();
    for id in &finished {
        shown.remove(id);
    }
    if tick {
        match broadcasts::sending(&shared.pool).await {
            Ok(list) => {
                for b in list {
                    // Telegram refuses an edit that changes nothing (e.g. during a 429 pause).
                    let Ok(p) = broadcasts::progress(&shared.pool, b.id).await else { continue };
                    if shown.insert(b.id, p) != Some(p) {
                        ids.push(b.id);
                    }
                }
            }
            Err(e) => tracing::warn!(error = %crate::telemetry::chain(&e), "cannot list running broadcasts"),
        }
    }
    for id in ids {
        if let Err(e) = show_progress(&shared.out, &shared.pool, id, settings.rate).await {
            tracing::debug!(broadcast = id, error = %crate::telemetry::chain(&e), "cannot show broadcast progress");
        }
    }
}

/// Draws a broadcast's figures in its progress message (or sends one if it has none).
pub async fn show_progress(out: &Outbound, pool: &SqlitePool, id: i64, rate: u32) -> Result<(), ProgressError> {
    let out = out.at(Priority::Notify);
    let Some(b) = broadcasts::get(pool, id).await? else { return Ok(()) };
    let p = broadcasts::progress(pool, id).await?;
    let lang = crate::services::users::language_of_chat(pool, b.admin_chat).await.unwrap_or_default();
    let (msg, keyboard) = progress_view(lang, &b, &p, rate, out.broadcast_yielding());
    let chat = ChatId(b.admin_chat);
    match b.progress_message_id {
        Some(m) => {
            let id = MessageId(i32::try_from(m).unwrap_or(0));
            match out.edit_html(chat, id, render(lang, &msg), keyboard).await {
                Ok(()) | Err(RequestError::Api(ApiError::MessageNotModified)) => {}
                Err(e) => return Err(e.into()),
            }
        }
        None => {
            let markup = keyboard.map(teloxide::types::ReplyMarkup::InlineKeyboard);
            let sent = out.send_html(chat, render(lang, &msg), markup).await?;
            broadcasts::set_progress_message(pool, id, i64::from(sent.id.0)).await?;
        }
    }
    Ok(())
}

/// The figures and, while it runs, a Stop button.
pub fn progress_view(
    lang: Lang,
    b: &Broadcast,
    p: &Progress,
    rate: u32,
    yielding: bool,
) -> (Msg, Option<teloxide::types::InlineKeyboardMarkup>) {
    match b.status {
        BroadcastStatus::Done | BroadcastStatus::Cancelled => (
            Msg::BroadcastReport {
                id: b.id,
                sent: p.sent,
                failed: p.failed,
                blocked: p.blocked,
                cancelled: p.cancelled,
                status: b.status.code().to_owned(),
            },
            None,
        ),
        BroadcastStatus::Scheduled | BroadcastStatus::Sending => {
            let eta = (p.remaining + i64::from(rate) - 1) / i64::from(rate.max(1));
            (
                Msg::BroadcastProgress {
                    id: b.id,
                    sent: p.sent,
                    failed: p.failed,
                    blocked: p.blocked,
                    remaining: p.remaining,
                    eta,
                    yielding: if yielding { "yes" } else { "no" }.to_owned(),
                },
                Some(keyboards::broadcast_stop(lang, b.id)),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An outbox in memory: the deliveries still pending, and when each chat got its message
    /// by tokio's (paused) clock.
    struct Memory {
        broadcast: Arc<Broadcast>,
        pending: Vec<DeliveryRow>,
        sent: Vec<(i64, Instant)>,
        /// How long each send, in order, takes to reach Telegram (none: at once).
        lags: Vec<Duration>,
    }

    impl Memory {
        fn new(chats: &[i64]) -> Memory {
            let pending = chats
                .iter()
                .enumerate()
                .map(|(n, &chat_id)| DeliveryRow {
                    id: i64::try_from(n).unwrap_or(i64::MAX),
                    broadcast_id: 7,
                    chat_id,
                    user_id: chat_id,
                    lang: "vi".into(),
                    attempts: 0,
                })
                .collect();
            Memory { broadcast: Arc::new(broadcast()), pending, sent: Vec::new(), lags: Vec::new() }
        }

        /// Runs passes as [`run`] does until nothing is pending; returns the virtual time taken.
        async fn drain(&mut self, pacer: &mut Pacer) -> Duration {
            let (_stop, mut stopped) = watch::channel(false);
            let started = Instant::now();
            for _ in 0..1000 {
                if self.pending.is_empty() {
                    return started.elapsed();
                }
                let pass = pacer.step(self, 0, &mut stopped).await;
                if let Some(rest) = pass.rest() {
                    tokio::time::sleep(rest).await;
                }
            }
            panic!("the outbox never drained: {} pending", self.pending.len());
        }
    }

    impl Queue for Memory {
        async fn due(&mut self, _now: i64, limit: i64) -> Vec<Due> {
            let limit = usize::try_from(limit).unwrap_or(usize::MAX);
            let due = self.pending.iter().take(limit);
            due.map(|d| Due { broadcast: self.broadcast.clone(), delivery: d.clone() }).collect()
        }

        async fn send(&mut self, due: Due) -> Dispatch {
            match self.pending.iter().position(|d| d.id == due.delivery.id) {
                Some(at) => {
                    self.pending.remove(at);
                    let lag = if self.lags.is_empty() { Duration::ZERO } else { self.lags.remove(0) };
                    self.sent.push((due.delivery.chat_id, Instant::now() + lag));
                    Dispatch::Sent
                }
                None => Dispatch::Taken,
            }
        }

        async fn report(&mut self, _tick: bool) {}

        fn busy(&self, chat: i64) -> bool {
            self.sent.iter().any(|(c, at)| *c == chat && *at + PER_CHAT > Instant::now())
        }
    }

    fn broadcast() -> Broadcast {
        Broadcast {
            id: 7,
            admin_chat: 1,
            content: Content { kind: ContentKind::Text, body: "x".into(), file_id: None },
            audience: Default::default(),
            course_button: None,
            status: BroadcastStatus::Sending,
            send_at: 0,
            created_at: 0,
            progress_message_id: None,
            progress_at: 0,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_outbox_sends_one_message_per_slot_of_its_rate_by_the_clock() {
        let chats: Vec<i64> = (100..112).collect();
        let mut outbox = Memory::new(&chats);
        let mut pacer = Pacer::new(Settings::new(5, false));
        let start = Instant::now();
        let took = outbox.drain(&mut pacer).await;
        let at: Vec<Duration> = outbox.sent.iter().map(|(_, t)| *t - start).collect();
        let want: Vec<Duration> = (0..12).map(|k| Duration::from_millis(200) * k).collect();
        assert_eq!(at, want, "one message every 200 ms at 5 a second, the first at once");
        assert_eq!(outbox.sent.iter().map(|(c, _)| *c).collect::<Vec<_>>(), chats, "in the order they were due");
        assert_eq!(took, Duration::from_millis(2200));
    }

    #[tokio::test(start_paused = true)]
    async fn a_chat_gets_at_most_one_message_a_second_across_broadcasts_and_passes() {
        let mut outbox = Memory::new(&[1, 1, 2, 1]);
        let settings = Settings::new(30, false);
        let mut pacer = Pacer::new(settings);
        let start = Instant::now();
        outbox.drain(&mut pacer).await;
        let to = |chat: i64| -> Vec<Duration> {
            outbox.sent.iter().filter(|(c, _)| *c == chat).map(|(_, t)| *t - start).collect()
        };
        // The next slot at 30 a second (tokio's timer counts whole milliseconds).
        let slot = Duration::from_secs(1) / 30;
        assert!(matches!(to(2)[..], [t] if t >= slot && t <= slot + Duration::from_millis(1)), "{:?}", to(2));
        let one = to(1);
        assert_eq!(one.len(), 3);
        for pair in one.windows(2) {
            let gap = pair[1] - pair[0];
            assert!(gap >= PER_CHAT, "{one:?}");
            assert!(gap < PER_CHAT + IDLE + Duration::from_secs(1) / 30, "sent as soon as the second is over: {one:?}");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_chat_waits_a_second_after_its_last_message_arrived_not_after_it_was_handed_over() {
        // The first message waits 1.5 s in the lane, the second would go straight through.
        let mut outbox = Memory::new(&[1, 1]);
        outbox.lags = vec![Duration::from_millis(1500), Duration::ZERO];
        let mut pacer = Pacer::new(Settings::new(30, false));
        outbox.drain(&mut pacer).await;
        let arrived: Vec<Instant> = outbox.sent.iter().map(|(_, at)| *at).collect();
        assert_eq!(arrived.len(), 2);
        assert!(arrived[1] >= arrived[0] + PER_CHAT, "{:?}", arrived[1] - arrived[0]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_stop_ends_the_wait_for_the_next_slot() {
        let mut outbox = Memory::new(&[1, 2, 3]);
        let mut pacer = Pacer::new(Settings::new(1, false));
        let (stop, mut stopped) = watch::channel(false);
        let start = Instant::now();
        let stopper = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let _ = stop.send(true);
            stop
        });
        let pass = pacer.step(&mut outbox, 0, &mut stopped).await;
        assert_eq!(pass, Pass { sent: 1, held: 0 });
        assert_eq!(start.elapsed(), Duration::from_millis(300), "no wait for the next second's slot");
        assert_eq!(outbox.pending.len(), 2, "nothing more claimed");
        drop(stopper.await);
    }

    #[test]
    fn the_progress_message_says_when_the_broadcast_gives_way_to_people() {
        let b = broadcast();
        let p = Progress { sent: 10, failed: 0, blocked: 0, remaining: 90, cancelled: 0 };
        for lang in [Lang::Vi, Lang::En] {
            let (calm, _) = progress_view(lang, &b, &p, 25, false);
            let (busy, _) = progress_view(lang, &b, &p, 25, true);
            let (calm, busy) = (render(lang, &calm), render(lang, &busy));
            assert!(busy.starts_with(&calm) && busy.len() > calm.len(), "{calm:?} / {busy:?}");
            assert!(busy.contains('⏸') && !calm.contains('⏸'));
            assert!(!calm.ends_with('\n') && !busy.contains("\n\n"), "{calm:?} / {busy:?}");
        }
    }

    #[test]
    fn the_rate_is_capped_at_telegrams_30_unless_paid_broadcasts_are_on() {
        assert_eq!(Settings::new(25, false).rate, 25);
        assert_eq!(Settings::new(200, false).rate, 30);
        assert_eq!(Settings::new(200, true).rate, 200);
        assert_eq!(Settings::new(0, false).rate, 1);
        assert_eq!(Settings::new(25, false).in_flight, 25, "the crash duplicate bound");
        assert_eq!(Settings::new(1000, true).in_flight, 64);
    }

    #[test]
    fn send_results_are_classified_for_the_outbox() {
        assert_eq!(classify(Ok(())), Outcome::Sent);
        assert_eq!(classify(Err(RequestError::Api(ApiError::BotBlocked))), Outcome::Blocked);
        assert!(matches!(classify(Err(RequestError::Api(ApiError::ChatNotFound))), Outcome::Failed(_)));
        assert!(matches!(
            classify(Err(RequestError::Api(ApiError::Unknown("Bad Gateway".into())))),
            Outcome::Transient(_)
        ));
        let retry = RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(3));
        assert_eq!(classify(Err(retry)), Outcome::RetryAfter { seconds: 3 });
    }
}
