//! Hostile input, by property: every parser of user or file input, the text folding and the
//! FAQ search, fed arbitrary strings and bytes (emoji, right-to-left text, zero-width and
//! control characters, thousands of characters), never panic, and where a result comes back
//! it keeps its promises (round trips, idempotence, bounds). Case counts are chosen so the
//! whole file runs in well under a minute in a debug build on two cores; `FUZZ_CASES=N`
//! multiplies them by N for a longer hunt.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use sxsh_bot::bot::callback::{BcAction, Callback, FormAction, MenuItem, RegAction};
use sxsh_bot::domain::broadcast::parse_when;
use sxsh_bot::domain::centre::{self, CentreMessage};
use sxsh_bot::domain::course::{clean_text, Capacity, VnDate, MAX_CAPACITY};
use sxsh_bot::domain::faq::normalize::{fold, nfc, telex, vni, words};
use sxsh_bot::domain::faq::{Decision, Index};
use sxsh_bot::domain::input;
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::domain::registration::{
    parse_count, parse_names, Email, PersonName, Phone, RegistrationCode, TaxCode, MAX_NAME,
};
use sxsh_bot::services::faq::{file, question_key};

/// Text a hostile or unlucky user may send: Vietnamese with and without marks, decomposed
/// marks, emoji (with joiners and skin tones), Arabic and Hebrew, zero-width and direction
/// marks, control characters, CSV and HTML syntax, and anything else Unicode allows.
fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z0-9 ]{1,8}",
        3 => prop::sample::select(vec![
            "Sản xuất", "sạch hơn", "đđĐ", "xuaats", "sa3n", "hoà", "hòa", "ỹ", "ƯỜ", "kiểm toán năng lượng",
            "a\u{0301}", "e\u{0302}\u{0301}", "\u{0323}", "i\u{0307}", "İ", "ß", "ﬁ", "Ⅻ", "½", "١٢٣",
            "😀", "👩‍👩‍👧", "👍🏽", "🇻🇳", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{202E}", "\u{2066}",
            "مرحبا", "שלום", "\u{0000}", "\u{0007}", "\r\n", "\t", "\u{0085}", "\u{2028}",
            "\"", ",", ";", ":", "/", "<b>", "&amp;", "--", "'", "\\", "%", "_",
        ]).prop_map(str::to_owned),
        2 => any::<char>().prop_map(|c| c.to_string()),
        1 => "\\PC{1,4}",
    ];
    prop::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

/// `base` cases, times `FUZZ_CASES` when set.
fn cases(base: u32) -> u32 {
    base * std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).max(1)
}

fn faq_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(&file::read(file::DEFAULT).expect("the built-in FAQ parses")))
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2027-03-01T00:00:00Z").expect("time").with_timezone(&Utc)
}

/// Every callback the bot can encode, with ids in the ranges the database and menus produce
/// (row ids are positive; topics, pages and list positions are small).
fn any_callback() -> impl Strategy<Value = Callback> {
    let id = 0..=i64::MAX;
    let small = 0usize..10_000;
    let slug = "[a-z0-9_-]{1,40}";
    let reg = prop_oneof![
        Just(RegAction::Agree),
        Just(RegAction::Disagree),
        Just(RegAction::Reuse),
        Just(RegAction::Fresh),
        any::<u32>().prop_map(RegAction::Count),
        Just(RegAction::Myself),
        Just(RegAction::Skip),
        Just(RegAction::Confirm),
        Just(RegAction::Cancel),
    ];
    let form = prop_oneof![
        small.clone().prop_map(FormAction::Field),
        Just(FormAction::Confirm),
        Just(FormAction::Edit),
        Just(FormAction::Cancel),
        Just(FormAction::Skip),
    ];
    let bc = prop_oneof![
        Just(BcAction::Everyone),
        Just(BcAction::BySector),
        Just(BcAction::ByDistrict),
        Just(BcAction::ByCourse),
        small.clone().prop_map(BcAction::Sector),
        small.clone().prop_map(BcAction::District),
        small.clone().prop_map(BcAction::Group),
        small.clone().prop_map(BcAction::WholeGroup),
        small.clone().prop_map(BcAction::Area),
        id.clone().prop_map(BcAction::Course),
        Just(BcAction::Continue),
        Just(BcAction::NoButton),
        id.clone().prop_map(BcAction::Button),
        Just(BcAction::Now),
        Just(BcAction::Schedule),
        Just(BcAction::Confirm),
        Just(BcAction::Cancel),
    ];
    let simple = prop::sample::select(vec![
        Callback::Menu(MenuItem::Ask),
        Callback::Menu(MenuItem::Courses),
        Callback::Menu(MenuItem::News),
        Callback::Menu(MenuItem::Contact),
        Callback::Menu(MenuItem::Lang),
        Callback::SetLang(Lang::Vi),
        Callback::SetLang(Lang::En),
        Callback::ContactSend,
        Callback::ContactCancel,
        Callback::BrowseHome,
        Callback::CourseList,
        Callback::MyRegistrations,
        Callback::AdminCourses,
        Callback::ProfileStart,
        Callback::ProfileLater,
        Callback::ProfileSkip,
        Callback::ProfileAreaGroups,
        Callback::ProfilePlace,
    ]);
    prop_oneof![
        simple,
        slug.prop_map(Callback::FaqShow),
        (slug, any::<bool>()).prop_map(|(id, helpful)| Callback::Feedback { id, helpful }),
        id.clone().prop_map(Callback::Forward),
        id.clone().prop_map(Callback::Reply),
        (0usize..1000, small.clone()).prop_map(|(topic, page)| Callback::BrowseTopic { topic, page }),
        (0usize..1000, small.clone(), slug).prop_map(|(topic, page, id)| Callback::BrowseShow { topic, page, id }),
        id.clone().prop_map(Callback::CourseDetails),
        id.clone().prop_map(Callback::CourseRegister),
        reg.prop_map(Callback::Reg),
        id.clone().prop_map(Callback::CancelAsk),
        id.clone().prop_map(Callback::CancelYes),
        id.clone().prop_map(Callback::EditRegistration),
        id.clone().prop_map(Callback::AdminCourse),
        id.clone().prop_map(Callback::AdminExport),
        (id.clone(), small.clone()).prop_map(|(course, page)| Callback::Attendance { course, page }),
        (id.clone(), id.clone(), small.clone()).prop_map(|(attendee, course, page)| Callback::Attend {
            attendee,
            course,
            page
        }),
        id.clone().prop_map(Callback::AdminEdit),
        id.clone().prop_map(Callback::AdminOpen),
        id.clone().prop_map(Callback::AdminClose),
        id.clone().prop_map(Callback::AdminCancelAsk),
        id.clone().prop_map(Callback::AdminCancelYes),
        form.prop_map(Callback::Form),
        small.clone().prop_map(Callback::ProfileSector),
        small.clone().prop_map(Callback::ProfileDistrict),
        small.clone().prop_map(Callback::ProfileArea),
        small.prop_map(Callback::ProfileAreaGroup),
        bc.prop_map(Callback::Bc),
        id.prop_map(Callback::BroadcastStop),
    ]
}

/// Strings shaped like callback data: known prefixes, separators, numbers and junk.
fn callback_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "m",
            "l",
            "c",
            "f",
            "q",
            "k",
            "r",
            "u",
            "a",
            "n",
            "s",
            "b",
            "ask",
            "vi",
            "en",
            "send",
            "h",
            "stop",
            "btn",
            "K",
            "ok",
            "x",
            "skip",
            "-1",
            "+7",
            "007",
            "18446744073709551616",
            "9223372036854775808",
            "",
        ])
        .prop_map(str::to_owned),
        "[0-9]{1,20}",
        "\\PC{0,3}",
    ];
    prop::collection::vec(piece, 1..7).prop_map(|v| v.join(":"))
}

/// A FAQ file: the right header (mostly), then rows of cells that may hold anything CSV can
/// quote, a wrong number of cells, or broken quoting.
fn faq_file() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        4 => "[a-z0-9-]{1,12}",
        4 => nasty_text(6),
        1 => "[a-z]{41,45}",
        1 => Just(String::new()),
    ];
    let quoted = prop_oneof![
        5 => cell.clone(),
        2 => cell.prop_map(|c| format!("\"{}\"", c.replace('"', "\"\""))),
        1 => Just("\"unterminated".to_owned()),
    ];
    let row = prop::collection::vec(quoted, 1..9).prop_map(|cells| cells.join(","));
    let header = prop_oneof![
        8 => Just(file::HEADER.join(",")),
        1 => Just("\u{FEFF}".to_owned() + &file::HEADER.join(",")),
        1 => "[a-z_,]{0,40}",
    ];
    let newline = prop::sample::select(vec!["\n", "\r\n", "\r"]);
    (header, prop::collection::vec((row, newline), 0..12)).prop_map(|(h, rows)| {
        let mut out = h;
        out.push('\n');
        for (r, nl) in rows {
            out.push_str(&r);
            out.push_str(nl);
        }
        out.into_bytes()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn folding_and_word_splitting_are_stable(text in nasty_text(40)) {
        let once = fold(&text);
        prop_assert_eq!(fold(&once), once.clone(), "folding twice is folding once");
        let composed = nfc(&text).into_owned();
        prop_assert_eq!(nfc(&composed).into_owned(), composed.clone());
        let w = words(&text);
        prop_assert!(w.iter().all(|w| !w.is_empty()));
        prop_assert_eq!(words(&w.join(" ")), w.clone(), "the words of the words are the words");
        for word in &w {
            let folded = fold(word);
            if let Some(t) = telex(&folded) {
                prop_assert!(t.bytes().all(|b| b.is_ascii_lowercase()), "{}", t);
            }
            if let Some(v) = vni(&folded) {
                prop_assert!(v.bytes().all(|b| b.is_ascii_lowercase()), "{}", v);
            }
        }
    }

    #[test]
    fn the_faq_search_answers_anything_without_panicking(text in nasty_text(60)) {
        let index = faq_index();
        let key = question_key(&text);
        prop_assert_eq!(question_key(&key), key.clone(), "the grouping key of a key is itself");
        let hits = index.search(&text);
        prop_assert!(hits.iter().all(|h| h.score.is_finite() && h.score > 0.0 && (0.0..=1.0).contains(&h.coverage)));
        prop_assert!(hits.windows(2).all(|p| p[0].score >= p[1].score), "best first");
        prop_assert_eq!(index.search(&text), hits.clone(), "the same question gets the same hits");
        match index.decide_hits(&hits) {
            Decision::Confident(best) => prop_assert_eq!(best, hits[0]),
            Decision::Ambiguous(offered) => prop_assert!(!offered.is_empty() && offered.len() <= 3),
            Decision::Unknown => {}
        }
    }

    #[test]
    fn a_question_is_cut_to_a_prefix_within_the_limit(text in nasty_text(80), max in 0usize..200) {
        let (cut, was_cut) = input::cut(&text, max);
        prop_assert!(text.trim().starts_with(cut));
        prop_assert!(cut.chars().count() <= max);
        if !was_cut {
            prop_assert_eq!(cut, text.trim());
        }
    }

    #[test]
    fn callback_data_round_trips_within_64_bytes(cb in any_callback()) {
        let data = cb.encode();
        prop_assert!(data.len() <= 64, "{} is {} bytes", data, data.len());
        prop_assert_eq!(Callback::decode(&data), Some(cb));
    }

    #[test]
    fn any_callback_data_decodes_or_is_refused_without_panicking(
        data in prop_oneof![callback_like(), "\\PC{0,64}", any::<Vec<u8>>().prop_map(|b| String::from_utf8_lossy(&b).into_owned())]
    ) {
        if let Some(cb) = Callback::decode(&data) {
            let again = cb.encode();
            prop_assert_eq!(Callback::decode(&again), Some(cb), "{}", data);
            if data.len() <= 64 {
                prop_assert!(again.len() <= 64, "{} re-encodes as {}", data, again);
            }
        }
    }

    #[test]
    fn faq_files_import_or_report_every_problem_by_line(bytes in faq_file()) {
        check_faq_file(&bytes)?;
    }

    #[test]
    fn arbitrary_bytes_are_never_a_crash_for_the_faq_importer(bytes in any::<Vec<u8>>()) {
        check_faq_file(&bytes)?;
        let mut with_header = file::HEADER.join(",").into_bytes();
        with_header.push(b'\n');
        with_header.extend_from_slice(&bytes);
        check_faq_file(&with_header)?;
    }

    #[test]
    fn dates_and_times_parse_or_are_refused(
        text in prop_oneof![nasty_text(6), "[0-9]{1,3}[/.-][0-9]{1,3}[/.-][0-9]{1,5}( [0-9]{1,2}[:h.][0-9]{1,2})?"]
    ) {
        if let Ok(d) = VnDate::parse(&text) {
            prop_assert_eq!(VnDate::parse(&d.to_string()), Ok(d), "DD/MM/YYYY round trips");
            prop_assert_eq!(VnDate::from_iso(&d.iso()), Some(d));
        }
        if let Ok(at) = parse_when(&text, now()) {
            prop_assert!(at > now());
        }
    }

    #[test]
    fn numbers_parse_within_their_bounds(text in prop_oneof![nasty_text(4), "[ +-]?[0-9]{1,12} ?"], max in 0u32..50) {
        if let Ok(c) = Capacity::parse(&text) {
            prop_assert!((1..=MAX_CAPACITY).contains(&c.get()));
            prop_assert_eq!(Capacity::parse(&c.get().to_string()), Ok(c));
        }
        if let Ok(n) = parse_count(&text, max) {
            prop_assert!(n >= 1 && n <= max);
        }
    }

    #[test]
    fn typed_fields_are_clean_bounded_and_stable(text in nasty_text(30), max in 1usize..60, keep_lines in any::<bool>()) {
        if let Ok(clean) = clean_text(&text, max, keep_lines) {
            prop_assert!(!clean.is_empty() && clean.chars().count() <= max);
            prop_assert_eq!(clean_text(&clean, max, keep_lines), Ok(clean.clone()), "cleaning twice is cleaning once");
        }
        if let Ok(name) = PersonName::parse(&text) {
            prop_assert!(name.as_str().chars().count() <= MAX_NAME);
            prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
        }
        if let Ok(message) = CentreMessage::parse(&text) {
            prop_assert!(message.as_str().chars().count() <= centre::MAX_CHARS);
            prop_assert_eq!(CentreMessage::parse(message.as_str()), Ok(message.clone()));
        }
        let expected = (text.len() % 4) as u32;
        if let Ok(names) = parse_names(&text, expected) {
            prop_assert_eq!(names.len() as u32, expected);
        }
    }

    #[test]
    fn contact_details_parse_to_a_canonical_form(
        text in prop_oneof![
            nasty_text(8),
            "[+]?(84|0)[0-9 .-]{8,14}",
            "[a-z0-9._%+-]{1,12}@[a-z0-9.-]{1,12}(\\.[a-z]{2,3})?",
            "[0-9 .-]{9,16}",
            "tel:[+0-9;=a-z-]{1,20}",
            "[+]?[0-9]{1,3} ?[(]?[0-9 ]{1,6}[)]? ?[0-9 #*x;,]{0,12}(ext|x|#)?[0-9]{0,6}",
        ]
    ) {
        if let Ok(phone) = Phone::parse(&text) {
            prop_assert!(phone.as_str().starts_with('+'), "{}", phone.as_str());
            prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone.clone()));
        }
        if let Ok(email) = Email::parse(&text) {
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
        }
        if let Ok(tax) = TaxCode::parse(&text) {
            prop_assert!(matches!(tax.as_str().len(), 10 | 14), "{}", tax.as_str());
            prop_assert_eq!(TaxCode::parse(tax.as_str()), Ok(tax.clone()));
        }
    }

    #[test]
    fn registration_codes_round_trip_and_junk_is_refused(
        id in 0i64..(1 << 60),
        junk in prop_oneof![nasty_text(6), "(DK-|dk-)?[A-Z2-9]{0,14}"],
    ) {
        let code = RegistrationCode::from_id(id);
        let shown = code.to_string();
        prop_assert!(shown.starts_with("DK-"));
        prop_assert_eq!(RegistrationCode::parse(&shown), Some(code));
        prop_assert_eq!(RegistrationCode::parse(&shown.to_lowercase()), Some(code));
        // Whatever junk parses is a code of its own: shown, it reads back as itself.
        if let Some(parsed) = RegistrationCode::parse(&junk) {
            prop_assert_eq!(RegistrationCode::parse(&parsed.to_string()), Some(parsed));
            prop_assert_eq!(RegistrationCode::from_id(parsed.id()), parsed);
        }
    }
}

fn check_faq_file(bytes: &[u8]) -> Result<(), TestCaseError> {
    let lines = 1 + bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() as u64;
    match file::read(bytes) {
        Ok(entries) => {
            prop_assert!(!entries.is_empty());
            let written = file::write(&entries).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(file::read(&written), Ok(entries), "export then import gives the same FAQ");
        }
        Err(errors) => {
            prop_assert!(!errors.is_empty());
            for e in &errors {
                prop_assert!(e.line >= 1 && e.line <= lines, "line {} of {}: {}", e.line, lines, e.message);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(12), ..ProptestConfig::default() })]

    /// Telegram's longest message, and far longer pasted text, made of the same nasty pieces.
    #[test]
    fn huge_questions_are_searched_and_cut_without_trouble(text in nasty_text(1500)) {
        let index = faq_index();
        let _ = index.decide(&text);
        let (cut, _) = input::cut(&text, input::MAX_QUESTION);
        let _ = index.decide(cut);
    }
}

#[test]
fn a_question_of_forty_thousand_characters_is_searched_in_time_linear_in_its_length() {
    let index = faq_index();
    // The same mix at one tenth and at full length: a search that grows faster than the text
    // (quadratic: a hundred times longer) fails, whatever else the machine is doing.
    let time = |n: usize| {
        let long = "sản xuất sạch hơn là gì xuaats 😀\u{200B} ".repeat(120 * n);
        let started = std::time::Instant::now();
        let _ = index.decide(&long);
        let _ = index.decide(&"a".repeat(10_000 * n));
        let _ = index.decide(&"\u{0301}".repeat(2_000 * n));
        started.elapsed()
    };
    let _ = time(1);
    let (short, long) = (time(1), time(10));
    assert!(long < short * 40, "ten times the text took {long:?} against {short:?}");
}
