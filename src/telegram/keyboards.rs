//! Inline keyboards, labelled from the locales.

use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup, KeyboardRemove,
    ReplyMarkup,
};

use super::callback::{AssessAction, BcAction, Callback, FormAction, MenuItem, PanelAction, RegAction};
use crate::domain::area::AreaList;
use crate::domain::broadcast::Sector;
use crate::domain::course::{Course, CourseStatus};
use crate::domain::faq::FaqEntry;
use crate::domain::lang::Lang;
use crate::domain::registration::{Attendee, Registration};
use crate::i18n::{render_plain, Msg};

/// Button labels are plain text: arguments are not HTML-escaped.
fn button(lang: Lang, text: Msg, cb: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(render_plain(lang, &text), cb.encode())
}

pub fn main_menu(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, Msg::MenuAsk, Callback::Menu(MenuItem::Ask))],
        vec![
            button(lang, Msg::MenuCourses, Callback::Menu(MenuItem::Courses)),
            button(lang, Msg::MenuNews, Callback::Menu(MenuItem::News)),
        ],
        vec![button(lang, Msg::MenuAssessment, Callback::Assess(AssessAction::Start))],
        vec![button(lang, Msg::MenuContact, Callback::Menu(MenuItem::Contact))],
        vec![button(lang, Msg::MenuLang, Callback::Menu(MenuItem::Lang))],
    ])
}

pub fn languages(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::LangButtonVi, Callback::SetLang(Lang::Vi)),
        button(lang, Msg::LangButtonEn, Callback::SetLang(Lang::En)),
    ]])
}

pub fn contact_confirm(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonSend, Callback::ContactSend),
        button(lang, Msg::ButtonCancel, Callback::ContactCancel),
    ]])
}

/// Only the contact button, under "I cannot answer yet".
pub fn contact_only(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::MenuContact, Callback::Menu(MenuItem::Contact))]])
}

/// Button labels from FAQ questions are cut to stay readable on a phone.
fn label(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn entry_button(lang: Lang, e: &FaqEntry, cb: Callback) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label(e.text(lang == Lang::En).0), cb.encode())
}

fn feedback_row(lang: Lang, id: &str) -> Vec<InlineKeyboardButton> {
    vec![
        button(lang, Msg::ButtonHelpful, Callback::Feedback { id: id.to_owned(), helpful: true }),
        button(lang, Msg::ButtonNotHelpful, Callback::Feedback { id: id.to_owned(), helpful: false }),
    ]
}

/// Under an answer: 👍/👎, then related questions.
pub fn answer(lang: Lang, id: &str, related: &[FaqEntry]) -> InlineKeyboardMarkup {
    let mut rows = vec![feedback_row(lang, id)];
    rows.extend(related.iter().map(|e| vec![entry_button(lang, e, Callback::FaqShow(e.id.as_str().to_owned()))]));
    InlineKeyboardMarkup::new(rows)
}

/// "Did you mean…": one button per entry offered, then one that sends the question (recorded
/// as `question_id`) to the centre when none of them is what was asked.
pub fn candidates(lang: Lang, entries: &[FaqEntry], question_id: i64) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> =
        entries.iter().map(|e| vec![entry_button(lang, e, Callback::Pick(e.id.as_str().to_owned()))]).collect();
    rows.push(vec![button(lang, Msg::ButtonForwardNone, Callback::Forward(question_id))]);
    InlineKeyboardMarkup::new(rows)
}

pub fn forward(lang: Lang, question_id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonForward, Callback::Forward(question_id))]])
}

/// Questions per page when browsing a topic.
pub const PAGE: usize = 6;

pub fn topics(topics: &[(String, usize)]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(topics.iter().enumerate().map(|(i, (name, n))| {
        vec![InlineKeyboardButton::callback(
            format!("{} ({n})", label(name)),
            Callback::BrowseTopic { topic: i, page: 0 }.encode(),
        )]
    }))
}

pub fn topic_page(lang: Lang, topic: usize, page: usize, entries: &[FaqEntry]) -> InlineKeyboardMarkup {
    let pages = entries.len().div_ceil(PAGE).max(1);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = entries
        .iter()
        .skip(page * PAGE)
        .take(PAGE)
        .map(|e| vec![entry_button(lang, e, Callback::BrowseShow { topic, page, id: e.id.as_str().to_owned() })])
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(lang, Msg::ButtonPrev, Callback::BrowseTopic { topic, page: page - 1 }));
    }
    if page + 1 < pages {
        nav.push(button(lang, Msg::ButtonNext, Callback::BrowseTopic { topic, page: page + 1 }));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.push(vec![button(lang, Msg::ButtonBack, Callback::BrowseHome)]);
    InlineKeyboardMarkup::new(rows)
}

pub fn browsed_answer(lang: Lang, topic: usize, page: usize, id: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        feedback_row(lang, id),
        vec![button(lang, Msg::ButtonBack, Callback::BrowseTopic { topic, page })],
    ])
}

/// Under a question passed to an admin.
pub fn reply(lang: Lang, question_id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonReply, Callback::Reply(question_id))]])
}

/// "Title · 05/03/2027", cut to stay readable.
fn course_label(c: &Course) -> String {
    label(&format!("{} · {}", c.fields.title, c.fields.starts))
}

/// One button per course, leading to `to(course id)`.
pub fn courses(list: &[Course], to: impl Fn(i64) -> Callback) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(
        list.iter().map(|c| vec![InlineKeyboardButton::callback(course_label(c), to(c.id).encode())]),
    )
}

/// Under a course's details: register (or join the waitlist) while registration is open.
pub fn course_details(lang: Lang, course: &Course, open: bool) -> InlineKeyboardMarkup {
    let mut rows = Vec::new();
    if open {
        let text = if course.seats_left() == 0 { Msg::ButtonWaitlist } else { Msg::ButtonRegister };
        rows.push(vec![button(lang, text, Callback::CourseRegister(course.id))]);
    }
    rows.push(vec![button(lang, Msg::ButtonCourseList, Callback::CourseList)]);
    InlineKeyboardMarkup::new(rows)
}

pub fn register_only(lang: Lang, course_id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonRegister, Callback::CourseRegister(course_id))]])
}

/// Under "you are already registered": change it, or see all registrations.
pub fn already_registered(lang: Lang, registration: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, Msg::ButtonEditRegistration, Callback::EditRegistration(registration))],
        vec![button(lang, Msg::ButtonMyRegistrations, Callback::MyRegistrations)],
    ])
}

pub fn my_registrations_only(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonMyRegistrations, Callback::MyRegistrations)]])
}

pub fn consent(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonAgree, Callback::Reg(RegAction::Agree)),
        button(lang, Msg::ButtonDisagree, Callback::Reg(RegAction::Disagree)),
    ]])
}

pub fn reuse(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, Msg::ButtonReuse, Callback::Reg(RegAction::Reuse))],
        vec![button(lang, Msg::ButtonFresh, Callback::Reg(RegAction::Fresh))],
    ])
}

pub fn reg_skip(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonSkip, Callback::Reg(RegAction::Skip))]])
}

/// 1 to `max` attendees (at most five buttons; more are typed).
pub fn count(max: u32) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![(1..=max.min(5))
        .map(|n| InlineKeyboardButton::callback(n.to_string(), Callback::Reg(RegAction::Count(n)).encode()))
        .collect::<Vec<_>>()])
}

/// "🙋 Nguyễn Thị Lan": the contact person is the one attendee.
pub fn myself(contact: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::callback(
        label(&format!("🙋 {contact}")),
        Callback::Reg(RegAction::Myself).encode(),
    )]])
}

pub fn reg_confirm(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonConfirm, Callback::Reg(RegAction::Confirm)),
        button(lang, Msg::ButtonCancel, Callback::Reg(RegAction::Cancel)),
    ]])
}

/// The reply keyboard with Telegram's "share my phone number" button.
pub fn share_phone(lang: Lang) -> ReplyMarkup {
    let share = KeyboardButton::new(render_plain(lang, &Msg::ButtonSharePhone)).request(ButtonRequest::Contact);
    ReplyMarkup::Keyboard(KeyboardMarkup::new(vec![vec![share]]).resize_keyboard().one_time_keyboard())
}

pub fn remove_reply_keyboard() -> ReplyMarkup {
    ReplyMarkup::KeyboardRemove(KeyboardRemove::new())
}

/// Edit and cancel buttons per registration.
pub fn my_registrations(lang: Lang, regs: &[Registration]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(regs.iter().map(|r| {
        let code = r.code().to_string();
        vec![
            button(lang, Msg::ButtonEditRegistrationCode { code: code.clone() }, Callback::EditRegistration(r.id)),
            button(lang, Msg::ButtonCancelRegistration { code }, Callback::CancelAsk(r.id)),
        ]
    }))
}

pub fn cancel_ask(lang: Lang, registration: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonYesCancel, Callback::CancelYes(registration)),
        button(lang, Msg::ButtonNo, Callback::MyRegistrations),
    ]])
}

/// Under a reminder: cancel this registration.
pub fn reminder(lang: Lang, registration: i64, code: &str) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(
        lang,
        Msg::ButtonCancelRegistration { code: code.to_owned() },
        Callback::CancelAsk(registration),
    )]])
}

/// An admin's view of one course.
pub fn admin_course(lang: Lang, course: &Course) -> InlineKeyboardMarkup {
    let id = course.id;
    let mut rows = vec![
        vec![button(lang, Msg::ButtonExport, Callback::AdminExport(id))],
        vec![
            button(lang, Msg::ButtonAttendance, Callback::Attendance { course: id, page: 0 }),
            button(lang, Msg::ButtonEdit, Callback::AdminEdit(id)),
        ],
    ];
    match course.status {
        CourseStatus::Open => rows.push(vec![button(lang, Msg::ButtonClose, Callback::AdminClose(id))]),
        CourseStatus::Closed => rows.push(vec![button(lang, Msg::ButtonOpen, Callback::AdminOpen(id))]),
        CourseStatus::Cancelled => {}
    }
    if course.status != CourseStatus::Cancelled {
        rows.push(vec![button(lang, Msg::ButtonCancelCourse, Callback::AdminCancelAsk(id))]);
    }
    rows.push(vec![button(lang, Msg::ButtonBack, Callback::AdminCourses)]);
    InlineKeyboardMarkup::new(rows)
}

pub fn admin_cancel_ask(lang: Lang, course: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonYesCancelCourse, Callback::AdminCancelYes(course)),
        button(lang, Msg::ButtonNo, Callback::AdminCourse(course)),
    ]])
}

/// Attendees per page of the attendance sheet.
pub const ATTENDANCE_PAGE: usize = 8;

/// One toggle per attendee ("☑ name" when present), paged, then Back.
pub fn attendance(lang: Lang, course: i64, page: usize, attendees: &[Attendee]) -> InlineKeyboardMarkup {
    let pages = attendees.len().div_ceil(ATTENDANCE_PAGE).max(1);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = attendees
        .iter()
        .skip(page * ATTENDANCE_PAGE)
        .take(ATTENDANCE_PAGE)
        .map(|a| {
            let mark = if a.attended { "☑" } else { "☐" };
            vec![InlineKeyboardButton::callback(
                label(&format!("{mark} {}", a.name)),
                Callback::Attend { attendee: a.id, course, page }.encode(),
            )]
        })
        .collect();
    let mut nav = Vec::new();
    if page > 0 {
        nav.push(button(lang, Msg::ButtonPrev, Callback::Attendance { course, page: page - 1 }));
    }
    if page + 1 < pages {
        nav.push(button(lang, Msg::ButtonNext, Callback::Attendance { course, page: page + 1 }));
    }
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.push(vec![button(lang, Msg::ButtonBack, Callback::AdminCourse(course))]);
    InlineKeyboardMarkup::new(rows)
}

pub fn form_skip(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonSkip, Callback::Form(FormAction::Skip))]])
}

pub fn form_confirm(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonConfirm, Callback::Form(FormAction::Confirm)),
        button(lang, Msg::ButtonEdit, Callback::Form(FormAction::Edit)),
        button(lang, Msg::ButtonCancel, Callback::Form(FormAction::Cancel)),
    ]])
}

/// The `fields` fields of a course (numbered from 0 in the order the form asks them), two per row.
pub fn form_pick(lang: Lang, fields: usize) -> InlineKeyboardMarkup {
    let buttons: Vec<InlineKeyboardButton> = (0..fields)
        .map(|n| {
            button(lang, Msg::FormField { n: i64::try_from(n).unwrap_or(0) }, Callback::Form(FormAction::Field(n)))
        })
        .collect();
    InlineKeyboardMarkup::new(buttons.chunks(2).map(<[InlineKeyboardButton]>::to_vec))
}

pub fn profile_offer(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, Msg::ButtonProfile, Callback::ProfileStart)],
        vec![button(lang, Msg::ButtonNotNow, Callback::ProfileLater)],
    ])
}

/// The sectors, two per row, then an optional extra row (Skip).
pub fn sectors(lang: Lang, to: fn(usize) -> Callback, extra: Option<InlineKeyboardButton>) -> InlineKeyboardMarkup {
    let buttons: Vec<InlineKeyboardButton> = Sector::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| button(lang, Msg::SectorName { sector: s.code().to_owned() }, to(i)))
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(2).map(<[InlineKeyboardButton]>::to_vec).collect();
    rows.extend(extra.map(|b| vec![b]));
    InlineKeyboardMarkup::new(rows)
}

/// The units of the area list with these indexes, two per row ("Phường Xuân Đài"), then the
/// extra rows.
pub fn areas(
    lang: Lang,
    list: &AreaList,
    units: &[usize],
    to: fn(usize) -> Callback,
    extra: Vec<Vec<InlineKeyboardButton>>,
) -> InlineKeyboardMarkup {
    let buttons: Vec<InlineKeyboardButton> = units
        .iter()
        .filter_map(|&i| list.get(i).map(|a| (i, a)))
        .map(|(i, a)| button(lang, Msg::ButtonArea { kind: a.kind.code().to_owned(), name: a.name.clone() }, to(i)))
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(2).map(<[InlineKeyboardButton]>::to_vec).collect();
    rows.extend(extra);
    InlineKeyboardMarkup::new(rows)
}

/// The former districts of the area list by name ("Ea Kar", "Tuy Hòa"), two per row, then the
/// extra rows.
pub fn area_groups(
    list: &AreaList,
    to: fn(usize) -> Callback,
    extra: Vec<Vec<InlineKeyboardButton>>,
) -> InlineKeyboardMarkup {
    let buttons: Vec<InlineKeyboardButton> = list
        .groups()
        .iter()
        .enumerate()
        .map(|(i, g)| InlineKeyboardButton::callback(label(&g.name), to(i).encode()))
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = buttons.chunks(2).map(<[InlineKeyboardButton]>::to_vec).collect();
    rows.extend(extra);
    InlineKeyboardMarkup::new(rows)
}

/// Under the place question and its matches: browse by former district (when the list has
/// former districts), skip.
pub fn area_extra(lang: Lang, list: &AreaList) -> Vec<Vec<InlineKeyboardButton>> {
    let mut rows = Vec::new();
    if !list.groups().is_empty() {
        rows.push(vec![button(lang, Msg::ButtonAreaBrowse, Callback::ProfileAreaGroups)]);
    }
    rows.push(vec![profile_skip_button(lang)]);
    rows
}

/// Under one former district's units: back to the former districts, skip.
pub fn area_group_extra(lang: Lang) -> Vec<Vec<InlineKeyboardButton>> {
    vec![vec![button(lang, Msg::ButtonAreaGroups, Callback::ProfileAreaGroups)], vec![profile_skip_button(lang)]]
}

/// The invitation to replace a former district by today's unit: choose, or not now.
pub fn area_invite(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, Msg::ButtonAreaChoose, Callback::ProfilePlace)],
        vec![button(lang, Msg::ButtonNotNow, Callback::ProfileLater)],
    ])
}

/// A broadcast's place within former district `group` (`name` as the text says it): all of
/// it, or one of its units.
pub fn broadcast_group(lang: Lang, list: &AreaList, group: usize, name: String) -> InlineKeyboardMarkup {
    let mut rows =
        vec![vec![button(lang, Msg::ButtonWholeGroup { group: name }, Callback::Bc(BcAction::WholeGroup(group)))]];
    let members = list.group(group).map(|g| g.members()).unwrap_or_default();
    rows.extend(areas(lang, list, members, |i| Callback::Bc(BcAction::Area(i)), vec![]).inline_keyboard);
    InlineKeyboardMarkup::new(rows)
}

pub fn profile_skip_button(lang: Lang) -> InlineKeyboardButton {
    button(lang, Msg::ButtonSkip, Callback::ProfileSkip)
}

pub fn profile_skip(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![profile_skip_button(lang)]])
}

pub fn broadcast_audience(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![
            button(lang, Msg::ButtonAudienceAll, Callback::Bc(BcAction::Everyone)),
            button(lang, Msg::ButtonAudienceSector, Callback::Bc(BcAction::BySector)),
        ],
        vec![
            button(lang, Msg::ButtonAudienceDistrict, Callback::Bc(BcAction::ByDistrict)),
            button(lang, Msg::ButtonAudienceCourse, Callback::Bc(BcAction::ByCourse)),
        ],
        vec![
            button(lang, Msg::ButtonContinue, Callback::Bc(BcAction::Continue)),
            button(lang, Msg::ButtonCancel, Callback::Bc(BcAction::Cancel)),
        ],
    ])
}

/// Which course's Register button to attach, or none.
pub fn broadcast_button(lang: Lang, courses: &[Course]) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = courses
        .iter()
        .map(|c| vec![InlineKeyboardButton::callback(course_label(c), Callback::Bc(BcAction::Button(c.id)).encode())])
        .collect();
    rows.push(vec![button(lang, Msg::ButtonNoButton, Callback::Bc(BcAction::NoButton))]);
    InlineKeyboardMarkup::new(rows)
}

pub fn broadcast_confirm(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![
            button(lang, Msg::ButtonSendNow, Callback::Bc(BcAction::Now)),
            button(lang, Msg::ButtonSchedule, Callback::Bc(BcAction::Schedule)),
        ],
        vec![button(lang, Msg::ButtonCancel, Callback::Bc(BcAction::Cancel))],
    ])
}

pub fn broadcast_confirm_scheduled(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonConfirm, Callback::Bc(BcAction::Confirm)),
        button(lang, Msg::ButtonCancel, Callback::Bc(BcAction::Cancel)),
    ]])
}

pub fn broadcast_stop(lang: Lang, id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonStop, Callback::BroadcastStop(id))]])
}

/// Under /deleteme's question: erase, or keep everything.
pub fn erase_confirm(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonEraseConfirm, Callback::EraseConfirm),
        button(lang, Msg::ButtonEraseKeep, Callback::EraseKeep),
    ]])
}

/// The /admin panel: every admin function, two per row.
pub fn admin_panel(lang: Lang) -> InlineKeyboardMarkup {
    let label = |a: PanelAction| match a {
        PanelAction::NewCourse => Msg::PanelNewCourse,
        PanelAction::Registrations => Msg::PanelRegistrations,
        PanelAction::Export => Msg::PanelExport,
        PanelAction::Broadcast => Msg::PanelBroadcast,
        PanelAction::Broadcasts => Msg::PanelBroadcasts,
        PanelAction::Stats => Msg::PanelStats,
        PanelAction::Unanswered => Msg::PanelUnanswered,
        PanelAction::Assessments => Msg::PanelAssessments,
    };
    let buttons: Vec<InlineKeyboardButton> =
        PanelAction::ALL.into_iter().map(|a| button(lang, label(a), Callback::Panel(a))).collect();
    InlineKeyboardMarkup::new(buttons.chunks(2).map(<[InlineKeyboardButton]>::to_vec).collect::<Vec<_>>())
}

/// Under /unanswered: 📎 n for each group (named by its newest question), four per row, then
/// the learned phrasings.
pub fn unanswered(lang: Lang, latest: &[i64]) -> InlineKeyboardMarkup {
    let attach: Vec<InlineKeyboardButton> = latest
        .iter()
        .enumerate()
        .map(|(i, q)| button(lang, Msg::ButtonAttach { n: i as i64 + 1 }, Callback::Attach(*q)))
        .collect();
    let mut rows: Vec<Vec<InlineKeyboardButton>> = attach.chunks(4).map(<[InlineKeyboardButton]>::to_vec).collect();
    rows.push(vec![button(lang, Msg::ButtonLearned, Callback::Learned)]);
    InlineKeyboardMarkup::new(rows)
}

pub fn new_entry(lang: Lang, question: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(lang, Msg::ButtonNewEntry, Callback::NewEntry(question))]])
}

/// Entries an admin may attach a question to, then "write a new answer".
pub fn attach_choices(lang: Lang, question: i64, entries: &[FaqEntry]) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = entries
        .iter()
        .map(|e| vec![entry_button(lang, e, Callback::AttachTo { question, id: e.id.as_str().to_owned() })])
        .collect();
    rows.push(vec![button(lang, Msg::ButtonNewEntry, Callback::NewEntry(question))]);
    InlineKeyboardMarkup::new(rows)
}

/// ✖ n for each learned phrasing, four per row.
pub fn learned(lang: Lang, ids: &[i64]) -> InlineKeyboardMarkup {
    let buttons: Vec<InlineKeyboardButton> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| button(lang, Msg::ButtonUnlearn { n: i as i64 + 1 }, Callback::Unlearn(*id)))
        .collect();
    InlineKeyboardMarkup::new(buttons.chunks(4).map(<[InlineKeyboardButton]>::to_vec).collect::<Vec<_>>())
}

/// The self-assessment's sectors, two per row.
pub fn assess_sectors(lang: Lang) -> InlineKeyboardMarkup {
    use crate::domain::assessment::Sector;
    let buttons: Vec<InlineKeyboardButton> = Sector::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            button(
                lang,
                Msg::AssessSectorName { sector: s.code().to_owned() },
                Callback::Assess(AssessAction::Sector(i)),
            )
        })
        .collect();
    InlineKeyboardMarkup::new(buttons.chunks(2).map(<[InlineKeyboardButton]>::to_vec))
}

/// The answers to question number `n` (Có / Một phần / Chưa / Không rõ, or the question's
/// own options), then Back unless it is the first question.
pub fn assess_question(lang: Lang, n: usize, q: &crate::domain::assessment::Question) -> InlineKeyboardMarkup {
    let answer = |choice: u8| Callback::Assess(AssessAction::Answer { n, choice });
    let mut rows: Vec<Vec<InlineKeyboardButton>> = if q.choices.is_empty() {
        let b = |c: u8| button(lang, Msg::AssessAnswer { choice: i64::from(c) }, answer(c));
        vec![vec![b(0), b(1)], vec![b(2), b(3)]]
    } else {
        q.choices
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let text = if lang == Lang::En { &c.label_en } else { &c.label_vi };
                let choice = u8::try_from(i).unwrap_or(u8::MAX);
                vec![InlineKeyboardButton::callback(label(text), answer(choice).encode())]
            })
            .collect()
    };
    rows.push(vec![button(lang, Msg::AssessButtonBack, Callback::Assess(AssessAction::Back))]);
    InlineKeyboardMarkup::new(rows)
}

/// Under the actions: a button per action's FAQ entry, then register for a course (when one
/// is open), ask for a consultation, or come back later.
pub fn assess_next(lang: Lang, faq_ids: &[Option<String>], course: Option<i64>) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = faq_ids
        .iter()
        .enumerate()
        .filter_map(|(i, id)| {
            let n = i64::try_from(i + 1).unwrap_or(0);
            id.as_ref().map(|id| vec![button(lang, Msg::AssessButtonRead { n }, Callback::FaqShow(id.clone()))])
        })
        .collect();
    if let Some(c) = course {
        rows.push(vec![button(lang, Msg::AssessButtonCourse, Callback::CourseDetails(c))]);
    }
    rows.push(vec![button(lang, Msg::AssessButtonConsult, Callback::Assess(AssessAction::Consult))]);
    rows.push(vec![button(lang, Msg::AssessButtonLater, Callback::Assess(AssessAction::Later))]);
    InlineKeyboardMarkup::new(rows)
}

pub fn consult_consent(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        button(lang, Msg::ButtonAgree, Callback::Assess(AssessAction::ConsentYes)),
        button(lang, Msg::ButtonDisagree, Callback::Assess(AssessAction::ConsentNo)),
    ]])
}

/// Under a consultation request sent to the admins.
pub fn consult_handled(lang: Lang, id: i64) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![button(
        lang,
        Msg::ConsultButtonHandled,
        Callback::Assess(AssessAction::Handled(id)),
    )]])
}

/// Under `/assessments`: "handled" for each open request listed, then the spreadsheet.
pub fn assess_summary(lang: Lang, open_requests: &[i64]) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = open_requests
        .iter()
        .map(|id| {
            let text = Msg::ConsultButtonHandledId { id: *id };
            vec![button(lang, text, Callback::Assess(AssessAction::Handled(*id)))]
        })
        .collect();
    rows.push(vec![button(lang, Msg::AssessButtonExport, Callback::Assess(AssessAction::Export))]);
    InlineKeyboardMarkup::new(rows)
}
