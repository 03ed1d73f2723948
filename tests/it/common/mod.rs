//! Shared test harness: a fresh SQLite file and a loopback Bot API per test, the real
//! `startup::start` (dispatcher + `bot::schema()` + database + locales) in between.

#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use sqlx::SqlitePool;
use sxsh_bot::bot::webhook::WebhookOptions;
use sxsh_bot::config::{Config, Secret};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::{html, Emulator, Outgoing, TestUser};
use sxsh_bot::i18n::{try_render, Msg};
use sxsh_bot::startup::{self, Listen, RunningBot};
use tempfile::TempDir;

pub const TOKEN: &str = "123456:TEST-token";
const REPLY_TIMEOUT: Duration = Duration::from_secs(10);
/// Stopping takes at most this long: the sends in flight finish first.
const STOP_TIMEOUT: Duration = Duration::from_secs(60);
/// With the flood limit on, a dropped update is never marked handled: waits end on silence.
const QUIET: Duration = Duration::from_millis(250);

pub struct Harness {
    pub emu: Emulator,
    pub config: Arc<Config>,
    pub pool: SqlitePool,
    /// `None`: long polling; `Some`: the webhook the bot registers and serves.
    pub webhook: Option<WebhookOptions>,
    running: Option<RunningBot>,
    /// Every update up to this id is known to be handled.
    handled_through: std::sync::atomic::AtomicI64,
    /// Updates the dispatcher never sees (teloxide drops an update it cannot parse).
    never_handled: std::sync::Mutex<Vec<i64>>,
    /// Held by a bot under Telegram's limits for its lifetime: see [`timing`].
    _timing: Option<tokio::sync::OwnedRwLockReadGuard<()>>,
    _dir: TempDir,
}

/// Tests whose result depends on timing (the bot under Telegram's limits, counted against the
/// emulator's clock) run beside each other: each has its own emulator and its own limits, and
/// they mostly wait on the pacing. A test that loads every core (a language model) runs alone
/// among them ([`whole_machine`]): a model using both cores for half a minute can push the lane
/// and the emulator a second apart.
static TIMING: std::sync::OnceLock<Arc<tokio::sync::RwLock<()>>> = std::sync::OnceLock::new();

pub async fn timing() -> tokio::sync::OwnedRwLockReadGuard<()> {
    TIMING.get_or_init(|| Arc::new(tokio::sync::RwLock::new(()))).clone().read_owned().await
}

/// Waits until no timing test runs, and keeps them waiting while held.
pub async fn whole_machine() -> tokio::sync::OwnedRwLockWriteGuard<()> {
    TIMING.get_or_init(|| Arc::new(tokio::sync::RwLock::new(()))).clone().write_owned().await
}

/// The secret token the test webhook is registered with.
pub const WEBHOOK_SECRET: &str = "test-Webhook_secret-42";

/// A local address nobody listens on yet.
pub fn free_addr() -> std::net::SocketAddr {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    socket.local_addr().expect("its address")
}

impl Harness {
    pub async fn start() -> Harness {
        Self::with_admins(&[]).await
    }

    pub async fn with_admins(admins: &[i64]) -> Harness {
        Self::with_config(admins, &[]).await
    }

    /// A harness with admins and extra configuration variables (e.g. `BROADCAST_RATE`).
    pub async fn with_config(admins: &[i64], extra: &[(&str, &str)]) -> Harness {
        Self::build(admins, extra, false).await
    }

    /// A bot that keeps to Telegram's limits, against an emulator that enforces them.
    pub async fn with_telegram_limits(admins: &[i64], extra: &[(&str, &str)]) -> Harness {
        Self::build_with(admins, extra, false, true).await
    }

    /// A bot receiving updates by webhook on a local port (the emulator POSTs them).
    pub async fn with_webhook(admins: &[i64], extra: &[(&str, &str)]) -> Harness {
        Self::build(admins, extra, true).await
    }

    async fn build(admins: &[i64], extra: &[(&str, &str)], webhook: bool) -> Harness {
        Self::build_with(admins, extra, webhook, false).await
    }

    async fn build_with(admins: &[i64], extra: &[(&str, &str)], webhook: bool, limits: bool) -> Harness {
        sxsh_bot::telemetry::init("warn");
        let timing = if limits { Some(timing().await) } else { None };
        let dir = tempfile::tempdir().expect("temp dir");
        let db_url = format!("sqlite:{}", dir.path().join("nested/bot.db").display());
        let emu = Emulator::start().await.expect("emulator starts");
        let admin_list = admins.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let api_url = emu.api_url();
        let config = Config::from_lookup(|name| match name {
            "TELOXIDE_TOKEN" => Some(TOKEN.to_owned()),
            "TELOXIDE_API_URL" => Some(api_url.clone()),
            "DATABASE_URL" => Some(db_url.clone()),
            "ADMIN_IDS" => Some(admin_list.clone()),
            // Tests act far faster than people: no flood limit unless a test sets one
            // (tests/hostile.rs runs with the production limit).
            "FLOOD_BURST" if !extra.iter().any(|(k, _)| *k == "FLOOD_BURST") => Some("0".to_owned()),
            other => extra.iter().find(|(k, _)| *k == other).map(|(_, v)| (*v).to_owned()),
        })
        .expect("valid test config");
        // Without the emulator's limits the lane need not pace either (tests act far faster
        // than people); with them, both keep to Telegram's.
        let mut config = config;
        if limits {
            emu.set_limits(Some(sxsh_bot::emulator::Limits::TELEGRAM));
        } else {
            config.pacing = sxsh_bot::telegram::Pacing::UNLIMITED;
        }
        let config = Arc::new(config);
        let pool = startup::open_database(&config).await.expect("database opens");
        let webhook = webhook.then(|| {
            let listen = free_addr();
            WebhookOptions {
                url: format!("http://{listen}/telegram/hook").parse().expect("url"),
                listen,
                secret: Secret::new(WEBHOOK_SECRET),
            }
        });
        let mut h = Harness {
            emu,
            config,
            pool,
            webhook,
            running: None,
            handled_through: std::sync::atomic::AtomicI64::new(0),
            never_handled: std::sync::Mutex::default(),
            _timing: timing,
            _dir: dir,
        };
        h.launch().await;
        h
    }

    /// Stops the bot (the database stays open), e.g. to queue a replay before [`Self::launch`].
    pub async fn halt(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
    }

    pub async fn launch(&mut self) {
        let bot = startup::build_bot(TOKEN, self.config.api_url.as_deref()).expect("bot");
        let listen = match &self.webhook {
            Some(options) => Listen::Webhook(options.clone()),
            None => Listen::Polling,
        };
        let running =
            startup::start_with(bot, self.config.clone(), self.pool.clone(), listen).await.expect("bot starts");
        self.running = Some(running);
    }

    /// Stops the bot and closes the database, then starts both again on the same file, as an
    /// operator's restart (or a crash followed by systemd's restart) would.
    pub async fn restart(&mut self) {
        if let Some(r) = self.running.take() {
            r.stop().await;
        }
        self.pool.close().await;
        self.pool = startup::open_database(&self.config).await.expect("database reopens");
        self.launch().await;
    }

    /// The running bot's metrics.
    pub fn metrics(&self) -> Option<Arc<sxsh_bot::metrics::Metrics>> {
        self.running.as_ref().map(|r| r.metrics.clone())
    }

    pub async fn stop(mut self) {
        if let Some(r) = self.running.take() {
            // A stop waits for the handlers and sends in flight; one that never ends is a bug
            // to see, with what the outbound lane still holds.
            let figures = r.metrics.render(&self.pool).await;
            let queues: Vec<&str> = figures.lines().filter(|l| l.starts_with("sxsh_send_queue")).collect();
            if tokio::time::timeout(STOP_TIMEOUT, r.stop()).await.is_err() {
                panic!("the bot did not stop within {STOP_TIMEOUT:?}; lane before the stop: {queues:?}");
            }
        }
        self.pool.close().await;
    }

    /// The FAQ service over the test database (the same one the bot uses).
    pub fn app_faq(&self) -> Arc<sxsh_bot::services::faq::FaqService> {
        sxsh_bot::services::faq::FaqService::new(self.pool.clone())
    }

    /// Waits until the bot took every update sent so far and handled it (the replay guard's
    /// row for each is marked), and at least `n` reactions arrived after `mark`; returns them
    /// all. Fails when that does not happen within a few seconds. With the flood limit on, a
    /// dropped update is never marked, so then the wait is for `n` reactions and silence.
    pub async fn replies(&self, mark: usize, n: usize) -> Vec<Outgoing> {
        if self.config.flood_burst > 0 {
            let out = self.emu.wait_for(mark, n, REPLY_TIMEOUT, QUIET).await;
            assert!(out.len() >= n, "{} of {n} reactions arrived: {out:#?}", out.len());
            return out;
        }
        use std::sync::atomic::Ordering;
        let deadline = tokio::time::Instant::now() + REPLY_TIMEOUT;
        let last = self.emu.last_update_id();
        loop {
            let arrived = self.emu.mark().saturating_sub(mark);
            let from = self.handled_through.load(Ordering::SeqCst);
            let handled = self.emu.pending_updates() == 0 && (from >= last || self.all_handled(from, last).await);
            if handled && arrived >= n {
                self.handled_through.fetch_max(last, Ordering::SeqCst);
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out: {arrived} of {n} reactions, updates through {last} handled: {handled}; {:#?}",
                self.emu.outgoing()[mark.min(self.emu.mark())..].to_vec()
            );
            tokio::time::sleep(Duration::from_millis(3)).await;
        }
        let out = self.emu.outgoing();
        out[mark.min(out.len())..].to_vec()
    }

    /// Update `id` will never reach a handler (teloxide cannot parse it): waits do not wait for it.
    pub fn never_handled(&self, id: i64) {
        self.never_handled.lock().unwrap_or_else(|p| p.into_inner()).push(id);
    }

    /// Whether every update with an id in `(from, to]` is marked handled.
    async fn all_handled(&self, from: i64, to: i64) -> bool {
        let skipped = self
            .never_handled
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter(|&&id| id > from && id <= to)
            .count();
        let count: Result<i64, _> = sqlx::query_scalar(
            "SELECT COUNT(*) FROM updates WHERE update_id > ?1 AND update_id <= ?2 AND handled_at IS NOT NULL",
        )
        .bind(from)
        .bind(to)
        .fetch_one(&self.pool)
        .await;
        count.is_ok_and(|c| c + i64::try_from(skipped).unwrap_or(0) == to - from)
    }

    /// `user` types `text`; returns what the bot did (at least one reaction expected).
    pub async fn say(&self, user: &TestUser, text: &str) -> Vec<Outgoing> {
        let mark = self.emu.mark();
        self.emu.send_text(user, text);
        self.replies(mark, 1).await
    }

    /// `user` types `text` and the bot is expected to do `n` things (sends and edits).
    pub async fn say_n(&self, user: &TestUser, text: &str, n: usize) -> Vec<Outgoing> {
        let mark = self.emu.mark();
        self.emu.send_text(user, text);
        self.replies(mark, n).await
    }

    /// `user` taps a button and the bot is expected to do `n` things.
    pub async fn tap_n(&self, user: &TestUser, message: &Outgoing, data: &str, n: usize) -> Vec<Outgoing> {
        let mark = self.emu.mark();
        self.emu.click(user, message, data);
        self.replies(mark, n).await
    }

    /// `user` taps the button with callback data `data` under `message`.
    pub async fn tap(&self, user: &TestUser, message: &Outgoing, data: &str) -> Vec<Outgoing> {
        let mark = self.emu.mark();
        self.emu.click(user, message, data);
        self.replies(mark, 1).await
    }

    /// Every test ends here: Telegram would have accepted every request, and no button was
    /// left spinning.
    pub async fn finish(self) {
        assert_eq!(self.emu.rejections(), vec![], "the bot sent requests Telegram would refuse");
        // Let the last callback answers arrive.
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(self.emu.unanswered_callbacks(), Vec::<String>::new(), "callback queries left unanswered");
        self.stop().await;
    }
}

/// Forgets that `update_id` was handled, as a crash between its side effects and that mark
/// would leave the database.
pub async fn forget_handled(h: &Harness, update_id: i64) {
    sqlx::query("DELETE FROM updates WHERE update_id = ?1").bind(update_id).execute(&h.pool).await.expect("db");
}

/// The dialogue state stored for `chat` (JSON), as a crash would leave it.
pub async fn stored_dialogue(h: &Harness, chat: i64) -> String {
    sqlx::query_scalar("SELECT state FROM dialogues WHERE chat_id = ?1")
        .bind(chat)
        .fetch_one(&h.pool)
        .await
        .expect("a stored dialogue")
}

impl Harness {
    /// A crash after `update_id`'s change was stored but before the dialogue's new state and
    /// the mark that the update was handled were: the bot stops, `chat`'s dialogue is put back
    /// to `state`, and the restarted bot gets the same update again. Returns the mark from
    /// which the restarted bot's reactions count.
    pub async fn crash_and_redeliver(&mut self, chat: i64, state: &str, update_id: i64) -> usize {
        self.halt().await;
        sqlx::query("INSERT OR REPLACE INTO dialogues (chat_id, state, updated_at) VALUES (?1, ?2, 0)")
            .bind(chat)
            .bind(state)
            .execute(&self.pool)
            .await
            .expect("state restored");
        forget_handled(self, update_id).await;
        assert!(self.emu.replay(update_id));
        let mark = self.emu.mark();
        self.launch().await;
        mark
    }
}

/// Every row of every table except the replay guard's own, as text: two snapshots are equal
/// when nothing stored changed.
pub async fn snapshot(pool: &SqlitePool) -> Vec<String> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT IN ('updates', '_sqlx_migrations') ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut rows = Vec::new();
    for table in tables {
        // Every column as JSON text, so the comparison covers all of them.
        let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
            .bind(&table)
            .fetch_all(pool)
            .await
            .expect("columns");
        let list = columns.iter().map(|c| format!("'{c}', \"{c}\"")).collect::<Vec<_>>().join(", ");
        let sql = format!("SELECT json_object({list}) FROM \"{table}\" ORDER BY rowid");
        let table_rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(pool).await.expect("rows");
        rows.extend(table_rows.into_iter().map(|r| format!("{table}: {r}")));
    }
    rows
}

/// What the user sees for `msg` in `lang`: rendered, then stripped of HTML like Telegram does.
pub fn shown(lang: Lang, msg: &Msg) -> String {
    let html_text = try_render(lang, msg).expect("message renders");
    html::parse(&html_text).expect("message is valid Telegram HTML")
}

/// The messages among `out` sent (not edited) to `chat`.
pub fn sent_to(out: &[Outgoing], chat: i64) -> Vec<Outgoing> {
    out.iter().filter(|o| o.chat_id == chat && o.is_message()).cloned().collect()
}

pub fn texts(out: &[Outgoing]) -> Vec<String> {
    out.iter().filter_map(|o| o.text.clone()).collect()
}

/// A lane of its own to the harness's emulator, for calling a worker's pass directly.
pub fn outbound(h: &Harness) -> sxsh_bot::telegram::Outbound {
    let bot = startup::build_bot(TOKEN, h.config.api_url.as_deref()).expect("bot");
    sxsh_bot::telegram::Outbound::new(bot, h.config.pacing, sxsh_bot::metrics::Metrics::new())
}

/// A subscriber known to Telegram and to the bot (recorded and subscribed, no profile).
pub async fn subscriber(h: &Harness, id: i64) -> TestUser {
    let u = user(id);
    h.emu.register_chat(&u);
    let sender = sxsh_bot::domain::user::Sender {
        user_id: id,
        chat_id: id,
        first_name: "Lan".into(),
        last_name: None,
        username: None,
        language_code: Some("vi".into()),
    };
    sxsh_bot::services::users::record(&h.pool, &sender).await.expect("user");
    sxsh_bot::services::broadcasts::subscribe(&h.pool, id, 0).await.expect("subscribed");
    u
}

pub fn user(id: i64) -> TestUser {
    TestUser::new(id, "Lan")
}

/// An entry of the FAQ the bot ships with.
pub fn shipped_faq(id: &str) -> sxsh_bot::domain::faq::FaqEntry {
    use sxsh_bot::services::faq::file;
    file::read(file::DEFAULT)
        .expect("the shipped FAQ reads")
        .into_iter()
        .find(|e| e.id.as_str() == id)
        .unwrap_or_else(|| panic!("no entry {id} in the shipped FAQ"))
}

/// Checks that the shipped answer `id` makes a claim: each Vietnamese phrase in its Vietnamese
/// answer and each English phrase in its English answer (ignoring case).
pub fn faq_claims(id: &str, vi: &[&str], en: &[&str]) {
    let e = shipped_faq(id);
    let (answer_vi, answer_en) = (e.answer_vi.to_lowercase(), e.answer_en.to_lowercase());
    for p in vi {
        assert!(answer_vi.contains(&p.to_lowercase()), "{id} does not say {p:?}:\n{}", e.answer_vi);
    }
    for p in en {
        assert!(answer_en.contains(&p.to_lowercase()), "{id} does not say {p:?}:\n{}", e.answer_en);
    }
}

/// An FAQ answer as the user sees it: the question, the answer and, when the entry has one,
/// its source under it.
pub fn answer_shown(lang: Lang, e: &sxsh_bot::domain::faq::FaqEntry) -> String {
    let (question, answer) = e.text(lang == Lang::En);
    let text = shown(lang, &Msg::FaqAnswer { question: question.to_owned(), answer: answer.to_owned() });
    if e.source.is_empty() {
        text
    } else {
        format!("{text}\n\n{}", shown(lang, &Msg::FaqSource { source: e.source.clone() }))
    }
}

/// The reply among `out` carrying a button with callback data `data` (the last one).
pub fn with_button<'a>(out: &'a [Outgoing], data: &str) -> &'a Outgoing {
    out.iter()
        .rev()
        .find(|o| o.buttons().iter().any(|(_, d)| d == data))
        .unwrap_or_else(|| panic!("no button {data} in {out:#?}"))
}

/// Whether one of `out` reads exactly `msg` in `lang`.
pub fn saw(out: &[Outgoing], lang: Lang, msg: &Msg) -> bool {
    let want = shown(lang, msg);
    out.iter().any(|o| o.text.as_deref() == Some(want.as_str()))
}
