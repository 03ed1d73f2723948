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
//! `BENCH_SUBSCRIBERS` (default 10000) and `BROADCAST_RATE` (default 25) change the size.

use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use sxsh_bot::config::Config;
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

async fn run(n: u32, rate: u32, crash: bool) -> anyhow::Result<Figures> {
    let emu = Emulator::start().await?;
    emu.set_limits(Some(Limits { per_chat_burst: 1, ..Limits::TELEGRAM }));
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

    // n subscribers, known to Telegram; every 33rd blocked the bot (3%).
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
    }
    tx.commit().await?;
    emu.register_chat(&TestUser::new(ADMIN, "Admin"));
    let mut blocked = 0;
    for i in 0..i64::from(n) {
        emu.register_chat(&TestUser::new(FIRST_CHAT + i, "DN"));
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
    let Created::New { id, recipients } = broadcasts::create(&pool, &new, Utc::now()).await? else {
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
    println!("broadcast to {n} subscribers at BROADCAST_RATE={rate}, limits 30/s and 1/s per chat, 3% blocked");
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
