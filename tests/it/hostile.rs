//! Abuse and hostile input end to end: a user flooding the bot, over-long and strange
//! questions, garbage button data and buttons pressed in groups, against the real dispatcher
//! and the loopback Bot API.

use crate::common;

use std::time::Duration;

use common::{sent_to, shown, texts, user, Harness};
use sxsh_bot::bot::callback::{Callback, MenuItem};
use sxsh_bot::config::{DEFAULT_FLOOD_BURST, DEFAULT_FLOOD_RATE};
use sxsh_bot::domain::input::MAX_QUESTION;
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::Outgoing;
use sxsh_bot::i18n::Msg;

const ADMIN: i64 = 900;

fn count(out: &[Outgoing], lang: Lang, msg: &Msg) -> usize {
    let text = shown(lang, msg);
    out.iter().filter(|o| o.text.as_deref() == Some(text.as_str())).count()
}

/// A harness with the bot's own flood limit (the shared harness turns it off, as tests type
/// faster than people).
async fn start(admins: &[i64]) -> Harness {
    let burst = DEFAULT_FLOOD_BURST.to_string();
    let rate = DEFAULT_FLOOD_RATE.to_string();
    Harness::with_config(admins, &[("FLOOD_BURST", burst.as_str()), ("FLOOD_RATE", rate.as_str())]).await
}

async fn scalar(h: &Harness, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&h.pool).await.expect("query")
}

#[tokio::test]
async fn a_flooding_user_is_slowed_down_with_one_notice_and_nothing_stored_for_the_excess() {
    flood(start(&[]).await).await;
}

#[tokio::test]
async fn a_flood_by_webhook_leaves_no_stored_update_behind() {
    let burst = DEFAULT_FLOOD_BURST.to_string();
    let rate = DEFAULT_FLOOD_RATE.to_string();
    flood(Harness::with_webhook(&[], &[("FLOOD_BURST", burst.as_str()), ("FLOOD_RATE", rate.as_str())]).await).await;
}

async fn flood(h: Harness) {
    let lan = user(41);
    let mark = h.emu.mark();
    for i in 0..30 {
        h.emu.send_text(&lan, &format!("xyzzy plugh {i}"));
    }
    let out = h.replies(mark, DEFAULT_FLOOD_BURST as usize + 1).await;
    assert_eq!(count(&out, Lang::Vi, &Msg::FloodSlowDown), 1, "told once, not once per message");
    let answered = count(&out, Lang::Vi, &Msg::FaqUnknown);
    let burst = DEFAULT_FLOOD_BURST as usize;
    assert!((burst..=burst + 2).contains(&answered), "{answered} answered");
    assert_eq!(out.len(), answered + 1, "nothing else was sent");
    // Dropped messages were not stored: only the answered questions are.
    assert_eq!(scalar(&h, "SELECT COUNT(*) FROM questions WHERE user_id = 41").await, answered as i64);
    // Only the answered updates are remembered as handled; none waits (webhook mode).
    assert_eq!(scalar(&h, "SELECT COUNT(*) FROM updates").await, answered as i64);
    assert_eq!(scalar(&h, "SELECT COUNT(*) FROM updates WHERE handled_at IS NULL").await, 0);

    // Another user is not affected, and after a pause the same user is served again.
    let out = h.say(&user(42), "xyzzy").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqUnknown)]);
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let out = h.say(&lan, "xyzzy again").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqUnknown)]);
    h.finish().await;
}

#[tokio::test]
async fn taps_over_the_limit_are_still_answered_and_the_notice_is_in_the_client_language() {
    let h = start(&[]).await;
    let tom = user(43).with_language(Some("en"));
    let menu = h.say(&tom, "/start").await[0].clone();
    let mark = h.emu.mark();
    for _ in 0..25 {
        h.emu.click(&tom, &menu, &Callback::Menu(MenuItem::Ask).encode());
    }
    let out = h.replies(mark, DEFAULT_FLOOD_BURST as usize).await;
    assert_eq!(count(&out, Lang::En, &Msg::FloodSlowDown), 1);
    assert!(count(&out, Lang::En, &Msg::AskHint) <= DEFAULT_FLOOD_BURST as usize + 1);
    // `finish` checks that every one of the 25 taps was answered.
    h.finish().await;
}

#[tokio::test]
async fn admins_are_not_limited_and_group_chatter_does_not_count() {
    let h = start(&[ADMIN]).await;
    let admin = user(ADMIN);
    let mark = h.emu.mark();
    for i in 0..20 {
        h.emu.send_text(&admin, &format!("xyzzy {i}"));
    }
    let out = h.replies(mark, 20).await;
    assert_eq!(count(&out, Lang::Vi, &Msg::FaqUnknown), 20);

    let lan = user(44);
    for i in 0..20 {
        h.emu.send_group_text(&lan, -100_600, &format!("chào cả nhà {i}"));
    }
    let out = h.say(&lan, "xyzzy").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqUnknown)]);
    h.finish().await;
}

#[tokio::test]
async fn a_question_of_telegrams_full_length_is_cut_with_a_notice_and_can_still_be_passed_on() {
    let h = start(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    let lan = user(45);
    let long: String = "xyzzy plugh đđ ".chars().cycle().take(4096).collect();
    let out = h.say_n(&lan, &long, 2).await;
    assert_eq!(
        texts(&out),
        vec![
            shown(Lang::Vi, &Msg::FaqQuestionShortened { max: MAX_QUESTION as i64 }),
            shown(Lang::Vi, &Msg::FaqUnknown)
        ]
    );
    let body: String =
        sqlx::query_scalar("SELECT body FROM questions WHERE user_id = 45").fetch_one(&h.pool).await.expect("row");
    assert!(body.chars().count() <= MAX_QUESTION && long.starts_with(&body));

    // Passed to the centre, the admin's copy fits in one Telegram message.
    let offer = out[1].clone();
    let (_, forward) = offer.buttons()[0].clone();
    let out = h.tap_n(&lan, &offer, &forward, 2).await;
    let to_admin = sent_to(&out, ADMIN);
    assert_eq!(to_admin.len(), 1);
    assert!(to_admin[0].text.as_deref().is_some_and(|t| t.contains(&body)));
    // A question at the limit is not cut.
    let exact: String = "xyzzy ".chars().cycle().take(MAX_QUESTION - 1).collect::<String>() + "q";
    let out = h.say(&user(46), &exact).await;
    assert_eq!(count(&out, Lang::Vi, &Msg::FaqQuestionShortened { max: MAX_QUESTION as i64 }), 0);
    h.finish().await;
}

#[tokio::test]
async fn emoji_right_to_left_zero_width_and_control_characters_are_answered_and_passed_on() {
    let h = start(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    let lan = user(47);
    for (i, text) in [
        "👩‍👩‍👧🇻🇳👍🏽 sản\u{200B}xuất\u{200D}sạch\u{FEFF}hơn là gì?",
        "مرحبا שלום \u{202E}olleh\u{202C} \u{2066}x\u{2069}",
        "a\u{0000}b\u{0007}c\u{001B}[31m d\u{0085}e\u{2028}f\u{007F}",
        "\u{0301}\u{0301}\u{0301} <b>&amp;</b> ' \" \\",
        "\u{00A0}\u{3000}\u{180E} \u{FFFD}\u{E000}\u{10FFFF}",
    ]
    .iter()
    .enumerate()
    {
        let out = h.say(&lan, text).await;
        assert_eq!(out.len(), 1, "{i}: {out:#?}");
        if out[0].text.as_deref() == Some(shown(Lang::Vi, &Msg::FaqUnknown).as_str()) {
            let (_, forward) = out[0].buttons()[0].clone();
            let passed = h.tap_n(&lan, &out[0], &forward, 2).await;
            assert_eq!(sent_to(&passed, ADMIN).len(), 1, "{i}: {passed:#?}");
        }
        // Stay under the flood limit: this is a person, not a script.
        tokio::time::sleep(Duration::from_millis(600)).await;
    }
    h.finish().await;
}

#[tokio::test]
async fn garbage_button_data_gets_the_expired_menu_and_the_tap_is_answered() {
    let h = start(&[]).await;
    let lan = user(48);
    let menu = h.say(&lan, "/start").await[0].clone();
    // 64 bytes no menu ever made: pseudo-random printable ASCII (a fixed seed, so a failure
    // repeats), multi-byte text, and near misses of real codes.
    let mut seed: u64 = 0x5eed_cafe;
    let random: String = (0..64)
        .map(|_| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            char::from(b' ' + ((seed >> 33) % 95) as u8)
        })
        .collect();
    for data in [
        random.as_str(),
        "đ:ê:ơ:😀:f:a:Đ:q:f:+0:k:d:0x10:l:xx:m:ask:",
        "f:s:99999999999999999999:1:x",
        "q:f:-1",
        "f:s:1:2:",
        "b:stop:18446744073709551616",
    ] {
        assert!(data.len() <= 64, "{}", data.len());
        let out = h.tap(&lan, &menu, data).await;
        assert_eq!(texts(&sent_to(&out, 48)), vec![shown(Lang::Vi, &Msg::MenuExpired)], "{data}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    h.finish().await;
}

#[tokio::test]
async fn in_a_group_a_button_tap_is_only_answered_and_admin_commands_only_point_to_the_private_chat() {
    let h = start(&[ADMIN]).await;
    let lan = user(49);
    let mark = h.emu.mark();
    h.emu.send_group_text(&lan, -100_700, "/broadcast@sxsh_test_bot");
    h.emu.send_group_text(&lan, -100_700, "/stats@sxsh_test_bot");
    let out = h.replies(mark, 2).await;
    let pointer = shown(Lang::Vi, &Msg::GroupUsePrivate { bot: "@sxsh_test_bot".into() });
    assert_eq!(texts(&out), vec![pointer.clone(), pointer]);
    assert!(out.iter().all(|o| o.chat_id == -100_700));

    // A button under a message in the group (a forwarded menu, say): answered, nothing else.
    let mark = h.emu.mark();
    h.emu.click(&lan, &out[0], &Callback::Menu(MenuItem::Contact).encode());
    h.emu.click(&user(ADMIN), &out[0], "a:l");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(h.emu.outgoing().len(), mark, "nothing sent");
    assert_eq!(scalar(&h, "SELECT COUNT(*) FROM users").await, 0, "nobody recorded");
    assert_eq!(scalar(&h, "SELECT COUNT(*) FROM dialogues").await, 0);
    assert_eq!(scalar(&h, "SELECT COUNT(*) FROM broadcasts").await, 0);
    h.finish().await;
}
