//! A loopback Bot API: an HTTP server on 127.0.0.1 that speaks the part of Telegram's Bot API
//! the bot uses, injects user updates and records what the bot sent. It enforces what
//! Telegram enforces (the spec's parameters and types, HTML entities, text ≤ 4096, caption
//! ≤ 1024, callback data ≤ 64 bytes, known chats and messages), so a test fails where Telegram
//! would refuse. Used by the integration tests, `sxsh-bot chat` and benchmarks.
//!
//! It can also behave like Telegram under load or in trouble, all off by default: sending
//! limits answered with 429 and `retry_after` ([`Emulator::set_limits`], windows in
//! `limits`), chats that blocked the bot ([`Emulator::block_chat`]), server errors
//! ([`Emulator::fail_next`]) and latency ([`Emulator::set_latency`]); and it counts accepted
//! sends and 429s for benchmarks ([`Emulator::too_many_requests`] and the methods beside it).
//!
//! Only this module, `bot`, `worker` and `telegram` may speak Telegram; this one never imports the bot.

pub mod html;
mod limits;
mod server;
pub mod spec;

pub use limits::{Limits, JITTER_ALLOWANCE};

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// The bot's own identity, as `getMe` returns it.
pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "sxsh_test_bot";

/// A Telegram user the tests (or the terminal chat) act as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestUser {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
}

impl TestUser {
    pub fn new(id: i64, first_name: &str) -> Self {
        Self {
            id,
            first_name: first_name.to_owned(),
            last_name: None,
            username: None,
            language_code: Some("vi".into()),
        }
    }

    /// The client's `language_code` (`None` for a client that sends none).
    pub fn with_language(mut self, code: Option<&str>) -> Self {
        self.language_code = code.map(str::to_owned);
        self
    }

    pub fn with_username(mut self, username: &str) -> Self {
        self.username = Some(username.to_owned());
        self
    }

    fn json(&self) -> Value {
        let mut u = json!({"id": self.id, "is_bot": false, "first_name": self.first_name});
        if let Some(v) = &self.last_name {
            u["last_name"] = json!(v);
        }
        if let Some(v) = &self.username {
            u["username"] = json!(v);
        }
        if let Some(v) = &self.language_code {
            u["language_code"] = json!(v);
        }
        u
    }

    fn private_chat(&self) -> Value {
        let mut c = json!({"id": self.id, "type": "private", "first_name": self.first_name});
        if let Some(v) = &self.username {
            c["username"] = json!(v);
        }
        c
    }
}

/// Something the bot did to a chat: a message sent, edited or deleted, or a file sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// Position in the emulator's log, from 0.
    pub seq: usize,
    pub method: String,
    pub chat_id: i64,
    pub message_id: i64,
    /// The HTML as sent (text or caption).
    pub html: Option<String>,
    /// What the user sees: the text with markup removed and entities decoded.
    pub text: Option<String>,
    pub reply_markup: Option<Value>,
    pub file_name: Option<String>,
}

impl Outgoing {
    /// The inline buttons as (label, callback data), row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(rows) = self.reply_markup.as_ref().and_then(|m| m["inline_keyboard"].as_array()) {
            for b in rows.iter().filter_map(Value::as_array).flatten() {
                let label = b["text"].as_str().unwrap_or_default().to_owned();
                let data = b["callback_data"].as_str().unwrap_or_default().to_owned();
                out.push((label, data));
            }
        }
        out
    }

    pub fn is_message(&self) -> bool {
        matches!(self.method.as_str(), "sendMessage" | "sendDocument" | "sendPhoto")
    }
}

/// A request the emulator refused, as Telegram would have.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub method: String,
    pub description: String,
}

#[derive(Clone)]
struct StoredMessage {
    json: Value,
}

#[derive(Default)]
struct State {
    next_update_id: i64,
    pending: VecDeque<(i64, Value)>,
    /// Every update ever queued, for replays.
    history: HashMap<i64, Value>,
    next_message_id: i64,
    next_callback_id: u64,
    chats: HashMap<i64, Value>,
    messages: HashMap<(i64, i64), StoredMessage>,
    /// The bytes of uploaded documents and photos, by (chat, message).
    files: HashMap<(i64, i64), axum::body::Bytes>,
    outgoing: Vec<Outgoing>,
    rejections: Vec<Rejection>,
    open_callbacks: HashSet<String>,
    answered_callbacks: Vec<String>,
    commands: Vec<Value>,
    /// `None`: no sending limits (the default).
    limits: Option<Limits>,
    limiter: limits::Limiter,
    sends: limits::SendLog,
    faults: Faults,
    /// Set by `setWebhook`: updates are then POSTed to it instead of served by getUpdates.
    webhook: Option<WebhookTarget>,
    /// Every webhook delivery attempt: the update id and the HTTP status (0: no answer).
    webhook_log: Vec<(i64, u16)>,
}

#[derive(Clone, Debug)]
pub(crate) struct WebhookTarget {
    pub(crate) url: String,
    pub(crate) secret: Option<String>,
}

/// Failures injected by a test or benchmark.
#[derive(Default)]
struct Faults {
    /// Chats whose sends answer 403 "bot was blocked by the user".
    blocked: HashSet<i64>,
    /// How many of the next sending requests fail, and with which 5xx status.
    fail_next: (usize, u16),
    /// How many of the next sending requests are answered 429, and with which `retry_after`.
    limit_next: (usize, u64),
    /// Waited before every request is handled.
    latency: Duration,
}

pub(crate) struct Shared {
    state: Mutex<State>,
    updates_added: Notify,
    outgoing_added: Notify,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep serving it.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What the bot sends, entry by entry, as it arrives (see [`Emulator::feed`]).
pub struct Feed {
    shared: Arc<Shared>,
    cursor: usize,
}

impl Feed {
    /// The next entry, waiting for it.
    pub async fn next(&mut self) -> Outgoing {
        next_outgoing(&self.shared, &mut self.cursor).await
    }
}

async fn next_outgoing(shared: &Shared, cursor: &mut usize) -> Outgoing {
    loop {
        let notified = shared.outgoing_added.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        if let Some(o) = shared.lock().outgoing.get(*cursor).cloned() {
            *cursor += 1;
            return o;
        }
        notified.await;
    }
}

/// A running emulator; dropped, it stops serving.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
    webhook_task: JoinHandle<()>,
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.task.abort();
        self.webhook_task.abort();
    }
}

/// While a webhook is set, POSTs the oldest pending update to it with the secret token, one
/// at a time as Telegram does by default; an update leaves the queue only on a 2xx answer,
/// otherwise it is tried again shortly.
async fn deliver_webhooks(shared: Arc<Shared>) {
    let client = reqwest::Client::new();
    loop {
        let notified = shared.updates_added.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let next = {
            let s = shared.lock();
            s.webhook.clone().zip(s.pending.front().cloned())
        };
        let Some((target, (id, update))) = next else {
            notified.await;
            continue;
        };
        let mut request = client
            .post(&target.url)
            .header("content-type", "application/json")
            .body(update.to_string())
            .timeout(Duration::from_secs(10));
        if let Some(secret) = &target.secret {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        let status = match request.send().await {
            Ok(r) => r.status().as_u16(),
            Err(_) => 0,
        };
        let delivered = (200..300).contains(&status);
        {
            let mut s = shared.lock();
            s.webhook_log.push((id, status));
            if delivered && s.pending.front().is_some_and(|(f, _)| *f == id) {
                s.pending.pop_front();
            }
        }
        if !delivered {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Emulator {
    /// Starts serving on 127.0.0.1 at a free port.
    pub async fn start() -> std::io::Result<Emulator> {
        Self::start_at(1).await
    }

    /// Starts serving, numbering updates from `first_update_id` (a bot that remembers the
    /// updates it handled would take lower ids for replays).
    pub async fn start_at(first_update_id: i64) -> std::io::Result<Emulator> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State { next_update_id: first_update_id.max(1), next_message_id: 1, ..State::default() }),
            updates_added: Notify::new(),
            outgoing_added: Notify::new(),
        });
        let app = server::router(shared.clone());
        let task = tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, app).await {
                tracing::error!(error = %e, "the Bot API emulator stopped");
            }
        });
        let webhook_task = tokio::spawn(deliver_webhooks(shared.clone()));
        Ok(Emulator { shared, addr, task, webhook_task })
    }

    /// The base URL to give the bot as `TELOXIDE_API_URL`.
    pub fn api_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Makes a private chat known, as if the user had opened the bot once before.
    pub fn register_chat(&self, user: &TestUser) {
        self.shared.lock().chats.insert(user.id, user.private_chat());
    }

    fn push_update(&self, kind: &str, payload: Value) -> i64 {
        let id = {
            let mut s = self.shared.lock();
            let id = s.next_update_id;
            s.next_update_id += 1;
            let mut update = json!({ "update_id": id });
            update[kind] = payload;
            s.history.insert(id, update.clone());
            s.pending.push_back((id, update));
            id
        };
        self.shared.updates_added.notify_waiters();
        id
    }

    /// A private message from `user` with the given content fields (`{"text": …}`,
    /// `{"sticker": …}`, …); returns the update id.
    pub fn send_private(&self, user: &TestUser, content: Value) -> i64 {
        let message = self.user_message(user, user.private_chat(), content);
        self.push_update("message", message)
    }

    /// A private text message from `user`.
    pub fn send_text(&self, user: &TestUser, text: &str) -> i64 {
        self.send_private(user, text_content(text))
    }

    /// A text message from `user` in a group chat.
    pub fn send_group_text(&self, user: &TestUser, group_id: i64, text: &str) -> i64 {
        let chat = json!({"id": group_id, "type": "supergroup", "title": "Nhóm doanh nghiệp"});
        let message = self.user_message(user, chat, text_content(text));
        self.push_update("message", message)
    }

    fn user_message(&self, user: &TestUser, chat: Value, content: Value) -> Value {
        let mut s = self.shared.lock();
        let chat_id = chat["id"].as_i64().unwrap_or(user.id);
        s.chats.insert(chat_id, chat.clone());
        let id = s.next_message_id;
        s.next_message_id += 1;
        let mut m = json!({"message_id": id, "from": user.json(), "chat": chat, "date": now()});
        if let Some(fields) = content.as_object() {
            for (k, v) in fields {
                m[k] = v.clone();
            }
        }
        m
    }

    /// Any other update kind, e.g. `("edited_message", …)` or `("my_chat_member", …)`.
    pub fn send_update(&self, kind: &str, payload: Value) -> i64 {
        self.push_update(kind, payload)
    }

    /// The user blocks (`true`) or unblocks the bot in their private chat.
    pub fn set_blocked_by(&self, user: &TestUser, blocked: bool) -> i64 {
        let bot = bot_user();
        // Telegram gives a "kicked" member an until_date (0: for ever).
        let member = |status: &str| match status {
            "kicked" => json!({"user": bot, "status": status, "until_date": 0}),
            _ => json!({"user": bot, "status": status}),
        };
        let (old, new) = if blocked { ("member", "kicked") } else { ("kicked", "member") };
        let payload = json!({"chat": user.private_chat(), "from": user.json(), "date": now(),
            "old_chat_member": member(old), "new_chat_member": member(new)});
        self.push_update("my_chat_member", payload)
    }

    /// The user taps an inline button under `message`; returns the callback query id.
    pub fn click(&self, user: &TestUser, message: &Outgoing, data: &str) -> String {
        let (id, stored) = {
            let mut s = self.shared.lock();
            s.next_callback_id += 1;
            let id = format!("cb{}", s.next_callback_id);
            s.open_callbacks.insert(id.clone());
            let stored = s.messages.get(&(message.chat_id, message.message_id)).map(|m| m.json.clone());
            (id, stored)
        };
        let mut payload =
            json!({"id": id, "from": user.json(), "chat_instance": format!("ci{}", user.id), "data": data});
        match stored {
            Some(m) => payload["message"] = m,
            // Deleted or unknown: Telegram sends an InaccessibleMessage.
            None => {
                payload["message"] = json!({"chat": user.private_chat(), "message_id": message.message_id, "date": 0})
            }
        }
        self.push_update("callback_query", payload);
        id
    }

    /// Takes the rejections recorded so far (a test that provokes them on purpose checks
    /// them, then the usual end-of-test check sees only the others).
    pub fn take_rejections(&self) -> Vec<Rejection> {
        std::mem::take(&mut self.shared.lock().rejections)
    }

    /// The id of the last update queued.
    pub fn last_update_id(&self) -> i64 {
        self.shared.lock().next_update_id - 1
    }

    /// Queues an update again with its original id, as Telegram does when the bot did not
    /// confirm it before a crash. A running bot whose offset is past it would skip it, so
    /// replay while the bot is stopped. Returns false for an unknown id.
    pub fn replay(&self, update_id: i64) -> bool {
        {
            let mut s = self.shared.lock();
            let Some(update) = s.history.get(&update_id).cloned() else { return false };
            let at = s.pending.iter().position(|(id, _)| *id > update_id).unwrap_or(s.pending.len());
            s.pending.insert(at, (update_id, update));
        }
        self.shared.updates_added.notify_waiters();
        true
    }

    /// The update with this id as it was sent, if it exists.
    pub fn update_json(&self, update_id: i64) -> Option<Value> {
        self.shared.lock().history.get(&update_id).cloned()
    }

    /// Removes and returns the updates not delivered yet, as if the bot had acknowledged them.
    pub fn take_pending(&self) -> Vec<Value> {
        self.shared.lock().pending.drain(..).map(|(_, u)| u).collect()
    }

    /// The webhook URL the bot set, if any.
    pub fn webhook_url(&self) -> Option<String> {
        self.shared.lock().webhook.as_ref().map(|w| w.url.clone())
    }

    /// Every webhook delivery attempt so far: `(update_id, HTTP status)`, 0 for no answer.
    pub fn webhook_log(&self) -> Vec<(i64, u16)> {
        self.shared.lock().webhook_log.clone()
    }

    /// The bytes of the file the bot uploaded with `message` (a document or photo), if any.
    pub fn file(&self, message: &Outgoing) -> Option<Vec<u8>> {
        self.shared.lock().files.get(&(message.chat_id, message.message_id)).map(|b| b.to_vec())
    }

    /// Everything the bot did to chats, in order.
    pub fn outgoing(&self) -> Vec<Outgoing> {
        self.shared.lock().outgoing.clone()
    }

    /// How many outgoing entries there are now: a mark for [`Emulator::wait_for`].
    pub fn mark(&self) -> usize {
        self.shared.lock().outgoing.len()
    }

    /// Waits until at least `n` entries after `mark` exist (or `timeout` passes), then
    /// until nothing new arrives for `quiet`; returns every entry after `mark`.
    pub async fn wait_for(&self, mark: usize, n: usize, timeout: Duration, quiet: Duration) -> Vec<Outgoing> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.shared.outgoing_added.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let len = self.mark();
            if len >= mark + n || tokio::time::Instant::now() >= deadline {
                break;
            }
            let _ = tokio::time::timeout_at(deadline, notified).await;
        }
        // Then let the bot finish: stop once it has been quiet for `quiet`.
        loop {
            let before = self.mark();
            tokio::time::sleep(quiet).await;
            if self.mark() == before {
                break;
            }
        }
        let s = self.shared.lock();
        s.outgoing[mark.min(s.outgoing.len())..].to_vec()
    }

    /// The next outgoing entry at or after `cursor`, waiting for it; advances the cursor.
    pub async fn next_outgoing(&self, cursor: &mut usize) -> Outgoing {
        next_outgoing(&self.shared, cursor).await
    }

    /// A feed of what the bot sends from now on, for a task of its own (it does not keep the
    /// emulator serving).
    pub fn feed(&self) -> Feed {
        Feed { shared: self.shared.clone(), cursor: self.mark() }
    }

    /// Requests refused as Telegram would have refused them.
    pub fn rejections(&self) -> Vec<Rejection> {
        self.shared.lock().rejections.clone()
    }

    /// Callback queries the bot has not answered yet.
    pub fn unanswered_callbacks(&self) -> Vec<String> {
        let s = self.shared.lock();
        let mut v: Vec<String> = s.open_callbacks.iter().cloned().collect();
        v.sort();
        v
    }

    /// The parameters of every accepted `setMyCommands` call.
    pub fn commands(&self) -> Vec<Value> {
        self.shared.lock().commands.clone()
    }

    /// Updates injected but not yet confirmed by the bot's `getUpdates` offset.
    pub fn pending_updates(&self) -> usize {
        self.shared.lock().pending.len()
    }

    /// Switches Telegram's sending limits on (`Some`, e.g. `Some(Limits::TELEGRAM)`) or off
    /// (`None`, the default), at any time. A send over a limit is answered 429
    /// `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after N",
    /// "parameters":{"retry_after":N}}` and is neither recorded nor counted against the
    /// windows. The windows always see accepted sends, so limits switched on mid-run take
    /// the last second's traffic into account. See [`Limits`] for what is counted.
    pub fn set_limits(&self, limits: Option<Limits>) {
        self.shared.lock().limits = limits;
    }

    /// While `blocked`, sends to `chat_id` are answered 403 "Forbidden: bot was blocked by
    /// the user" (teloxide's `ApiError::BotBlocked`) and nothing is recorded. Edits and
    /// deletions are not affected. [`Emulator::set_blocked_by`] only queues the update that
    /// tells the bot; call both to emulate a user blocking the bot completely.
    pub fn block_chat(&self, chat_id: i64, blocked: bool) {
        let mut s = self.shared.lock();
        if blocked {
            s.faults.blocked.insert(chat_id);
        } else {
            s.faults.blocked.remove(&chat_id);
        }
    }

    /// The next `n` well-formed sending requests (`sendMessage`, `sendPhoto`,
    /// `sendDocument`) are answered with `status` and
    /// `{"ok":false,"error_code":status,"description":"<reason>"}` (e.g. 500 "Internal Server
    /// Error", 502 "Bad Gateway"); nothing is recorded. Replaces failures still pending;
    /// `n = 0` cancels them. Beware that teloxide waits 10 s after any 5xx answer before
    /// reporting it.
    ///
    /// # Panics
    /// If `status` is not a 5xx status: a mistake in the test itself.
    pub fn fail_next(&self, n: usize, status: u16) {
        assert!((500..600).contains(&status), "fail_next takes a 5xx status, not {status}");
        self.shared.lock().faults.fail_next = (n, status);
    }

    /// The next `n` sends are answered 429 "Too Many Requests: retry after `seconds`", whether
    /// limits are on or not, and each starts a flood wait of that length (sends during it are
    /// counted by [`Emulator::sends_during_flood_wait`], and refused when limits are on).
    pub fn rate_limit_next(&self, n: usize, seconds: u64) {
        self.shared.lock().faults.limit_next = (n, seconds.max(1));
    }

    /// Every request, of any method, waits `latency` before it is handled (`Duration::ZERO`,
    /// the default, for none). Applies to requests arriving after the call.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.lock().faults.latency = latency;
    }

    /// How many requests have been answered 429 so far.
    pub fn too_many_requests(&self) -> u64 {
        self.shared.lock().sends.too_many_requests
    }

    /// How many sends were attempted during a flood wait (after a 429, before its
    /// `retry_after` had passed): what makes Telegram lengthen the wait.
    pub fn sends_during_flood_wait(&self) -> u64 {
        self.shared.lock().sends.during_flood_wait
    }

    /// How many sends (`sendMessage`, `sendPhoto`, `sendDocument`) were accepted, with or
    /// without limits.
    pub fn accepted_sends(&self) -> usize {
        self.shared.lock().sends.total()
    }

    /// How many sends to `chat_id` were accepted.
    pub fn accepted_in_chat(&self, chat_id: i64) -> usize {
        self.shared.lock().sends.in_chat(chat_id)
    }

    /// The most accepted sends to a single chat within one window (a second less
    /// [`JITTER_ALLOWANCE`], the limiter's own measure), whether limits are on or not: a
    /// client that keeps to Telegram's 1/s per chat gets 1 (or 0 with no sends).
    pub fn max_per_chat_in_any_second(&self) -> usize {
        self.shared.lock().sends.densest_window_per_chat()
    }

    /// [`Emulator::max_per_chat_in_any_second`] for one chat.
    pub fn max_in_any_second_in_chat(&self, chat_id: i64) -> usize {
        self.shared.lock().sends.densest_window_in_chat(chat_id)
    }

    /// The most accepted sends over all chats within one window, by the same measure.
    pub fn max_in_any_second(&self) -> usize {
        self.shared.lock().sends.densest_window()
    }
}

fn text_content(text: &str) -> Value {
    let mut content = json!({ "text": text });
    if text.starts_with('/') {
        let len = text.split_whitespace().next().map(|c| c.encode_utf16().count()).unwrap_or(0);
        content["entities"] = json!([{"type": "bot_command", "offset": 0, "length": len}]);
    }
    content
}

pub(crate) fn bot_user() -> Value {
    json!({"id": BOT_ID, "is_bot": true, "first_name": "SXSH", "username": BOT_USERNAME})
}
