//! Broadcast benchmark (`cargo bench --bench broadcast`): one announcement to many
//! subscribers through the real binary (`sxsh-bot run` as a child process) against the loopback
//! Bot API enforcing Telegram's limits (30 messages/s overall, 1/s per chat, 429 with
//! `retry_after` beyond) with 3% of the chats blocking the bot (403). Twice: once straight
//! through, once with the bot killed (SIGKILL) half-way and started again.
//!
//! Prints, per run: delivered, marked blocked, failed, skipped (never reached although not
//! blocked), duplicates (reached twice), achieved rate against `BROADCAST_RATE`, 429s, the most
//! messages one chat got within a second, and the bot's peak resident memory.
//!
//! Then a surge: a broadcast to `BENCH_SURGE_SUBSCRIBERS` (default 1000) while
//! `BENCH_SURGE_ASKERS` (default 300) of them ask a question within 10 s. Prints the time from
//! each question to its answer (p50/p95/max), questions left unanswered, the broadcast's
//! losses and duplicates, its pace while people talk and after, the most sends in any second,
//! the 429s and the sends made during a flood wait.
//!
//! `BENCH_SUBSCRIBERS` (default 10000) and `BROADCAST_RATE` (default 25) change the size.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use sxsh_bot::config::Config;
use sxsh_bot::domain::area::AreaList;
use sxsh_bot::domain::broadcast::{Audience, Content, ContentKind};
use sxsh_bot::emulator::{Emulator, Limits, TestUser};
use sxsh_bot::services::broadcasts::{self, Created, NewBroadcast};
use sxsh_bot::startup;
use tokio::process::{Child, Command};

const ADMIN: i64 = 1;
const FIRST_CHAT: i64 = 2_000_000;
const TEXT: &str = "📢 Hội thảo Sản xuất sạch hơn ngành chế biến cà phê, 15/03 tại Buôn Ma Thuột.";

fn env_num(name: &str, default: u32) -> u32 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[derive(Debug, Default)]
struct Figures {
    delivered: usize,
    blocked_marked: i64,
    failed: i64,
    skipped: usize,
    duplicates: usize,
    seconds: f64,
    achieved: f64,
    too_many: u64,
    max_per_chat: usize,
    peak_rss_kb: u64,
    restarts: u32,
}

/// The peak resident set of a process, from /proc (Linux).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn spawn_bot(vars: &[(String, String)]) -> anyhow::Result<Child> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sxsh-bot"));
    cmd.arg("run").env_clear().kill_on_drop(true).stdout(Stdio::null()).stderr(Stdio::null());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.env("RUST_LOG", "warn");
    cmd.spawn().context("cannot start sxsh-bot")
}

/// An emulator with Telegram's limits, the bot's environment and a database with `n`
/// subscribers; `_dir` holds the database and must outlive the run.
struct Setup {
    emu: Emulator,
    _dir: tempfile::TempDir,
    vars: Vec<(String, String)>,
    pool: sqlx::SqlitePool,
}

async fn setup(n: u32, rate: u32) -> anyhow::Result<Setup> {
    let emu = Emulator::start().await?;
    emu.set_limits(Some(Limits::TELEGRAM));
    let dir = tempfile::tempdir()?;
    let vars: Vec<(String, String)> = vec![
        ("TELOXIDE_TOKEN".into(), "123456:bench".into()),
        ("TELOXIDE_API_URL".into(), emu.api_url()),
        ("DATABASE_URL".into(), format!("sqlite:{}", dir.path().join("bench.db").display())),
        ("BROADCAST_RATE".into(), rate.to_string()),
        ("ADMIN_IDS".into(), ADMIN.to_string()),
    ];
    let config = Config::from_lookup(|k| vars.iter().find(|(name, _)| name == k).map(|(_, v)| v.clone()))?;
    let pool = startup::open_database(&config).await?;
    seed(&pool, &emu, n).await?;
    Ok(Setup { emu, _dir: dir, vars, pool })
}

/// Inserts `n` subscribers known to the bot and to the emulator.
async fn seed(pool: &sqlx::SqlitePool, emu: &Emulator, n: u32) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    for i in 0..i64::from(n) {
        let id = FIRST_CHAT + i;
        sqlx::query(
            "INSERT INTO users (user_id, chat_id, lang, first_name, first_seen, last_seen) VALUES (?1, ?1, 'vi', 'DN', 0, 0)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO subscribers (user_id, active, subscribed_at, updated_at) VALUES (?1, 1, 0, 0)")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        emu.register_chat(&TestUser::new(id, "DN"));
    }
    tx.commit().await?;
    Ok(())
}

/// Every message the bot sent, per chat, with the moment it arrived.
type Log = Arc<Mutex<HashMap<i64, Vec<(Instant, String)>>>>;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A broadcast to `n` while `askers` of them each ask one question, spread over 10 s.
async fn surge(n: u32, askers: u32, rate: u32) -> anyhow::Result<()> {
    let Setup { emu, _dir, vars, pool } = setup(n, rate).await?;
    let admin = TestUser::new(ADMIN, "Admin");
    emu.register_chat(&admin);

    // Every message, per chat, with the moment it arrived.
    let log: Log = Arc::default();
    let watcher = {
        let log = log.clone();
        let mut feed = emu.feed();
        tokio::spawn(async move {
            loop {
                let o = feed.next().await;
                if o.is_message() {
                    let at = Instant::now();
                    let mut l = log.lock().unwrap_or_else(|p| p.into_inner());
                    l.entry(o.chat_id).or_default().push((at, o.text.unwrap_or_default()));
                }
            }
        })
    };
    let mut child = spawn_bot(&vars)?;
    // The bot is up once it answers the admin.
    emu.send_text(&admin, "/help");
    let started = Instant::now();
    while !log.lock().unwrap_or_else(|p| p.into_inner()).contains_key(&ADMIN) {
        anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "the bot did not answer within a minute");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let new = NewBroadcast {
        created_by: ADMIN,
        admin_chat: ADMIN,
        content: Content { kind: ContentKind::Text, body: TEXT.into(), file_id: None },
        audience: Audience::default(),
        course_button: None,
        send_at: Utc::now(),
        confirm_update: None,
    };
    let Created::New { id, .. } = broadcasts::create(&pool, &AreaList::shipped(), &new, Utc::now()).await? else {
        anyhow::bail!("the broadcast was not created");
    };
    let broadcast_start = Instant::now();
    // Let it reach full pace, then the questions: one every 10 s / askers.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let step = n / askers.max(1);
    let gap = Duration::from_secs(10) / askers.max(1);
    let mut asked: HashMap<i64, Instant> = HashMap::new();
    let surge_start = Instant::now();
    for k in 0..askers {
        tokio::time::sleep_until((surge_start + gap * k).into()).await;
        let chat = FIRST_CHAT + i64::from(k * step);
        asked.insert(chat, Instant::now());
        emu.send_text(&TestUser::new(chat, "DN"), "làm sao tiết kiệm điện trong nhà máy");
    }
    let surge_end = Instant::now();
    loop {
        let p = broadcasts::progress(&pool, id).await?;
        let answered = {
            let l = log.lock().unwrap_or_else(|p| p.into_inner());
            asked.keys().filter(|c| l.get(c).is_some_and(|m| m.iter().any(|(_, t)| t != TEXT))).count()
        };
        if p.remaining == 0 && answered == asked.len() {
            break;
        }
        anyhow::ensure!(started.elapsed() < Duration::from_secs(600), "not finished in 10 minutes");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let finished = Instant::now();
    tokio::time::sleep(Duration::from_millis(500)).await;
    child.start_kill()?;
    child.wait().await?;
    watcher.abort();

    let l = log.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let mut waits: Vec<Duration> = asked
        .iter()
        .filter_map(|(c, at)| {
            l.get(c)?.iter().find(|(t, text)| t >= at && text != TEXT).map(|(t, _)| t.saturating_duration_since(*at))
        })
        .collect();
    waits.sort();
    let (mut lost, mut duplicates) = (0, 0);
    let mut during = 0usize;
    let mut after = 0usize;
    for i in 0..i64::from(n) {
        let copies: Vec<Instant> = l
            .get(&(FIRST_CHAT + i))
            .map(|m| m.iter().filter(|(_, t)| t == TEXT).map(|(at, _)| *at).collect())
            .unwrap_or_default();
        lost += usize::from(copies.is_empty());
        duplicates += copies.len().saturating_sub(1);
        during += copies.iter().filter(|&&at| at >= surge_start && at < surge_end).count();
        after += copies.iter().filter(|&&at| at >= surge_end).count();
    }
    let after_secs = finished.saturating_duration_since(surge_end).as_secs_f64().max(0.001);
    println!(
        "
surge: {askers} of {n} subscribers ask within 10 s while the broadcast runs at BROADCAST_RATE={rate}:"
    );
    println!(
        "  answered {} of {askers} · first answer p50 {:.0} ms · p95 {:.0} ms · max {:.0} ms",
        waits.len(),
        percentile(&waits, 50.0).as_secs_f64() * 1000.0,
        percentile(&waits, 95.0).as_secs_f64() * 1000.0,
        waits.last().copied().unwrap_or_default().as_secs_f64() * 1000.0,
    );
    println!(
        "  broadcast: lost {lost} · duplicates {duplicates} · {:.1} msg/s while people ask, {:.1} msg/s after · done in {:.1} s",
        during as f64 / surge_end.saturating_duration_since(surge_start).as_secs_f64().max(0.001),
        after as f64 / after_secs,
        finished.saturating_duration_since(broadcast_start).as_secs_f64(),
    );
    println!(
        "  most sends in any second {} · 429s {} · sends during a flood wait {}",
        emu.max_in_any_second(),
        emu.too_many_requests(),
        emu.sends_during_flood_wait(),
    );
    pool.close().await;
    anyhow::ensure!(waits.len() == asked.len() && lost == 0, "{} unanswered, {lost} lost", asked.len() - waits.len());
    Ok(())
}

async fn run(n: u32, rate: u32, crash: bool) -> anyhow::Result<Figures> {
    // n subscribers, known to Telegram; every 33rd blocked the bot (3%).
    let Setup { emu, _dir, vars, pool } = setup(n, rate).await?;
    emu.register_chat(&TestUser::new(ADMIN, "Admin"));
    let mut blocked = 0;
    for i in 0..i64::from(n) {
        if i % 33 == 0 {
            emu.block_chat(FIRST_CHAT + i, true);
            blocked += 1;
        }
    }
    let new = NewBroadcast {
        created_by: ADMIN,
        admin_chat: ADMIN,
        content: Content { kind: ContentKind::Text, body: TEXT.into(), file_id: None },
        audience: Audience::default(),
        course_button: None,
        send_at: Utc::now(),
        confirm_update: None,
    };
    let Created::New { id, recipients } = broadcasts::create(&pool, &AreaList::shipped(), &new, Utc::now()).await?
    else {
        anyhow::bail!("the broadcast was not created");
    };
    anyhow::ensure!(recipients == u64::from(n), "{recipients} recipients for {n} subscribers");

    let mut figures = Figures::default();
    let mut child = spawn_bot(&vars)?;
    let mut first_send: Option<Instant> = None;
    let started = Instant::now();
    let mut killed = false;
    loop {
        if let Some(pid) = child.id() {
            figures.peak_rss_kb = figures.peak_rss_kb.max(peak_rss_kb(pid).unwrap_or(0));
        }
        let p = broadcasts::progress(&pool, id).await?;
        let done = p.sent + p.failed + p.blocked;
        if done > 0 && first_send.is_none() {
            first_send = Some(Instant::now());
        }
        if crash && !killed && done >= i64::from(n) / 2 {
            child.start_kill()?;
            child.wait().await?;
            killed = true;
            figures.restarts += 1;
            child = spawn_bot(&vars)?;
        }
        if p.remaining == 0 {
            break;
        }
        anyhow::ensure!(started.elapsed() < Duration::from_secs(3600), "the broadcast did not finish in an hour");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let elapsed = first_send.map(|t| t.elapsed()).unwrap_or_default().as_secs_f64();
    child.start_kill()?;
    child.wait().await?;

    let p = broadcasts::progress(&pool, id).await?;
    for i in 0..i64::from(n) {
        let chat = FIRST_CHAT + i;
        let got = emu.accepted_in_chat(chat);
        let is_blocked = i % 33 == 0;
        if got > 1 {
            figures.duplicates += got - 1;
        }
        if got == 0 && !is_blocked {
            figures.skipped += 1;
        }
        figures.delivered += got.min(1);
    }
    let marked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE blocked = 1").fetch_one(&pool).await?;
    anyhow::ensure!(marked == blocked && p.blocked == blocked, "blocked: {marked} marked, {} in the outbox", p.blocked);
    figures.blocked_marked = marked;
    figures.failed = p.failed;
    figures.seconds = elapsed;
    figures.achieved = (p.sent + p.blocked + p.failed) as f64 / elapsed.max(0.001);
    figures.too_many = emu.too_many_requests();
    figures.max_per_chat = emu.max_per_chat_in_any_second();
    pool.close().await;
    Ok(figures)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n = env_num("BENCH_SUBSCRIBERS", 10_000);
    let rate = env_num("BROADCAST_RATE", 25);
    println!("broadcast to {n} subscribers at BROADCAST_RATE={rate}, Telegram's limits (30/s, 1/s per chat after a burst of 3), 3% blocked");
    if std::env::var("BENCH_ONLY_SURGE").is_err() {
        plain(n, rate).await?;
    }
    surge(env_num("BENCH_SURGE_SUBSCRIBERS", 1000), env_num("BENCH_SURGE_ASKERS", 300), rate).await
}

async fn plain(n: u32, rate: u32) -> anyhow::Result<()> {
    for crash in [false, true] {
        let f = run(n, rate, crash).await?;
        let label = if crash { "killed at 50% and restarted" } else { "straight through" };
        println!("\n{label}:");
        println!(
            "  delivered {} · marked blocked {} · failed {} · skipped {} · duplicates {}",
            f.delivered, f.blocked_marked, f.failed, f.skipped, f.duplicates
        );
        println!(
            "  {:.1} s · {:.2} msg/s = {:.1}% of {rate} · 429s {} · most to one chat in a second {} · peak RSS {:.1} MB · restarts {}",
            f.seconds,
            f.achieved,
            100.0 * f.achieved / f64::from(rate),
            f.too_many,
            f.max_per_chat,
            f.peak_rss_kb as f64 / 1024.0,
            f.restarts,
        );
    }
    Ok(())
}
