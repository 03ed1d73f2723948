//! The one owner of outgoing Telegram traffic. Every request that sends or changes something
//! in a chat — replies, edits, callback answers, photos, documents, promotions, reminders,
//! admin alerts, broadcasts — goes through an [`Outbound`], which keeps the whole bot inside
//! Telegram's budget ([`lane`]), serves a person's reply before notifications and those
//! before broadcasts, waits out a 429 (holding every request for its `retry_after`) and sends
//! the same request again, and retries server and connection failures with backoff where
//! repeating is safe. A chat's replies keep their order because each handler awaits its
//! sends one after the other.
//!
//! This module also owns the keyboards and the callback-data codec (what a message carries
//! besides its text). It is a leaf: it imports `domain`, `i18n` and `metrics`, never `bot`
//! or `worker`, which both use it.

pub mod callback;
pub mod keyboards;
pub mod lane;

use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use teloxide::payloads::{
    AnswerCallbackQuerySetters, EditMessageReplyMarkupSetters, EditMessageTextSetters, SendDocumentSetters,
    SendMessageSetters, SendPhotoSetters, SetMyCommandsSetters,
};
use teloxide::prelude::*;
use teloxide::requests::{Output, Request};
use teloxide::types::{
    BotCommand, BotCommandScope, CallbackQueryId, FileId, InlineKeyboardMarkup, InputFile, Message, MessageId,
    ParseMode, ReplyMarkup,
};
use teloxide::{ApiError, RequestError};
use tokio::sync::{oneshot, Notify};
use tokio::time::Instant;

use crate::metrics::Metrics;
pub use lane::{Cost, Pacing, Priority};
use lane::{Sched, Waiter};

/// Attempts after a server or connection failure, with these waits between them.
const BACKOFF: [Duration; 3] = [Duration::from_millis(300), Duration::from_secs(1), Duration::from_secs(3)];

/// How long a broadcast counts as yielding after a person's message last took its turn.
const YIELD_MEMORY: Duration = Duration::from_secs(5);

/// Messages whose keyboard the bot removed, remembered so a second tap on the same stale menu
/// does not send a removal Telegram would refuse as "not modified". Bounded: forgotten in one
/// go when full (forgetting only costs one refused edit).
const CLEARED_MAX: usize = 4096;

struct Inner {
    bot: Bot,
    sched: Mutex<Sched>,
    cleared: Mutex<std::collections::HashSet<(i64, i32)>>,
    wake: Notify,
    metrics: Arc<Metrics>,
}

impl Inner {
    fn sched(&self) -> MutexGuard<'_, Sched> {
        // The scheduler's state stays consistent between statements, so a panic elsewhere
        // while the lock was held does not spoil it.
        self.sched.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn show_depth(&self, s: &Sched) {
        for p in Priority::ALL {
            self.metrics.lane_depth(p.label(), s.depth(p));
        }
    }
}

/// A handle on the lane: cheap to clone; each clone sends at its own [`Priority`].
#[derive(Clone)]
pub struct Outbound {
    inner: Arc<Inner>,
    priority: Priority,
}

impl Outbound {
    /// The lane for `bot`, with its scheduler task; must be called inside a Tokio runtime.
    pub fn new(bot: Bot, pacing: Pacing, metrics: Arc<Metrics>) -> Outbound {
        let inner = Arc::new(Inner {
            bot,
            sched: Mutex::new(Sched::new(pacing)),
            cleared: Mutex::default(),
            wake: Notify::new(),
            metrics,
        });
        tokio::spawn(pump(Arc::downgrade(&inner)));
        Outbound { inner, priority: Priority::Reply }
    }

    /// The same lane at `priority`.
    pub fn at(&self, priority: Priority) -> Outbound {
        Outbound { inner: self.inner.clone(), priority }
    }

    pub fn priority(&self) -> Priority {
        self.priority
    }

    /// Whether a person's message took a broadcast's turn in the last few seconds.
    pub fn broadcast_yielding(&self) -> bool {
        self.inner.sched().last_yield.is_some_and(|t| t.elapsed() < YIELD_MEMORY)
    }

    /// Requests waiting at each priority.
    pub fn depth(&self, priority: Priority) -> usize {
        self.inner.sched().depth(priority)
    }

    /// Records whether the message now has no keyboard.
    fn remember_keyboard(&self, chat: ChatId, id: MessageId, has_keyboard: bool) {
        let mut cleared = self.inner.cleared.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if has_keyboard {
            cleared.remove(&(chat.0, id.0));
        } else {
            if cleared.len() >= CLEARED_MAX {
                cleared.clear();
            }
            cleared.insert((chat.0, id.0));
        }
    }

    fn keyboard_cleared(&self, chat: ChatId, id: MessageId) -> bool {
        self.inner.cleared.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains(&(chat.0, id.0))
    }

    /// Waits for the turn of a request costing `cost`; says whether it is part of a burst, and
    /// holds its place in the budget until the request was answered (dropped).
    async fn turn(&self, cost: Cost) -> (bool, InFlight<'_>) {
        let rx = {
            let mut s = self.inner.sched();
            let now = Instant::now();
            let burst = matches!(cost, Cost::Send { chat, .. } if s.in_burst(chat, now));
            if let Ok(ticket) = s.try_now(self.priority, cost, now) {
                self.inner.metrics.lane_wait(self.priority.label(), 0.0);
                return (burst, InFlight { inner: &self.inner, ticket });
            }
            let (tx, rx) = oneshot::channel();
            s.push(self.priority, Waiter { cost, enqueued: now, grant: tx });
            self.inner.show_depth(&s);
            rx
        };
        self.inner.wake.notify_one();
        // The pump outlives every handle, so the grant always comes.
        let ticket = rx.await.ok().flatten();
        let burst = match cost {
            Cost::Send { chat, .. } => self.inner.sched().in_burst(chat, Instant::now()),
            _ => false,
        };
        (burst, InFlight { inner: &self.inner, ticket })
    }

    /// Sends `request` in its turn until Telegram takes it: a 429 holds the whole lane for
    /// `retry_after` and the same request goes again; server and connection failures are
    /// retried with backoff when `repeatable` (or when the request surely did not arrive).
    async fn run<R>(&self, cost: Cost, repeatable: bool, request: R) -> Result<Output<R>, RequestError>
    where
        R: Request<Err = RequestError>,
    {
        let mut failures = 0;
        loop {
            let (burst, flight) = self.turn(cost).await;
            let sent = request.send_ref().await;
            drop(flight);
            let error = match sent {
                Ok(output) => return Ok(output),
                Err(e) => e,
            };
            match &error {
                RequestError::RetryAfter(wait) => {
                    let wait = wait.duration().max(Duration::from_secs(1));
                    self.inner.metrics.rate_limited();
                    self.inner.metrics.lane_retry();
                    let mut s = self.inner.sched();
                    s.hold(Instant::now() + wait);
                    if burst {
                        s.stop_bursts();
                        tracing::warn!("Telegram refused a burst to one chat; private chats are paced one a second");
                    }
                    drop(s);
                    tracing::warn!(seconds = wait.as_secs(), "Telegram asked to slow down; every send waits");
                    continue;
                }
                e if failures < BACKOFF.len()
                    && self.priority != Priority::Broadcast
                    && (not_delivered(e) || (repeatable && transient(e))) =>
                {
                    self.inner.metrics.lane_retry();
                    tokio::time::sleep(BACKOFF[failures]).await;
                    failures += 1;
                    continue;
                }
                _ => {}
            }
            if self.priority != Priority::Broadcast && !is_refusal(&error) {
                let chat = match cost {
                    Cost::Send { chat, .. } => Some(chat),
                    _ => None,
                };
                self.inner.metrics.lane_given_up();
                tracing::warn!(?chat, priority = self.priority.label(), error = %error, "a message could not be sent");
            }
            return Err(error);
        }
    }

    /// Sends HTML text with optional markup (an inline keyboard, a reply keyboard or its removal).
    pub async fn send_html(
        &self,
        chat: ChatId,
        text: String,
        markup: Option<ReplyMarkup>,
    ) -> Result<Message, RequestError> {
        let mut r = self.inner.bot.send_message(chat, text).parse_mode(ParseMode::Html);
        if let Some(m) = markup {
            r = r.reply_markup(m);
        }
        self.run(Cost::Send { chat: chat.0, paid: false }, false, r).await
    }

    /// A broadcast's text, photo or document (by Telegram file id) with its caption.
    pub async fn send_content(
        &self,
        chat: ChatId,
        content: Content<'_>,
        keyboard: Option<InlineKeyboardMarkup>,
        paid: bool,
    ) -> Result<Message, RequestError> {
        let cost = Cost::Send { chat: chat.0, paid };
        let bot = &self.inner.bot;
        match content {
            Content::Text(body) => {
                let mut r = bot.send_message(chat, body).parse_mode(ParseMode::Html);
                if paid {
                    r = r.allow_paid_broadcast(true);
                }
                if let Some(k) = keyboard {
                    r = r.reply_markup(k);
                }
                self.run(cost, false, r).await
            }
            Content::Photo { file_id, caption } => {
                let mut r = bot.send_photo(chat, InputFile::file_id(FileId(file_id.to_owned()))).caption(caption);
                r = r.parse_mode(ParseMode::Html);
                if paid {
                    r = r.allow_paid_broadcast(true);
                }
                if let Some(k) = keyboard {
                    r = r.reply_markup(k);
                }
                self.run(cost, false, r).await
            }
            Content::Document { file_id, caption } => {
                let mut r = bot.send_document(chat, InputFile::file_id(FileId(file_id.to_owned()))).caption(caption);
                r = r.parse_mode(ParseMode::Html);
                if paid {
                    r = r.allow_paid_broadcast(true);
                }
                if let Some(k) = keyboard {
                    r = r.reply_markup(k);
                }
                self.run(cost, false, r).await
            }
        }
    }

    /// Uploads a photo (a chart) with an HTML caption and an optional inline keyboard.
    pub async fn send_photo_file(
        &self,
        chat: ChatId,
        photo: InputFile,
        caption: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<Message, RequestError> {
        let mut r = self.inner.bot.send_photo(chat, photo).caption(caption).parse_mode(ParseMode::Html);
        if let Some(k) = keyboard {
            r = r.reply_markup(k);
        }
        self.run(Cost::Send { chat: chat.0, paid: false }, false, r).await
    }

    /// Uploads a file (an export, a person's data) with an optional caption, HTML or plain.
    pub async fn send_file(
        &self,
        chat: ChatId,
        file: InputFile,
        caption: Option<String>,
        html: bool,
    ) -> Result<(), RequestError> {
        let mut r = self.inner.bot.send_document(chat, file);
        if let Some(c) = caption {
            r = r.caption(c);
            if html {
                r = r.parse_mode(ParseMode::Html);
            }
        }
        self.run(Cost::Send { chat: chat.0, paid: false }, false, r).await.map(drop)
    }

    /// Replaces a message's HTML text and keyboard (none unless given). "Message is not
    /// modified" counts as done.
    pub async fn edit_html(
        &self,
        chat: ChatId,
        id: MessageId,
        text: String,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), RequestError> {
        let has_keyboard = keyboard.is_some();
        let mut r = self.inner.bot.edit_message_text(chat, id, text).parse_mode(ParseMode::Html);
        if let Some(k) = keyboard {
            r = r.reply_markup(k);
        }
        let result = done_if_unchanged(self.run(Cost::Change, true, r).await.map(drop));
        if result.is_ok() {
            self.remember_keyboard(chat, id, has_keyboard);
        }
        result
    }

    /// Replaces (or with `None` removes) the keyboard under a message. "Message is not
    /// modified" counts as done.
    pub async fn edit_keyboard(
        &self,
        chat: ChatId,
        id: MessageId,
        keyboard: Option<InlineKeyboardMarkup>,
    ) -> Result<(), RequestError> {
        let has_keyboard = keyboard.is_some();
        if !has_keyboard && self.keyboard_cleared(chat, id) {
            // Removed already (a second tap on the same old menu): nothing to change.
            return Ok(());
        }
        let mut r = self.inner.bot.edit_message_reply_markup(chat, id);
        if let Some(k) = keyboard {
            r = r.reply_markup(k);
        }
        let result = done_if_unchanged(self.run(Cost::Change, true, r).await.map(drop));
        if result.is_ok() {
            self.remember_keyboard(chat, id, has_keyboard);
        }
        result
    }

    /// Stops the spinner on a tapped button, with an optional notice. "Query is too old"
    /// counts as done: there is nothing left to answer.
    pub async fn answer_callback(&self, id: CallbackQueryId, text: Option<String>) -> Result<(), RequestError> {
        let mut r = self.inner.bot.answer_callback_query(id);
        if let Some(t) = text {
            r = r.text(t);
        }
        match self.run(Cost::Free, true, r).await {
            Ok(_) | Err(RequestError::Api(ApiError::InvalidQueryId)) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl Outbound {
    /// Sets a command menu: everyone's (no scope) or one chat's, for one client language or
    /// as the default. Not a message, but it still waits out a 429 like everything else.
    pub async fn set_commands(
        &self,
        commands: Vec<BotCommand>,
        scope: Option<BotCommandScope>,
        language: Option<&str>,
    ) -> Result<(), RequestError> {
        let mut r = self.inner.bot.set_my_commands(commands);
        if let Some(s) = scope {
            r = r.scope(s);
        }
        if let Some(l) = language {
            r = r.language_code(l.to_owned());
        }
        self.run(Cost::Free, true, r).await.map(drop)
    }
}

/// What a broadcast carries.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    Text(&'a str),
    Photo { file_id: &'a str, caption: &'a str },
    Document { file_id: &'a str, caption: &'a str },
}

fn done_if_unchanged(result: Result<(), RequestError>) -> Result<(), RequestError> {
    match result {
        Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        other => other,
    }
}

/// The request never reached the Bot API: sending it again cannot repeat anything. A connection
/// that could not be made, or a gateway that says the server behind it did not answer (502) or
/// is not available (503); a 500 or a gateway timeout (504) may come after the message went out.
fn not_delivered(e: &RequestError) -> bool {
    match e {
        RequestError::Network(n) => n.is_connect(),
        RequestError::Api(ApiError::Unknown(text)) => {
            text.contains("Bad Gateway") || text.contains("Service Unavailable")
        }
        _ => false,
    }
}

/// A failure that may pass: Telegram's servers or the network, not the request itself.
pub fn transient(e: &RequestError) -> bool {
    match e {
        RequestError::Api(ApiError::Unknown(text)) => is_server_error(text),
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => true,
        _ => false,
    }
}

/// Telegram's 5xx descriptions.
pub fn is_server_error(description: &str) -> bool {
    ["Internal Server Error", "Bad Gateway", "Service Unavailable", "Gateway Timeout"]
        .iter()
        .any(|s| description.contains(s))
}

/// Telegram said no to this request for a reason of the chat's (blocked, gone, too old to
/// edit): not a lost reply to count.
fn is_refusal(e: &RequestError) -> bool {
    matches!(
        e,
        RequestError::Api(
            ApiError::BotBlocked
                | ApiError::UserDeactivated
                | ApiError::BotKicked
                | ApiError::BotKickedFromSupergroup
                | ApiError::CantInitiateConversation
                | ApiError::ChatNotFound
                | ApiError::MessageCantBeEdited
                | ApiError::MessageToEditNotFound
                | ApiError::MessageNotModified
                | ApiError::InvalidQueryId
        )
    )
}

/// A granted request on its way: when it is dropped (answered, failed or abandoned) the
/// budget learns when it ended, and the pump looks again.
struct InFlight<'a> {
    inner: &'a Inner,
    ticket: Option<lane::Ticket>,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Some(ticket) = self.ticket {
            let mut s = self.inner.sched();
            s.done(ticket, Instant::now());
            if s.waiting() {
                drop(s);
                self.inner.wake.notify_one();
            }
        }
    }
}

/// Hands out grants as the budget allows; ends when the lane is gone.
async fn pump(lane: Weak<Inner>) {
    loop {
        let Some(inner) = lane.upgrade() else { return };
        let wake = {
            let mut s = inner.sched();
            let (granted, wake) = s.pump(Instant::now());
            for g in &granted {
                inner.metrics.lane_wait(g.priority.label(), g.waited.as_secs_f64());
            }
            inner.show_depth(&s);
            wake
        };
        let notified = inner.wake.notified();
        match wake {
            Some(at) => {
                tokio::select! {
                    _ = notified => {}
                    _ = tokio::time::sleep_until(at) => {}
                }
            }
            None => {
                // Look again now and then, so a lane dropped while idle lets the task end.
                tokio::select! {
                    _ = notified => {}
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        }
    }
}
