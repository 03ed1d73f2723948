//! Load benchmark (`cargo bench --bench load`): many distinct users each ask one FAQ
//! question within a few seconds, spread evenly, through the real binary (`sxsh-bot run` as a
//! child process) against the loopback Bot API with Telegram's limits off.
//!
//! Prints one table: users, answered, reply latency per user (from the update being queued
//! to the bot's first message to that user arriving at the emulator) p50/p95/p99/max,
//! apologies and "database is locked" lines in the bot's log (both must be 0), slow-down
//! notices (0: one question each is far under the flood limit), questions stored, the CPU
//! time the bot used per user during the load, and the bot's peak resident memory.
//!
//! The same load first goes to a bare teloxide echo bot (this bench binary started again with
//! `SXSH_BENCH_ECHO=1`: long polling, one `sendMessage` per message, nothing else) against the
//! same emulator in the same run, and the bot's p50/p99 are printed as ratios to it.
//!
//! `BENCH_USERS` (default 1000), `BENCH_SECONDS` (default 10) and `BENCH_LATENCY_MS` (the
//! emulator's answer delay for every request, default 0) change the run.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use sxsh_bot::config::Config;
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::{html, Emulator, TestUser};
use sxsh_bot::i18n::{render, Msg};
use sxsh_bot::startup;
use tokio::io::AsyncBufReadExt;
use tokio::process::{Child, Command};

/// The bot's users; the echo bot's are another range, so nothing of one run counts in the other.
const FIRST_USER: i64 = 3_000_000;
const FIRST_ECHO_USER: i64 = 5_000_000;

/// Questions as people type them: with and without marks, Telex residue, English, and some
/// the FAQ cannot answer.
const QUESTIONS: &[&str] = &[
    "sản xuất sạch hơn là gì",
    "san xuat sach hon la gi",
    "cách giảm chi phí điện ở nhà máy",
    "tiet kiem nuoc trong che bien ca phe",
    "doanh nghiệp được hỗ trợ kinh phí không",
    "kiểm toán năng lượng là gì",
    "what is cleaner production",
    "xuaats khaaur",
    "giá vàng hôm nay bao nhiêu",
    "lợi ích của sản xuất sạch hơn",
    "đăng ký khóa học ở đâu",
    "xử lý nước thải nhà máy tinh bột sắn",
];

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The peak resident set of a process, from /proc (Linux).
fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time a process used so far (user and system), from /proc (Linux).
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at state (field 3).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Linux reports them in clock ticks of 10 ms (USER_HZ is 100).
    Some(Duration::from_millis(ticks * 10))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn spawn_bot(vars: &[(String, String)]) -> anyhow::Result<Child> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sxsh-bot"));
    cmd.arg("run").env_clear().kill_on_drop(true).stdout(Stdio::null()).stderr(Stdio::piped());
    spawn(cmd, vars)
}

/// This bench binary again, as the bare echo bot.
fn spawn_echo(vars: &[(String, String)]) -> anyhow::Result<Child> {
    let mut cmd = Command::new(std::env::current_exe().context("no path to the bench binary")?);
    cmd.env_clear().env("SXSH_BENCH_ECHO", "1").kill_on_drop(true).stdout(Stdio::null()).stderr(Stdio::piped());
    spawn(cmd, vars)
}

/// The baseline: the smallest teloxide bot that answers every message, with the same polling.
async fn echo_bot() -> anyhow::Result<()> {
    use teloxide::prelude::*;
    use teloxide::update_listeners::Polling;
    let token = std::env::var("TELOXIDE_TOKEN").context("TELOXIDE_TOKEN")?;
    let url = std::env::var("TELOXIDE_API_URL").context("TELOXIDE_API_URL")?;
    let bot = Bot::new(token).set_api_url(url.parse()?);
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        bot.send_message(msg.chat.id, msg.text().unwrap_or("…").to_owned()).await?;
        Ok::<(), teloxide::RequestError>(())
    });
    let listener = Polling::builder(bot.clone()).timeout(Duration::from_secs(10)).delete_webhook().await.build();
    Dispatcher::builder(bot, handler)
        .build()
        .dispatch_with_listener(listener, LoggingErrorHandler::with_custom_text("polling failed"))
        .await;
    Ok(())
}

fn spawn(mut cmd: Command, vars: &[(String, String)]) -> anyhow::Result<Child> {
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.env("RUST_LOG", "warn");
    cmd.spawn().context("cannot start the bot")
}

/// What one run measured.
struct Run {
    /// Per user: from the question being queued to the first message arriving.
    latencies: Vec<Duration>,
    /// The first message each user got.
    firsts: HashMap<i64, String>,
    sent_in: Duration,
    peak_kb: u64,
    /// CPU time the bot used for the load (after the warm-up).
    cpu: Duration,
    log: Vec<String>,
    sends: usize,
}

/// Starts a bot with `start`, warms it up, sends the load and waits for every answer.
async fn measure(
    emu: &Arc<Emulator>,
    start: impl Fn() -> anyhow::Result<Child>,
    first_user: i64,
    users: u64,
    seconds: u64,
    latency: Duration,
) -> anyhow::Result<Run> {
    emu.set_latency(Duration::ZERO);
    let mut child = start()?;
    let pid = child.id().context("the bot has no pid")?;
    // The bot's log, scanned for lock errors.
    let stderr = child.stderr.take().context("no stderr")?;
    let log_lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let log_task = {
        let log_lines = log_lines.clone();
        tokio::spawn(async move {
            let mut lines = tokio::io::BufReader::new(stderr).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                log_lines.lock().unwrap_or_else(|p| p.into_inner()).push(line);
            }
        })
    };

    // Every message the bot sends, with the moment it arrived.
    let arrivals: Arc<Mutex<HashMap<i64, (Instant, String)>>> = Arc::default();
    let first_seq = emu.mark();
    let watcher = {
        let arrivals = arrivals.clone();
        let mut feed = emu.feed();
        tokio::spawn(async move {
            loop {
                let o = feed.next().await;
                let at = Instant::now();
                if o.is_message() {
                    let text = o.text.unwrap_or_default();
                    arrivals.lock().unwrap_or_else(|p| p.into_inner()).entry(o.chat_id).or_insert((at, text));
                }
            }
        })
    };

    // Warm up: wait until the bot answers at all (migrations, FAQ load, getMe, first poll).
    let warm_id = first_user - 1;
    let warm = TestUser::new(warm_id, "Warm");
    let started = Instant::now();
    emu.send_text(&warm, "xin chào");
    while !arrivals.lock().unwrap_or_else(|p| p.into_inner()).contains_key(&warm_id) {
        anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "the bot did not answer within a minute");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    emu.set_latency(latency);
    let cpu_before = cpu_time(pid).unwrap_or_default();

    // The load: one question per user, evenly spread.
    let gap = Duration::from_secs(seconds) / u32::try_from(users.max(1)).unwrap_or(u32::MAX);
    let mut queued: HashMap<i64, Instant> = HashMap::new();
    let load_start = tokio::time::Instant::now();
    for i in 0..users {
        tokio::time::sleep_until(load_start + gap * u32::try_from(i).unwrap_or(u32::MAX)).await;
        let id = first_user + i64::try_from(i)?;
        let user = TestUser::new(id, "DN");
        let question = QUESTIONS[usize::try_from(i)? % QUESTIONS.len()];
        queued.insert(id, Instant::now());
        emu.send_text(&user, question);
    }
    let sent_in = load_start.elapsed();

    // Wait for every answer (or two minutes).
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let answered = {
            let a = arrivals.lock().unwrap_or_else(|p| p.into_inner());
            queued.keys().filter(|id| a.contains_key(id)).count()
        };
        if answered == queued.len() || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Let stragglers (second parts of long answers) arrive, then measure memory and stop.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let peak_kb = peak_rss_kb(pid).unwrap_or(0);
    let cpu = cpu_time(pid).unwrap_or_default().saturating_sub(cpu_before);
    child.start_kill()?;
    child.wait().await?;
    watcher.abort();
    let _ = log_task.await;
    let sends = emu.outgoing().iter().skip(first_seq).filter(|o| o.is_message()).count();

    let mut latencies = Vec::new();
    let mut firsts = HashMap::new();
    {
        let a = arrivals.lock().unwrap_or_else(|p| p.into_inner());
        for (id, at) in &queued {
            if let Some((arrived, text)) = a.get(id) {
                latencies.push(arrived.saturating_duration_since(*at));
                firsts.insert(*id, text.clone());
            }
        }
    }
    latencies.sort();
    let log = log_lines.lock().unwrap_or_else(|p| p.into_inner()).clone();
    Ok(Run { latencies, firsts, sent_in, peak_kb, cpu, log, sends })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::var("SXSH_BENCH_ECHO").is_ok() {
        return echo_bot().await;
    }
    let users = env_num("BENCH_USERS", 1000);
    let seconds = env_num("BENCH_SECONDS", 10);
    let latency = Duration::from_millis(env_num("BENCH_LATENCY_MS", 0));
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    println!(
        "{users} users, one question each, spread over {seconds} s; emulator limits off, latency {} ms; {profile} build",
        latency.as_millis()
    );

    let emu = Arc::new(Emulator::start().await?);
    let dir = tempfile::tempdir()?;
    let vars: Vec<(String, String)> = vec![
        ("TELOXIDE_TOKEN".into(), "123456:bench".into()),
        ("TELOXIDE_API_URL".into(), emu.api_url()),
        ("DATABASE_URL".into(), format!("sqlite:{}", dir.path().join("load.db").display())),
        // The emulator sets no limits here, so the bot's lane need not keep Telegram's: this
        // run measures what the bot adds when nothing is queued.
        ("TELEGRAM_LIMITS".into(), "off".into()),
    ];
    let config = Config::from_lookup(|k| vars.iter().find(|(name, _)| name == k).map(|(_, v)| v.clone()))?;

    let echo = measure(&emu, || spawn_echo(&vars), FIRST_ECHO_USER, users, seconds, latency).await?;
    let bot = measure(&emu, || spawn_bot(&vars), FIRST_USER, users, seconds, latency).await?;

    let apology = html::parse(&render(Lang::Vi, &Msg::ErrorApology)).unwrap_or_default();
    let slow_down = html::parse(&render(Lang::Vi, &Msg::FloodSlowDown)).unwrap_or_default();
    let apologies = bot.firsts.values().filter(|t| **t == apology).count();
    let notices = bot.firsts.values().filter(|t| **t == slow_down).count();
    let locked = bot.log.iter().filter(|l| l.contains("database is locked") || l.contains("SQLITE_BUSY")).count();
    let errors = bot.log.iter().filter(|l| l.contains("ERROR")).count();
    let pool = startup::open_database(&config).await?;
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM questions WHERE user_id >= ?1 AND user_id < ?2")
        .bind(FIRST_USER)
        .bind(FIRST_ECHO_USER)
        .fetch_one(&pool)
        .await?;
    pool.close().await;

    println!();
    println!(
        "| bot | users | sent in | answered | p50 ms | p95 ms | p99 ms | max ms | apologies | db locked | slow-down | stored | messages | error lines | CPU per user | peak RSS |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (name, r) in [("teloxide echo", &echo), ("sxsh-bot", &bot)] {
        let is_bot = std::ptr::eq(r, &bot);
        let extra = if is_bot {
            format!("{apologies} | {locked} | {notices} | {stored}")
        } else {
            "– | – | – | –".to_owned()
        };
        println!(
            "| {name} | {users} | {:.1} s | {} | {} | {} | {} | {} | {extra} | {} | {} | {:.2} ms | {:.1} MB |",
            r.sent_in.as_secs_f64(),
            r.latencies.len(),
            ms(percentile(&r.latencies, 50.0)),
            ms(percentile(&r.latencies, 95.0)),
            ms(percentile(&r.latencies, 99.0)),
            ms(r.latencies.last().copied().unwrap_or_default()),
            r.sends,
            if is_bot { errors } else { 0 },
            r.cpu.as_secs_f64() * 1000.0 / users.max(1) as f64,
            r.peak_kb as f64 / 1024.0,
        );
    }
    let ratio =
        |p: f64| percentile(&bot.latencies, p).as_secs_f64() / percentile(&echo.latencies, p).as_secs_f64().max(1e-9);
    println!();
    println!("sxsh-bot / echo: p50 {:.2}× · p95 {:.2}× · p99 {:.2}×", ratio(50.0), ratio(95.0), ratio(99.0));
    anyhow::ensure!(bot.latencies.len() as u64 == users, "{} of {users} users were answered", bot.latencies.len());
    anyhow::ensure!(echo.latencies.len() as u64 == users, "the echo bot answered {} of {users}", echo.latencies.len());
    anyhow::ensure!(apologies == 0 && locked == 0, "{apologies} apologies, {locked} lock errors");
    Ok(())
}
