//! End-to-end: the real dispatcher, database and locales against the loopback Bot API.

use crate::common;

use common::{sent_to, shown, texts, user, Harness};
use serde_json::json;
use sxsh_bot::bot::callback::{Callback, MenuItem, PanelAction};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::TestUser;
use sxsh_bot::i18n::Msg;

const ADMIN: i64 = 900;

fn data(cb: Callback) -> String {
    cb.encode()
}

#[tokio::test]
async fn start_greets_in_vietnamese_records_the_user_and_shows_the_main_menu() {
    let h = Harness::start().await;
    let lan = user(11).with_language(None);
    let out = h.say(&lan, "/start").await;
    let msgs = sent_to(&out, 11);
    assert_eq!(msgs.len(), 1);
    assert_eq!(msgs[0].text.as_deref(), Some(shown(Lang::Vi, &Msg::StartGreeting { name: "Lan".into() }).as_str()));
    let labels: Vec<String> = msgs[0].buttons().into_iter().map(|(l, _)| l).collect();
    assert!(labels.contains(&shown(Lang::Vi, &Msg::MenuContact)));
    assert_eq!(msgs[0].buttons().len(), 6);

    let (lang, first_name): (String, String) = sqlx::query_as("SELECT lang, first_name FROM users WHERE user_id = 11")
        .fetch_one(&h.pool)
        .await
        .expect("user row");
    assert_eq!((lang.as_str(), first_name.as_str()), ("vi", "Lan"));
    h.finish().await;
}

#[tokio::test]
async fn an_english_client_is_greeted_in_english_and_others_in_vietnamese() {
    let h = Harness::start().await;
    let out = h.say(&user(12).with_language(Some("en-US")), "/start").await;
    assert_eq!(texts(&out), vec![shown(Lang::En, &Msg::StartGreeting { name: "Lan".into() })]);
    let out = h.say(&user(13).with_language(Some("ru")), "/start").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::StartGreeting { name: "Lan".into() })]);
    h.finish().await;
}

#[tokio::test]
async fn user_text_in_a_name_is_escaped_for_telegram_html() {
    let h = Harness::start().await;
    let tricky = TestUser::new(14, "<Tom & Jerry>");
    let out = h.say(&tricky, "/start").await;
    assert!(texts(&out)[0].contains("<Tom & Jerry>"), "the name shows as typed");
    assert!(out[0].html.as_deref().is_some_and(|h| h.contains("&lt;Tom &amp; Jerry&gt;")));
    h.finish().await;
}

#[tokio::test]
async fn help_lists_the_commands_and_admin_help_only_for_admins() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let out = h.say(&user(15), "/help").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::HelpText)]);
    let out = h.say_n(&user(ADMIN), "/help", 2).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::HelpText), shown(Lang::Vi, &Msg::HelpAdmin)]);
    h.finish().await;
}

#[tokio::test]
async fn commands_addressed_to_the_bot_by_name_work() {
    let h = Harness::start().await;
    let out = h.say(&user(16), "/help@sxsh_test_bot").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::HelpText)]);
    h.finish().await;
}

#[tokio::test]
async fn the_language_choice_is_stored_used_afterwards_and_kept_across_a_restart() {
    let mut h = Harness::start().await;
    let lan = user(17);
    let out = h.say(&lan, "/lang").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::LangPrompt)]);
    let prompt = out[0].clone();
    let out = h.tap_n(&lan, &prompt, &data(Callback::SetLang(Lang::En)), 2).await;
    // The prompt is edited into the confirmation, then a fresh menu in English.
    assert_eq!(out[0].method, "editMessageText");
    assert_eq!(out[0].message_id, prompt.message_id);
    assert_eq!(out[0].text.as_deref(), Some(shown(Lang::En, &Msg::LangChanged).as_str()));
    assert!(out[0].buttons().is_empty());
    assert_eq!(out[1].text.as_deref(), Some(shown(Lang::En, &Msg::MainMenuPrompt).as_str()));

    h.restart().await;
    let out = h.say(&lan, "/help").await;
    assert_eq!(texts(&out), vec![shown(Lang::En, &Msg::HelpText)]);

    // And back to Vietnamese from the main menu's language button.
    let menu = h.say(&lan, "/start").await[0].clone();
    let out = h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Lang))).await;
    let out = h.tap_n(&lan, &out[0], &data(Callback::SetLang(Lang::Vi)), 2).await;
    assert_eq!(out[0].text.as_deref(), Some(shown(Lang::Vi, &Msg::LangChanged).as_str()));
    h.finish().await;
}

#[tokio::test]
async fn an_unknown_command_points_to_help() {
    let h = Harness::start().await;
    let out = h.say(&user(18), "/giavang").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::UnknownCommand)]);
    h.finish().await;
}

#[tokio::test]
async fn a_sticker_gets_a_polite_text_only_reply() {
    let h = Harness::start().await;
    let mark = h.emu.mark();
    h.emu.send_private(
        &user(19),
        json!({"sticker": {"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512,
            "height": 512, "is_animated": false, "is_video": false}}),
    );
    let out = h.replies(mark, 1).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::NonText)]);
    h.finish().await;
}

#[tokio::test]
async fn an_unknown_question_is_admitted_and_can_be_passed_to_the_centre() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    let lan = user(20);
    let out = h.say(&lan, "giá vàng hôm nay bao nhiêu").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqUnknown)]);
    let (_, forward) = out[0].buttons()[0].clone();
    assert!(forward.starts_with("q:f:"));
    let offer = out[0].clone();

    let out = h.tap_n(&lan, &offer, &forward, 3).await;
    assert_eq!(texts(&sent_to(&out, 20)), vec![shown(Lang::Vi, &Msg::FaqForwarded)]);
    let to_admin = sent_to(&out, ADMIN);
    let expected =
        Msg::AdminQuestion { name: "Lan".into(), user_id: 20, text: "giá vàng hôm nay bao nhiêu".into() };
    assert_eq!(texts(&to_admin), vec![shown(Lang::Vi, &expected)]);
    let (_, reply) = to_admin[0].buttons()[0].clone();
    assert!(reply.starts_with("q:r:"));

    // Someone else cannot answer it, even with the button's data.
    let out = h.tap(&user(22), &to_admin[0], &reply).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::MenuExpired)]);

    // The admin answers; the reply reaches the person who asked.
    let out = h.tap(&user(ADMIN), &to_admin[0], &reply).await;
    assert_eq!(
        texts(&out),
        vec![shown(Lang::Vi, &Msg::AdminReplyPrompt { text: "giá vàng hôm nay bao nhiêu".into() })]
    );
    let out = h.say_n(&user(ADMIN), "Trung tâm không cung cấp giá vàng, xin lỗi bạn.", 2).await;
    let delivered = Msg::CentreReply {
        question: "giá vàng hôm nay bao nhiêu".into(),
        answer: "Trung tâm không cung cấp giá vàng, xin lỗi bạn.".into(),
    };
    assert_eq!(texts(&sent_to(&out, 20)), vec![shown(Lang::Vi, &delivered)]);
    assert_eq!(texts(&sent_to(&out, ADMIN)), vec![shown(Lang::Vi, &Msg::AdminReplySent)]);
    let replied: Option<i64> = sqlx::query_scalar("SELECT replied_at FROM questions WHERE user_id = 20")
        .fetch_one(&h.pool)
        .await
        .expect("row");
    assert!(replied.is_some());

    // Passed once only.
    let out = h.tap(&lan, &offer, &forward).await;
    assert!(sent_to(&out, ADMIN).is_empty());
    // The admin sees it among the unanswered questions, grouped with the same question.
    h.say(&user(21), "Giá vàng hôm nay bao nhiêu?").await;
    let out = h.say(&user(ADMIN), "/unanswered").await;
    let expected_line =
        shown(Lang::Vi, &Msg::UnansweredLine { n: 1, count: 2, text: "giá vàng hôm nay bao nhiêu".into() });
    assert!(out[0].text.as_deref().is_some_and(|t| t.contains(&expected_line)), "{:?}", out[0].text);
    h.finish().await;
}

#[tokio::test]
async fn a_first_question_is_answered_before_its_sender_is_stored_and_both_are_stored() {
    let mut h = Harness::start().await;
    let kim = user(46);
    let out = h.say(&kim, "san xuat sach hon la gi").await;
    let entry = h.app_faq().get("sxsh-la-gi").await.expect("db").expect("entry");
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::Vi, &entry)]);
    let stored: (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM users WHERE user_id = 46), (SELECT COUNT(*) FROM questions WHERE user_id = 46)",
    )
    .fetch_one(&h.pool)
    .await
    .expect("db");
    assert_eq!(stored, (1, 1), "the person, then their question");

    // Someone who chose English is answered in English after a restart, before any write.
    let out = h.say(&kim, "/lang").await;
    h.tap(&kim, out.iter().rev().find(|o| !o.buttons().is_empty()).expect("buttons"), "l:en").await;
    h.restart().await;
    let out = h.say(&kim, "what is cleaner production").await;
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::En, &entry)]);
    h.finish().await;
}

#[tokio::test]
async fn a_question_typed_without_diacritics_gets_the_faq_answer_with_feedback_buttons() {
    let h = Harness::start().await;
    let lan = user(40);
    let out = h.say(&lan, "san xuat sach hon la gi").await;
    let entry = h.app_faq().get("sxsh-la-gi").await.expect("db").expect("entry");
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::Vi, &entry)]);
    let buttons = out[0].buttons();
    assert_eq!(buttons[0].1, data(Callback::Feedback { id: "sxsh-la-gi".into(), helpful: true }));
    assert!(buttons.len() >= 3, "feedback and related questions");

    // 👎 is stored (with a thank-you toast, no message), and shows in the admin's figures as
    // least helpful.
    assert_eq!(h.tap_n(&lan, &out[0], &buttons[1].1, 0).await, vec![]);
    let stored: i64 =
        sqlx::query_scalar("SELECT helpful FROM faq_feedback WHERE user_id = 40 AND entry_id = 'sxsh-la-gi'")
            .fetch_one(&h.pool)
            .await
            .expect("feedback row");
    assert_eq!(stored, 0);
    let faq = h.app_faq().stats().await.expect("stats");
    assert_eq!(faq.least_helpful.len(), 1);
    assert_eq!((faq.least_helpful[0].0.id.as_str(), faq.least_helpful[0].2), ("sxsh-la-gi", 1));
    assert_eq!(faq.answered, 1);

    // A related question opens its answer.
    let (_, related) = buttons[2].clone();
    let out = h.tap(&lan, &out[0], &related).await;
    assert!(texts(&out)[0].len() > 20);
    h.finish().await;
}

#[tokio::test]
async fn an_english_speaker_gets_english_answers_and_telex_residue_is_understood() {
    let h = Harness::start().await;
    let john = user(41).with_language(Some("en"));
    let out = h.say(&john, "what is cleaner production").await;
    // English questions meet the English text; this one is an entry's own question.
    let entry = h.app_faq().get("sxsh-la-gi").await.expect("db").expect("entry");
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::En, &entry)]);
    // This one is close to several entries: the choices are labelled in English.
    let out = h.say(&john, "how to save electricity").await;
    assert_eq!(texts(&out), vec![shown(Lang::En, &Msg::FaqDidYouMean)]);
    let (label, first) = out[0].buttons()[0].clone();
    let id = first.trim_start_matches("f:p:").to_owned();
    let offered = h.app_faq().get(&id).await.expect("db").expect("entry");
    assert_eq!(label, offered.question_en);
    let out = h.tap(&john, &out[0], &first).await;
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::En, &offered)]);
    let out = h.say(&user(42), "sanr xuaats sachj hown laf gif").await;
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::Vi, &entry)]);
    h.finish().await;
}

#[tokio::test]
async fn an_ambiguous_question_offers_candidates_and_a_tap_answers() {
    let h = Harness::start().await;
    let lan = user(43);
    let out = h.say(&lan, "tiet kiem dien").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqDidYouMean)]);
    let buttons = out[0].buttons();
    let (options, rest): (Vec<_>, Vec<_>) = buttons.into_iter().partition(|(_, data)| data.starts_with("f:p:"));
    assert!((2..=3).contains(&options.len()));
    // The last button passes the question on when none of them is the one asked.
    assert_eq!(rest.len(), 1);
    assert!(rest[0].1.starts_with("q:f:"), "{rest:?}");
    let out = h.tap(&lan, &out[0], &options[0].1).await;
    let id = options[0].1.trim_start_matches("f:p:");
    let entry = h.app_faq().get(id).await.expect("db").expect("entry");
    assert_eq!(texts(&out), vec![common::answer_shown(Lang::Vi, &entry)]);
    h.finish().await;
}

#[tokio::test]
async fn none_of_the_questions_offered_passes_the_question_to_the_centre() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    let lan = user(46);
    let out = h.say(&lan, "tiet kiem dien").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqDidYouMean)]);
    let offer = out[0].clone();
    let (label, none) = offer.buttons().last().cloned().expect("a last button");
    assert_eq!(label, shown(Lang::Vi, &Msg::ButtonForwardNone));
    let out = h.tap_n(&lan, &offer, &none, 3).await;
    assert_eq!(texts(&sent_to(&out, 46)), vec![shown(Lang::Vi, &Msg::FaqForwarded)]);
    let expected = Msg::AdminQuestion { name: "Lan".into(), user_id: 46, text: "tiet kiem dien".into() };
    assert_eq!(texts(&sent_to(&out, ADMIN)), vec![shown(Lang::Vi, &expected)]);
    // Once only: the same button again does not reach the staff a second time.
    let out = h.tap(&lan, &offer, &none).await;
    assert!(sent_to(&out, ADMIN).is_empty());
    // It is listed for the admins to attach to an entry; a "did you mean" nobody passed on is not.
    let other = h.say(&user(47), "how to save electricity").await;
    assert_eq!(texts(&other), vec![shown(Lang::Vi, &Msg::FaqDidYouMean)]);
    let list = h.say(&user(ADMIN), "/unanswered").await;
    let listed = |q: &str| list.iter().any(|m| m.text.as_deref().is_some_and(|t| t.contains(q)));
    assert!(listed("tiet kiem dien") && !listed("how to save electricity"), "{list:#?}");
    h.finish().await;
}

#[tokio::test]
async fn faq_browsing_edits_one_message_through_topics_questions_and_back() {
    let h = Harness::start().await;
    let lan = user(44);
    let out = h.say(&lan, "/faq").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqBrowseTitle)]);
    let home = out[0].clone();
    let topics = home.buttons();
    assert!(topics.len() >= 8);
    let out = h.tap(&lan, &home, &topics[0].1).await;
    assert_eq!(out.len(), 1);
    assert_eq!((out[0].method.as_str(), out[0].message_id), ("editMessageText", home.message_id));
    let questions = out[0].buttons();
    let out = h.tap(&lan, &out[0], &questions[0].1).await;
    assert_eq!((out[0].method.as_str(), out[0].message_id), ("editMessageText", home.message_id));
    let back = out[0].buttons().last().cloned().expect("back");
    let out = h.tap(&lan, &out[0], &back.1).await;
    assert_eq!(out[0].buttons(), questions, "back to the same page");
    h.finish().await;
}

#[tokio::test]
async fn an_import_is_served_by_the_running_bot_without_a_restart() {
    let h = Harness::start().await;
    let lan = user(45);
    let out = h.say(&lan, "máy ép mía có tiết kiệm điện không").await;
    assert!(!texts(&out)[0].contains("Máy ép mía"));
    let file = "id,category,question_vi,answer_vi,question_en,answer_en,keywords\n\
                may-ep-mia,Năng lượng,Máy ép mía có tiết kiệm điện không?,Có: chọn động cơ đúng công suất.,,,\n";
    // The command line's own service, on its own pool: as `sxsh-bot faq import` does.
    let cli_pool = sxsh_bot::db::open(&h.config.database_url).await.expect("pool");
    let report = sxsh_bot::services::faq::FaqService::new(cli_pool.clone())
        .import(file.as_bytes(), false)
        .await
        .expect("imports");
    assert_eq!(report.added, 1);
    cli_pool.close().await;
    // The running bot reads the FAQ's revision again at most once per REVISION_CHECK.
    tokio::time::sleep(sxsh_bot::services::faq::REVISION_CHECK).await;
    let out = h.say(&lan, "máy ép mía có tiết kiệm điện không").await;
    assert!(texts(&out)[0].contains("Máy ép mía có tiết kiệm điện không?"), "{:?}", texts(&out));
    h.finish().await;
}

#[tokio::test]
async fn every_admin_command_is_refused_to_a_non_admin_and_nothing_else_happens() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.emu.register_chat(&user(ADMIN));
    for cmd in ["/admin", "/newcourse", "/broadcast", "/stats", "/unanswered", "/export", "/stats@sxsh_test_bot"] {
        let out = h.say(&user(21), cmd).await;
        assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::NotAdmin)], "{cmd}");
        assert!(out.iter().all(|o| o.chat_id == 21), "{cmd} reached another chat");
    }
    let dialogues: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogues").fetch_one(&h.pool).await.expect("count");
    assert_eq!(dialogues, 0);
    h.finish().await;
}

#[tokio::test]
async fn an_admin_sees_the_panel_and_user_figures() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    h.say(&user(22), "/start").await;
    h.say(&user(23).with_language(Some("en")), "/start").await;
    h.say(&user(22), "Sản xuất sạch hơn là gì?").await;
    let out = h.say_n(&user(ADMIN), "/stats", 2).await;
    let expected = Msg::AdminStats { total: 3, active: 3, english: 1, blocked: 0, messages: 0 };
    let faq = Msg::AdminFaqStats { answered: 1, ambiguous: 0, unanswered: 0, rate: 100 };
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &expected), shown(Lang::Vi, &faq)]);

    let panel = h.say(&user(ADMIN), "/admin").await;
    let today = sxsh_bot::domain::course::vn_today(chrono::Utc::now()).format("%d/%m/%Y").to_string();
    let figures = Msg::AdminPanel {
        date: today,
        users: 3,
        new_today: 3,
        questions: 1,
        answered: 1,
        waiting: 0,
        registrations: 0,
        subscribers: 0,
        upcoming: 0,
        assessments: 0,
        consultations: 0,
    };
    assert_eq!(texts(&panel), vec![shown(Lang::Vi, &figures)]);
    let buttons = panel[0].buttons();
    let expected: Vec<String> = PanelAction::ALL.into_iter().map(|a| data(Callback::Panel(a))).collect();
    assert_eq!(buttons.iter().map(|(_, d)| d.clone()).collect::<Vec<_>>(), expected);
    assert!(buttons.iter().all(|(label, _)| !label.is_empty()));

    // Every button does what its command does: the same messages, in the same order.
    let commands = [
        (PanelAction::NewCourse, "/newcourse", 2),
        (PanelAction::Registrations, "/registrations", 1),
        (PanelAction::Export, "/export", 1),
        (PanelAction::Broadcast, "/broadcast", 1),
        (PanelAction::Broadcasts, "/broadcasts", 1),
        (PanelAction::Stats, "/stats", 2),
        (PanelAction::Unanswered, "/unanswered", 1),
        (PanelAction::Assessments, "/assessments", 1),
    ];
    assert_eq!(commands.len(), PanelAction::ALL.len());
    for (action, command, n) in commands {
        let by_command = h.say_n(&user(ADMIN), command, n).await;
        h.say(&user(ADMIN), "/cancel").await;
        let by_button = h.tap_n(&user(ADMIN), &panel[0], &data(Callback::Panel(action)), n).await;
        h.say(&user(ADMIN), "/cancel").await;
        assert_eq!(by_button.len(), n, "{command}: {by_button:#?}");
        assert_eq!(texts(&by_button), texts(&by_command), "{command}");
    }

    // A panel button tapped by someone else (a forwarded panel) does nothing but refuse.
    let out = h.tap(&user(22), &panel[0], &data(Callback::Panel(PanelAction::Broadcast))).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::NotAdmin)]);
    let dialogues: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogues WHERE chat_id = 22")
        .fetch_one(&h.pool)
        .await
        .expect("count");
    assert_eq!(dialogues, 0);
    h.finish().await;
}

#[tokio::test]
async fn a_message_to_the_centre_is_stored_and_copied_to_every_admin() {
    let h = Harness::with_admins(&[ADMIN, ADMIN + 1]).await;
    // The first admin has opened the bot; the second never has (Telegram: chat not found).
    h.say(&user(ADMIN).with_language(Some("en")), "/start").await;
    let writer = user(24).with_username("lan_cafe");
    let menu = h.say(&writer, "/start").await[0].clone();
    let out = h.tap(&writer, &menu, &data(Callback::Menu(MenuItem::Contact))).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::ContactPrompt)]);

    let body = "Công ty cà phê Lan cần tư vấn <tiết kiệm điện> & nước";
    let out = h.say(&writer, body).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::ContactPreview { text: body.into() })]);
    let preview = out[0].clone();

    let out = h.tap_n(&writer, &preview, &data(Callback::ContactSend), 3).await;
    let to_writer = sent_to(&out, 24);
    assert_eq!(texts(&to_writer), vec![shown(Lang::Vi, &Msg::ContactSent)]);
    let copy = sent_to(&out, ADMIN);
    let expected = Msg::AdminIncoming { name: "Lan @lan_cafe".into(), user_id: 24, text: body.into() };
    assert_eq!(texts(&copy), vec![shown(Lang::En, &expected)]);
    // The preview's buttons are gone, so it cannot be sent twice.
    assert!(out.iter().any(|o| o.method == "editMessageReplyMarkup" && o.message_id == preview.message_id));

    let stored: String = sqlx::query_scalar("SELECT body FROM centre_messages WHERE user_id = 24")
        .fetch_one(&h.pool)
        .await
        .expect("stored message");
    assert_eq!(stored, body);

    // A second tap on the old Send button sends nothing again.
    let out = h.tap(&writer, &preview, &data(Callback::ContactSend)).await;
    assert_eq!(texts(&sent_to(&out, 24)), vec![shown(Lang::Vi, &Msg::MenuExpired)]);
    assert!(sent_to(&out, ADMIN).is_empty());
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM centre_messages").fetch_one(&h.pool).await.expect("count");
    assert_eq!(count, 1);
    // Nothing was sent to the admin who never opened the bot: Telegram would refuse it.
    h.finish().await;
}

#[tokio::test]
async fn empty_and_over_long_messages_to_the_centre_are_asked_again() {
    let h = Harness::start().await;
    let lan = user(25);
    let menu = h.say(&lan, "/start").await[0].clone();
    h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Contact))).await;
    let long = "a".repeat(2001);
    let out = h.say(&lan, &long).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::ContactTooLong { max: 2000, len: 2001 })]);
    let out = h.say(&lan, "Xin hỏi về lớp tập huấn").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::ContactPreview { text: "Xin hỏi về lớp tập huấn".into() })]);
    // Typing again replaces the draft.
    let out = h.say(&lan, "Bản sửa").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::ContactPreview { text: "Bản sửa".into() })]);
    let out = h.tap_n(&lan, &out[0], &data(Callback::ContactSend), 2).await;
    assert_eq!(texts(&sent_to(&out, 25)), vec![shown(Lang::Vi, &Msg::ContactSent)]);
    let body: String = sqlx::query_scalar("SELECT body FROM centre_messages").fetch_one(&h.pool).await.expect("row");
    assert_eq!(body, "Bản sửa");
    h.finish().await;
}

#[tokio::test]
async fn a_half_finished_dialogue_continues_after_a_restart() {
    let mut h = Harness::with_admins(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    let lan = user(26);
    let menu = h.say(&lan, "/start").await[0].clone();
    h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Contact))).await;

    h.restart().await;
    let out = h.say(&lan, "Cần tư vấn lò hơi").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::ContactPreview { text: "Cần tư vấn lò hơi".into() })]);

    h.restart().await;
    let out = h.tap_n(&lan, &out[0], &data(Callback::ContactSend), 3).await;
    assert_eq!(texts(&sent_to(&out, 26)), vec![shown(Lang::Vi, &Msg::ContactSent)]);
    assert_eq!(sent_to(&out, ADMIN).len(), 1);
    h.finish().await;
}

#[tokio::test]
async fn cancel_leaves_any_dialogue_and_says_when_there_is_none() {
    let h = Harness::start().await;
    let lan = user(27);
    let out = h.say(&lan, "/cancel").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::NothingToCancel)]);

    let menu = h.say(&lan, "/start").await[0].clone();
    h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Contact))).await;
    let out = h.say(&lan, "/cancel").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::Cancelled)]);
    // Text is a question again, not a message to the centre.
    let out = h.say(&lan, "giá vàng hôm nay").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqUnknown)]);

    // The Cancel button under a preview does the same.
    h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Contact))).await;
    let preview = h.say(&lan, "nháp").await[0].clone();
    let out = h.tap_n(&lan, &preview, &data(Callback::ContactCancel), 2).await;
    assert_eq!(texts(&sent_to(&out, 27)), vec![shown(Lang::Vi, &Msg::Cancelled)]);
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM centre_messages").fetch_one(&h.pool).await.expect("count");
    assert_eq!(count, 0);
    h.finish().await;
}

#[tokio::test]
async fn a_button_that_no_longer_makes_sense_says_the_menu_expired_and_offers_a_fresh_one() {
    let mut h = Harness::start().await;
    let lan = user(28);
    let menu = h.say(&lan, "/start").await[0].clone();
    h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Contact))).await;
    let preview = h.say(&lan, "nháp").await[0].clone();
    h.say(&lan, "/cancel").await;
    h.restart().await;

    let out = h.tap_n(&lan, &preview, &data(Callback::ContactSend), 2).await;
    let msgs = sent_to(&out, 28);
    assert_eq!(texts(&msgs), vec![shown(Lang::Vi, &Msg::MenuExpired)]);
    assert_eq!(msgs[0].buttons().len(), 6, "a fresh main menu");

    // Data from a menu this version never made.
    let out = h.tap(&lan, &menu, "v0:something-old").await;
    assert_eq!(texts(&sent_to(&out, 28)), vec![shown(Lang::Vi, &Msg::MenuExpired)]);
    h.finish().await;
}

#[tokio::test]
async fn menu_buttons_without_a_feature_yet_say_so_politely() {
    let h = Harness::start().await;
    let lan = user(29);
    let menu = h.say(&lan, "/start").await[0].clone();
    let out = h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Ask))).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::AskHint)]);
    // The announcements button subscribes in one tap.
    let out = h.tap_n(&lan, &menu, &data(Callback::Menu(MenuItem::News)), 2).await;
    assert_eq!(texts(&out)[0], shown(Lang::Vi, &Msg::SubscribeDone));
    // With no course yet, the courses button says so.
    let out = h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Courses))).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::CoursesNone)]);
    // /mydata is there now: a summary and the file (tests/privacy.rs has the details).
    let out = h.say_n(&lan, "/mydata", 2).await;
    let summary = Msg::MydataSummary {
        registrations: 0,
        attendees: 0,
        questions: 0,
        feedback: 0,
        messages: 0,
        consents: 0,
        subscribed: 1,
        announcements: 0,
    };
    assert_eq!(texts(&out)[0], shown(Lang::Vi, &summary));
    assert!(out.iter().any(|o| o.method == "sendDocument"), "{out:#?}");
    h.finish().await;
}

#[tokio::test]
async fn a_stored_state_that_no_longer_decodes_is_reset_with_an_apology() {
    let mut h = Harness::start().await;
    let lan = user(30);
    h.say(&lan, "/start").await;
    // A state stored by an older version, found at the next start.
    h.halt().await;
    sqlx::query("INSERT INTO dialogues (chat_id, state, updated_at) VALUES (30, '{\"RemovedVariant\":1}', 0)")
        .execute(&h.pool)
        .await
        .expect("insert");
    h.launch().await;
    let out = h.say(&lan, "xin chào").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::StateLost)]);
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogues").fetch_one(&h.pool).await.expect("count");
    assert_eq!(left, 0);
    let out = h.say(&lan, "xin chào").await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::FaqUnknown)]);
    h.finish().await;
}

#[tokio::test]
async fn an_unexpected_failure_is_answered_with_an_apology() {
    let h = Harness::start().await;
    let lan = user(31);
    let menu = h.say(&lan, "/start").await[0].clone();
    h.tap(&lan, &menu, &data(Callback::Menu(MenuItem::Contact))).await;
    let preview = h.say(&lan, "nội dung").await[0].clone();
    sqlx::query("DROP TABLE centre_messages").execute(&h.pool).await.expect("drop");
    let out = h.tap_n(&lan, &preview, &data(Callback::ContactSend), 2).await;
    assert_eq!(texts(&sent_to(&out, 31)), vec![shown(Lang::Vi, &Msg::ErrorApology)]);
    h.finish().await;
}

#[tokio::test]
async fn in_groups_only_commands_addressed_to_the_bot_get_an_answer() {
    let h = Harness::start().await;
    let lan = user(32);
    let mark = h.emu.mark();
    h.emu.send_group_text(&lan, -100_555, "Chào cả nhà");
    h.emu.send_group_text(&lan, -100_555, "/help@other_bot");
    h.emu.send_group_text(&lan, -100_555, "/help@sxsh_test_bot");
    let out = h.replies(mark, 1).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::GroupUsePrivate { bot: "@sxsh_test_bot".into() })]);
    assert_eq!(out[0].chat_id, -100_555);
    let dialogues: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dialogues").fetch_one(&h.pool).await.expect("count");
    assert_eq!(dialogues, 0);
    h.finish().await;
}

#[tokio::test]
async fn edits_channel_posts_and_unparsed_updates_are_ignored_without_harm() {
    let h = Harness::start().await;
    let lan = user(33);
    let mark = h.emu.mark();
    h.emu.send_update(
        "edited_message",
        json!({"message_id": 1, "from": {"id": 33, "is_bot": false, "first_name": "Lan"},
            "chat": {"id": 33, "type": "private", "first_name": "Lan"}, "date": 1, "edit_date": 2, "text": "sửa"}),
    );
    h.emu.send_update(
        "channel_post",
        json!({"message_id": 2, "chat": {"id": -100_777, "type": "channel", "title": "Tin"}, "date": 1, "text": "tin"}),
    );
    let unknown = h.emu.send_update("some_future_update", json!({"x": 1}));
    // teloxide cannot parse it, so no handler ever sees it.
    h.never_handled(unknown);
    // Then a normal message still gets its answer, and it is the only reaction.
    h.emu.send_text(&lan, "/help");
    let out = h.replies(mark, 1).await;
    assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::HelpText)]);
    h.finish().await;
}

#[tokio::test]
async fn a_user_who_blocks_the_bot_is_marked_and_unmarked_when_back() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let lan = user(34);
    h.say(&lan, "/start").await;
    h.emu.set_blocked_by(&lan, true);
    let blocked = || async {
        sqlx::query_scalar::<_, i64>("SELECT blocked FROM users WHERE user_id = 34")
            .fetch_one(&h.pool)
            .await
            .expect("row")
    };
    for _ in 0..50 {
        if blocked().await == 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(blocked().await, 1);
    let out = h.say_n(&user(ADMIN), "/stats", 2).await;
    let figures = Msg::AdminStats { total: 2, active: 2, english: 0, blocked: 1, messages: 0 };
    assert_eq!(texts(&out)[0], shown(Lang::Vi, &figures));
    // Unblocking alone is enough to be counted again.
    h.emu.set_blocked_by(&lan, false);
    for _ in 0..50 {
        if blocked().await == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(blocked().await, 0);
    h.finish().await;
}

#[tokio::test]
async fn the_command_menu_is_set_in_both_languages_and_for_admins() {
    let h = Harness::start().await;
    let calls = h.emu.commands();
    let langs: Vec<Option<&str>> = calls.iter().map(|c| c["language_code"].as_str()).collect();
    assert!(langs.contains(&Some("vi")) && langs.contains(&Some("en")) && langs.contains(&None));
    let en = calls.iter().find(|c| c["language_code"] == "en").expect("English menu");
    assert_eq!(en["commands"][0]["description"], shown(Lang::En, &Msg::CmdStart));
    h.stop().await;

    // An admin gets the admin commands in their chat's menu at their first /start, and at
    // every start of the bot after that.
    let mut h = Harness::with_admins(&[ADMIN]).await;
    assert!(h.emu.commands().iter().all(|c| c.get("scope").is_none()), "no chat with the admin yet");
    h.say(&user(ADMIN), "/start").await;
    assert!(h.emu.commands().iter().any(|c| c["scope"]["chat_id"] == ADMIN));
    h.restart().await;
    let admin_menus: Vec<_> = h.emu.commands().into_iter().filter(|c| c["scope"]["chat_id"] == ADMIN).collect();
    assert_eq!(admin_menus.len(), 2, "set at /start and again at the restart");
    let admin_menu = &admin_menus[1];
    let names: Vec<&str> =
        admin_menu["commands"].as_array().into_iter().flatten().filter_map(|c| c["command"].as_str()).collect();
    assert!(names.contains(&"stats") && names.contains(&"admin"));
    h.finish().await;
}
