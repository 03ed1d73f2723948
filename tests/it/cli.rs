//! The binary as an operator runs it: configuration errors, `migrate`, `run` against a fake
//! Bot API with a graceful stop, `chat` in a terminal, the FAQ, courses and roster exports.

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
async fn run_in_webhook_mode_with_json_logs_answers_through_the_webhook_and_stops_gracefully() {
    let dir = tempfile::tempdir().expect("dir");
    let emu = Emulator::start().await.expect("emulator");
    let api = emu.api_url();
    let listen = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").to_string();
    let hook = format!("http://{listen}/hook");
    let vars = [("TELOXIDE_TOKEN", "42:secret-token"), ("TELOXIDE_API_URL", api.as_str()), ("LOG_FORMAT", "json")];
    let mut child = sxsh(dir.path(), &["run", "--webhook", &hook, "--listen", &listen], &vars)
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    // No WEBHOOK_SECRET: the bot registered a random one, which the emulator sends back.
    for _ in 0..200 {
        if emu.webhook_url().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(emu.webhook_url(), Some(hook.clone()));
    emu.send_text(&TestUser::new(6, "Lan"), "/start");
    let out = emu.wait_for(0, 1, Duration::from_secs(10), Duration::from_millis(100)).await;
    assert_eq!(out[0].text.clone(), Some(shown(Lang::Vi, &Msg::StartGreeting { name: "Lan".into() })));
    assert!(emu.webhook_log().iter().any(|(_, status)| *status == 200));

    let pid = child.id().expect("pid").to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().await.expect("kill").success());
    let status = tokio::time::timeout(Duration::from_secs(25), child.wait()).await.expect("stops").expect("waits");
    assert!(status.success(), "graceful stop exits 0, got {status:?}");
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        tokio::io::AsyncReadExt::read_to_string(&mut e, &mut stderr).await.expect("stderr");
    }
    assert!(!stderr.contains("secret-token"), "the token must never be logged");
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON log line ({e}): {l}")))
        .collect();
    assert!(lines.iter().all(|l| l["level"].is_string() && l["timestamp"].is_string()), "{stderr}");
    assert!(lines.iter().any(|l| l["message"] == "webhook registered; waiting for updates"), "{stderr}");
    assert!(lines.iter().any(|l| l["message"] == "stopped"), "{stderr}");
}

#[tokio::test]
async fn a_plain_http_webhook_url_or_a_webhook_without_listen_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let vars = [("TELOXIDE_TOKEN", "42:secret-token")];
    let out = sxsh(dir.path(), &["run", "--webhook", "http://bot.example.vn/tg", "--listen", "127.0.0.1:8443"], &vars)
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("https://"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = sxsh(dir.path(), &["run", "--webhook", "https://bot.example.vn/tg"], &vars).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--listen"));
    assert!(!dir.path().join("data").exists(), "nothing was created");
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
    assert!(menu.contains(&format!("[6] {}", shown(Lang::Vi, &Msg::MenuLang))), "{menu}");

    // Tap "language", then "English": the bot answers in English from then on.
    stdin.write_all(b"6\n").await.expect("write");
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

/// Runs a command that must succeed and returns its stdout.
async fn ok(dir: &std::path::Path, args: &[&str]) -> String {
    let out = sxsh(dir, args, &[]).output().await.expect("runs");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 stdout")
}

/// `course add` with valid values; returns the id it printed.
async fn add_course(dir: &std::path::Path, title: &str, capacity: &str) -> i64 {
    let args = [
        "course",
        "add",
        "--title",
        title,
        "--location",
        "Hội trường Sở Công Thương, Buôn Ma Thuột",
        "--starts",
        "10/03/2099",
        "--ends",
        "11/03/2099",
        "--capacity",
        capacity,
        "--deadline",
        "8/3/2099",
    ];
    let stdout = ok(dir, &args).await;
    stdout.trim().parse().unwrap_or_else(|_| panic!("course add prints only the id, got {stdout:?}"))
}

/// Registers `attendees` for a course as Telegram user `user_id`, straight through the
/// service (the Telegram dialogue is not needed to fill a roster).
async fn register(dir: &std::path::Path, course_id: i64, user_id: i64, enterprise: &str, attendees: &[&str]) {
    use sxsh_bot::domain::registration::Details;
    use sxsh_bot::domain::user::Sender;
    use sxsh_bot::services::registrations::NewRegistration;
    let url = format!("sqlite:{}", dir.join("data/sxsh.db").display());
    let pool = sxsh_bot::db::open(&url).await.expect("database opens");
    let sender = Sender {
        user_id,
        chat_id: user_id,
        first_name: "Lan".into(),
        last_name: None,
        username: None,
        language_code: Some("vi".into()),
    };
    sxsh_bot::services::users::record(&pool, &sender).await.expect("user recorded");
    let new = NewRegistration {
        course_id,
        user_id,
        details: Details {
            enterprise: enterprise.into(),
            contact: attendees.first().copied().unwrap_or_default().into(),
            position: "Giám đốc".into(),
            phone: "+84912345678".into(),
            email: Some("lan@caphe-eakar.vn".into()),
            tax_code: Some("0100109106".into()),
        },
        attendees: attendees.iter().map(|a| (*a).to_owned()).collect(),
        update_id: None,
    };
    sxsh_bot::services::registrations::register(&pool, &new, chrono::Utc::now()).await.expect("registered");
    pool.close().await;
}

const TITLE: &str = "Tập huấn Sản xuất sạch hơn ngành cà phê";

/// A course of 3 seats with two confirmed registrations (3 attendees) and one waitlisted.
async fn course_with_roster(dir: &std::path::Path) -> i64 {
    let id = add_course(dir, TITLE, "3").await;
    register(dir, id, 501, "Công ty TNHH Cà phê Ea Kar", &["Nguyễn Thị Lan", "Trần Văn Đức"]).await;
    register(dir, id, 502, "HTX Nông nghiệp Krông Pắc", &["Lê Hoàng Yến"]).await;
    register(dir, id, 503, "Công ty CP Gạch men Đắk Lắk", &["Phạm Quốc Bảo"]).await;
    id
}

/// The rows of a CSV roster after its byte-order mark.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("starts with the UTF-8 BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body)
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

/// Files in `dir` whose names show a temporary export left behind.
fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[tokio::test]
async fn course_add_prints_the_id_and_course_list_shows_seats_and_waitlist() {
    let dir = tempfile::tempdir().expect("dir");
    assert_eq!(ok(dir.path(), &["course", "list"]).await.trim(), "no courses yet");

    let first = course_with_roster(dir.path()).await;
    let out = sxsh(
        dir.path(),
        &[
            "course",
            "add",
            "--title",
            "  Kiểm toán   năng lượng ",
            "--location",
            "Ea Kar",
            "--starts",
            "05-04-2099",
            "--ends",
            "05.04.2099",
            "--capacity",
            "40",
            "--deadline",
            "01/04/2099",
            "--description",
            "Dòng một\nDòng hai",
        ],
        &[],
    )
    .output()
    .await
    .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{}\n", first + 1), "only the id on stdout");

    let list = ok(dir.path(), &["course", "list"]).await;
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    let (header, coffee, energy) = (lines[0], lines[1], lines[2]);
    for column in ["ID", "STARTS", "ENDS", "DEADLINE", "STATUS", "SEATS", "WAITLIST", "TITLE", "LOCATION"] {
        assert!(header.contains(column), "{header}");
    }
    // Soonest first; three of three seats taken and one attendee waiting.
    assert!(coffee.starts_with(&format!("{first} ")), "{list}");
    assert!(coffee.contains("10/03/2099  11/03/2099  08/03/2099  open    3/3"), "{list}");
    assert!(coffee.contains(TITLE) && coffee.contains("Hội trường Sở Công Thương, Buôn Ma Thuột"), "{list}");
    assert!(energy.contains("05/04/2099  05/04/2099  01/04/2099  open    0/40"), "{list}");
    assert!(energy.contains("Kiểm toán năng lượng"), "spaces are tidied: {list}");
    // Columns line up (counted in characters, as a terminal shows them).
    let at = |line: &str, needle: &str| line.find(needle).map(|b| line[..b].chars().count());
    assert_eq!(at(header, "WAITLIST").map(|c| c + "WAITLIST".len() + 2), at(header, "TITLE"));
    assert_eq!(at(coffee, TITLE), at(header, "TITLE"), "{list}");
    assert_eq!(at(energy, "Kiểm toán"), at(header, "TITLE"), "{list}");
    assert_eq!(at(coffee, "Hội trường"), at(header, "LOCATION"), "{list}");
    assert_eq!(at(energy, "Ea Kar"), at(header, "LOCATION"), "{list}");
    let waitlist = at(header, "WAITLIST").expect("waitlist column");
    assert_eq!(coffee.chars().nth(waitlist), Some('1'), "{list}");
    assert_eq!(energy.chars().nth(waitlist), Some('0'), "{list}");
}

#[tokio::test]
async fn course_add_refuses_bad_values_naming_the_flag_and_stores_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let valid = [
        ("--title", "Tập huấn SXSH"),
        ("--location", "Ea Kar"),
        ("--starts", "10/03/2099"),
        ("--ends", "11/03/2099"),
        ("--capacity", "60"),
        ("--deadline", "08/03/2099"),
    ];
    // (flag, bad value, exit code, words the message must contain)
    let cases: &[(&str, &str, i32, &[&str])] = &[
        ("--starts", "31/02/2099", 2, &["'--starts", "no such day", "DD/MM/YYYY"]),
        ("--ends", "2099-03-11", 2, &["'--ends", "DD/MM/YYYY"]),
        ("--deadline", "ngày mai", 2, &["'--deadline", "DD/MM/YYYY"]),
        ("--capacity", "0", 2, &["'--capacity", "1 to 1000"]),
        ("--capacity", "sáu mươi", 2, &["'--capacity", "whole number"]),
        ("--title", "   ", 2, &["'--title", "empty"]),
        ("--location", &"x".repeat(201), 2, &["'--location", "201 characters", "1 to 200"]),
        ("--ends", "09/03/2099", 1, &["--ends 09/03/2099 is before --starts 10/03/2099", "not created"]),
        ("--deadline", "11/03/2099", 1, &["--deadline 11/03/2099 is after --starts 10/03/2099", "not created"]),
    ];
    for (flag, bad, code, words) in cases {
        let mut args = vec!["course", "add"];
        for (f, v) in valid {
            args.extend([f, if f == *flag { *bad } else { v }]);
        }
        let out = sxsh(dir.path(), &args, &[]).output().await.expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{flag} {bad}: {stderr}");
        for w in *words {
            assert!(stderr.contains(w), "{flag} {bad}: expected {w:?} in {stderr}");
        }
        assert!(out.stdout.is_empty(), "no id printed for {flag} {bad}");
    }
    // A course that would start in the past (all its dates consistent).
    let past = [
        "course",
        "add",
        "--title",
        "Cũ",
        "--location",
        "Ea Kar",
        "--starts",
        "10/03/2020",
        "--ends",
        "11/03/2020",
        "--capacity",
        "5",
        "--deadline",
        "08/03/2020",
    ];
    let out = sxsh(dir.path(), &past, &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--starts 10/03/2020 is in the past"));
    // A missing flag is clap's usage error.
    let out = sxsh(dir.path(), &["course", "add", "--title", "X"], &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--location"));

    assert_eq!(ok(dir.path(), &["course", "list"]).await.trim(), "no courses yet");
}

#[tokio::test]
async fn registrations_export_csv_has_a_bom_the_vietnamese_header_and_one_row_per_attendee() {
    let dir = tempfile::tempdir().expect("dir");
    let id = course_with_roster(dir.path()).await;
    let out = ok(dir.path(), &["registrations", "export", "--course", &id.to_string(), "--out", "roster.csv"]).await;
    assert_eq!(out.trim(), format!("wrote 4 attendee(s) of course {id} to roster.csv"));

    let bytes = std::fs::read(dir.path().join("roster.csv")).expect("roster written");
    let rows = csv_rows(&bytes);
    let labels = sxsh_bot::i18n::roster_labels(Lang::Vi);
    assert_eq!(rows.first(), Some(&labels.header), "the header row, in Vietnamese");
    assert_eq!(rows.len(), 5, "header + one row per attendee: {rows:?}");
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["Nguyễn Thị Lan", "Trần Văn Đức", "Lê Hoàng Yến", "Phạm Quốc Bảo"]);
    let numbers: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4"]);
    let statuses: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(statuses, [&labels.confirmed, &labels.confirmed, &labels.confirmed, &labels.waitlisted]);
    assert_eq!(rows[1][4], "Công ty TNHH Cà phê Ea Kar");
    assert_eq!(rows[1][2], rows[2][2], "two attendees of one registration share its code");
    assert!(rows.iter().all(|r| r.len() == labels.header.len()));
    assert!(leftovers(dir.path()).is_empty());
}

#[tokio::test]
async fn registrations_export_xlsx_writes_a_workbook_with_the_same_roster() {
    let dir = tempfile::tempdir().expect("dir");
    let id = course_with_roster(dir.path()).await;
    let id = id.to_string();
    // The extension is case-insensitive; a second export replaces the first file whole.
    std::fs::write(dir.path().join("roster.XLSX"), b"an older file").expect("write");
    let out = ok(dir.path(), &["registrations", "export", "--course", &id, "--out", "roster.XLSX"]).await;
    assert!(out.contains("wrote 4 attendee(s)"), "{out}");
    ok(dir.path(), &["registrations", "export", "--course", &id, "--out", "roster.csv"]).await;

    let xlsx = std::fs::read(dir.path().join("roster.XLSX")).expect("workbook written");
    assert!(xlsx.starts_with(b"PK\x03\x04"), "a zip archive");
    // The end-of-central-directory record closes a complete zip.
    assert!(xlsx.windows(4).rev().take(200).any(|w| w == b"PK\x05\x06"), "the zip is complete");
    for part in [&b"[Content_Types].xml"[..], b"xl/workbook.xml", b"xl/worksheets/sheet1.xml", b"xl/sharedStrings.xml"]
    {
        assert!(xlsx.windows(part.len()).any(|w| w == part), "missing {}", String::from_utf8_lossy(part));
    }
    assert!(leftovers(dir.path()).is_empty());

    // `.ci/run` reads this pair back with a real XLSX reader (openpyxl) and compares every cell.
    if let Some(check) = std::env::var_os("SXSH_ROSTER_CHECK_DIR") {
        let check = std::path::PathBuf::from(check);
        std::fs::create_dir_all(&check).expect("check dir");
        std::fs::copy(dir.path().join("roster.XLSX"), check.join("roster.xlsx")).expect("copy xlsx");
        std::fs::copy(dir.path().join("roster.csv"), check.join("roster.csv")).expect("copy csv");
    }
}

#[tokio::test]
async fn registrations_export_of_an_unknown_course_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    add_course(dir.path(), TITLE, "10").await;
    let out = sxsh(dir.path(), &["registrations", "export", "--course", "42", "--out", "roster.csv"], &[])
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no course 42") && stderr.contains("course list"), "{stderr}");
    assert!(!dir.path().join("roster.csv").exists());
    assert!(leftovers(dir.path()).is_empty());
}

#[tokio::test]
async fn registrations_export_refuses_a_file_that_is_not_csv_or_xlsx() {
    let dir = tempfile::tempdir().expect("dir");
    let id = add_course(dir.path(), TITLE, "10").await.to_string();
    for name in ["roster.pdf", "roster", "roster.csv.bak", "roster.xls"] {
        let out = sxsh(dir.path(), &["registrations", "export", "--course", &id, "--out", name], &[])
            .output()
            .await
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("'--out") && stderr.contains(".csv or .xlsx"), "{name}: {stderr}");
        assert!(!dir.path().join(name).exists(), "{name}");
    }
}

#[tokio::test]
async fn a_failed_export_leaves_no_partial_file() {
    let dir = tempfile::tempdir().expect("dir");
    let id = course_with_roster(dir.path()).await.to_string();
    // The target is a folder: the roster cannot replace it.
    std::fs::create_dir(dir.path().join("taken.csv")).expect("dir");
    let out = sxsh(dir.path(), &["registrations", "export", "--course", &id, "--out", "taken.csv"], &[])
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write taken.csv"));
    assert!(dir.path().join("taken.csv").is_dir());
    assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
    // A folder that does not exist.
    let out = sxsh(dir.path(), &["registrations", "export", "--course", &id, "--out", "missing/roster.xlsx"], &[])
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write missing/roster.xlsx"));
}

#[tokio::test]
async fn backup_copies_the_live_database_while_it_is_written_and_checks_the_copy() {
    let dir = tempfile::tempdir().expect("dir");
    ok(dir.path(), &["migrate"]).await;
    let url = format!("sqlite:{}", dir.path().join("data/sxsh.db").display());
    let pool = sxsh_bot::db::open(&url).await.expect("database opens");
    // A writer keeps adding users while the backup runs.
    let writer_pool = pool.clone();
    let writer = tokio::spawn(async move {
        for n in 0..400_i64 {
            let sender = sxsh_bot::domain::user::Sender {
                user_id: 10_000 + n,
                chat_id: 10_000 + n,
                first_name: "Người dùng".into(),
                last_name: None,
                username: None,
                language_code: Some("vi".into()),
            };
            sxsh_bot::services::users::record(&writer_pool, &sender).await.expect("written");
        }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    let stdout = ok(dir.path(), &["backup", "copy.db"]).await;
    writer.await.expect("writer");
    assert!(stdout.contains("integrity ok"), "{stdout}");

    // The copy opens on its own, passes the check, and holds a consistent prefix of the writes.
    let copy = format!("sqlite:{}", dir.path().join("copy.db").display());
    let copy_pool = sxsh_bot::db::open(&copy).await.expect("the copy opens");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&copy_pool).await.expect("check");
    assert_eq!(check, "ok");
    let in_copy: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&copy_pool).await.expect("count");
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT user_id FROM users ORDER BY user_id").fetch_all(&copy_pool).await.expect("ids");
    assert_eq!(ids, (10_000..10_000 + in_copy).collect::<Vec<_>>(), "no gap: the copy is one snapshot");
    let live: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&pool).await.expect("count");
    assert_eq!(live, 400);
    assert!(in_copy <= live);

    // Never over an existing file.
    let out = sxsh(dir.path(), &["backup", "copy.db"], &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert!(!dir.path().join(".copy.db.partial").exists());
}

#[tokio::test]
async fn synonyms_export_and_import_teach_the_search_new_words_all_or_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let ask = |q: &'static str| {
        let dir = dir.path().to_owned();
        async move {
            let out = ok(&dir, &["faq", "ask", "--json", q]).await;
            let offered: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
            offered.iter().filter_map(|o| o["id"].as_str().map(str::to_owned)).collect::<Vec<_>>()
        }
    };
    // "súp de" is what some people call a boiler; the FAQ does not know the word.
    assert_eq!(ask("súp de bị xì hơi").await, Vec::<String>::new());
    ok(dir.path(), &["faq", "synonyms", "export", "synonyms.csv"]).await;
    let exported = std::fs::read_to_string(dir.path().join("synonyms.csv")).expect("exported");
    assert!(exported.starts_with("\u{feff}kind,name,phrases") && exported.contains("abbreviation,sxsh,"), "{exported}");

    // A bad file changes nothing, and every problem is named with its line.
    let bad = format!("{exported}concept,lo hoi,lò hơi; súp de\nsynonym,xi,rò\n");
    std::fs::write(dir.path().join("bad.csv"), bad).expect("write");
    let out = sxsh(dir.path(), &["faq", "synonyms", "import", "bad.csv"], &[]).output().await.expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = exported.lines().count() + 2;
    assert!(stderr.contains(&format!("line {line}")) && stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(ask("súp de bị xì hơi").await, Vec::<String>::new());

    let good = format!("{exported}concept,lo hoi,lò hơi; súp de\nconcept,ro ri,rò rỉ; rò; xì\n");
    std::fs::write(dir.path().join("good.csv"), good).expect("write");
    let out = ok(dir.path(), &["faq", "synonyms", "import", "good.csv"]).await;
    assert!(out.contains("2 row(s)"), "{out}");
    let offered = ask("súp de bị xì hơi").await;
    assert!(offered.iter().any(|id| id == "lo-hoi" || id == "he-thong-hoi"), "{offered:?}");
    // Exported again, the centre's rows follow the built-in ones.
    ok(dir.path(), &["faq", "synonyms", "export", "again.csv"]).await;
    let again = std::fs::read_to_string(dir.path().join("again.csv")).expect("again");
    assert!(again.starts_with(&exported) && again.contains("concept,lo hoi,lo hoi; sup de"), "{again}");
}
