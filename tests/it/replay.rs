//! Idempotent updates: every update the bot handled is remembered, so when Telegram (after a
//! crash, before the bot confirmed its offset) or a webhook retry delivers it again, nothing
//! happens twice — no message, no stored change. The scenario below touches every kind of
//! state-changing update; then all of them are delivered again.

use crate::common;

use std::time::Duration;

use chrono::{Days, Utc};
use common::{snapshot, user, Harness};
use sxsh_bot::domain::course::{vn_today, Capacity, CourseFields, VnDate};
use sxsh_bot::emulator::Outgoing;
use sxsh_bot::services;

const ADMIN: i64 = 700;

fn day(offset: u64) -> VnDate {
    VnDate::from_date(vn_today(Utc::now()).checked_add_days(Days::new(offset)).expect("a date in range"))
}

/// The latest reply among `out` with a button whose data starts with `prefix`, and that data.
fn button(out: &[Outgoing], prefix: &str) -> (Outgoing, String) {
    out.iter()
        .rev()
        .find_map(|o| o.buttons().into_iter().find(|(_, d)| d.starts_with(prefix)).map(|(_, d)| (o.clone(), d)))
        .unwrap_or_else(|| panic!("no button {prefix}… in {out:#?}"))
}

async fn tap(h: &Harness, who: i64, out: &[Outgoing], prefix: &str, n: usize) -> Vec<Outgoing> {
    let (message, data) = button(out, prefix);
    h.tap_n(&user(who), &message, &data, n).await
}

/// Drives every feature that stores something, through the bot; returns how many updates.
pub async fn scenario(h: &Harness) -> i64 {
    let fields = CourseFields {
        title: "Đánh giá sản xuất sạch hơn cho doanh nghiệp chế biến cà phê".into(),
        description: "Hai ngày thực hành.".into(),
        location: "Hội trường UBND huyện Ea Kar".into(),
        starts: day(20),
        ends: day(21),
        capacity: Capacity::new(30).expect("capacity"),
        deadline: day(15),
    };
    let course = services::courses::create(&h.pool, &fields, None, Utc::now()).await.expect("course");
    let (lan, admin) = (user(71), user(ADMIN));
    h.emu.register_chat(&admin);

    // Start, language, and back.
    h.say(&admin, "/start").await;
    h.say(&lan, "/start").await;
    let out = h.say(&lan, "/lang").await;
    let out = tap(h, 71, &out, "l:en", 1).await;
    let out = h.say(&lan, "/lang").await.into_iter().chain(out).collect::<Vec<_>>();
    tap(h, 71, &out, "l:vi", 1).await;

    // A question with feedback, and one passed to the centre and answered.
    let out = h.say(&lan, "san xuat sach hon la gi").await;
    tap(h, 71, &out, "f:u:", 0).await;
    let out = h.say(&lan, "giá vàng hôm nay bao nhiêu").await;
    let out = tap(h, 71, &out, "q:f:", 2).await;
    let out = tap(h, ADMIN, &out, "q:r:", 1).await;
    assert!(!out.is_empty());
    h.say_n(&admin, "Trung tâm không cung cấp giá vàng.", 2).await;

    // A message to the centre.
    let out = h.say(&lan, "/start").await;
    let out = tap(h, 71, &out, "m:contact", 1).await;
    assert!(!out.is_empty());
    let out = h.say(&lan, "Xin tư vấn tiết kiệm điện cho xưởng sấy").await;
    tap(h, 71, &out, "c:send", 2).await;

    // Subscribe with a profile.
    let out = h.say_n(&lan, "/subscribe", 2).await;
    let out = tap(h, 71, &out, "s:p", 1).await;
    tap(h, 71, &out, "s:s:1", 1).await;
    let out = h.say(&lan, "ea kar").await;
    tap(h, 71, &out, "s:a:", 1).await;
    h.say(&lan, "Công ty Cà phê Ea Kar").await;

    // Register for the course, then cancel.
    let out = h.say(&lan, "/courses").await;
    let out = tap(h, 71, &out, &format!("k:d:{course}"), 1).await;
    let out = tap(h, 71, &out, &format!("k:r:{course}"), 1).await;
    tap(h, 71, &out, "r:ok", 1).await;
    h.say(&lan, "Công ty Cà phê Ea Kar").await;
    h.say(&lan, "Nguyễn Thị Lan").await;
    h.say(&lan, "Quản đốc").await;
    h.say_n(&lan, "0905123456", 2).await;
    let out = h.say(&lan, "lan@caphe.vn").await;
    let out = tap(h, 71, &out, "r:n:1", 1).await;
    let out = tap(h, 71, &out, "r:me", 1).await;
    let out = tap(h, 71, &out, "r:skip", 1).await;
    tap(h, 71, &out, "r:c", 1).await;
    let out = h.say(&lan, "/myregistrations").await;
    let out = tap(h, 71, &out, "u:c:", 1).await;
    tap(h, 71, &out, "u:y:", 1).await;

    // An announcement to subscribers, sent through the outbox.
    h.say(&admin, "/broadcast").await;
    let out = h.say(&admin, "Lớp học mới sắp mở").await;
    let out = tap(h, ADMIN, &out, "b:go", 1).await;
    let out = tap(h, ADMIN, &out, "b:nb", 3).await;
    tap(h, ADMIN, &out, "b:now", 2).await;
    let id = services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.id;
    for _ in 0..100 {
        let b = services::broadcasts::get(&h.pool, id).await.expect("db").expect("broadcast");
        if b.status == sxsh_bot::domain::broadcast::BroadcastStatus::Done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Personal data: a copy, and another user's erasure.
    h.say_n(&lan, "/mydata", 2).await;
    let kim = user(74);
    h.say(&kim, "/start").await;
    h.say_n(&kim, "/subscribe", 2).await;
    let out = h.say(&kim, "/deleteme").await;
    tap(h, 74, &out, "d:ok", 1).await;

    // Blocking and unblocking the bot.
    let mark = h.emu.mark();
    h.emu.set_blocked_by(&lan, true);
    h.emu.set_blocked_by(&lan, false);
    h.replies(mark, 0).await;
    h.emu.last_update_id()
}

#[tokio::test]
async fn every_update_delivered_again_changes_nothing_and_sends_nothing() {
    replay_everything(Harness::with_admins(&[ADMIN]).await).await;
}

#[tokio::test]
async fn every_update_delivered_again_by_webhook_changes_nothing_and_sends_nothing() {
    replay_everything(Harness::with_webhook(&[ADMIN], &[]).await).await;
}

/// Runs the scenario, then has Telegram deliver every update again and checks that nothing
/// was sent and nothing stored changed.
async fn replay_everything(mut h: Harness) {
    let last = scenario(&h).await;
    assert!(last > 40, "the scenario covers many updates ({last})");
    // Let the broadcast's final report settle.
    tokio::time::sleep(Duration::from_secs(4)).await;
    h.halt().await;
    let before = snapshot(&h.pool).await;
    assert!(
        before.iter().any(|r| r.starts_with("registrations:")) && before.iter().any(|r| r.starts_with("deliveries:"))
    );

    // Telegram delivers every update again, as after a crash before the offset was confirmed.
    for id in 1..=last {
        assert!(h.emu.replay(id), "update {id} replayed");
    }
    let mark = h.emu.mark();
    // Started again as after a crash: a new process, so a new database pool too.
    h.restart().await;
    // Each replay is counted once the guard has turned it away, and Telegram forgets them once
    // the bot asks for the next updates: wait for both (the count can come first).
    let all_ignored = format!("sxsh_replayed_updates_total {last}\n");
    // (A generous limit: the wait ends as soon as both hold.)
    for _ in 0..600 {
        let counted = h.metrics().expect("running").render(&h.pool).await.contains(&all_ignored);
        if counted && h.emu.pending_updates() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(h.emu.pending_updates(), 0, "the bot took every update");
    assert_eq!(h.emu.outgoing()[mark..].to_vec(), Vec::<Outgoing>::new(), "nothing sent again");
    assert_eq!(snapshot(&h.pool).await, before, "nothing stored changed");

    // A new update is still handled.
    let out = h.say(&user(71), "/help").await;
    assert_eq!(out.len(), 1);
    let replays = h.metrics().expect("running").render(&h.pool).await;
    assert!(replays.contains(&all_ignored), "{replays}");
    h.finish().await;
}

#[tokio::test]
async fn handled_updates_are_forgotten_after_a_day() {
    let h = Harness::start().await;
    h.say(&user(72), "/start").await;
    let id = h.emu.last_update_id();
    assert!(services::updates::is_handled(&h.pool, id).await.expect("db"));
    assert_eq!(services::updates::prune(&h.pool).await.expect("db"), 0, "a fresh one is kept");
    sqlx::query("UPDATE updates SET handled_at = handled_at - ?1")
        .bind(services::updates::REMEMBER_SECS + 1)
        .execute(&h.pool)
        .await
        .expect("db");
    assert_eq!(services::updates::prune(&h.pool).await.expect("db"), 1);
    assert!(!services::updates::is_handled(&h.pool, id).await.expect("db"));
    h.finish().await;
}
