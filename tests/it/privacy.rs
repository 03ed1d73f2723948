//! Personal data rights end to end: /privacy explains, /mydata hands over everything stored,
//! /deleteme erases it (seats kept anonymously, admins told, a replay harmless), and the purge
//! pass anonymises the registrations of courses that ended long ago.

use crate::common;
use common::{saw, with_button};

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{Days, Utc};
use common::{shown, Harness};
use serde_json::Value;
use sqlx::SqlitePool;
use sxsh_bot::domain::course::{vn_today, Capacity, CourseFields, VnDate};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::domain::privacy::{Purged, ERASED_TEXT, ERASED_USER};
use sxsh_bot::domain::registration::{Details, RegistrationStatus};
use sxsh_bot::emulator::{Outgoing, TestUser};
use sxsh_bot::i18n::Msg;
use sxsh_bot::services;
use sxsh_bot::services::registrations::NewRegistration;

const ADMIN: i64 = 500;
const PHONE: &str = "+84912345678";
const EMAIL: &str = "thao@caphe-eakar.vn";
const ENTERPRISE: &str = "Công ty TNHH Cà phê Ea Kar";
const CONTACT: &str = "Nguyễn Thị Thảo";
const ATTENDEES: [&str; 2] = ["Trần Văn Bình", "H'Hen Niê"];
const TELEGRAM_NAME: &str = "Thảo Ea Kar";
const CENTRE_MESSAGE: &str = "Xin gọi lại cho tôi về khóa học lò hơi";

fn day(offset: i64) -> VnDate {
    let today = vn_today(Utc::now());
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    VnDate::from_date(date.expect("a date in range"))
}

async fn course(h: &Harness, title: &str, capacity: u32, starts_in: i64) -> i64 {
    let fields = CourseFields {
        title: title.into(),
        description: "Thực hành đánh giá sản xuất sạch hơn.".into(),
        location: "Hội trường UBND huyện Ea Kar".into(),
        starts: day(starts_in),
        ends: day(starts_in + 1),
        capacity: Capacity::new(capacity).expect("capacity"),
        deadline: day(starts_in - 2),
    };
    services::courses::create(&h.pool, &fields, None, Utc::now()).await.expect("course created")
}

/// Moves a course into the past: it ended `ended_ago` days ago.
async fn move_to_past(pool: &SqlitePool, id: i64, ended_ago: i64) {
    sqlx::query("UPDATE courses SET starts_on = ?2, ends_on = ?3, deadline = ?2 WHERE id = ?1")
        .bind(id)
        .bind(day(-ended_ago - 1).iso())
        .bind(day(-ended_ago).iso())
        .execute(pool)
        .await
        .expect("course moved");
}

/// (seats taken, seats waiting) of a course.
async fn seats(h: &Harness, id: i64) -> (u32, u32) {
    let c = services::courses::get(&h.pool, id).await.expect("db").expect("course");
    (c.taken, c.waiting)
}

fn person(id: i64) -> TestUser {
    TestUser::new(id, TELEGRAM_NAME).with_username("thao_eakar")
}

fn has(out: &[Outgoing], data: &str) -> bool {
    out.iter().any(|o| o.buttons().iter().any(|(_, d)| d == data))
}

/// Registers `u` through the whole dialogue, with the personal details above.
async fn register(h: &Harness, u: &TestUser, course_id: i64) {
    let list = h.say(u, "/courses").await;
    let details = h.tap(u, with_button(&list, &format!("k:d:{course_id}")), &format!("k:d:{course_id}")).await;
    let mut out = h.tap(u, with_button(&details, &format!("k:r:{course_id}")), &format!("k:r:{course_id}")).await;
    if has(&out, "r:ok") {
        out = h.tap(u, with_button(&out, "r:ok"), "r:ok").await;
    }
    if has(&out, "r:same") {
        h.tap(u, with_button(&out, "r:same"), "r:same").await;
    } else {
        h.say(u, ENTERPRISE).await;
        h.say(u, CONTACT).await;
        h.say(u, "Trưởng phòng kỹ thuật").await;
        h.say_n(u, "0912 345 678", 2).await;
        h.say(u, EMAIL).await;
    }
    h.say(u, &ATTENDEES.len().to_string()).await;
    let mut out = h.say(u, &ATTENDEES.join("\n")).await;
    if !has(&out, "r:c") {
        out = h.say(u, "0100109106").await;
    }
    h.tap(u, with_button(&out, "r:c"), "r:c").await;
}

/// Subscribes, asks the FAQ a question and writes to the centre.
async fn use_everything_else(h: &Harness, u: &TestUser) {
    h.say_n(u, "/subscribe", 2).await;
    h.say(u, "sản xuất sạch hơn là gì").await;
    let menu = h.say(u, "/start").await;
    h.tap(u, with_button(&menu, "m:contact"), "m:contact").await;
    let preview = h.say(u, CENTRE_MESSAGE).await;
    let mark = h.emu.mark();
    h.emu.click(u, with_button(&preview, "c:send"), "c:send");
    h.replies(mark, 1).await;
}

/// /mydata: the summary and the parsed file.
async fn my_data(h: &Harness, u: &TestUser) -> (Vec<Outgoing>, Value) {
    let out = h.say_n(u, "/mydata", 2).await;
    let doc = out.iter().find(|o| o.method == "sendDocument").unwrap_or_else(|| panic!("a document: {out:#?}"));
    let bytes = h.emu.file(doc).expect("the file's bytes");
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("\n  "), "pretty-printed");
    (out.clone(), serde_json::from_str(&text).expect("JSON"))
}

/// Every text value of every table, with where it is.
async fn all_text(pool: &SqlitePool) -> Vec<(String, String)> {
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .fetch_all(pool)
            .await
            .expect("tables");
    let mut out = Vec::new();
    for table in tables {
        let columns: Vec<String> = sqlx::query_scalar(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .fetch_all(pool)
            .await
            .expect("columns");
        for column in columns {
            let values: Vec<Option<Vec<u8>>> =
                sqlx::query_scalar(&format!("SELECT CAST(\"{column}\" AS BLOB) FROM \"{table}\""))
                    .fetch_all(pool)
                    .await
                    .expect("values");
            out.extend(
                values
                    .into_iter()
                    .flatten()
                    .map(|v| (format!("{table}.{column}"), String::from_utf8_lossy(&v).into_owned())),
            );
        }
    }
    out
}

/// The bytes of the database file, with the write-ahead log checkpointed into it.
async fn database_file(h: &Harness) -> Vec<u8> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&h.pool).await.expect("checkpoint");
    let path = h.config.database_url.trim_start_matches("sqlite:");
    std::fs::read(path).expect("the database file")
}

/// Rows in any table with a user or chat column equal to `id`.
async fn rows_with_id(pool: &SqlitePool, id: i64) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in user_columns(pool).await {
        let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" = ?1"))
            .bind(id)
            .fetch_one(pool)
            .await
            .expect("count");
        if n > 0 {
            found.push(format!("{table}.{column}: {n}"));
        }
    }
    found
}

/// (table, column) for every column that holds a Telegram user or chat id.
async fn user_columns(pool: &SqlitePool) -> Vec<(String, String)> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c
         WHERE m.type = 'table' AND c.name IN ('user_id', 'chat_id', 'created_by', 'admin_chat')
         ORDER BY m.name, c.name",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    rows
}

#[tokio::test]
async fn privacy_explains_what_is_stored_why_and_the_rights_in_vietnamese_and_english() {
    let h = Harness::start().await;
    let out = h.say(&person(301), "/privacy").await;
    assert!(saw(&out, Lang::Vi, &Msg::PrivacyText { days: 365 }), "{out:#?}");
    let text = out[0].text.clone().unwrap_or_default();
    for part in ["/mydata", "/deleteme", "91/2025/QH15", "356/2025/NĐ-CP", "365"] {
        assert!(text.contains(part), "{part} missing in {text}");
    }
    assert!(text.encode_utf16().count() <= 4096, "one message");
    let english = TestUser::new(302, "Anna").with_language(Some("en"));
    let out = h.say(&english, "/privacy").await;
    assert!(saw(&out, Lang::En, &Msg::PrivacyText { days: 365 }), "{out:#?}");
    assert!(out[0].text.as_deref().unwrap_or_default().encode_utf16().count() <= 4096);

    // In both command menus.
    for lang in ["vi", "en"] {
        let menu = h.emu.commands().into_iter().find(|c| c["language_code"] == lang).expect("a menu");
        let names: Vec<&str> =
            menu["commands"].as_array().into_iter().flatten().filter_map(|c| c["command"].as_str()).collect();
        assert!(names.contains(&"privacy") && names.contains(&"mydata") && names.contains(&"deleteme"), "{names:?}");
    }
    h.finish().await;
}

#[tokio::test]
async fn privacy_says_registrations_are_kept_when_the_purge_is_off() {
    let h = Harness::with_config(&[], &[("PURGE_AFTER_DAYS", "0")]).await;
    let out = h.say(&person(303), "/privacy").await;
    assert!(saw(&out, Lang::Vi, &Msg::PrivacyText { days: 0 }), "{out:#?}");
    h.finish().await;
}

#[tokio::test]
async fn mydata_sends_a_summary_and_a_json_file_with_everything_stored() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.say(&common::user(ADMIN), "/start").await;
    let u = person(310);
    let id = course(&h, "Tập huấn sản xuất sạch hơn ngành cà phê", 60, 10).await;
    register(&h, &u, id).await;
    use_everything_else(&h, &u).await;

    let (out, data) = my_data(&h, &u).await;
    let summary = Msg::MydataSummary {
        registrations: 1,
        attendees: 2,
        questions: 1,
        feedback: 0,
        messages: 1,
        consents: 1,
        subscribed: 1,
        announcements: 0,
    };
    assert!(saw(&out, Lang::Vi, &summary), "{out:#?}");
    let doc = out.iter().find(|o| o.method == "sendDocument").expect("document");
    assert_eq!(doc.file_name.as_deref(), Some("du-lieu-cua-toi.json"));

    assert_eq!(data["user"]["telegram_id"], 310);
    assert_eq!(data["user"]["first_name"], TELEGRAM_NAME);
    assert_eq!(data["user"]["username"], "thao_eakar");
    assert_eq!(data["consents"][0]["notice_version"], services::registrations::CONSENT_VERSION);
    let reg = &data["registrations"][0];
    assert_eq!(reg["phone"], PHONE);
    assert_eq!(reg["email"], EMAIL);
    assert_eq!(reg["enterprise"], ENTERPRISE);
    assert_eq!(reg["contact_name"], CONTACT);
    assert_eq!(reg["tax_code"], "0100109106");
    assert_eq!(reg["status"], "confirmed");
    assert_eq!(reg["course_title"], "Tập huấn sản xuất sạch hơn ngành cà phê");
    assert_eq!(reg["attendees"][1]["name"], ATTENDEES[1]);
    assert_eq!(data["subscription"]["active"], true);
    assert_eq!(data["questions"][0]["text"], "sản xuất sạch hơn là gì");
    assert_eq!(data["centre_messages"][0]["text"], CENTRE_MESSAGE);
    assert_eq!(data["course_views"][0]["course_id"], id);
    assert!(data["dialogue"].is_null(), "no dialogue open: {}", data["dialogue"]);
    assert_eq!(data["announcements_received"]["total"], 0);

    // In English: the English summary and file name.
    h.say(&u, "/lang").await;
    let mine = h.emu.outgoing();
    h.tap(&u, with_button(&mine, "l:en"), "l:en").await;
    let out = h.say_n(&u, "/mydata", 2).await;
    assert!(saw(&out, Lang::En, &summary), "{out:#?}");
    assert!(out.iter().any(|o| o.file_name.as_deref() == Some("my-data.json")));
    h.finish().await;
}

#[tokio::test]
async fn an_open_dialogue_is_part_of_my_data() {
    let h = Harness::start().await;
    let u = person(311);
    let id = course(&h, "Khóa học đang đăng ký dở", 60, 10).await;
    let list = h.say(&u, "/courses").await;
    let details = h.tap(&u, with_button(&list, &format!("k:d:{id}")), &format!("k:d:{id}")).await;
    let out = h.tap(&u, with_button(&details, &format!("k:r:{id}")), &format!("k:r:{id}")).await;
    h.tap(&u, with_button(&out, "r:ok"), "r:ok").await;
    h.say(&u, ENTERPRISE).await;
    let (_, data) = my_data(&h, &u).await;
    assert!(data["dialogue"]["state"].to_string().contains(ENTERPRISE), "{}", data["dialogue"]);
    h.finish().await;
}

#[tokio::test]
async fn deleteme_kept_changes_nothing() {
    let h = Harness::start().await;
    let u = person(320);
    let id = course(&h, "Khóa học giữ nguyên", 60, 10).await;
    register(&h, &u, id).await;
    let out = h.say(&u, "/deleteme").await;
    assert!(saw(&out, Lang::Vi, &Msg::DeletemeAsk), "{out:#?}");
    assert!(has(&out, "d:ok") && has(&out, "d:no"));
    let out = h.tap(&u, with_button(&out, "d:no"), "d:no").await;
    assert!(saw(&out, Lang::Vi, &Msg::DeletemeKept), "{out:#?}");
    let (_, data) = my_data(&h, &u).await;
    assert_eq!(data["registrations"][0]["phone"], PHONE);
    assert_eq!(data["consents"].as_array().map(Vec::len), Some(1));
    h.finish().await;
}

#[tokio::test]
async fn deleteme_erases_everything_personal_keeps_the_seats_and_tells_the_admins() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = common::user(ADMIN);
    h.say(&admin, "/start").await;
    let u = person(330);
    let upcoming = course(&h, "Tiết kiệm năng lượng trong lò hơi", 2, 10).await;
    let full = course(&h, "Quản lý nước thải chế biến tinh bột sắn", 1, 12).await;
    let other = common::user(331);
    register(&h, &u, upcoming).await;
    // Another person holds the only seat of the second course: this user waits.
    let seat = NewRegistration {
        course_id: full,
        user_id: 331,
        details: Details {
            enterprise: "HTX Gạch Krông Pắc".into(),
            contact: "Y Bhin Niê".into(),
            position: "Chủ nhiệm".into(),
            phone: "+84905000111".into(),
            email: None,
            tax_code: None,
        },
        attendees: vec!["Y Bhin Niê".into()],
        update_id: None,
    };
    h.say(&other, "/start").await;
    services::registrations::register(&h.pool, &seat, Utc::now()).await.expect("registered");
    register(&h, &u, full).await;
    use_everything_else(&h, &u).await;
    assert_eq!(seats(&h, upcoming).await, (2, 0));
    assert_eq!(seats(&h, full).await, (1, 2));

    let ask = h.say(&u, "/deleteme").await;
    let mark = h.emu.mark();
    h.emu.click(&u, with_button(&ask, "d:ok"), "d:ok");
    let out = h.replies(mark, 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::DeletemeDone { kept: 2 }), "{out:#?}");
    let told = common::sent_to(&out, ADMIN);
    assert_eq!(told.len(), 1, "one message per admin: {out:#?}");
    let notice = told[0].text.clone().unwrap_or_default();
    assert!(notice.contains("Tiết kiệm năng lượng trong lò hơi"), "{notice}");
    assert!(notice.contains("Quản lý nước thải chế biến tinh bột sắn") && notice.contains("danh sách chờ"), "{notice}");
    assert!(!notice.contains(PHONE) && !notice.contains(CONTACT), "no personal data to the admins: {notice}");

    // Seats and the waitlist are as they were; the rows belong to no one.
    assert_eq!(seats(&h, upcoming).await, (2, 0));
    assert_eq!(seats(&h, full).await, (1, 2));
    let roster = services::registrations::roster(&h.pool, full).await.expect("roster");
    assert_eq!(roster[1].status, RegistrationStatus::Waitlisted);
    assert_eq!((roster[1].user_id, roster[1].details.phone.as_str()), (ERASED_USER, ERASED_TEXT));
    assert!(roster[1].attendees.iter().all(|a| a.name == ERASED_TEXT));
    assert_eq!(roster[0].details.phone, "+84905000111", "the other person's registration is untouched");

    // Nothing personal anywhere in the database: not a value, not the Telegram id.
    let everything = all_text(&h.pool).await;
    for secret in [
        PHONE,
        EMAIL,
        ENTERPRISE,
        CONTACT,
        ATTENDEES[0],
        ATTENDEES[1],
        TELEGRAM_NAME,
        "thao_eakar",
        CENTRE_MESSAGE,
        "0100109106",
    ] {
        let found: Vec<_> = everything.iter().filter(|(_, v)| v.contains(secret)).collect();
        assert!(found.is_empty(), "{secret} is still stored: {found:?}");
    }
    assert_eq!(rows_with_id(&h.pool, 330).await, Vec::<String>::new());
    let no_one: (i64, String) = sqlx::query_as("SELECT blocked, first_name FROM users WHERE user_id = ?1")
        .bind(ERASED_USER)
        .fetch_one(&h.pool)
        .await
        .expect("the anonymous account");
    assert_eq!(no_one, (1, String::new()), "blocked and nameless: nothing is ever sent to it");
    let (stats, _) = services::users::stats(&h.pool).await.expect("stats");
    assert_eq!(stats.total, 2, "the admin and the other person; not the anonymous account");
    // Not even in the file's free space: deleted and overwritten content is zeroed.
    let file = database_file(&h).await;
    for secret in [PHONE, EMAIL, CONTACT, CENTRE_MESSAGE] {
        let found = file.windows(secret.len()).any(|w| w == secret.as_bytes());
        assert!(!found, "{secret} is still in the database file");
    }

    // A second tap (or the same update replayed) finds nothing and tells no admin.
    let mark = h.emu.mark();
    h.emu.click(&u, with_button(&ask, "d:ok"), "d:ok");
    let out = h.replies(mark, 1).await;
    assert!(saw(&out, Lang::Vi, &Msg::DeletemeNothing), "{out:#?}");
    assert!(common::sent_to(&out, ADMIN).is_empty());
    assert_eq!(seats(&h, upcoming).await, (2, 0));

    // /mydata now holds only the Telegram account the bot just heard from.
    let (_, data) = my_data(&h, &u).await;
    for key in ["consents", "registrations", "questions", "faq_feedback", "centre_messages", "course_views"] {
        assert_eq!(data[key].as_array().map(Vec::len), Some(0), "{key}: {}", data[key]);
    }
    assert!(data["subscription"].is_null() && data["dialogue"].is_null());
    let file = data.to_string();
    for secret in [PHONE, EMAIL, ENTERPRISE, CONTACT, CENTRE_MESSAGE] {
        assert!(!file.contains(secret), "{secret} in {file}");
    }

    // The user may register again: the anonymous seat does not stand in the way.
    register(&h, &u, upcoming).await;
    let roster = services::registrations::roster(&h.pool, upcoming).await.expect("roster");
    assert_eq!(roster.len(), 2, "{roster:#?}");
    h.finish().await;
}

#[tokio::test]
async fn two_people_erasing_their_registrations_for_the_same_course_both_keep_their_seats() {
    let h = Harness::start().await;
    let id = course(&h, "Khóa học hai người cùng xóa", 10, 10).await;
    let (a, b) = (person(340), person(341));
    register(&h, &a, id).await;
    register(&h, &b, id).await;
    for u in [&a, &b] {
        let ask = h.say(u, "/deleteme").await;
        let out = h.tap(u, with_button(&ask, "d:ok"), "d:ok").await;
        assert!(saw(&out, Lang::Vi, &Msg::DeletemeDone { kept: 1 }), "{out:#?}");
    }
    let c = services::courses::get(&h.pool, id).await.expect("db").expect("course");
    assert_eq!(c.taken, 4);
    h.finish().await;
}

#[tokio::test]
async fn the_purge_anonymises_only_courses_that_ended_long_ago() {
    let h = Harness::with_config(&[], &[("PURGE_AFTER_DAYS", "0")]).await;
    let upcoming = course(&h, "Khóa sắp tới", 10, 10).await;
    let recent = course(&h, "Khóa vừa kết thúc", 10, 10).await;
    let old = course(&h, "Khóa năm ngoái", 10, 10).await;
    let (a, b) = (person(350), person(351));
    for id in [upcoming, recent, old] {
        register(&h, &a, id).await;
    }
    // A cancelled registration on the old course.
    register(&h, &b, old).await;
    let b_reg = services::registrations::roster(&h.pool, old).await.expect("roster")[1].id;
    services::registrations::cancel(&h.pool, b_reg, 351, Utc::now()).await.expect("cancelled");
    move_to_past(&h.pool, recent, 10).await;
    move_to_past(&h.pool, old, 400).await;

    assert_eq!(services::privacy::purge(&h.pool, Utc::now(), 0).await.expect("purge"), Purged::default(), "off");
    let done = services::privacy::purge(&h.pool, Utc::now(), 365).await.expect("purge");
    assert_eq!(done, Purged { anonymised: 1, deleted: 1 });
    let again = services::privacy::purge(&h.pool, Utc::now(), 365).await.expect("purge");
    assert_eq!(again, Purged::default(), "idempotent");

    let old_regs = services::registrations::roster(&h.pool, old).await.expect("roster");
    assert_eq!(old_regs.len(), 1);
    assert_eq!((old_regs[0].user_id, old_regs[0].details.phone.as_str()), (ERASED_USER, ERASED_TEXT));
    assert_eq!(old_regs[0].details.email, None);
    assert_eq!(old_regs[0].attendees.len(), 2, "the seats are still counted");
    assert!(old_regs[0].attendees.iter().all(|x| x.name == ERASED_TEXT));
    for id in [upcoming, recent] {
        let regs = services::registrations::roster(&h.pool, id).await.expect("roster");
        assert_eq!((regs[0].user_id, regs[0].details.phone.as_str()), (350, PHONE), "course {id} kept");
    }
    // The person keeps their other registrations, and /mydata shows just those.
    let (_, data) = my_data(&h, &a).await;
    assert_eq!(data["registrations"].as_array().map(Vec::len), Some(2));
    h.finish().await;
}

#[tokio::test]
async fn the_purge_pass_runs_in_the_background_when_the_bot_starts() {
    let mut h = Harness::with_config(&[], &[("PURGE_AFTER_DAYS", "30")]).await;
    let old = course(&h, "Khóa học cũ", 10, 10).await;
    let u = person(360);
    register(&h, &u, old).await;
    move_to_past(&h.pool, old, 31).await;
    h.restart().await;
    let mut anonymised = false;
    for _ in 0..100 {
        let regs = services::registrations::roster(&h.pool, old).await.expect("roster");
        if regs[0].user_id == ERASED_USER {
            anonymised = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(anonymised, "the pass ran at start");
    h.finish().await;
}

/// A table that gains a user or chat id column must be added to `db::privacy` (export and
/// erasure) and then here.
#[tokio::test]
async fn every_table_with_a_user_or_chat_id_is_covered_by_mydata_and_deleteme() {
    let h = Harness::start().await;
    let covered: BTreeSet<(&str, &str)> = [
        ("assessments", "user_id"),
        ("consultation_requests", "user_id"),
        ("broadcasts", "admin_chat"),
        ("broadcasts", "created_by"),
        ("centre_messages", "user_id"),
        ("consents", "user_id"),
        ("course_views", "user_id"),
        ("courses", "created_by"),
        ("deliveries", "chat_id"),
        ("deliveries", "user_id"),
        ("dialogues", "chat_id"),
        ("faq_feedback", "user_id"),
        ("questions", "chat_id"),
        ("questions", "user_id"),
        ("registrations", "user_id"),
        ("subscribers", "user_id"),
        ("users", "chat_id"),
        ("users", "user_id"),
    ]
    .into_iter()
    .collect();
    let found = user_columns(&h.pool).await;
    let found: BTreeSet<(&str, &str)> = found.iter().map(|(t, c)| (t.as_str(), c.as_str())).collect();
    let missing: Vec<_> = found.difference(&covered).collect();
    assert!(missing.is_empty(), "personal data not covered by /mydata and /deleteme: {missing:?}");
    h.finish().await;
}

#[tokio::test]
async fn faq_the_erasure_answer_is_what_deleteme_does() {
    common::faq_claims("xoa-du-lieu", &["/deleteme", "ẩn danh"], &["/deleteme", "anonymous"]);
    let h = Harness::start().await;
    let u = person(340);
    let id = course(&h, "Tiết kiệm năng lượng trong lò hơi", 5, 10).await;
    register(&h, &u, id).await;
    let ask = h.say(&u, "/deleteme").await;
    let mark = h.emu.mark();
    h.emu.click(&u, with_button(&ask, "d:ok"), "d:ok");
    let out = h.replies(mark, 1).await;
    assert!(saw(&out, Lang::Vi, &Msg::DeletemeDone { kept: 1 }), "{out:#?}");
    // The upcoming registration keeps its seat, anonymously; the person's details are gone.
    assert_eq!(seats(&h, id).await, (2, 0));
    let roster = services::registrations::roster(&h.pool, id).await.expect("roster");
    assert_eq!((roster[0].user_id, roster[0].details.phone.as_str()), (ERASED_USER, ERASED_TEXT));
    assert_eq!(rows_with_id(&h.pool, 340).await, Vec::<String>::new());
    h.finish().await;
}

#[tokio::test]
async fn faq_the_storage_answer_lists_what_privacy_lists() {
    // Each kind of data /privacy lists, by a word both texts must use.
    let kinds_vi = [
        "Telegram",
        "ngôn ngữ",
        "mã số thuế",
        "số điện thoại",
        "email",
        "học viên",
        "ngành",
        "câu hỏi",
        "tin nhắn",
        "đánh giá",
        "đồng ý",
    ];
    let kinds_en = [
        "Telegram", "language", "tax code", "phone", "mail", "attendee", "sector", "question", "message", "👍",
        "consent",
    ];
    // /privacy sends its text, then what the self-assessment keeps.
    let privacy = |lang| {
        format!("{}\n{}", shown(lang, &Msg::PrivacyText { days: 0 }), shown(lang, &Msg::PrivacyAssessment))
            .to_lowercase()
    };
    let (privacy_vi, privacy_en) = (privacy(Lang::Vi), privacy(Lang::En));
    for k in kinds_vi {
        assert!(privacy_vi.contains(&k.to_lowercase()), "/privacy lists {k}");
    }
    for k in kinds_en {
        assert!(privacy_en.contains(&k.to_lowercase()), "/privacy lists {k}");
    }
    common::faq_claims("bot-luu-du-lieu-gi", &kinds_vi, &kinds_en);
}
