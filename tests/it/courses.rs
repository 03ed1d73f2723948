//! Courses and registrations end to end: admins create and manage courses in the chat, users
//! register through the dialogue, seats are counted safely, the waitlist is promoted, the
//! deadline holds, reminders go out once, rosters are exported, and neither a restart nor a
//! replayed update breaks anything.

use crate::common;
use common::{saw, with_button};

use chrono::{DateTime, Days, NaiveTime, Utc};
use common::{shown, user, Harness};
use sxsh_bot::domain::course::{vn_today, vn_zone, Capacity, CourseFields, CourseStatus, VnDate};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::domain::registration::{Details, PersonName, Phone, RegistrationCode, RegistrationStatus};
use sxsh_bot::emulator::{Outgoing, TestUser};
use sxsh_bot::i18n::Msg;
use sxsh_bot::services;
use sxsh_bot::services::registrations::{NewRegistration, Registered};

const ADMIN: i64 = 500;

fn day(offset: i64) -> VnDate {
    let today = vn_today(Utc::now());
    let date = if offset >= 0 {
        today.checked_add_days(Days::new(offset.unsigned_abs()))
    } else {
        today.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    VnDate::from_date(date.expect("a date in range"))
}

/// A course starting in `starts_in` days whose registration closes in `deadline_in` days.
async fn course(h: &Harness, title: &str, capacity: u32, starts_in: i64, deadline_in: i64) -> i64 {
    let fields = CourseFields {
        title: title.into(),
        description: "Hai ngày thực hành đánh giá sản xuất sạch hơn tại doanh nghiệp.".into(),
        location: "Hội trường UBND huyện Ea Kar".into(),
        starts: day(starts_in),
        ends: day(starts_in + 1),
        capacity: Capacity::new(capacity).expect("capacity"),
        deadline: day(deadline_in),
    };
    services::courses::create(&h.pool, &fields, None, Utc::now()).await.expect("course created")
}

fn sender(id: i64) -> sxsh_bot::domain::user::Sender {
    sxsh_bot::domain::user::Sender {
        user_id: id,
        chat_id: id,
        first_name: "Học viên".into(),
        last_name: None,
        username: None,
        language_code: Some("vi".into()),
    }
}

fn last_text(out: &[Outgoing]) -> String {
    out.iter().rev().find_map(|o| o.text.clone()).unwrap_or_default()
}

/// Opens the course from /courses and taps Register; returns the dialogue's first reply.
async fn open_registration(h: &Harness, u: &TestUser, course_id: i64) -> Vec<Outgoing> {
    let list = h.say(u, "/courses").await;
    let details = h.tap(u, with_button(&list, &format!("k:d:{course_id}")), &format!("k:d:{course_id}")).await;
    h.tap(u, with_button(&details, &format!("k:r:{course_id}")), &format!("k:r:{course_id}")).await
}

fn has(out: &[Outgoing], data: &str) -> bool {
    out.iter().any(|o| o.buttons().iter().any(|(_, d)| d == data))
}

/// Registers `u` for a course through the whole dialogue with valid answers.
async fn register(h: &Harness, u: &TestUser, course_id: i64, names: &[&str]) -> Vec<Outgoing> {
    let mut out = open_registration(h, u, course_id).await;
    if has(&out, "r:ok") {
        out = h.tap(u, with_button(&out, "r:ok"), "r:ok").await;
    }
    if has(&out, "r:same") {
        h.tap(u, with_button(&out, "r:same"), "r:same").await;
    } else {
        h.say(u, "Công ty TNHH Cà phê Ea Kar").await;
        h.say(u, "Nguyễn Thị Lan").await;
        h.say(u, "Trưởng phòng kỹ thuật").await;
        h.say_n(u, "0912 345 678", 2).await;
        h.say(u, "lan@caphe-eakar.vn").await;
    }
    h.say(u, &names.len().to_string()).await;
    let mut out = h.say(u, &names.join("\n")).await;
    if has(&out, "r:skip") {
        out = h.tap(u, with_button(&out, "r:skip"), "r:skip").await;
    }
    h.tap(u, with_button(&out, "r:c"), "r:c").await
}

async fn registrations_of(h: &Harness, course_id: i64) -> Vec<sxsh_bot::domain::registration::Registration> {
    services::registrations::roster(&h.pool, course_id).await.expect("roster")
}

#[tokio::test]
async fn a_user_registers_and_every_bad_answer_is_asked_again() {
    let h = Harness::start().await;
    let id = course(&h, "Tập huấn sản xuất sạch hơn ngành cà phê", 60, 10, 8).await;
    let u = user(101);
    let lang = Lang::Vi;

    let out = open_registration(&h, &u, id).await;
    assert!(saw(&out, lang, &Msg::RegConsent), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "r:ok"), "r:ok").await;
    assert!(last_text(&out).contains("Tập huấn sản xuất sạch hơn ngành cà phê"));

    h.say(&u, "Công ty TNHH Cà phê Ea Kar").await;
    let out = h.say_n(&u, "0912345678", 2).await;
    assert!(saw(&out, lang, &Msg::RegBadName), "a number is not a name: {out:#?}");
    assert!(saw(&out, lang, &Msg::RegAskContact), "the question again");
    h.say(&u, "Nguyễn Thị Lan").await;
    let out = h.say(&u, "Trưởng phòng kỹ thuật").await;
    assert!(saw(&out, lang, &Msg::RegAskPhone));
    let keyboard = out[0].reply_markup.clone().expect("the share-phone keyboard");
    assert_eq!(keyboard["keyboard"][0][0]["request_contact"], true, "{keyboard}");

    let out = h.say_n(&u, "0912 34", 2).await;
    assert!(saw(&out, lang, &Msg::RegBadPhone));
    let out = h.say_n(&u, "+84 912.345.678", 2).await;
    assert!(saw(&out, lang, &Msg::RegPhoneSaved { phone: "+84912345678".into() }), "{out:#?}");
    assert!(out[0].reply_markup.as_ref().is_some_and(|m| m["remove_keyboard"] == true), "keyboard removed");

    let out = h.say_n(&u, "lan@caphe", 2).await;
    assert!(saw(&out, lang, &Msg::RegBadEmail));
    let out = h.tap(&u, with_button(&out, "r:skip"), "r:skip").await;
    assert!(saw(&out, lang, &Msg::RegAskCount { max: 10 }), "{out:#?}");

    let out = h.say_n(&u, "11", 2).await;
    assert!(saw(&out, lang, &Msg::RegBadCount { max: 10 }));
    let out = h.tap(&u, with_button(&out, "r:n:2"), "r:n:2").await;
    assert!(saw(&out, lang, &Msg::RegAskNames { count: 2 }));
    let out = h.say_n(&u, "Trần Văn Bình", 2).await;
    assert!(saw(&out, lang, &Msg::RegBadNamesCount { expected: 2, got: 1 }));
    let out = h.say(&u, "1. Trần Văn Bình\n2. H'Hen Niê").await;
    assert!(saw(&out, lang, &Msg::RegAskTax));

    let out = h.say_n(&u, "0100109107", 2).await;
    assert!(saw(&out, lang, &Msg::RegBadTaxCheck));
    let out = h.say(&u, "0100109106").await;
    let summary = last_text(&out);
    for part in ["Công ty TNHH Cà phê Ea Kar", "0100109106", "+84912345678", "• Trần Văn Bình", "• H'Hen Niê"]
    {
        assert!(summary.contains(part), "{part} missing in {summary}");
    }

    let done = h.tap(&u, with_button(&out, "r:c"), "r:c").await;
    let regs = registrations_of(&h, id).await;
    assert_eq!(regs.len(), 1);
    let reg = &regs[0];
    assert_eq!(reg.status, RegistrationStatus::Confirmed);
    assert_eq!(reg.details.phone, "+84912345678");
    assert_eq!(reg.details.email, None);
    assert_eq!(reg.details.tax_code.as_deref(), Some("0100109106"));
    assert_eq!(reg.attendees.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Trần Văn Bình", "H'Hen Niê"]);
    let code = reg.code().to_string();
    assert!(last_text(&done).contains(&code), "the confirmation carries the code {code}: {done:#?}");
    assert_eq!(RegistrationCode::parse(&code).map(|c| c.id()), Some(reg.id));
    h.finish().await;
}

#[tokio::test]
async fn a_shared_contact_gives_the_phone_but_only_the_users_own() {
    let h = Harness::start().await;
    let id = course(&h, "Tiết kiệm năng lượng trong lò hơi", 30, 10, 8).await;
    let u = user(102);
    let out = open_registration(&h, &u, id).await;
    h.tap(&u, with_button(&out, "r:ok"), "r:ok").await;
    h.say(&u, "HTX Gạch Krông Pắc").await;
    h.say(&u, "Y Bhin Niê").await;
    h.say(&u, "Chủ nhiệm").await;

    let mark = h.emu.mark();
    let other = serde_json::json!({"contact": {"phone_number": "84987654321", "first_name": "Ai", "user_id": 9999}});
    h.emu.send_private(&u, other);
    let out = h.replies(mark, 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegContactNotYours), "{out:#?}");

    let mark = h.emu.mark();
    let own = serde_json::json!({"contact": {"phone_number": "84912000111", "first_name": "Y Bhin", "user_id": 102}});
    h.emu.send_private(&u, own);
    let out = h.replies(mark, 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegPhoneSaved { phone: "+84912000111".into() }), "{out:#?}");
    assert!(saw(&out, Lang::Vi, &Msg::RegAskEmail));
    h.finish().await;
}

#[tokio::test]
async fn a_returning_user_reuses_the_last_details_and_cannot_register_twice() {
    let h = Harness::start().await;
    let first = course(&h, "Khóa 1: Nhận diện cơ hội SXSH", 60, 10, 8).await;
    let second = course(&h, "Khóa 2: Đánh giá SXSH chi tiết", 60, 20, 18).await;
    let u = user(103);
    register(&h, &u, first, &["Nguyễn Thị Lan"]).await;

    // The same course again: no second registration, a pointer to /myregistrations.
    let out = open_registration(&h, &u, first).await;
    let code = registrations_of(&h, first).await[0].code().to_string();
    assert!(saw(&out, Lang::Vi, &Msg::RegAlready { code, title: "Khóa 1: Nhận diện cơ hội SXSH".into() }), "{out:#?}");

    // Another course: no consent again, the last details offered.
    let out = open_registration(&h, &u, second).await;
    assert!(!saw(&out, Lang::Vi, &Msg::RegConsent), "consent is asked once");
    assert!(last_text(&out).contains("Công ty TNHH Cà phê Ea Kar"), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "r:same"), "r:same").await;
    let out = h.tap(&u, with_button(&out, "r:n:1"), "r:n:1").await;
    let out = h.tap(&u, with_button(&out, "r:me"), "r:me").await;
    h.tap(&u, with_button(&out, "r:c"), "r:c").await;
    let regs = registrations_of(&h, second).await;
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0].details.contact, "Nguyễn Thị Lan");
    assert_eq!(regs[0].attendees[0].name, "Nguyễn Thị Lan");
    h.finish().await;
}

#[tokio::test]
async fn a_full_course_offers_the_waitlist_and_a_cancellation_promotes_it_in_order() {
    let h = Harness::start().await;
    let id = course(&h, "Quản lý nước thải chế biến tinh bột sắn", 2, 10, 8).await;
    let (a, b, c) = (user(201), user(202), user(203));
    register(&h, &a, id, &["Người A Một", "Người A Hai"]).await;

    let out = register(&h, &b, id, &["Người B"]).await;
    assert!(
        last_text(&out).contains(&shown(
            Lang::Vi,
            &Msg::RegWaitlisted {
                code: registrations_of(&h, id).await[1].code().to_string(),
                title: "Quản lý nước thải chế biến tinh bột sắn".into(),
                place: 1,
            }
        )),
        "{out:#?}"
    );
    let out = register(&h, &c, id, &["Người C"]).await;
    let second_in_line = Msg::RegWaitlisted {
        code: registrations_of(&h, id).await[2].code().to_string(),
        title: "Quản lý nước thải chế biến tinh bột sắn".into(),
        place: 2,
    };
    assert!(last_text(&out).contains(&shown(Lang::Vi, &second_in_line)), "{out:#?}");
    let course_now = services::courses::get(&h.pool, id).await.expect("db").expect("course");
    assert_eq!((course_now.taken, course_now.waiting), (2, 2));

    // A cancels from /myregistrations: both waiting registrations fit and are promoted.
    let mine = h.say(&a, "/myregistrations").await;
    let a_reg = registrations_of(&h, id).await.into_iter().find(|r| r.user_id == 201).expect("A's registration");
    let ask = h.tap(&a, with_button(&mine, &format!("u:c:{}", a_reg.id)), &format!("u:c:{}", a_reg.id)).await;
    let mark = h.emu.mark();
    h.emu.click(&a, with_button(&ask, &format!("u:y:{}", a_reg.id)), &format!("u:y:{}", a_reg.id));
    let out = h.replies(mark, 3).await;
    assert_eq!(common::sent_to(&out, 202).len(), 1, "B is told: {out:#?}");
    assert_eq!(common::sent_to(&out, 203).len(), 1, "C is told");
    let regs = registrations_of(&h, id).await;
    assert!(regs.iter().all(|r| r.status == RegistrationStatus::Confirmed && r.user_id != 201), "{regs:#?}");
    h.finish().await;
}

#[tokio::test]
async fn registration_is_refused_after_the_deadline() {
    let h = Harness::start().await;
    let id = course(&h, "Khóa đã hết hạn", 60, 5, -1).await;
    let u = user(104);
    let out = h.say(&u, "/courses").await;
    let details = h.tap(&u, with_button(&out, &format!("k:d:{id}")), &format!("k:d:{id}")).await;
    assert!(!details[0].buttons().iter().any(|(_, d)| d.starts_with("k:r:")), "no Register button");
    // An old Register button still gets a clear refusal.
    let out = h.tap(&u, &details[0], &format!("k:r:{id}")).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegClosedDeadline { deadline: day(-1).to_string() }), "{out:#?}");
    assert!(registrations_of(&h, id).await.is_empty());
    h.finish().await;
}

#[tokio::test]
async fn two_hundred_users_racing_for_the_last_ten_seats_get_exactly_ten() {
    let h = Harness::start().await;
    let id = course(&h, "Khóa đông người", 60, 10, 8).await;
    let details = Details {
        enterprise: "DN".into(),
        contact: "Người Liên Hệ".into(),
        position: "Kỹ thuật".into(),
        phone: "+84912345678".into(),
        email: None,
        tax_code: None,
    };
    // 50 seats already taken.
    for n in 0..50 {
        let uid = 10_000 + n;
        sxsh_bot::services::users::record(&h.pool, &sender(uid)).await.expect("user");
        let new = NewRegistration {
            course_id: id,
            user_id: uid,
            details: details.clone(),
            attendees: vec!["Học Viên".into()],
            update_id: None,
        };
        services::registrations::register(&h.pool, &new, Utc::now()).await.expect("registered");
    }
    let mut tasks = Vec::new();
    for n in 0..200 {
        let uid = 20_000 + n;
        sxsh_bot::services::users::record(&h.pool, &sender(uid)).await.expect("user");
        let pool = h.pool.clone();
        let new = NewRegistration {
            course_id: id,
            user_id: uid,
            details: details.clone(),
            attendees: vec!["Học Viên".into()],
            update_id: None,
        };
        tasks.push(tokio::spawn(async move { services::registrations::register(&pool, &new, Utc::now()).await }));
    }
    let mut confirmed = 0;
    let mut waitlisted = 0;
    for t in tasks {
        match t.await.expect("task").expect("no error, no database lock") {
            Registered::Confirmed { .. } => confirmed += 1,
            Registered::Waitlisted { .. } => waitlisted += 1,
        }
    }
    assert_eq!((confirmed, waitlisted), (10, 190));
    let c = services::courses::get(&h.pool, id).await.expect("db").expect("course");
    assert_eq!((c.taken, c.waiting), (60, 190));
    h.finish().await;
}

#[tokio::test]
async fn a_registration_dialogue_survives_a_restart() {
    let mut h = Harness::start().await;
    let id = course(&h, "Khóa học qua khởi động lại", 60, 10, 8).await;
    let u = user(105);
    let out = open_registration(&h, &u, id).await;
    h.tap(&u, with_button(&out, "r:ok"), "r:ok").await;
    h.say(&u, "Công ty Cao su Đắk Lắk").await;
    h.say(&u, "Lê Văn Hùng").await;
    h.restart().await;
    let out = h.say(&u, "Quản đốc").await;
    assert!(saw(&out, Lang::Vi, &Msg::RegAskPhone), "the dialogue continues where it was: {out:#?}");
    h.finish().await;
}

#[tokio::test]
async fn a_replayed_confirmation_after_a_crash_never_registers_twice() {
    let mut h = Harness::start().await;
    let id = course(&h, "Khóa học và cập nhật lặp lại", 60, 10, 8).await;
    let u = user(106);
    let out = open_registration(&h, &u, id).await;
    h.tap(&u, with_button(&out, "r:ok"), "r:ok").await;
    h.say(&u, "Công ty Gỗ Buôn Ma Thuột").await;
    h.say(&u, "Phạm Thị Hoa").await;
    h.say(&u, "Giám đốc").await;
    h.say_n(&u, "0905123456", 2).await;
    let out = h.say(&u, "hoa@gobmt.vn").await;
    let out = h.tap(&u, with_button(&out, "r:n:1"), "r:n:1").await;
    let out = h.tap(&u, with_button(&out, "r:me"), "r:me").await;
    let out = h.tap(&u, with_button(&out, "r:skip"), "r:skip").await;
    // The state just before the confirmation, as a crash would leave it.
    let before = common::stored_dialogue(&h, 106).await;
    h.tap(&u, with_button(&out, "r:c"), "r:c").await;
    let confirm_update = h.emu.last_update_id();
    assert_eq!(registrations_of(&h, id).await.len(), 1);

    // Crash after the registration was stored, before the dialogue's reset and the mark that
    // the update was handled were saved: the state
    // is back at the summary and Telegram delivers the same update again.
    let mark = h.crash_and_redeliver(106, &before, confirm_update).await;
    let out = h.replies(mark, 1).await;
    let regs = registrations_of(&h, id).await;
    assert_eq!(regs.len(), 1, "registered once");
    assert!(last_text(&out).contains(&regs[0].code().to_string()), "the same confirmation again: {out:#?}");
    // Telegram refuses to answer the same query twice and to remove a keyboard already
    // gone; the bot carries on regardless.
    for r in h.emu.take_rejections() {
        assert!(r.method == "answerCallbackQuery" || r.method == "editMessageReplyMarkup", "unexpected refusal {r:?}");
    }
    h.finish().await;
}

#[tokio::test]
async fn reminders_go_out_the_day_before_once_and_only_from_the_configured_hour() {
    let h = Harness::start().await;
    let id = course(&h, "Khóa học ngày mai", 60, 1, 0).await;
    let u = user(107);
    register(&h, &u, id, &["Nguyễn Thị Lan"]).await;
    let bot = common::outbound(&h);
    let today = vn_today(Utc::now());
    let at = |hour: u32| -> DateTime<Utc> {
        let local = today.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("time"));
        local.and_local_timezone(vn_zone()).single().expect("a time").with_timezone(&Utc)
    };

    assert_eq!(sxsh_bot::worker::remind(&bot, &h.pool, at(7), 8).await.expect("pass"), 0, "too early");
    let mark = h.emu.mark();
    assert_eq!(sxsh_bot::worker::remind(&bot, &h.pool, at(9), 8).await.expect("pass"), 1);
    let out = h.replies(mark, 1).await;
    let code = registrations_of(&h, id).await[0].code().to_string();
    assert!(last_text(&out).contains(&code) && last_text(&out).contains("Khóa học ngày mai"), "{out:#?}");
    let cancel = format!("u:c:{}", registrations_of(&h, id).await[0].id);
    assert!(out[0].buttons().iter().any(|(_, d)| *d == cancel), "a cancel button");
    assert_eq!(sxsh_bot::worker::remind(&bot, &h.pool, at(10), 8).await.expect("pass"), 0, "sent once");
    h.finish().await;
}

#[tokio::test]
async fn people_who_looked_but_did_not_register_hear_the_day_before_the_deadline() {
    let h = Harness::start().await;
    let id = course(&h, "Khóa sắp hết hạn", 60, 5, 1).await;
    let (looker, registered) = (user(108), user(109));
    let list = h.say(&looker, "/courses").await;
    h.tap(&looker, with_button(&list, &format!("k:d:{id}")), &format!("k:d:{id}")).await;
    register(&h, &registered, id, &["Người Đã Đăng Ký"]).await;
    let bot = common::outbound(&h);
    let mark = h.emu.mark();
    assert_eq!(sxsh_bot::worker::nudge(&bot, &h.pool, Utc::now(), 0).await.expect("pass"), 1);
    let out = h.replies(mark, 1).await;
    assert_eq!(out[0].chat_id, 108);
    assert!(out[0].buttons().iter().any(|(_, d)| *d == format!("k:r:{id}")));
    assert_eq!(sxsh_bot::worker::nudge(&bot, &h.pool, Utc::now(), 0).await.expect("pass"), 0, "once");
    h.finish().await;
}

#[tokio::test]
async fn an_admin_creates_a_course_field_by_field_with_re_asks_and_an_edit() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    let lang = Lang::Vi;
    let out = h.say_n(&admin, "/newcourse", 2).await;
    assert!(saw(&out, lang, &Msg::NewcourseAskTitle));
    h.say(&admin, "Tập huấn SXSH cho doanh nghiệp chế biến nông sản").await;
    let out = h.say(&admin, "Nội dung: đánh giá nhanh.\nĐối tượng: lãnh đạo, kỹ thuật viên.").await;
    assert!(saw(&out, lang, &Msg::NewcourseAskLocation));
    h.say(&admin, "Huyện Ea Kar, Đắk Lắk").await;
    let out = h.say_n(&admin, "31/02/2030", 2).await;
    assert!(saw(&out, lang, &Msg::FormNoSuchDay));
    let out = h.say_n(&admin, "ngày mai", 2).await;
    assert!(saw(&out, lang, &Msg::FormBadDate));
    let yesterday = day(-1).to_string();
    let out = h.say_n(&admin, &yesterday, 2).await;
    assert!(saw(&out, lang, &Msg::FormStartsInPast));
    let starts = day(30).to_string();
    h.say(&admin, &starts).await;
    let out = h.say_n(&admin, &day(29).to_string(), 2).await;
    assert!(saw(&out, lang, &Msg::FormEndsBeforeStart));
    h.say(&admin, &day(31).to_string()).await;
    let out = h.say_n(&admin, "không giới hạn", 2).await;
    assert!(saw(&out, lang, &Msg::FormBadCapacity { max: 1000 }));
    h.say(&admin, "60").await;
    let out = h.say_n(&admin, &day(31).to_string(), 2).await;
    assert!(saw(&out, lang, &Msg::FormDeadlineAfterStart));
    let out = h.say(&admin, &day(25).to_string()).await;
    assert!(last_text(&out).contains("60"), "{out:#?}");

    let out = h.tap(&admin, with_button(&out, "n:e"), "n:e").await;
    let out = h.tap(&admin, with_button(&out, "n:f:5"), "n:f:5").await;
    assert!(saw(&out, lang, &Msg::NewcourseAskCapacity { max: 1000 }));
    let out = h.say(&admin, "40").await;
    h.tap(&admin, with_button(&out, "n:ok"), "n:ok").await;

    let all = services::courses::all(&h.pool).await.expect("courses");
    assert_eq!(all.len(), 1);
    let c = &all[0];
    assert_eq!(c.fields.title, "Tập huấn SXSH cho doanh nghiệp chế biến nông sản");
    assert_eq!(c.fields.capacity.get(), 40);
    assert_eq!(c.fields.starts, day(30));
    assert_eq!(c.fields.deadline, day(25));
    assert!(c.fields.description.contains('\n'), "line breaks kept");
    h.finish().await;
}

#[tokio::test]
async fn admins_see_registrations_export_rosters_take_attendance_and_cancel_a_course() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    let id = course(&h, "Sản xuất gạch không nung", 60, 10, 8).await;
    let u = user(110);
    register(&h, &u, id, &["Đỗ Văn Nam", "Võ Thị Mai"]).await;

    let list = h.say(&admin, "/registrations").await;
    let view = h.tap(&admin, with_button(&list, &format!("a:v:{id}")), &format!("a:v:{id}")).await;
    let text = last_text(&view);
    assert!(text.contains("2/60") && text.contains("Công ty TNHH Cà phê Ea Kar"), "{text}");

    // Export: an .xlsx and a .csv document.
    let files = h.tap_n(&admin, with_button(&view, &format!("a:x:{id}")), &format!("a:x:{id}"), 2).await;
    let names: Vec<_> = files.iter().filter_map(|o| o.file_name.clone()).collect();
    assert_eq!(names, [format!("roster-course-{id}.xlsx"), format!("roster-course-{id}.csv")]);

    // Attendance: tap a name, it is marked.
    let sheet = h.tap(&admin, with_button(&view, &format!("a:t:{id}:0")), &format!("a:t:{id}:0")).await;
    let attendee = registrations_of(&h, id).await[0].attendees[0].id;
    let toggle = format!("a:m:{attendee}:{id}:0");
    let sheet = h.tap(&admin, with_button(&sheet, &toggle), &toggle).await;
    assert!(sheet[0].buttons().iter().any(|(l, _)| l == "☑ Đỗ Văn Nam"), "{sheet:#?}");
    assert!(registrations_of(&h, id).await[0].attendees[0].attended);

    // A user's forged admin button changes nothing.
    let mine = h.say(&u, "/myregistrations").await;
    let out = h.tap(&u, &mine[0], &format!("a:K:{id}")).await;
    assert!(saw(&out, Lang::Vi, &Msg::NotAdmin));
    let c = services::courses::get(&h.pool, id).await.expect("db").expect("course");
    assert_eq!(c.status, CourseStatus::Open);

    // Cancel: asked first, then every registrant is told.
    let view = h.tap(&admin, with_button(&list, &format!("a:v:{id}")), &format!("a:v:{id}")).await;
    let ask = h.tap(&admin, with_button(&view, &format!("a:k:{id}")), &format!("a:k:{id}")).await;
    let mark = h.emu.mark();
    h.emu.click(&admin, with_button(&ask, &format!("a:K:{id}")), &format!("a:K:{id}"));
    let out = h.replies(mark, 2).await;
    let told = common::sent_to(&out, 110);
    assert_eq!(told.len(), 1, "{out:#?}");
    assert!(told[0].text.as_deref().unwrap_or_default().contains("Sản xuất gạch không nung"));
    let c = services::courses::get(&h.pool, id).await.expect("db").expect("course");
    assert_eq!(c.status, CourseStatus::Cancelled);
    h.finish().await;
}

#[tokio::test]
async fn non_admins_cannot_create_courses() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let u = user(111);
    let out = h.say(&u, "/newcourse").await;
    assert!(saw(&out, Lang::Vi, &Msg::NotAdmin));
    let out = h.say(&u, "Khóa học giả").await;
    assert!(!saw(&out, Lang::Vi, &Msg::NewcourseAskDescription), "no form was opened");
    assert!(services::courses::all(&h.pool).await.expect("courses").is_empty());
    h.finish().await;
}

#[tokio::test]
async fn registering_again_offers_to_change_the_registration_within_the_seats_left() {
    let h = Harness::start().await;
    let id = course(&h, "Khóa học có sửa đăng ký", 3, 10, 8).await;
    let u = user(112);
    register(&h, &u, id, &["Nguyễn Thị Lan"]).await;
    let reg_id = registrations_of(&h, id).await[0].id;

    let out = open_registration(&h, &u, id).await;
    let edit = format!("u:e:{reg_id}");
    let out = h.tap(&u, with_button(&out, &edit), &edit).await;
    let out = h.tap(&u, with_button(&out, "r:same"), "r:same").await;
    // One seat is the registration's own, two are free: at most three.
    assert!(saw(&out, Lang::Vi, &Msg::RegAskCount { max: 3 }), "{out:#?}");
    let out = h.say_n(&u, "4", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegBadCount { max: 3 }));
    h.say(&u, "3").await;
    let out = h.say(&u, "Nguyễn Thị Lan\nTrần Văn Bình\nLê Thị Cúc").await;
    let done = h.tap(&u, with_button(&out, "r:c"), "r:c").await;
    let code = RegistrationCode::from_id(reg_id).to_string();
    assert!(saw(&done, Lang::Vi, &Msg::RegUpdated { code, title: "Khóa học có sửa đăng ký".into() }), "{done:#?}");
    let regs = registrations_of(&h, id).await;
    assert_eq!(regs.len(), 1, "the same registration, changed");
    assert_eq!(regs[0].id, reg_id);
    assert_eq!(regs[0].seats(), 3);
    h.finish().await;
}

#[tokio::test]
async fn two_hundred_users_confirming_at_once_through_the_bot_get_exactly_the_ten_seats_left() {
    let mut h = Harness::start().await;
    let id = course(&h, "Khóa học tranh chỗ", 10, 10, 8).await;
    let users: Vec<TestUser> = (0..200).map(|n| user(40_000 + n)).collect();
    // Everyone is at the summary, as if each had answered every question.
    for u in &users {
        h.emu.register_chat(u);
        let name = || PersonName::parse("Nguyễn Văn An").expect("a name");
        let form = sxsh_bot::bot::state::RegForm {
            enterprise: Some("Công ty TNHH Chế biến Nông sản".into()),
            contact: Some(name()),
            position: Some("Giám đốc".into()),
            phone: Some(Phone::parse("+84912345678").expect("a phone")),
            count: Some(1),
            names: vec![name()],
            ..Default::default()
        };
        let state = sxsh_bot::bot::state::State::Registering {
            course_id: id,
            step: sxsh_bot::bot::state::RegStep::Confirm,
            form,
        };
        sqlx::query("INSERT INTO dialogues (chat_id, state, updated_at) VALUES (?1, ?2, 0)")
            .bind(u.id)
            .bind(serde_json::to_string(&state).expect("state as JSON"))
            .execute(&h.pool)
            .await
            .expect("dialogue stored");
    }
    // The bot reads which chats have a dialogue when it starts (it writes every later one).
    h.restart().await;
    // All 200 tap Confirm at the same moment (on a summary Telegram no longer shows).
    let mark = h.emu.mark();
    for u in &users {
        let summary = Outgoing {
            seq: 0,
            method: "sendMessage".into(),
            chat_id: u.id,
            message_id: 1,
            html: None,
            text: None,
            reply_markup: None,
            file_name: None,
        };
        h.emu.click(u, &summary, "r:c");
    }
    let out = h.replies(mark, 200).await;
    let replies: Vec<_> = out.iter().filter(|o| o.method == "sendMessage").collect();
    assert_eq!(replies.len(), 200, "everyone got an answer, nobody an apology");
    let apology = shown(Lang::Vi, &Msg::ErrorApology);
    assert!(replies.iter().all(|o| o.text.as_deref() != Some(apology.as_str())));
    let regs = registrations_of(&h, id).await;
    let confirmed = regs.iter().filter(|r| r.status == RegistrationStatus::Confirmed).count();
    let waiting = regs.iter().filter(|r| r.status == RegistrationStatus::Waitlisted).count();
    assert_eq!((confirmed, waiting), (10, 190));
    h.finish().await;
}

#[tokio::test]
async fn an_admin_closes_reopens_and_edits_a_course_and_register_follows() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    let id = course(&h, "Khóa học đóng mở", 1, 10, 8).await;
    let (a, b) = (user(120), user(121));
    register(&h, &a, id, &["Người Thứ Nhất"]).await;
    register(&h, &b, id, &["Người Thứ Hai"]).await;
    assert_eq!(registrations_of(&h, id).await[1].status, RegistrationStatus::Waitlisted);

    // Closed: /register has nothing open, an old Register button is refused.
    let list = h.say(&admin, "/registrations").await;
    let view = h.tap(&admin, with_button(&list, &format!("a:v:{id}")), &format!("a:v:{id}")).await;
    let view = h.tap(&admin, with_button(&view, &format!("a:s:{id}")), &format!("a:s:{id}")).await;
    assert!(has(&view, &format!("a:o:{id}")), "a Reopen button now: {view:#?}");
    let u = user(122);
    let out = h.say(&u, "/register").await;
    assert!(saw(&out, Lang::Vi, &Msg::CoursesNone), "{out:#?}");
    let out = h.tap(&u, &out[0], &format!("k:r:{id}")).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegClosedCentre));

    // Reopened: /register goes straight into the dialogue for the only open course.
    h.tap(&admin, with_button(&view, &format!("a:o:{id}")), &format!("a:o:{id}")).await;
    let out = h.say(&u, "/register").await;
    assert!(saw(&out, Lang::Vi, &Msg::RegConsent), "{out:#?}");
    h.say(&u, "/cancel").await;

    // Editing the course: two seats instead of one promotes the waitlist.
    let out = h.tap(&admin, with_button(&view, &format!("a:e:{id}")), &format!("a:e:{id}")).await;
    let out = h.tap(&admin, with_button(&out, "n:e"), "n:e").await;
    let out = h.tap(&admin, with_button(&out, "n:f:5"), "n:f:5").await;
    assert!(saw(&out, Lang::Vi, &Msg::NewcourseAskCapacity { max: 1000 }));
    let out = h.say(&admin, "2").await;
    let mark = h.emu.mark();
    h.emu.click(&admin, with_button(&out, "n:ok"), "n:ok");
    let out = h.replies(mark, 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::CourseUpdated { title: "Khóa học đóng mở".into() }), "{out:#?}");
    assert_eq!(common::sent_to(&out, 121).len(), 1, "the waitlisted user is told: {out:#?}");
    let regs = registrations_of(&h, id).await;
    assert!(regs.iter().all(|r| r.status == RegistrationStatus::Confirmed));
    assert_eq!(services::courses::get(&h.pool, id).await.expect("db").expect("course").fields.capacity.get(), 2);
    h.finish().await;
}

#[tokio::test]
async fn faq_the_waitlist_answer_is_what_a_full_course_does() {
    common::faq_claims("khoa-hoc-het-cho", &["danh sách chờ", "tự động"], &["waitlist", "automatically"]);
    let h = Harness::start().await;
    let id = course(&h, "Kiểm toán năng lượng cho lò hơi", 1, 10, 8).await;
    let (a, b) = (user(211), user(212));
    register(&h, &a, id, &["Người A"]).await;
    // The course is full: the next person is put on the waiting list, not turned away.
    register(&h, &b, id, &["Người B"]).await;
    let statuses: Vec<_> = registrations_of(&h, id).await.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted]);
    // When a seat frees up, the first in line gets it without doing anything.
    let a_reg = registrations_of(&h, id).await.into_iter().find(|r| r.user_id == 211).expect("A's registration");
    let mine = h.say(&a, "/myregistrations").await;
    let ask = h.tap(&a, with_button(&mine, &format!("u:c:{}", a_reg.id)), &format!("u:c:{}", a_reg.id)).await;
    let mark = h.emu.mark();
    h.emu.click(&a, with_button(&ask, &format!("u:y:{}", a_reg.id)), &format!("u:y:{}", a_reg.id));
    let out = h.replies(mark, 2).await;
    assert_eq!(common::sent_to(&out, 212).len(), 1, "B is told: {out:#?}");
    let regs = registrations_of(&h, id).await;
    assert_eq!(regs.len(), 1);
    assert_eq!((regs[0].user_id, regs[0].status), (212, RegistrationStatus::Confirmed));
    h.finish().await;
}

#[tokio::test]
async fn faq_the_reminder_answer_is_what_the_reminder_does() {
    common::faq_claims("nhac-lich-khoa-hoc", &["ngày trước", "xác nhận"], &["day before", "confirmed"]);
    let h = Harness::start().await;
    let id = course(&h, "Khóa học ngày mai", 1, 1, 0).await;
    let (confirmed, waiting) = (user(221), user(222));
    register(&h, &confirmed, id, &["Nguyễn Thị Lan"]).await;
    register(&h, &waiting, id, &["Trần Văn Nam"]).await;
    let bot = common::outbound(&h);
    let nine = vn_today(Utc::now()).and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("time"));
    let at = nine.and_local_timezone(vn_zone()).single().expect("a time").with_timezone(&Utc);
    let mark = h.emu.mark();
    // The day before the course, confirmed registrations only.
    assert_eq!(sxsh_bot::worker::remind(&bot, &h.pool, at, 8).await.expect("pass"), 1);
    let out = h.replies(mark, 1).await;
    assert_eq!(out.iter().map(|o| o.chat_id).collect::<Vec<_>>(), vec![221], "{out:#?}");
    // A course that starts in three days is not reminded yet.
    let later = course(&h, "Khóa học tuần sau", 5, 3, 1).await;
    register(&h, &user(223), later, &["Lê Thị Hoa"]).await;
    assert_eq!(sxsh_bot::worker::remind(&bot, &h.pool, at, 8).await.expect("pass"), 0);
    h.finish().await;
}

#[tokio::test]
async fn faq_a_registration_is_changed_with_its_edit_button() {
    let edit_vi = shown(Lang::Vi, &Msg::ButtonEditRegistrationCode { code: String::new() });
    let edit_en = shown(Lang::En, &Msg::ButtonEditRegistrationCode { code: String::new() });
    let (edit_vi, edit_en) =
        (edit_vi.trim().trim_start_matches("✏️").trim(), edit_en.trim().trim_start_matches("✏️").trim());
    common::faq_claims("cap-nhat-thong-tin", &["/myregistrations", edit_vi], &["/myregistrations", edit_en]);
    let h = Harness::start().await;
    let id = course(&h, "Sử dụng nước tiết kiệm", 10, 10, 8).await;
    let u = user(231);
    register(&h, &u, id, &["Nguyễn Thị Lan"]).await;
    let reg = registrations_of(&h, id).await.remove(0);
    let mine = h.say(&u, "/myregistrations").await;
    let data = format!("u:e:{}", reg.id);
    let button = with_button(&mine, &data);
    let label = button.buttons().into_iter().find(|(_, d)| *d == data).map(|(l, _)| l).unwrap_or_default();
    assert!(label.contains(edit_vi), "{label}");
    // Tapping it opens the registration for changes, keeping the seat.
    let out = h.tap(&u, button, &data).await;
    assert!(!out.is_empty());
    assert_eq!(registrations_of(&h, id).await[0].status, RegistrationStatus::Confirmed);
    h.say(&u, "/cancel").await;
    h.finish().await;
}
