//! Subscriptions and broadcasts end to end: one-tap subscribe with an optional profile,
//! unsubscribe, and announcements from an admin through the durable outbox — each audience,
//! each kind of content, a course button, scheduling, stopping, a double confirmation and a
//! restart in the middle of sending.

use crate::common;
use common::{saw, with_button};

use std::time::Duration;

use chrono::Utc;
use common::{shown, user, Harness};
use serde_json::json;
use sxsh_bot::domain::broadcast::{BroadcastStatus, Sector};
use sxsh_bot::domain::course::{vn_today, Capacity, CourseFields, VnDate};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::{Outgoing, TestUser};
use sxsh_bot::i18n::{render_plain, Msg};
use sxsh_bot::services;
use sxsh_bot::services::broadcasts::Profile;

const ADMIN: i64 = 900;

/// A subscriber known to Telegram and to the bot, with a profile naming a commune or ward.
async fn subscriber(h: &Harness, id: i64, sector: Option<Sector>, area: Option<&str>) -> TestUser {
    let u = common::subscriber(h, id).await;
    let profile = Profile { active: true, sector, area: area.map(str::to_owned), district: None, enterprise: None };
    services::broadcasts::set_profile(&h.pool, id, &profile, 0).await.expect("profile");
    u
}

/// Waits until the broadcast has nothing left to send.
async fn until_finished(h: &Harness, id: i64) -> BroadcastStatus {
    for _ in 0..400 {
        let b = services::broadcasts::get(&h.pool, id).await.expect("db").expect("broadcast");
        if matches!(b.status, BroadcastStatus::Done | BroadcastStatus::Cancelled) {
            // Let the final report be drawn.
            tokio::time::sleep(Duration::from_millis(400)).await;
            return b.status;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("broadcast {id} did not finish");
}

/// The admin sends `content` and taps through: audience taps, no button, send now.
/// Returns the broadcast id.
async fn broadcast(h: &Harness, admin: &TestUser, content: serde_json::Value, audience: &[&str]) -> i64 {
    h.say(admin, "/broadcast").await;
    let mark = h.emu.mark();
    h.emu.send_private(admin, content);
    let mut out = h.replies(mark, 1).await;
    for tap in audience {
        out = h.tap(admin, with_button(&out, tap), tap).await;
    }
    let out = h.tap(admin, with_button(&out, "b:go"), "b:go").await;
    let out = h.tap_n(admin, with_button(&out, "b:nb"), "b:nb", 3).await;
    h.tap_n(admin, with_button(&out, "b:now"), "b:now", 2).await;
    services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.id
}

fn received(h: &Harness, chat: i64) -> Vec<Outgoing> {
    h.emu.outgoing().into_iter().filter(|o| o.chat_id == chat && o.is_message()).collect()
}

#[tokio::test]
async fn subscribing_takes_one_tap_and_the_profile_is_optional() {
    let h = Harness::start().await;
    let u = user(301);
    let out = h.say_n(&u, "/subscribe", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::SubscribeDone), "{out:#?}");
    assert!(services::broadcasts::profile(&h.pool, 301).await.expect("db").is_some_and(|p| p.active));

    let out = h.tap(&u, with_button(&out, "s:p"), "s:p").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskSector));
    let out = h.tap(&u, with_button(&out, "s:s:1"), "s:s:1").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskArea), "{out:#?}");
    // The commune or ward is typed as people type it, then tapped among the matches.
    let out = h.say(&u, "ea kar").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaMatches), "{out:#?}");
    let ea_kar = h.config.areas.position("Ea Kar").expect("xã Ea Kar");
    let data = format!("s:a:{ea_kar}");
    let labels: Vec<String> = with_button(&out, &data).buttons().into_iter().map(|(l, _)| l).collect();
    let button = |name: &str| render_plain(Lang::Vi, &Msg::ButtonArea { kind: "commune".into(), name: name.into() });
    assert_eq!(labels[0], button("Ea Kar"), "{labels:?}");
    assert!(labels.contains(&button("Cư Yang")), "the units of the former district Ea Kar too: {labels:?}");
    let out = h.tap(&u, with_button(&out, &data), &data).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskEnterprise));
    let out = h.say(&u, "Công ty Gạch Tuynel Ea Kar").await;
    let saved = Msg::ProfileSaved {
        sector: render_plain(Lang::Vi, &Msg::SectorName { sector: "construction".into() }),
        area: render_plain(Lang::Vi, &Msg::AreaName { kind: "commune".into(), name: "Ea Kar".into() }),
        enterprise: "Công ty Gạch Tuynel Ea Kar".into(),
    };
    assert!(saw(&out, Lang::Vi, &saved), "{out:#?}");
    let p = services::broadcasts::profile(&h.pool, 301).await.expect("db").expect("profile");
    assert_eq!(p.sector, Some(Sector::ConstructionMaterials));
    assert_eq!(p.area.as_deref(), Some("Ea Kar"));
    assert_eq!(p.district, None);
    assert_eq!(p.enterprise.as_deref(), Some("Công ty Gạch Tuynel Ea Kar"));

    let out = h.say(&u, "/subscribe").await;
    assert!(saw(&out, Lang::Vi, &Msg::SubscribeAlready));
    let out = h.say(&u, "/unsubscribe").await;
    assert!(saw(&out, Lang::Vi, &Msg::UnsubscribeDone));
    let out = h.say(&u, "/unsubscribe").await;
    assert!(saw(&out, Lang::Vi, &Msg::UnsubscribeNotSubscribed));
    let out = h.say(&u, "/profile").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileNotSubscribed));
    h.finish().await;
}

#[tokio::test]
async fn a_text_announcement_reaches_every_subscriber_once_and_the_admin_sees_the_report() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    for id in 310..316 {
        subscriber(&h, id, None, None).await;
    }
    // Not subscribed: gets nothing.
    let outsider = user(399);
    h.say(&outsider, "/start").await;

    let text = "Hội thảo <SXSH> & tiết kiệm năng lượng ngày 15/03";
    let id = broadcast(&h, &admin, json!({"text": text}), &[]).await;
    assert_eq!(until_finished(&h, id).await, BroadcastStatus::Done);
    for chat in 310..316 {
        let got = received(&h, chat);
        assert_eq!(got.len(), 1, "chat {chat}: {got:#?}");
        assert_eq!(got[0].text.as_deref(), Some(text), "user text arrives intact and escaped");
    }
    assert!(received(&h, 399).iter().all(|o| o.text.as_deref() != Some(text)));
    let p = services::broadcasts::progress(&h.pool, id).await.expect("db");
    assert_eq!((p.sent, p.remaining), (6, 0));
    let report = shown(
        Lang::Vi,
        &Msg::BroadcastReport { id, sent: 6, failed: 0, blocked: 0, cancelled: 0, status: "done".into() },
    );
    assert!(h.emu.outgoing().iter().any(|o| o.chat_id == ADMIN && o.text.as_deref() == Some(report.as_str())));
    h.finish().await;
}

#[tokio::test]
async fn each_audience_reaches_only_its_people() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 320, Some(Sector::FoodBeverages), Some("Ea Kar")).await;
    subscriber(&h, 321, Some(Sector::FoodBeverages), Some("Krông Pắc")).await;
    subscriber(&h, 322, Some(Sector::Mining), Some("Ea Kar")).await;

    // Food and beverages (index 3), then also the former district Ea Kar: only 320.
    let g = h.config.areas.former("Ea Kar").expect("former district Ea Kar");
    let (group, whole) = (format!("b:g:{g}"), format!("b:G:{g}"));
    let taps = ["b:sec", "b:s:3", "b:dis", group.as_str(), whole.as_str()];
    let id = broadcast(&h, &admin, json!({"text": "Tin ngành thực phẩm ở Ea Kar"}), &taps).await;
    until_finished(&h, id).await;
    assert_eq!(received(&h, 320).len(), 1);
    assert!(received(&h, 321).is_empty() && received(&h, 322).is_empty());

    // A course's registrants, subscribed or not.
    let today = vn_today(Utc::now());
    let date = |d: u64| VnDate::from_date(today.checked_add_days(chrono::Days::new(d)).expect("date"));
    let fields = CourseFields {
        title: "Khóa học cho thông báo".into(),
        description: String::new(),
        location: "Ea Kar".into(),
        starts: date(10),
        ends: date(11),
        capacity: Capacity::new(10).expect("capacity"),
        deadline: date(8),
    };
    let course = services::courses::create(&h.pool, &fields, None, Utc::now()).await.expect("course");
    let registrant = user(323);
    h.emu.register_chat(&registrant);
    h.say(&registrant, "/start").await;
    let new = services::registrations::NewRegistration {
        course_id: course,
        user_id: 323,
        details: Default::default(),
        attendees: vec!["Học Viên".into()],
        update_id: None,
    };
    services::registrations::register(&h.pool, &new, Utc::now()).await.expect("registered");
    let before = received(&h, 323).len();
    let id =
        broadcast(&h, &admin, json!({"text": "Thông báo cho học viên"}), &["b:crs", &format!("b:c:{course}")]).await;
    until_finished(&h, id).await;
    assert_eq!(received(&h, 323).len(), before + 1);
    assert_eq!(received(&h, 320).len(), 1, "subscribers outside the course get nothing more");
    h.finish().await;
}

#[tokio::test]
async fn photos_and_documents_go_out_with_their_caption_and_a_register_button() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 330, None, None).await;
    let today = vn_today(Utc::now());
    let date = |d: u64| VnDate::from_date(today.checked_add_days(chrono::Days::new(d)).expect("date"));
    let fields = CourseFields {
        title: "Khóa có nút đăng ký".into(),
        description: String::new(),
        location: "Buôn Ma Thuột".into(),
        starts: date(10),
        ends: date(11),
        capacity: Capacity::new(10).expect("capacity"),
        deadline: date(8),
    };
    let course = services::courses::create(&h.pool, &fields, None, Utc::now()).await.expect("course");

    h.say(&admin, "/broadcast").await;
    let mark = h.emu.mark();
    let photo = json!({"photo": [{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60},
                                  {"file_id": "big", "file_unique_id": "b", "width": 1280, "height": 853}],
                       "caption": "Kế hoạch tập huấn năm 2027"});
    h.emu.send_private(&admin, photo);
    let out = h.replies(mark, 1).await;
    let out = h.tap(&admin, with_button(&out, "b:go"), "b:go").await;
    let button = format!("b:btn:{course}");
    let preview = h.tap_n(&admin, with_button(&out, &button), &button, 3).await;
    let shown_photo = preview.iter().find(|o| o.method == "sendPhoto").expect("the preview is the photo itself");
    assert_eq!(shown_photo.file_name.as_deref(), Some("big"), "the largest size");
    h.tap_n(&admin, with_button(&preview, "b:now"), "b:now", 2).await;
    let id = services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.id;
    until_finished(&h, id).await;
    let got = received(&h, 330);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].method, "sendPhoto");
    assert_eq!(got[0].text.as_deref(), Some("Kế hoạch tập huấn năm 2027"));
    assert!(got[0].buttons().iter().any(|(_, d)| *d == format!("k:r:{course}")), "{got:#?}");

    let doc = json!({"document": {"file_id": "pdf1", "file_unique_id": "p1", "file_name": "ke-hoach.pdf"},
                     "caption": "Kế hoạch chi tiết"});
    let id = broadcast(&h, &admin, doc, &[]).await;
    until_finished(&h, id).await;
    let got = received(&h, 330);
    assert_eq!(got.len(), 2);
    assert_eq!((got[1].method.as_str(), got[1].file_name.as_deref()), ("sendDocument", Some("pdf1")));
    h.finish().await;
}

#[tokio::test]
async fn a_double_confirmation_makes_one_broadcast() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 340, None, None).await;
    h.say(&admin, "/broadcast").await;
    let out = h.say(&admin, "Chỉ một lần").await;
    let out = h.tap(&admin, with_button(&out, "b:go"), "b:go").await;
    let out = h.tap_n(&admin, with_button(&out, "b:nb"), "b:nb", 3).await;
    let confirm = with_button(&out, "b:now").clone();
    let mark = h.emu.mark();
    h.emu.click(&admin, &confirm, "b:now");
    h.emu.click(&admin, &confirm, "b:now");
    h.replies(mark, 3).await;
    // The second tap finds the keyboard already gone: the bot does not ask Telegram to remove
    // it again (Telegram would refuse the edit as "not modified").
    let all = services::broadcasts::recent(&h.pool, 10).await.expect("db");
    assert_eq!(all.len(), 1, "one broadcast");
    until_finished(&h, all[0].0.id).await;
    assert_eq!(received(&h, 340).len(), 1);
    h.finish().await;
}

#[tokio::test]
async fn a_scheduled_broadcast_waits_for_its_time_and_bad_times_are_asked_again() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 350, None, None).await;
    h.say(&admin, "/broadcast").await;
    let out = h.say(&admin, "Tin hẹn giờ").await;
    let out = h.tap(&admin, with_button(&out, "b:go"), "b:go").await;
    let out = h.tap_n(&admin, with_button(&out, "b:nb"), "b:nb", 3).await;
    h.tap(&admin, with_button(&out, "b:at"), "b:at").await;
    let out = h.say(&admin, "mai 8 giờ").await;
    assert!(saw(&out, Lang::Vi, &Msg::BroadcastBadWhen));
    let out = h.say(&admin, "01/01/2020 08:00").await;
    assert!(saw(&out, Lang::Vi, &Msg::BroadcastPastWhen));
    let later = (Utc::now() + chrono::Duration::days(2)).with_timezone(&sxsh_bot::domain::course::vn_zone());
    let out = h.say(&admin, &later.format("%d/%m/%Y %H:%M").to_string()).await;
    h.tap(&admin, with_button(&out, "b:ok"), "b:ok").await;
    let b = services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.clone();
    assert_eq!(b.status, BroadcastStatus::Scheduled);
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(received(&h, 350).is_empty(), "nothing before its time");

    // Its time comes.
    sqlx::query("UPDATE broadcasts SET send_at = 0 WHERE id = ?1").bind(b.id).execute(&h.pool).await.expect("db");
    assert_eq!(until_finished(&h, b.id).await, BroadcastStatus::Done);
    assert_eq!(received(&h, 350).len(), 1);
    h.finish().await;
}

#[tokio::test]
async fn a_running_broadcast_can_be_stopped_and_a_restart_resumes_without_skipping_anyone() {
    // Two per second: slower than the test's "quiet" wait, so each step returns while sending.
    let mut h = Harness::with_config(&[ADMIN], &[("BROADCAST_RATE", "2")]).await;
    let admin = user(ADMIN);
    for id in 360..372 {
        subscriber(&h, id, None, None).await;
    }
    let id = broadcast(&h, &admin, json!({"text": "Tin dài hơi"}), &[]).await;
    // At 2 per second, 12 take about 6 seconds: restart in the middle.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let before = services::broadcasts::progress(&h.pool, id).await.expect("db");
    assert!(before.sent > 0 && before.remaining > 0, "the restart comes in the middle: {before:?}");
    h.restart().await;
    assert_eq!(until_finished(&h, id).await, BroadcastStatus::Done);
    for chat in 360..372 {
        let n = received(&h, chat).iter().filter(|o| o.text.as_deref() == Some("Tin dài hơi")).count();
        assert_eq!(n, 1, "chat {chat} got it {n} times");
    }

    // A second one, stopped with the button on the progress message.
    let id = broadcast(&h, &admin, json!({"text": "Tin sẽ dừng"}), &[]).await;
    let progress = h
        .emu
        .outgoing()
        .into_iter()
        .rev()
        .find(|o| o.buttons().iter().any(|(_, d)| *d == format!("b:stop:{id}")))
        .expect("a progress message with Stop");
    h.tap(&admin, &progress, &format!("b:stop:{id}")).await;
    assert_eq!(until_finished(&h, id).await, BroadcastStatus::Cancelled);
    let p = services::broadcasts::progress(&h.pool, id).await.expect("db");
    assert!(p.cancelled > 0 && p.sent < 12, "{p:?}");
    assert_eq!(p.remaining, 0);
    h.finish().await;
}

#[tokio::test]
async fn non_admins_cannot_broadcast() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let u = user(380);
    let out = h.say(&u, "/broadcast").await;
    assert!(saw(&out, Lang::Vi, &Msg::NotAdmin));
    let out = h.tap(&u, &out[0], "b:now").await;
    assert!(saw(&out, Lang::Vi, &Msg::NotAdmin));
    assert!(services::broadcasts::recent(&h.pool, 10).await.expect("db").is_empty());
    h.finish().await;
}

#[tokio::test]
async fn a_replayed_confirmation_after_a_crash_makes_no_second_broadcast() {
    let mut h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 390, None, None).await;
    h.say(&admin, "/broadcast").await;
    let out = h.say(&admin, "Tin gửi một lần").await;
    let out = h.tap(&admin, with_button(&out, "b:go"), "b:go").await;
    let out = h.tap_n(&admin, with_button(&out, "b:nb"), "b:nb", 3).await;
    let before = common::stored_dialogue(&h, ADMIN).await;
    h.tap_n(&admin, with_button(&out, "b:now"), "b:now", 2).await;
    let confirm = h.emu.last_update_id();
    let id = services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.id;
    until_finished(&h, id).await;

    // A crash before the dialogue's reset and the mark that the update was handled were saved,
    // and Telegram sends the tap again.
    let mark = h.crash_and_redeliver(ADMIN, &before, confirm).await;
    h.replies(mark, 1).await;
    assert_eq!(services::broadcasts::recent(&h.pool, 10).await.expect("db").len(), 1, "one broadcast");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(received(&h, 390).len(), 1, "delivered once");
    for r in h.emu.take_rejections() {
        assert!(matches!(r.method.as_str(), "answerCallbackQuery" | "editMessageReplyMarkup"), "{r:?}");
    }
    h.finish().await;
}

#[tokio::test]
async fn telegrams_limits_are_kept_blocked_users_are_marked_and_429_pauses_the_outbox() {
    let h = Harness::with_telegram_limits(&[ADMIN], &[("BROADCAST_RATE", "25")]).await;
    h.emu.register_chat(&user(ADMIN));
    for id in 400..420 {
        subscriber(&h, id, None, None).await;
    }
    h.emu.block_chat(405, true);
    h.emu.block_chat(406, true);

    // Two broadcasts at once to the same people share the pace: no 429, one message per
    // second to each of them. (The admin's two progress messages may come together: a private
    // chat takes a short burst, and the lane keeps to it.)
    let first = queue(&h, "Thông báo thứ nhất").await;
    let second = queue(&h, "Thông báo thứ hai").await;
    until_finished(&h, first).await;
    until_finished(&h, second).await;
    assert_eq!(h.emu.too_many_requests(), 0);
    let densest = (400..420).map(|chat| h.emu.max_in_any_second_in_chat(chat)).max().unwrap_or(0);
    assert_eq!(densest, 1, "one message a second to each subscriber");
    assert!(h.emu.max_per_chat_in_any_second() <= 3, "a private chat's burst at most");
    for id in [first, second] {
        let p = services::broadcasts::progress(&h.pool, id).await.expect("db");
        assert_eq!((p.sent, p.blocked, p.failed), (18, 2, 0), "{p:?}");
    }
    let blocked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE blocked = 1").fetch_one(&h.pool).await.expect("db");
    assert_eq!(blocked, 2, "users who blocked the bot are marked");
    let everyone = sxsh_bot::domain::broadcast::Audience::default();
    assert_eq!(services::broadcasts::count_audience(&h.pool, &h.config.areas, &everyone).await.expect("db"), 18);

    // A stricter Telegram answers 429: the outbox waits and still delivers everything.
    h.emu.set_limits(Some(sxsh_bot::emulator::Limits {
        global_per_sec: 5,
        paid_per_sec: 5,
        ..sxsh_bot::emulator::Limits::TELEGRAM
    }));
    let third = queue(&h, "Thông báo thứ ba").await;
    until_finished(&h, third).await;
    assert!(h.emu.too_many_requests() > 0, "the emulator did refuse some sends");
    let p = services::broadcasts::progress(&h.pool, third).await.expect("db");
    assert_eq!((p.sent, p.failed), (18, 0), "{p:?}");
    h.finish().await;
}

/// A text broadcast to every subscriber, written straight to the outbox.
async fn queue(h: &Harness, text: &str) -> i64 {
    let new = services::broadcasts::NewBroadcast {
        created_by: ADMIN,
        admin_chat: ADMIN,
        content: sxsh_bot::domain::broadcast::Content {
            kind: sxsh_bot::domain::broadcast::ContentKind::Text,
            body: text.into(),
            file_id: None,
        },
        audience: Default::default(),
        course_button: None,
        send_at: Utc::now(),
        confirm_update: None,
    };
    match services::broadcasts::create(&h.pool, &h.config.areas, &new, Utc::now()).await.expect("created") {
        services::broadcasts::Created::New { id, .. } | services::broadcasts::Created::Again { id } => id,
    }
}

#[tokio::test]
async fn a_server_error_is_retried_and_the_message_still_arrives() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 430, None, None).await;
    h.say(&admin, "/broadcast").await;
    let out = h.say(&admin, "Tin thử lỗi máy chủ").await;
    let out = h.tap(&admin, with_button(&out, "b:go"), "b:go").await;
    let out = h.tap_n(&admin, with_button(&out, "b:nb"), "b:nb", 3).await;
    // Scheduled, so that the delivery is the next message the bot sends.
    h.tap(&admin, with_button(&out, "b:at"), "b:at").await;
    let later = (Utc::now() + chrono::Duration::days(1)).with_timezone(&sxsh_bot::domain::course::vn_zone());
    let out = h.say(&admin, &later.format("%d/%m/%Y %H:%M").to_string()).await;
    let scheduled = h.tap(&admin, with_button(&out, "b:ok"), "b:ok").await;
    let id = services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.id;
    h.emu.fail_next(1, 502);
    sqlx::query("UPDATE broadcasts SET send_at = 0, progress_message_id = ?2 WHERE id = ?1")
        .bind(id)
        .bind(scheduled[0].message_id)
        .execute(&h.pool)
        .await
        .expect("db");
    assert_eq!(until_finished(&h, id).await, BroadcastStatus::Done);
    let p = services::broadcasts::progress(&h.pool, id).await.expect("db");
    assert_eq!((p.sent, p.failed), (1, 0));
    let attempts: i64 = sqlx::query_scalar("SELECT attempts FROM deliveries WHERE broadcast_id = ?1")
        .bind(id)
        .fetch_one(&h.pool)
        .await
        .expect("db");
    assert_eq!(attempts, 2, "one failure, one success");
    h.finish().await;
}
