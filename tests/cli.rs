//! The binary as an operator runs it: configuration errors, `migrate`, `run` against a fake
//! Bot API with a graceful stop, and `chat` in a terminal.

use std::process::Stdio;
use std::time::{Duration, Instant};

use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::{html, Emulator, TestUser};
use sxsh_bot::i18n::{try_render, Msg};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sxsh-bot");

/// The binary in an empty folder (no `.env` to pick up) with only the given variables.
fn sxsh(dir: &std::path::Path, args: &[&str], vars: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir).env_clear().envs(vars.iter().copied()).kill_on_drop(true);
    cmd
}

fn shown(lang: Lang, msg: &Msg) -> String {
    html::parse(&try_render(lang, msg).expect("renders")).expect("valid HTML")
}

#[tokio::test]
async fn run_without_a_token_prints_one_clear_line_and_exits_2() {
    let dir = tempfile::tempdir().expect("dir");
    let out = sxsh(dir.path(), &["run"], &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("TELOXIDE_TOKEN") && stderr.contains("@BotFather"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
}

#[tokio::test]
async fn a_bad_variable_is_named_and_exits_2() {
    let dir = tempfile::tempdir().expect("dir");
    let out = sxsh(dir.path(), &["run"], &[("TELOXIDE_TOKEN", "1:abc"), ("ADMIN_IDS", "12,lan")])
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("ADMIN_IDS") && stderr.contains("\"lan\""), "{stderr}");
}

#[tokio::test]
async fn the_env_file_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join(".env"), "BROADCAST_RATE=fast\n").expect("write .env");
    let out = sxsh(dir.path(), &["migrate"], &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("BROADCAST_RATE"));
}

#[tokio::test]
async fn migrate_creates_the_default_database_folder_and_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out = sxsh(dir.path(), &["migrate"], &[]).output().await.expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("data/sxsh.db").is_file());
    // Applying again is a no-op.
    let again = sxsh(dir.path(), &["migrate"], &[]).output().await.expect("runs");
    assert!(again.status.success());
}

#[tokio::test]
async fn run_answers_start_against_a_fake_bot_api_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().expect("dir");
    let emu = Emulator::start().await.expect("emulator");
    let api = emu.api_url();
    let started = Instant::now();
    let mut child = sxsh(dir.path(), &["run"], &[("TELOXIDE_TOKEN", "42:secret-token"), ("TELOXIDE_API_URL", &api)])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let lan = TestUser::new(5, "Lan");
    emu.send_text(&lan, "/start");
    let out = emu.wait_for(0, 1, Duration::from_secs(10), Duration::from_millis(100)).await;
    let elapsed = started.elapsed();
    assert_eq!(
        out.first().and_then(|o| o.text.clone()),
        Some(shown(Lang::Vi, &Msg::StartGreeting { name: "Lan".into() }))
    );
    eprintln!("process start to /start answered: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(10));

    let pid = child.id().expect("pid").to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().await.expect("kill");
    assert!(killed.success());
    // A stop may wait for the long poll in flight (10 s) to end.
    let status =
        tokio::time::timeout(Duration::from_secs(25), child.wait()).await.expect("stops in time").expect("waits");
    assert!(status.success(), "graceful stop exits 0, got {status:?}");
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        tokio::io::AsyncReadExt::read_to_string(&mut e, &mut stderr).await.expect("stderr");
    }
    assert!(!stderr.contains("secret-token"), "the token must never be logged");
    assert!(stderr.contains("stopped"), "{stderr}");
    assert!(dir.path().join("data/sxsh.db").is_file());
}

#[tokio::test]
async fn chat_talks_to_the_bot_in_the_terminal_with_numbered_buttons() {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = sxsh(dir.path(), &["chat", "--user-id", "77"], &[])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();

    async fn read_until(lines: &mut tokio::io::Lines<BufReader<tokio::process::ChildStdout>>, needle: &str) -> String {
        let mut seen = String::new();
        let found = tokio::time::timeout(Duration::from_secs(10), async {
            while let Ok(Some(line)) = lines.next_line().await {
                seen.push_str(&line);
                seen.push('\n');
                if line.contains(needle) {
                    return true;
                }
            }
            false
        })
        .await;
        assert_eq!(found, Ok(true), "never saw {needle:?} in:\n{seen}");
        seen
    }

    let greeting = shown(Lang::Vi, &Msg::StartGreeting { name: "Khách".into() });
    let first_line = greeting.lines().next().unwrap_or_default().to_owned();
    stdin.write_all(b"/start\n").await.expect("write");
    read_until(&mut lines, &first_line).await;
    let menu = read_until(&mut lines, &shown(Lang::Vi, &Msg::ChatButtonsHint)).await;
    assert!(menu.contains(&format!("[5] {}", shown(Lang::Vi, &Msg::MenuLang))), "{menu}");

    // Tap "language", then "English": the bot answers in English from then on.
    stdin.write_all(b"5\n").await.expect("write");
    read_until(&mut lines, &shown(Lang::Vi, &Msg::ChatButtonsHint)).await;
    stdin.write_all(b"2\n").await.expect("write");
    read_until(&mut lines, &shown(Lang::En, &Msg::LangChanged)).await;
    // A question typed without diacritics gets the FAQ's answer.
    stdin.write_all(b"san xuat sach hon la gi\n").await.expect("write");
    read_until(&mut lines, "What is cleaner production?").await;
    stdin.write_all(b"/quit\n").await.expect("write");
    read_until(&mut lines, &shown(Lang::En, &Msg::ChatBye)).await;
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait()).await.expect("exits").expect("waits");
    assert!(status.success());
}

#[tokio::test]
async fn an_unreachable_bot_api_is_reported_without_the_token() {
    let dir = tempfile::tempdir().expect("dir");
    // Port 9 on loopback: nothing listens there.
    let out =
        sxsh(dir.path(), &["run"], &[("TELOXIDE_TOKEN", "42:very-secret"), ("TELOXIDE_API_URL", "http://127.0.0.1:9")])
            .output()
            .await
            .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot reach the Bot API"), "{stderr}");
    assert!(!stderr.contains("very-secret"), "the token leaked: {stderr}");
}

#[tokio::test]
async fn faq_ask_prints_what_the_bot_would_offer_as_json() {
    let dir = tempfile::tempdir().expect("dir");
    let out = sxsh(dir.path(), &["faq", "ask", "--json", "san xuat sach hon la gi"], &[]).output().await.expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let offered: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(offered[0]["id"], "sxsh-la-gi");
    assert_eq!(offered[0]["question"], "Sản xuất sạch hơn là gì?");
    assert!(offered[0]["score"].as_f64().is_some_and(|s| s > 0.0));
    let out =
        sxsh(dir.path(), &["faq", "ask", "--json", "--lang", "en", "hủy gói 4G"], &[]).output().await.expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
}

#[tokio::test]
async fn faq_import_is_all_or_nothing_and_export_round_trips() {
    let dir = tempfile::tempdir().expect("dir");
    let exported = dir.path().join("faq.csv");
    let out = sxsh(dir.path(), &["faq", "export", "faq.csv"], &[]).output().await.expect("runs");
    assert!(out.status.success());
    let original = std::fs::read(&exported).expect("exported");

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,category,question_vi,answer_vi,question_en,answer_en,keywords\nnew-one,Chung,Hỏi?,Đáp.,,,\nnew-one,Chung,Lại?,Đáp.,,,\n",
    )
    .expect("write");
    let out = sxsh(dir.path(), &["faq", "import", "bad.csv"], &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("nothing was imported"), "{stderr}");

    // Nothing changed; and importing the export with --replace gives the same FAQ back.
    let out = sxsh(dir.path(), &["faq", "import", "--replace", "faq.csv"], &[]).output().await.expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 added"));
    sxsh(dir.path(), &["faq", "export", "again.csv"], &[]).output().await.expect("runs");
    assert_eq!(std::fs::read(dir.path().join("again.csv")).expect("again"), original);
}
