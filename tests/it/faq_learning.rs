//! The FAQ learns from use: a question several people resolve by tapping the same "did you
//! mean" option becomes a phrasing of that entry (one person alone teaches nothing, a 👎 takes
//! a vote back); admins attach groups of unanswered questions to an entry or answer them with a
//! new one, searched at once; admins list and remove what was learned; export keeps it.

use crate::common;

use common::{shown, texts, user, Harness};
use sxsh_bot::bot::callback::Callback;
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::Outgoing;
use sxsh_bot::i18n::Msg;
use sxsh_bot::services::faq::{FaqService, Reply};

const ADMIN: i64 = 700;

/// What the FAQ would do with `q`: the answered entry, "?" for did-you-mean, "" for unknown.
async fn outcome(h: &Harness, q: &str) -> String {
    answer_id(&h.app_faq(), q).await
}

async fn answer_id(faq: &FaqService, q: &str) -> String {
    match faq.ask(q).await.expect("ask") {
        Reply::Answer { entry, .. } => entry.id.as_str().to_owned(),
        Reply::DidYouMean(_) => "?".into(),
        Reply::Unknown => String::new(),
    }
}

fn data_with(out: &[Outgoing], prefix: &str) -> Vec<String> {
    out.iter().flat_map(Outgoing::buttons).map(|(_, d)| d).filter(|d| d.starts_with(prefix)).collect()
}

#[tokio::test]
async fn a_did_you_mean_choice_is_learned_once_two_people_make_it_and_a_thumbs_down_takes_it_back() {
    let h = Harness::start().await;
    let question = "hỗ trợ";
    assert_eq!(outcome(&h, question).await, "?", "a question the FAQ is unsure about");
    let first = h.say(&user(71), question).await;
    assert_eq!(texts(&first), vec![shown(Lang::Vi, &Msg::FaqDidYouMean)]);
    let pick = data_with(&first, "f:p:").into_iter().last().expect("an option");
    let id = pick.trim_start_matches("f:p:").to_owned();
    let entry = h.app_faq().get(&id).await.expect("db").expect("entry");
    let shown_answer = h.tap(&user(71), &first[0], &pick).await;
    assert!(shown_answer[0].text.as_deref().is_some_and(|t| t.starts_with(&entry.question_vi)), "{shown_answer:#?}");

    // One person's choice teaches nothing, even tapped twice.
    h.tap(&user(71), &first[0], &pick).await;
    assert_eq!(outcome(&h, question).await, "?");
    // A second person asking the same (typed differently) and choosing the same entry does.
    let second = h.say(&user(72), "Hỗ trợ?").await;
    h.tap(&user(72), &second[0], &pick).await;
    assert_eq!(outcome(&h, question).await, id, "learned");
    let out = h.say(&user(73), "ho tro").await;
    assert!(out[0].text.as_deref().is_some_and(|t| t.starts_with(&entry.question_vi)), "{out:#?}");

    // One of the two rates the answer 👎: the lesson no longer stands.
    let down = Callback::Feedback { id: id.clone(), helpful: false }.encode();
    assert_eq!(h.tap_n(&user(72), &out[0], &down, 0).await, vec![], "a toast, no message");
    assert_eq!(outcome(&h, question).await, "?", "forgotten");
    h.finish().await;
}

#[tokio::test]
async fn an_admin_attaches_unanswered_questions_they_are_answered_at_once_and_nothing_else_changes() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.say(&user(ADMIN), "/start").await;
    // The other questions' outcomes before any teaching.
    let mut reader =
        csv::Reader::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/faq_queries.csv")).expect("query set");
    let others: Vec<String> = reader.records().map(|r| r.expect("row")[0].to_owned()).collect();
    let mut before = Vec::new();
    let faq = h.app_faq();
    for q in &others {
        before.push(answer_id(&faq, q).await);
    }

    // Questions the FAQ does not answer, asked by people.
    let missed: Vec<&str> = {
        let mut m = Vec::new();
        for q in [
            "giờ làm việc của trung tâm",
            "ai là người trông coi cái bot này",
            "trung tâm có làm thứ bảy không",
            "email của trung tâm là gì",
        ] {
            if outcome(&h, q).await.is_empty() {
                m.push(q);
            }
        }
        m
    };
    assert!(missed.len() >= 2, "{missed:?}");
    for (i, q) in missed.iter().enumerate() {
        h.say(&user(80 + i as i64), q).await;
    }
    h.say(&user(90), missed[0]).await;

    // /unanswered: the most asked first, a 📎 for each.
    let list = h.say(&user(ADMIN), "/unanswered").await;
    let attach = data_with(&list, "q:g:");
    assert_eq!(attach.len(), missed.len(), "{list:#?}");
    let prompt = h.tap(&user(ADMIN), &list[0], &attach[0]).await;
    assert_eq!(texts(&prompt), vec![shown(Lang::Vi, &Msg::AttachPrompt { text: missed[0].into() })]);
    let choices = h.say(&user(ADMIN), "nhắn cho trung tâm").await;
    let target = data_with(&choices, "q:t:")
        .into_iter()
        .find(|d| d.ends_with(":nhan-cho-trung-tam"))
        .unwrap_or_else(|| panic!("the entry among the choices: {choices:#?}"));
    let done = h.tap_n(&user(ADMIN), &choices[0], &target, 2).await;
    let entry = h.app_faq().get("nhan-cho-trung-tam").await.expect("db").expect("entry");
    let expected = Msg::AttachDone { text: missed[0].into(), question: entry.question_vi.clone() };
    assert_eq!(done[0].method, "editMessageReplyMarkup", "the choices lose their buttons");
    assert_eq!(texts(&done[1..]), vec![shown(Lang::Vi, &expected)]);

    // Answered at once, for anyone; gone from /unanswered.
    let out = h.say(&user(91), missed[0]).await;
    assert!(out[0].text.as_deref().is_some_and(|t| t.starts_with(&entry.question_vi)), "{out:#?}");
    let list = h.say(&user(ADMIN), "/unanswered").await;
    assert_eq!(data_with(&list, "q:g:").len(), missed.len() - 1);
    assert!(!list[0].text.as_deref().unwrap_or_default().contains(missed[0]));

    // Every other question gets what it got before.
    let faq = h.app_faq();
    for (q, was) in others.iter().zip(&before) {
        assert_eq!(&answer_id(&faq, q).await, was, "{q}");
    }

    // The next group gets a new answer written in the chat.
    let attach = data_with(&list, "q:g:");
    let prompt = h.tap(&user(ADMIN), &list[0], &attach[0]).await;
    let prompt_text = prompt[0].text.clone().unwrap_or_default();
    let asked = *missed[1..].iter().find(|q| prompt_text.contains(**q)).expect("the group's question");
    let write = data_with(&prompt, "q:n:").remove(0);
    h.tap(&user(ADMIN), &prompt[0], &write).await;
    let answer = "Bot do Trung tâm Khuyến công và Tư vấn Phát triển công nghiệp quản lý.";
    let done = h.say(&user(ADMIN), answer).await;
    assert_eq!(texts(&done), vec![shown(Lang::Vi, &Msg::NewEntryDone { question: asked.into() })]);
    let out = h.say(&user(92), asked).await;
    assert!(out[0].text.as_deref().is_some_and(|t| t.contains(answer)), "{out:#?}");

    // Export keeps the attached phrasing in the entry's keywords.
    let file = String::from_utf8(h.app_faq().export().await.expect("export")).expect("UTF-8");
    assert!(file.contains(missed[0]), "the phrasing is exported");

    // The learned list, and removing the attached phrasing: the question is unanswered again.
    let learned = h.tap(&user(ADMIN), &list[0], &Callback::Learned.encode()).await;
    let text = learned[0].text.clone().unwrap_or_default();
    assert!(text.contains(missed[0]) && text.contains(asked), "{text}");
    let remove = data_with(&learned, "q:x:").remove(0);
    let mark = h.emu.mark();
    h.emu.click(&user(ADMIN), &learned[0], &remove);
    h.replies(mark, 1).await;
    assert_eq!(outcome(&h, missed[0]).await, "");
    h.finish().await;
}

#[tokio::test]
async fn teaching_buttons_do_nothing_for_anyone_but_an_admin() {
    let h = Harness::with_admins(&[ADMIN]).await;
    h.say(&user(75), "giờ làm việc của trung tâm").await;
    let menu = h.say(&user(75), "/start").await;
    for cb in [Callback::Attach(1), Callback::AttachTo { question: 1, id: "xoa-du-lieu".into() }, Callback::Learned] {
        let out = h.tap(&user(75), &menu[0], &cb.encode()).await;
        assert_eq!(texts(&out), vec![shown(Lang::Vi, &Msg::NotAdmin)]);
    }
    let learned: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM faq_learned").fetch_one(&h.pool).await.expect("count");
    assert_eq!(learned, 0);
    h.finish().await;
}
