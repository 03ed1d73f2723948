//! The SXSH self-assessment end to end: a whole assessment gives a chart, scores and actions
//! that open FAQ entries; it resumes after a restart; a retake shows the change per area; a
//! consultation request reaches the admins and is marked handled; `/assessments` is for
//! admins only and exports a spreadsheet; a bad question file is rejected whole (service and
//! command line); erasure keeps the figures tied to no one.

use crate::common;
use common::{saw, with_button};

use chrono::Utc;
use common::{shown, user, Harness};
use sxsh_bot::domain::assessment::{plan, Area, Sector};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::{Outgoing, TestUser};
use sxsh_bot::i18n::Msg;
use sxsh_bot::services;
use sxsh_bot::services::assessment::ImportError;

const ADMIN: i64 = 500;
const BIN: &str = env!("CARGO_BIN_EXE_sxsh-bot");

fn contains(out: &[Outgoing], part: &str) -> bool {
    out.iter().any(|o| o.text.as_deref().is_some_and(|t| t.contains(part)))
}

/// The answer buttons (`e:a:n:c`) of the last question shown, if any.
fn question(out: &[Outgoing]) -> Option<(Outgoing, Vec<String>)> {
    let q = out.iter().rev().find(|o| o.buttons().iter().any(|(_, d)| d.starts_with("e:a:")))?;
    let answers = q.buttons().into_iter().map(|(_, d)| d).filter(|d| d.starts_with("e:a:")).collect();
    Some((q.clone(), answers))
}

/// A course open for registration, starting in ten days.
async fn open_course(h: &Harness) -> i64 {
    use sxsh_bot::domain::course::{vn_today, Capacity, CourseFields, VnDate};
    let day = |d: u64| VnDate::from_date(vn_today(Utc::now()).checked_add_days(chrono::Days::new(d)).expect("date"));
    let fields = CourseFields {
        title: "Tập huấn sản xuất sạch hơn ngành cà phê".into(),
        description: "Hai ngày thực hành.".into(),
        location: "Buôn Ma Thuột".into(),
        starts: day(10),
        ends: day(11),
        capacity: Capacity::new(30).expect("capacity"),
        deadline: day(8),
    };
    services::courses::create(&h.pool, &fields, None, Utc::now()).await.expect("course")
}

/// How many questions a plant in `sector` is asked with the shipped set.
async fn total(h: &Harness, sector: Sector) -> usize {
    let qs = services::assessment::questions(&h.pool).await.expect("questions");
    plan(&qs, sector).len()
}

/// Starts `/assessment` and picks the sector; returns the first question.
async fn begin(h: &Harness, u: &TestUser, sector: Sector) -> Vec<Outgoing> {
    let out = h.say(u, "/assessment").await;
    assert!(saw(&out, Lang::Vi, &Msg::AssessIntro), "{out:#?}");
    let i = Sector::ALL.iter().position(|s| *s == sector).expect("a sector");
    let data = format!("e:s:{i}");
    h.tap(u, with_button(&out, &data), &data).await
}

/// Answers `count` questions from `out` on. `pick` is the standard answer's index (0 Có,
/// 1 Một phần, 2 Chưa, 3 Không rõ); a multiple choice gets its best option for 0, a middle
/// one for 1 and its lowest for 2 and 3. Returns what the last tap brought.
async fn answer(h: &Harness, u: &TestUser, mut out: Vec<Outgoing>, count: usize, pick: usize) -> Vec<Outgoing> {
    let questions = services::assessment::questions(&h.pool).await.expect("questions");
    for _ in 0..count {
        let (message, answers) = question(&out).unwrap_or_else(|| panic!("a question: {out:#?}"));
        let text = message.text.clone().unwrap_or_default();
        let q = questions.iter().find(|q| text.contains(&q.text_vi)).expect("a known question");
        let points: Vec<u8> = q.choices.iter().map(|c| c.points).collect();
        let index = match (points.is_empty(), pick) {
            (true, p) => p.min(answers.len() - 1),
            (false, 0) => points.iter().position(|p| *p == 100).unwrap_or(0),
            (false, 1) => points.iter().position(|p| (1..100).contains(p)).unwrap_or(0),
            (false, _) => points.iter().position(|p| Some(p) == points.iter().min()).unwrap_or(0),
        };
        out = h.tap(u, &message, &answers[index]).await;
    }
    out
}

/// A whole assessment with one kind of answer; returns the result (photo and actions).
async fn assess(h: &Harness, u: &TestUser, sector: Sector, pick: usize) -> Vec<Outgoing> {
    let first = begin(h, u, sector).await;
    let n = total(h, sector).await;
    let mark = h.emu.mark();
    answer(h, u, first, n, pick).await;
    // The result comes in two messages (the chart, then the actions).
    h.replies(mark, n + 1).await
}

#[tokio::test]
async fn a_whole_assessment_gives_a_chart_scores_and_actions_that_open_the_faq() {
    let h = Harness::start().await;
    let u = user(201);
    let n = total(&h, Sector::Coffee).await;
    let course = open_course(&h).await;
    assert!((12..=20).contains(&n), "{n} questions");

    let first = begin(&h, &u, Sector::Coffee).await;
    assert!(contains(&first, &format!("Câu 1/{n}")), "progress: {first:#?}");
    let (_, answers) = question(&first).expect("the first question");
    assert_eq!(answers.len(), 4, "Có / Một phần / Chưa / Không rõ");

    // Text is not an answer: the buttons are asked for, with the question again.
    let out = h.say_n(&u, "có", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::AssessUseButtons), "{out:#?}");
    assert!(contains(&out, &format!("Câu 1/{n}")));

    // Back from question 2 returns to question 1.
    let out = answer(&h, &u, out, 1, 0).await;
    assert!(contains(&out, &format!("Câu 2/{n}")), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "e:b"), "e:b").await;
    assert!(contains(&out, &format!("Câu 1/{n}")), "{out:#?}");

    // Everything "Một phần" (the second option of multiple choices).
    let mark = h.emu.mark();
    answer(&h, &u, out, n, 1).await;
    let result = h.replies(mark, n + 1).await;
    let photo = result.iter().find(|o| o.method == "sendPhoto").unwrap_or_else(|| panic!("a chart: {result:#?}"));
    let png = h.emu.file(photo).expect("the chart's bytes");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let caption = photo.text.clone().unwrap_or_default();
    assert!(caption.encode_utf16().count() <= 1024);
    let stored = services::assessment::latest(&h.pool, 201).await.expect("db").expect("the result is stored");
    assert_eq!(stored.sector, Sector::Coffee);
    assert_eq!(stored.answers.len(), n);
    assert!(caption.contains(&format!("{}/100", stored.scores.overall)), "{caption}");
    let energy = shown(
        Lang::Vi,
        &Msg::AssessCaptionLine {
            area: "Năng lượng".into(),
            score: i64::from(stored.scores.area(Area::Energy).expect("energy asked")),
        },
    );
    assert!(caption.contains(&energy), "{energy} in {caption}");

    // 3 to 5 actions, each opening its FAQ entry; then consult and later.
    let actions = result.last().expect("the actions");
    assert!(actions.text.as_deref().is_some_and(|t| t.contains("Việc nên làm trước")), "{actions:#?}");
    let links: Vec<String> = actions.buttons().into_iter().map(|(_, d)| d).filter(|d| d.starts_with("f:a:")).collect();
    assert!((3..=5).contains(&links.len()), "{links:?}");
    assert!(actions.buttons().iter().any(|(_, d)| d == "e:c") && actions.buttons().iter().any(|(_, d)| d == "e:l"));
    assert!(actions.buttons().iter().any(|(_, d)| *d == format!("k:d:{course}")), "the upcoming course");
    let faq = h.tap(&u, actions, &links[0]).await;
    assert!(faq.iter().any(|o| o.text.as_deref().is_some_and(|t| t.len() > 100)), "an FAQ answer: {faq:#?}");

    let later = h.tap(&u, actions, "e:l").await;
    assert!(saw(&later, Lang::Vi, &Msg::AssessLater));
    h.finish().await;
}

#[tokio::test]
async fn an_assessment_resumes_where_it_stopped_after_a_restart() {
    let mut h = Harness::start().await;
    let u = user(202);
    let n = total(&h, Sector::Wood).await;
    let first = begin(&h, &u, Sector::Wood).await;
    let out = answer(&h, &u, first, 5, 2).await;
    assert!(contains(&out, &format!("Câu 6/{n}")), "{out:#?}");

    h.restart().await;

    // The button on the question shown before the restart still works.
    let (message, answers) = question(&out).expect("question 6");
    let out = h.tap(&u, &message, &answers[0]).await;
    assert!(contains(&out, &format!("Câu 7/{n}")), "{out:#?}");
    // An old button (question 1) changes nothing: the message already shows question 7.
    let mark = h.emu.mark();
    h.emu.click(&u, &message, "e:a:0:0");
    h.replies(mark, 0).await;
    // /assessment continues the same one.
    let out = h.say_n(&u, "/assessment", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::AssessResume), "{out:#?}");
    assert!(contains(&out, &format!("Câu 7/{n}")), "{out:#?}");

    let mark = h.emu.mark();
    answer(&h, &u, out, n - 6, 0).await;
    let result = h.replies(mark, n - 6 + 1).await;
    assert!(result.iter().any(|o| o.method == "sendPhoto"), "{result:#?}");
    let stored = services::assessment::latest(&h.pool, 202).await.expect("db").expect("stored");
    assert_eq!(stored.answers.len(), n);
    h.finish().await;
}

#[tokio::test]
async fn a_retake_shows_the_change_in_every_area() {
    let h = Harness::start().await;
    let u = user(203);
    // First time: nothing done yet ("Không rõ", or the last option of a multiple choice).
    let first = assess(&h, &u, Sector::Bricks, 3).await;
    let photo = first.iter().find(|o| o.method == "sendPhoto").expect("chart");
    assert!(photo.text.as_deref().is_some_and(|t| t.contains("0/100")), "{photo:#?}");

    // Later: everything done.
    let again = assess(&h, &u, Sector::Bricks, 0).await;
    let caption = again.iter().find(|o| o.method == "sendPhoto").and_then(|o| o.text.clone()).expect("caption");
    for area in ["Quản lý nội vi", "Năng lượng", "Nước"] {
        let line = shown(Lang::Vi, &Msg::AssessCaptionChange { area: area.into(), score: 100, change: "+100".into() });
        assert!(caption.contains(&line), "{line} in {caption}");
    }
    assert!(caption.contains("Lần trước ("), "{caption}");
    assert!(saw(&again, Lang::Vi, &Msg::AssessNoActions) || contains(&again, "🎉"), "{again:#?}");
    let taken = services::assessment::latest(&h.pool, 203).await.expect("db").expect("stored");
    assert_eq!(taken.scores.overall, 100);
    h.finish().await;
}

#[tokio::test]
async fn a_consultation_request_reaches_the_admins_and_is_marked_handled() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    h.say(&admin, "/start").await;
    let u = user(204);
    let result = assess(&h, &u, Sector::Cassava, 2).await;

    let out = h.tap(&u, with_button(&result, "e:c"), "e:c").await;
    assert!(saw(&out, Lang::Vi, &Msg::ConsultConsent), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "e:ok"), "e:ok").await;
    assert!(saw(&out, Lang::Vi, &Msg::ConsultAskEnterprise), "{out:#?}");
    let out = h.say(&u, "Cơ sở tinh bột sắn Hòa Thuận").await;
    assert!(saw(&out, Lang::Vi, &Msg::ConsultAskPhone), "{out:#?}");
    let out = h.say_n(&u, "0912 34", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegBadPhone), "{out:#?}");
    let keyboard = out.iter().rev().find_map(|o| o.reply_markup.clone()).expect("the share-phone keyboard");
    assert_eq!(keyboard["keyboard"][0][0]["request_contact"], true, "{keyboard}");
    // Someone else's contact is refused; one's own shared number is taken.
    let mark = h.emu.mark();
    let other = serde_json::json!({"contact": {"phone_number": "84987654321", "first_name": "Ai", "user_id": 9999}});
    h.emu.send_private(&u, other);
    let out = h.replies(mark, 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::RegContactNotYours), "{out:#?}");
    let mark = h.emu.mark();
    let own = serde_json::json!({"contact": {"phone_number": "84912345678", "first_name": "Lan", "user_id": 204}});
    h.emu.send_private(&u, own);
    let out = h.replies(mark, 2).await;
    assert!(contains(&out, "+84912345678"), "{out:#?}");
    let mark = h.emu.mark();
    h.emu.send_text(&u, "Thu hồi tinh bột trong nước thải");
    let out = h.replies(mark, 2).await;
    let request = sqlx::query_scalar::<_, i64>("SELECT id FROM consultation_requests WHERE user_id = 204")
        .fetch_one(&h.pool)
        .await
        .expect("stored");
    assert!(saw(&out, Lang::Vi, &Msg::ConsultSent { id: request }), "{out:#?}");
    let to_admin = common::sent_to(&out, ADMIN);
    assert_eq!(to_admin.len(), 1, "{out:#?}");
    let note = &to_admin[0];
    for part in ["Cơ sở tinh bột sắn Hòa Thuận", "+84912345678", "Thu hồi tinh bột trong nước thải"]
    {
        assert!(note.text.as_deref().is_some_and(|t| t.contains(part)), "{part} in {note:#?}");
    }

    // A second request asks nothing known already: consent, enterprise and phone are reused.
    let out = h.tap(&u, with_button(&result, "e:c"), "e:c").await;
    assert!(contains(&out, "Cơ sở tinh bột sắn Hòa Thuận") && contains(&out, "+84912345678"), "{out:#?}");
    h.say(&u, "/cancel").await;

    // `/assessments` lists it, with its own "handled" button.
    let handled = format!("e:h:{request}");
    let out = h.say_n(&admin, "/assessments", 2).await;
    let figures = out.iter().rev().find(|o| o.method == "sendMessage").expect("figures");
    let text = figures.text.clone().unwrap_or_default();
    assert!(text.contains(&shown(Lang::Vi, &Msg::AdminAssessRequestsTitle { count: 1 })), "{text}");
    assert!(text.contains("Thu hồi tinh bột trong nước thải"), "{text}");
    assert!(figures.buttons().iter().any(|(_, d)| *d == handled), "{figures:#?}");
    // The /admin panel counts today's self-assessment and the request waiting.
    let panel = h.say(&admin, "/admin").await;
    let panel_text = panel[0].text.clone().unwrap_or_default();
    assert!(panel_text.contains("Lượt tự đánh giá SXSH: 1; yêu cầu tư vấn đang chờ xử lý: 1"), "{panel_text}");

    // The admin handles it from the notification; the person is told.
    let out = h.tap_n(&admin, note, &handled, 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::AdminConsultHandled { id: request }), "{out:#?}");
    let told = common::sent_to(&out, 204);
    assert!(saw(&told, Lang::Vi, &Msg::ConsultHandledNotice { id: request }), "{out:#?}");
    // A second tap (another admin's copy, or the same one again) changes nothing.
    let out = h.tap(&admin, note, &handled).await;
    assert!(saw(&out, Lang::Vi, &Msg::AdminConsultAlready { id: request }), "{out:#?}");
    assert!(common::sent_to(&out, 204).is_empty(), "told once");
    let status: String = sqlx::query_scalar("SELECT status FROM consultation_requests WHERE id = ?1")
        .bind(request)
        .fetch_one(&h.pool)
        .await
        .expect("status");
    assert_eq!(status, "handled");

    let panel = h.say(&admin, "/admin").await;
    assert!(panel[0].text.as_deref().is_some_and(|t| t.contains("yêu cầu tư vấn đang chờ xử lý: 0")), "{panel:#?}");

    // The centre's figures: the chart, the counts, no open request; and the spreadsheet.
    let out = h.say_n(&admin, "/assessments", 2).await;
    assert!(out.iter().any(|o| o.method == "sendPhoto"), "{out:#?}");
    let figures = out.iter().rev().find(|o| o.method == "sendMessage").expect("figures");
    let text = figures.text.clone().unwrap_or_default();
    assert!(text.contains(&shown(Lang::Vi, &Msg::AdminAssessRequestsTitle { count: 0 })), "{text}");
    assert!(text.contains("Tinh bột sắn"), "by sector: {text}");
    let out = h.tap(&admin, figures, "e:x").await;
    let file = out.iter().find(|o| o.method == "sendDocument").expect("the spreadsheet");
    assert_eq!(file.file_name.as_deref(), Some("ket-qua-tu-danh-gia-sxsh.xlsx"));
    let bytes = h.emu.file(file).expect("bytes");
    assert_eq!(&bytes[..2], b"PK", "an XLSX (zip) file");
    h.finish().await;
}

#[tokio::test]
async fn a_non_admin_is_refused_at_assessments_and_its_buttons() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let u = user(205);
    let out = h.say(&u, "/assessments").await;
    assert!(saw(&out, Lang::Vi, &Msg::NotAdmin), "{out:#?}");
    assert_eq!(out.len(), 1);
    let menu = h.say(&u, "/start").await;
    let out = h.tap(&u, &menu[0], "e:x").await;
    assert!(saw(&out, Lang::Vi, &Msg::NotAdmin), "{out:#?}");
    assert!(!out.iter().any(|o| o.method == "sendDocument"));
    h.finish().await;
}

#[tokio::test]
async fn the_main_menu_opens_the_assessment() {
    let h = Harness::start().await;
    let u = user(206);
    let menu = h.say(&u, "/start").await;
    let out = h.tap(&u, with_button(&menu, "e:go"), "e:go").await;
    assert!(saw(&out, Lang::Vi, &Msg::AssessIntro), "{out:#?}");
    h.finish().await;
}

/// A file with a wrong area on one line and a duplicate id on another.
fn bad_file() -> String {
    let good = String::from_utf8(services::assessment::file::DEFAULT.to_vec()).expect("UTF-8");
    let mut lines: Vec<String> = good.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replacen(",housekeeping,", ",air,", 1);
    let duplicate = lines[1].clone();
    lines.push(duplicate);
    lines.join("\n")
}

#[tokio::test]
async fn a_bad_question_file_is_rejected_whole_with_its_lines() {
    let h = Harness::start().await;
    let before = services::assessment::questions(&h.pool).await.expect("questions");
    let Err(ImportError::Invalid(errors)) = services::assessment::import(&h.pool, bad_file().as_bytes()).await else {
        panic!("the file must be refused");
    };
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    let last = u64::try_from(bad_file().lines().count()).expect("lines");
    assert_eq!(lines, vec![4, last], "{errors:?}");
    assert_eq!(services::assessment::questions(&h.pool).await.expect("questions"), before, "nothing imported");

    // A good file (fewer questions) replaces the set, and export gives it back.
    let good = String::from_utf8(services::assessment::file::DEFAULT.to_vec()).expect("UTF-8");
    let fewer: Vec<&str> = good.lines().take(16).collect();
    let n = services::assessment::import(&h.pool, fewer.join("\n").as_bytes()).await.expect("imported");
    assert_eq!(n, 15);
    let exported = services::assessment::export(&h.pool).await.expect("export");
    assert_eq!(services::assessment::file::read(&exported, None).expect("valid").len(), 15);
    h.finish().await;
}

#[tokio::test]
async fn the_command_line_exports_imports_all_or_nothing_and_writes_results() {
    let dir = tempfile::tempdir().expect("dir");
    let db = format!("sqlite:{}", dir.path().join("bot.db").display());
    let run = |args: &[&str]| {
        std::process::Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .env_clear()
            .env("DATABASE_URL", &db)
            .output()
            .expect("runs")
    };
    let out = run(&["assessment", "export", "questions.csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let exported = std::fs::read(dir.path().join("questions.csv")).expect("written");
    assert_eq!(
        exported,
        services::assessment::file::write(
            &services::assessment::file::read(services::assessment::file::DEFAULT, None).expect("default")
        )
        .expect("writes")
    );

    std::fs::write(dir.path().join("bad.csv"), bad_file()).expect("write");
    let out = run(&["assessment", "import", "bad.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 4") && stderr.contains("nothing was imported"), "{stderr}");

    let out = run(&["assessment", "import", "questions.csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["assessment", "results", "--out", "results.xlsx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(dir.path().join("results.xlsx")).expect("written").starts_with(b"PK"));
    let out = run(&["assessment", "results", "--out", "results.csv"]);
    assert!(out.status.success());
    let csv = std::fs::read_to_string(dir.path().join("results.csv")).expect("written");
    assert!(csv.starts_with("\u{feff}STT,Ngày,Ngành"), "{csv}");
}

#[tokio::test]
async fn mydata_holds_assessments_and_requests_and_deleteme_unlinks_the_figures() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let u = user(207);
    assess(&h, &u, Sector::Food, 1).await;
    services::assessment::record_consent(&h.pool, 207, 0).await.expect("consent");
    let c = services::assessment::Consult {
        user_id: 207,
        assessment_id: None,
        enterprise: "Cơ sở bánh tráng Phú Lộc",
        phone: "+84912345678",
        need: "Giảm nước rửa",
        update_id: None,
        now: Utc::now(),
    };
    services::assessment::request(&h.pool, &c).await.expect("request");

    let out = h.say_n(&u, "/mydata", 3).await;
    assert!(saw(&out, Lang::Vi, &Msg::MydataAssessments { assessments: 1, requests: 1 }), "{out:#?}");
    let doc = out.iter().find(|o| o.method == "sendDocument").expect("the file");
    let data: serde_json::Value = serde_json::from_slice(&h.emu.file(doc).expect("bytes")).expect("JSON");
    assert_eq!(data["assessments"][0]["sector"], "food");
    assert_eq!(data["consultation_requests"][0]["phone"], "+84912345678");

    let out = h.say(&u, "/privacy").await;
    assert!(saw(&out, Lang::Vi, &Msg::PrivacyAssessment), "{out:#?}");

    let out = h.say_n(&u, "/deleteme", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::DeletemeAssessments), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "d:ok"), "d:ok").await;
    assert!(out.iter().any(|o| o.chat_id == 207), "{out:#?}");
    let linked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assessments WHERE user_id = 207")
        .fetch_one(&h.pool)
        .await
        .expect("count");
    let requests: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM consultation_requests").fetch_one(&h.pool).await.expect("count");
    assert_eq!((linked, requests), (0, 0));
    let figures = services::assessment::summary(&h.pool, Utc::now()).await.expect("summary");
    assert_eq!((figures.total, figures.people), (1, 0), "the score stays, tied to no one");
    h.finish().await;
}

#[tokio::test]
async fn the_profile_gives_the_sector_and_the_commune_for_the_centres_figures() {
    use services::broadcasts::Profile;
    use sxsh_bot::domain::broadcast::Sector as ProfileSector;
    let h = Harness::with_admins(&[ADMIN]).await;
    let u = common::subscriber(&h, 208).await;
    let profile = Profile {
        active: true,
        sector: Some(ProfileSector::ConstructionMaterials),
        area: Some("Ea Kar".into()),
        district: None,
        enterprise: Some("HTX Gạch Ea Kar".into()),
    };
    services::broadcasts::set_profile(&h.pool, 208, &profile, 0).await.expect("profile");
    let n = total(&h, Sector::Bricks).await;

    let out = h.say_n(&u, "/assessment", 2).await;
    assert!(saw(&out, Lang::Vi, &Msg::AssessIntroKnown { sector: "bricks".into() }), "{out:#?}");
    assert!(contains(&out, &format!("Câu 1/{n}")), "{out:#?}");
    // Back on the first question offers the sectors.
    let out = h.tap(&u, with_button(&out, "e:b"), "e:b").await;
    assert!(saw(&out, Lang::Vi, &Msg::AssessIntro), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "e:s:4"), "e:s:4").await;
    let mark = h.emu.mark();
    answer(&h, &u, out, n, 0).await;
    let result = h.replies(mark, n + 1).await;

    // A consultation takes the enterprise from the profile and asks only for the phone.
    let out = h.tap(&u, with_button(&result, "e:c"), "e:c").await;
    let out = h.tap(&u, with_button(&out, "e:ok"), "e:ok").await;
    assert!(saw(&out, Lang::Vi, &Msg::ConsultAskPhone), "{out:#?}");
    h.say(&u, "/cancel").await;

    let taken = services::assessment::latest(&h.pool, 208).await.expect("db").expect("stored");
    assert_eq!((taken.sector, taken.area.as_deref()), (Sector::Bricks, Some("Ea Kar")));
    let admin = user(ADMIN);
    h.say(&admin, "/start").await;
    let out = h.say_n(&admin, "/assessments", 2).await;
    let figures = out.iter().rev().find_map(|o| o.text.clone()).unwrap_or_default();
    assert!(figures.contains("Ea Kar (1 lượt): 100/100"), "{figures}");
    h.finish().await;
}

#[tokio::test]
async fn the_last_answer_delivered_again_after_a_crash_stores_one_result() {
    let mut h = Harness::start().await;
    let u = user(209);
    let n = total(&h, Sector::Rubber).await;
    let first = begin(&h, &u, Sector::Rubber).await;
    let out = answer(&h, &u, first, n - 1, 1).await;
    let before = common::stored_dialogue(&h, 209).await;
    let (message, answers) = question(&out).expect("the last question");
    h.tap(&u, &message, &answers[1]).await;
    let last = h.emu.last_update_id();

    // A crash after the result was stored, before the dialogue's reset and the handled mark.
    let mark = h.crash_and_redeliver(209, &before, last).await;
    let out = h.replies(mark, 2).await;
    assert!(out.iter().any(|o| o.method == "sendPhoto"), "the result again: {out:#?}");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM assessments WHERE user_id = 209")
        .fetch_one(&h.pool)
        .await
        .expect("count");
    assert_eq!(stored, 1, "stored once");
    for r in h.emu.take_rejections() {
        assert!(r.method == "answerCallbackQuery" || r.method == "editMessageReplyMarkup", "unexpected refusal {r:?}");
    }
    h.finish().await;
}

#[tokio::test]
async fn a_consultation_request_delivered_again_after_a_crash_is_stored_and_announced_once() {
    let mut h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    h.say(&admin, "/start").await;
    let u = user(210);
    let result = assess(&h, &u, Sector::Other, 2).await;
    let out = h.tap(&u, with_button(&result, "e:c"), "e:c").await;
    h.tap(&u, with_button(&out, "e:ok"), "e:ok").await;
    h.say(&u, "Xưởng cơ khí Hòa Bình").await;
    h.say_n(&u, "0912 345 678", 2).await;
    let before = common::stored_dialogue(&h, 210).await;
    let mark = h.emu.mark();
    h.emu.send_text(&u, "Giảm tiền điện máy nén khí");
    h.replies(mark, 2).await;
    let last = h.emu.last_update_id();

    let mark = h.crash_and_redeliver(210, &before, last).await;
    let out = h.replies(mark, 1).await;
    let requests: Vec<i64> = sqlx::query_scalar("SELECT id FROM consultation_requests WHERE user_id = 210")
        .fetch_all(&h.pool)
        .await
        .expect("requests");
    assert_eq!(requests.len(), 1, "stored once");
    assert!(saw(&out, Lang::Vi, &Msg::ConsultSent { id: requests[0] }), "confirmed again: {out:#?}");
    assert!(common::sent_to(&out, ADMIN).is_empty(), "the admins are not told twice: {out:#?}");
    h.finish().await;
}

#[tokio::test]
async fn faq_the_assessment_answer_is_what_assessment_does() {
    common::faq_claims(
        "tu-danh-gia-sxsh",
        &["/assessment", "Có, Một phần, Chưa hoặc Không rõ", "0 đến 100", "3–5 việc", "/cancel"],
        &["/assessment", "Yes, Partly, Not yet or Don't know", "0 to 100", "3–5 things", "/cancel"],
    );
    let h = Harness::start().await;
    let u = user(240);
    let out = begin(&h, &u, Sector::Coffee).await;
    // The buttons are the four answers the FAQ names (plus Back), and about 15 questions follow.
    let (message, answers) = question(&out).expect("a question");
    assert_eq!(answers.len(), 4, "{out:#?}");
    let labels: Vec<String> = message.buttons().into_iter().map(|(l, _)| l).collect();
    for choice in 0..4 {
        let label = common::shown(Lang::Vi, &Msg::AssessAnswer { choice });
        assert!(labels.contains(&label), "{label} in {labels:?}");
    }
    let n = total(&h, Sector::Coffee).await;
    assert!((12..=20).contains(&n), "about 15 questions: {n}");
    let mark = h.emu.mark();
    answer(&h, &u, out, n, 2).await;
    let result = h.replies(mark, n + 1).await;
    // Scores per area from 0 to 100, a chart, and 3–5 actions each opening an FAQ answer.
    assert!(result.iter().any(|o| o.method == "sendPhoto"), "a chart");
    let actions = result.iter().flat_map(Outgoing::buttons).filter(|(_, d)| d.starts_with("f:a:")).count();
    assert!((3..=5).contains(&actions), "{actions} actions: {result:#?}");
    h.say(&u, "/cancel").await;
    h.finish().await;
}
