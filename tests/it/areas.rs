//! Places as they are since 1 July 2025, end to end: the profile's place step (typed without
//! diacritics, browsed by former district, nothing matching), profiles made before that still
//! naming a district (shown as a former area, invited once to pick today's unit), and
//! broadcasts to a commune or a former district.

use crate::common;
use common::{saw, with_button};

use std::time::Duration;

use common::{user, Harness};
use serde_json::{json, Value};
use sxsh_bot::domain::broadcast::{BroadcastStatus, Sector};
use sxsh_bot::domain::lang::Lang;
use sxsh_bot::emulator::{Outgoing, TestUser};
use sxsh_bot::i18n::{render_plain, Msg};
use sxsh_bot::services;
use sxsh_bot::services::broadcasts::Profile;

const ADMIN: i64 = 900;

/// A message as plain Vietnamese text (labels, and the arguments of other messages).
fn vi(msg: &Msg) -> String {
    render_plain(Lang::Vi, msg)
}

fn not_given() -> String {
    vi(&Msg::RegNotGiven)
}

/// "xã Ea Kar", "phường Xuân Đài" in a text; "Xã Ea Kar" on a button.
fn area(kind: &str, name: &str) -> String {
    vi(&Msg::AreaName { kind: kind.into(), name: name.into() })
}

fn button(kind: &str, name: &str) -> String {
    vi(&Msg::ButtonArea { kind: kind.into(), name: name.into() })
}

fn group(kind: &str, name: &str) -> String {
    vi(&Msg::AreaGroup { kind: kind.into(), name: name.into() })
}

fn formerly(kind: &str, name: &str) -> String {
    vi(&Msg::AreaFormer { kind: kind.into(), name: name.into() })
}

/// The button labels under the message carrying `data`.
fn labels(out: &[Outgoing], data: &str) -> Vec<String> {
    with_button(out, data).buttons().into_iter().map(|(l, _)| l).collect()
}

/// A subscriber with a profile: a unit (`area`) or, as profiles made before 1 July 2025 hold
/// it, a district's name (`district`).
async fn subscriber(h: &Harness, id: i64, area: Option<&str>, district: Option<&str>) -> TestUser {
    let u = common::subscriber(h, id).await;
    let profile = Profile {
        active: true,
        sector: Some(Sector::AgroForestry),
        area: area.map(str::to_owned),
        district: district.map(str::to_owned),
        enterprise: Some("Công ty Cà phê Ea Kar".into()),
    };
    services::broadcasts::set_profile(&h.pool, id, &profile, 0).await.expect("profile");
    u
}

fn unit(h: &Harness, name: &str) -> usize {
    h.config.areas.position(name).unwrap_or_else(|| panic!("{name} is not in the list"))
}

fn former(h: &Harness, name: &str) -> usize {
    h.config.areas.former(name).unwrap_or_else(|| panic!("{name} is not a former district"))
}

async fn profile(h: &Harness, id: i64) -> Profile {
    services::broadcasts::profile(&h.pool, id).await.expect("db").expect("profile")
}

async fn invited_at(h: &Harness, id: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT area_invited_at FROM subscribers WHERE user_id = ?1")
        .bind(id)
        .fetch_one(&h.pool)
        .await
        .expect("db")
}

/// /profile, skip the sector: the place question.
async fn to_place_step(h: &Harness, u: &TestUser) -> Vec<Outgoing> {
    let out = h.say(u, "/profile").await;
    h.tap(u, with_button(&out, "s:skip"), "s:skip").await
}

/// The subscription part of /mydata's file.
async fn my_subscription(h: &Harness, u: &TestUser) -> Value {
    let out = h.say_n(u, "/mydata", 2).await;
    let doc = out.iter().find(|o| o.method == "sendDocument").unwrap_or_else(|| panic!("a document: {out:#?}"));
    let bytes = h.emu.file(doc).expect("the file's bytes");
    let data: Value = serde_json::from_slice(&bytes).expect("JSON");
    data["subscription"].clone()
}

#[tokio::test]
async fn typing_a_place_without_diacritics_and_tapping_a_match_saves_the_current_unit() {
    let h = Harness::start().await;
    let u = common::subscriber(&h, 401).await;
    let out = to_place_step(&h, &u).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskArea), "{out:#?}");
    assert!(with_button(&out, "s:g").buttons().iter().any(|(_, d)| d == "s:skip"), "skip is still there");

    let out = h.say(&u, "xuan dai").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaMatches), "{out:#?}");
    let xuan_dai = format!("s:a:{}", unit(&h, "Xuân Đài"));
    assert_eq!(labels(&out, &xuan_dai), [button("ward", "Xuân Đài"), vi(&Msg::ButtonAreaBrowse), vi(&Msg::ButtonSkip)]);
    let out = h.tap(&u, with_button(&out, &xuan_dai), &xuan_dai).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskEnterprise), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "s:skip"), "s:skip").await;
    let saved = Msg::ProfileSaved { sector: not_given(), area: area("ward", "Xuân Đài"), enterprise: not_given() };
    assert!(saw(&out, Lang::Vi, &saved), "{out:#?}");
    let p = profile(&h, 401).await;
    assert_eq!((p.area.as_deref(), p.district.as_deref()), (Some("Xuân Đài"), None));
    assert_eq!(my_subscription(&h, &u).await["area"], "Xuân Đài", "/mydata shows the current unit");

    // A former city with its prefix: the ward of that name first, then the others that were in it.
    let out = to_place_step(&h, &u).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskArea));
    let out = h.say(&u, "tp Tuy Hoa").await;
    let tuy_hoa = format!("s:a:{}", unit(&h, "Tuy Hòa"));
    let got = labels(&out, &tuy_hoa);
    let want = [button("ward", "Tuy Hòa"), button("ward", "Phú Yên"), button("ward", "Bình Kiến")];
    assert_eq!(got[..3], want, "{got:?}");
    let song_cau = format!("s:a:{}", unit(&h, "Sông Cầu"));
    let out = h.say(&u, "phuong song cau").await;
    assert_eq!(labels(&out, &song_cau)[0], button("ward", "Sông Cầu"));
    let out = h.tap(&u, with_button(&out, &song_cau), &song_cau).await;
    h.tap(&u, with_button(&out, "s:skip"), "s:skip").await;
    assert_eq!(profile(&h, 401).await.area.as_deref(), Some("Sông Cầu"));
    h.finish().await;
}

#[tokio::test]
async fn a_place_that_matches_nothing_gets_a_polite_answer_an_old_commune_its_unit_and_skip_still_works() {
    let h = Harness::start().await;
    let u = common::subscriber(&h, 402).await;
    to_place_step(&h, &u).await;
    let out = h.say(&u, "Hà Nội").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaNone { query: "Hà Nội".into() }), "{out:#?}");
    assert!(profile(&h, 402).await.area.is_none());
    // A commune from before 1 July 2025: the unit it is part of now, saying so.
    let out = h.say(&u, "hoa khanh").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaMatchesOld { query: "hoa khanh".into() }), "{out:#?}");
    let hoa_phu = format!("s:a:{}", unit(&h, "Hòa Phú"));
    assert_eq!(labels(&out, &hoa_phu)[0], button("commune", "Hòa Phú"));
    let out = h.tap(&u, with_button(&out, "s:skip"), "s:skip").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskEnterprise));
    let out = h.say(&u, "Công ty Xay xát Hòa Phú").await;
    let saved =
        Msg::ProfileSaved { sector: not_given(), area: not_given(), enterprise: "Công ty Xay xát Hòa Phú".into() };
    assert!(saw(&out, Lang::Vi, &saved), "{out:#?}");
    let p = profile(&h, 402).await;
    assert_eq!((p.area, p.district, p.enterprise.as_deref()), (None, None, Some("Công ty Xay xát Hòa Phú")));
    h.finish().await;
}

#[tokio::test]
async fn browsing_by_former_district_lists_its_units_and_saves_the_one_tapped() {
    let h = Harness::start().await;
    let u = common::subscriber(&h, 403).await;
    let out = to_place_step(&h, &u).await;
    let out = h.tap(&u, with_button(&out, "s:g"), "s:g").await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaGroups), "{out:#?}");
    let g = former(&h, "Ea Kar");
    let ea_kar = format!("s:g:{g}");
    let names = labels(&out, &ea_kar);
    assert_eq!(names.len(), 24 + 1, "the 24 former districts and skip: {names:?}");
    assert!(names.contains(&"Ea Kar".to_owned()) && names.contains(&"Tuy Hòa".to_owned()), "{names:?}");

    let out = h.tap(&u, with_button(&out, &ea_kar), &ea_kar).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaGroup { group: group("district", "Ea Kar") }), "{out:#?}");
    let cu_yang = format!("s:a:{}", unit(&h, "Cư Yang"));
    let mut want: Vec<String> =
        ["Ea Kar", "Ea Ô", "Ea Knốp", "Cư Yang", "Ea Păl"].iter().map(|n| button("commune", n)).collect();
    want.extend([vi(&Msg::ButtonAreaGroups), vi(&Msg::ButtonSkip)]);
    assert_eq!(labels(&out, &cu_yang), want);
    // Back to the former districts and into another one, then the unit.
    let out = h.tap(&u, with_button(&out, "s:g"), "s:g").await;
    let song_cau = format!("s:g:{}", former(&h, "Sông Cầu"));
    let out = h.tap(&u, with_button(&out, &song_cau), &song_cau).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAreaGroup { group: group("town", "Sông Cầu") }), "{out:#?}");
    let out = h.tap(&u, with_button(&out, "s:g"), "s:g").await;
    let out = h.tap(&u, with_button(&out, &ea_kar), &ea_kar).await;
    let out = h.tap(&u, with_button(&out, &cu_yang), &cu_yang).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskEnterprise));
    h.tap(&u, with_button(&out, "s:skip"), "s:skip").await;
    assert_eq!(profile(&h, 403).await.area.as_deref(), Some("Cư Yang"));

    // A district button from a menu made before the communes and wards asks for the place again.
    let out = to_place_step(&h, &u).await;
    let mark = h.emu.mark();
    h.emu.click(&u, with_button(&out, "s:g"), "s:d:6");
    let again = h.replies(mark, 1).await;
    assert!(saw(&again, Lang::Vi, &Msg::ProfileAskArea), "{again:#?}");
    assert_eq!(profile(&h, 403).await.area.as_deref(), Some("Cư Yang"), "nothing changed");
    h.finish().await;
}

#[tokio::test]
async fn an_old_profile_is_shown_as_a_former_area_and_its_subscriber_is_invited_once() {
    let h = Harness::start().await;
    let u = subscriber(&h, 404, None, Some("Ea Kar")).await;
    let subscription = my_subscription(&h, &u).await;
    assert_eq!((subscription["area"].clone(), subscription["former_district"].clone()), (Value::Null, json!("Ea Kar")));
    assert_eq!(invited_at(&h, 404).await, None, "/mydata does not invite");

    // The next /start: the greeting, then the invitation naming the former district.
    let out = h.say_n(&u, "/start", 2).await;
    let invite = Msg::AreaInvite { former: formerly("district", "Ea Kar") };
    assert!(saw(&out, Lang::Vi, &invite), "{out:#?}");
    assert!(invited_at(&h, 404).await.is_some(), "the invitation is recorded");
    // Only once.
    let out = h.say(&u, "/start").await;
    assert!(!saw(&out, Lang::Vi, &invite), "{out:#?}");
    let out = h.say(&u, "/help").await;
    assert!(!saw(&out, Lang::Vi, &invite), "{out:#?}");

    // The invitation's button asks only for the place, saying what the profile holds.
    let mark = h.emu.mark();
    h.emu.click(&u, with_button(&h.emu.outgoing(), "s:pl"), "s:pl");
    let out = h.replies(mark, 1).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskAreaFormer { former: formerly("district", "Ea Kar") }), "{out:#?}");
    let out = h.say(&u, "ea kar").await;
    let ea_kar = format!("s:a:{}", unit(&h, "Ea Kar"));
    let out = h.tap(&u, with_button(&out, &ea_kar), &ea_kar).await;
    let saved = Msg::ProfileSaved {
        sector: vi(&Msg::SectorName { sector: "agro".into() }),
        area: area("commune", "Ea Kar"),
        enterprise: "Công ty Cà phê Ea Kar".into(),
    };
    assert!(saw(&out, Lang::Vi, &saved), "sector and name are kept: {out:#?}");
    let p = profile(&h, 404).await;
    assert_eq!((p.area.as_deref(), p.district.as_deref()), (Some("Ea Kar"), None));
    assert_eq!(p.sector, Some(Sector::AgroForestry));
    let subscription = my_subscription(&h, &u).await;
    assert_eq!((subscription["area"].clone(), subscription["former_district"].clone()), (json!("Ea Kar"), Value::Null));
    h.finish().await;
}

#[tokio::test]
async fn an_old_profile_kept_through_profile_stays_a_former_area_and_is_not_invited_again() {
    let h = Harness::start().await;
    let u = subscriber(&h, 405, None, Some("Krông Pắc")).await;
    // /profile asks for the place saying what the profile holds: that is the invitation.
    let out = to_place_step(&h, &u).await;
    assert!(saw(&out, Lang::Vi, &Msg::ProfileAskAreaFormer { former: formerly("district", "Krông Pắc") }), "{out:#?}");
    assert!(invited_at(&h, 405).await.is_some());
    let out = h.tap(&u, with_button(&out, "s:skip"), "s:skip").await;
    let out = h.tap(&u, with_button(&out, "s:skip"), "s:skip").await;
    let saved =
        Msg::ProfileSaved { sector: not_given(), area: formerly("district", "Krông Pắc"), enterprise: not_given() };
    assert!(saw(&out, Lang::Vi, &saved), "{out:#?}");
    let p = profile(&h, 405).await;
    assert_eq!((p.area, p.district.as_deref()), (None, Some("Krông Pắc")), "the old value is kept");
    let out = h.say(&u, "/start").await;
    assert!(!saw(&out, Lang::Vi, &Msg::AreaInvite { former: formerly("district", "Krông Pắc") }), "{out:#?}");
    h.finish().await;
}

/// Waits until the broadcast has nothing left to send.
async fn until_finished(h: &Harness, id: i64) {
    for _ in 0..400 {
        let b = services::broadcasts::get(&h.pool, id).await.expect("db").expect("broadcast");
        if matches!(b.status, BroadcastStatus::Done | BroadcastStatus::Cancelled) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("broadcast {id} did not finish");
}

fn received(h: &Harness, chat: i64, text: &str) -> usize {
    h.emu.outgoing().iter().filter(|o| o.chat_id == chat && o.is_message() && o.text.as_deref() == Some(text)).count()
}

/// The admin sends `text` to the audience the taps choose; returns the broadcast id and the
/// audience message shown last.
async fn broadcast(h: &Harness, admin: &TestUser, text: &str, taps: &[String]) -> (i64, Vec<Outgoing>) {
    h.say(admin, "/broadcast").await;
    let mut out = h.say(admin, text).await;
    for tap in taps {
        out = h.tap(admin, with_button(&out, tap), tap).await;
    }
    let audience = out.clone();
    let out = h.tap(admin, with_button(&out, "b:go"), "b:go").await;
    let out = h.tap_n(admin, with_button(&out, "b:nb"), "b:nb", 3).await;
    h.tap_n(admin, with_button(&out, "b:now"), "b:now", 2).await;
    let id = services::broadcasts::recent(&h.pool, 1).await.expect("db")[0].0.id;
    until_finished(h, id).await;
    (id, audience)
}

#[tokio::test]
async fn a_broadcast_to_a_former_district_reaches_its_units_and_the_old_profiles_naming_it() {
    let h = Harness::with_admins(&[ADMIN]).await;
    let admin = user(ADMIN);
    subscriber(&h, 501, Some("Ea Kar"), None).await;
    subscriber(&h, 502, Some("Cư Yang"), None).await;
    subscriber(&h, 503, None, Some("Ea Kar")).await;
    subscriber(&h, 504, None, Some("huyện Ea Kar")).await;
    subscriber(&h, 505, Some("Krông Pắc"), None).await;
    subscriber(&h, 506, None, Some("Krông Pắc")).await;
    subscriber(&h, 507, Some("Xuân Đài"), None).await;
    subscriber(&h, 508, None, None).await;

    let g = former(&h, "Ea Kar");
    let taps = ["b:dis".to_owned(), format!("b:g:{g}"), format!("b:G:{g}")];
    let text = "Hội thảo sản xuất sạch hơn cho doanh nghiệp khu vực Ea Kar";
    let (_, audience) = broadcast(&h, &admin, text, &taps).await;
    let chosen =
        Msg::BroadcastAudience { audience: vi(&Msg::AudienceGroup { group: group("district", "Ea Kar") }), count: 4 };
    assert!(saw(&audience, Lang::Vi, &chosen), "{audience:#?}");
    for (chat, expected) in [(501, 1), (502, 1), (503, 1), (504, 1), (505, 0), (506, 0), (507, 0), (508, 0)] {
        assert_eq!(received(&h, chat, text), expected, "chat {chat}");
    }

    // One ward.
    let song_cau = former(&h, "Sông Cầu");
    let taps = ["b:dis".to_owned(), format!("b:g:{song_cau}"), format!("b:a:{}", unit(&h, "Xuân Đài"))];
    let text = "Tập huấn cho doanh nghiệp chế biến hải sản phường Xuân Đài";
    let (_, audience) = broadcast(&h, &admin, text, &taps).await;
    let chosen =
        Msg::BroadcastAudience { audience: vi(&Msg::AudienceArea { area: area("ward", "Xuân Đài") }), count: 1 };
    assert!(saw(&audience, Lang::Vi, &chosen), "{audience:#?}");
    for chat in 501..=508 {
        assert_eq!(received(&h, chat, text), usize::from(chat == 507), "chat {chat}");
    }
    h.finish().await;
}
