//! Callback data: short ASCII codes (Telegram allows 64 bytes), decoded into [`Callback`].
//! FAQ ids are slugs of at most 40 bytes, so every code fits. Anything that does not decode
//! comes from an older menu and is answered as expired.

use crate::domain::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    Ask,
    Courses,
    News,
    Contact,
    Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    Menu(MenuItem),
    SetLang(Lang),
    ContactSend,
    ContactCancel,
    /// Show an FAQ answer as a new message.
    FaqShow(String),
    /// 👍 (true) or 👎 under an answer.
    Feedback {
        id: String,
        helpful: bool,
    },
    /// Send an unanswered question (by its id) to the centre.
    Forward(i64),
    /// An admin answers a passed question.
    Reply(i64),
    /// /faq browsing, in the same message: the topics, a topic's page, an answer.
    BrowseHome,
    BrowseTopic {
        topic: usize,
        page: usize,
    },
    BrowseShow {
        topic: usize,
        page: usize,
        id: String,
    },
    /// Courses: the list, one course's details, start registering.
    CourseList,
    CourseDetails(i64),
    CourseRegister(i64),
    /// Inside the registration dialogue.
    Reg(RegAction),
    /// /myregistrations, and cancelling one (ask, then confirm).
    MyRegistrations,
    CancelAsk(i64),
    CancelYes(i64),
    /// Change an existing registration (details and attendees).
    EditRegistration(i64),
    /// Admin: courses, one course, its roster files, attendance, status changes, editing.
    AdminCourses,
    AdminCourse(i64),
    AdminExport(i64),
    Attendance {
        course: i64,
        page: usize,
    },
    Attend {
        attendee: i64,
        course: i64,
        page: usize,
    },
    AdminEdit(i64),
    AdminOpen(i64),
    AdminClose(i64),
    AdminCancelAsk(i64),
    AdminCancelYes(i64),
    /// Inside the course form.
    Form(FormAction),
    /// Subscriber profile: start it, not now, a sector by index, skip a step.
    ProfileStart,
    ProfileLater,
    ProfileSector(usize),
    /// A district by index, from a menu made before the communes and wards: asks again.
    ProfileDistrict(usize),
    ProfileSkip,
    /// The place step: a unit by its index in the area list, the former districts, the units
    /// of one former district (by index).
    ProfileArea(usize),
    ProfileAreaGroups,
    ProfileAreaGroup(usize),
    /// The invitation to replace a former district by the current unit.
    ProfilePlace,
    /// Inside /broadcast.
    Bc(BcAction),
    /// Stop a running broadcast.
    BroadcastStop(i64),
    /// /deleteme: erase my personal data, or keep it.
    EraseConfirm,
    EraseKeep,
    /// A button of the /admin panel.
    Panel(PanelAction),
    /// A "did you mean" option: the answer, and the person's choice counts for learning.
    Pick(String),
    /// /unanswered: attach a group (named by its newest question) to an entry, to this entry,
    /// or answer it with a new entry; the learned phrasings, and removing one.
    Attach(i64),
    AttachTo {
        question: i64,
        id: String,
    },
    NewEntry(i64),
    Learned,
    Unlearn(i64),
    /// The self-assessment: start it, and inside it.
    Assess(AssessAction),
}

/// Buttons of the self-assessment and the consultation request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssessAction {
    Start,
    /// The sector, by its index in `assessment::Sector::ALL`.
    Sector(usize),
    /// Answer `choice` to question number `n` (from 0), so a tap on an older question is
    /// recognised.
    Answer {
        n: usize,
        choice: u8,
    },
    Back,
    Later,
    Consult,
    ConsentYes,
    ConsentNo,
    /// Admin: a consultation request is handled.
    Handled(i64),
    /// Admin: every result as a spreadsheet.
    Export,
}

/// The admin functions, one button each on the /admin panel; each does what its command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelAction {
    NewCourse,
    Registrations,
    Export,
    Broadcast,
    Broadcasts,
    Stats,
    Unanswered,
    Assessments,
}

impl PanelAction {
    pub const ALL: [PanelAction; 8] = [
        PanelAction::NewCourse,
        PanelAction::Registrations,
        PanelAction::Export,
        PanelAction::Broadcast,
        PanelAction::Broadcasts,
        PanelAction::Stats,
        PanelAction::Unanswered,
        PanelAction::Assessments,
    ];

    fn code(self) -> &'static str {
        match self {
            PanelAction::NewCourse => "new",
            PanelAction::Registrations => "reg",
            PanelAction::Export => "exp",
            PanelAction::Broadcast => "bc",
            PanelAction::Broadcasts => "bcs",
            PanelAction::Stats => "st",
            PanelAction::Unanswered => "un",
            PanelAction::Assessments => "as",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BcAction {
    Everyone,
    BySector,
    ByDistrict,
    ByCourse,
    Sector(usize),
    /// A district by index, from a menu made before the communes and wards: asks again.
    District(usize),
    /// A former district (by index): its units to choose from, or all of it.
    Group(usize),
    WholeGroup(usize),
    /// A commune or ward by its index in the area list.
    Area(usize),
    Course(i64),
    Continue,
    NoButton,
    Button(i64),
    Now,
    Schedule,
    Confirm,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegAction {
    Agree,
    Disagree,
    Reuse,
    Fresh,
    Count(u32),
    Myself,
    Skip,
    Confirm,
    Cancel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormAction {
    Field(usize),
    Confirm,
    Edit,
    Cancel,
    Skip,
}

impl Callback {
    pub fn encode(&self) -> String {
        match self {
            Callback::Menu(MenuItem::Ask) => "m:ask".into(),
            Callback::Menu(MenuItem::Courses) => "m:courses".into(),
            Callback::Menu(MenuItem::News) => "m:news".into(),
            Callback::Menu(MenuItem::Contact) => "m:contact".into(),
            Callback::Menu(MenuItem::Lang) => "m:lang".into(),
            Callback::SetLang(lang) => format!("l:{}", lang.code()),
            Callback::ContactSend => "c:send".into(),
            Callback::ContactCancel => "c:cancel".into(),
            Callback::FaqShow(id) => format!("f:a:{id}"),
            Callback::Feedback { id, helpful } => format!("f:{}:{id}", if *helpful { "u" } else { "d" }),
            Callback::Forward(q) => format!("q:f:{q}"),
            Callback::Reply(q) => format!("q:r:{q}"),
            Callback::BrowseHome => "f:h".into(),
            Callback::BrowseTopic { topic, page } => format!("f:c:{topic}:{page}"),
            Callback::BrowseShow { topic, page, id } => format!("f:s:{topic}:{page}:{id}"),
            Callback::CourseList => "k:l".into(),
            Callback::CourseDetails(id) => format!("k:d:{id}"),
            Callback::CourseRegister(id) => format!("k:r:{id}"),
            Callback::Reg(a) => match a {
                RegAction::Agree => "r:ok".into(),
                RegAction::Disagree => "r:no".into(),
                RegAction::Reuse => "r:same".into(),
                RegAction::Fresh => "r:new".into(),
                RegAction::Count(n) => format!("r:n:{n}"),
                RegAction::Myself => "r:me".into(),
                RegAction::Skip => "r:skip".into(),
                RegAction::Confirm => "r:c".into(),
                RegAction::Cancel => "r:x".into(),
            },
            Callback::MyRegistrations => "u:l".into(),
            Callback::CancelAsk(id) => format!("u:c:{id}"),
            Callback::CancelYes(id) => format!("u:y:{id}"),
            Callback::EditRegistration(id) => format!("u:e:{id}"),
            Callback::AdminCourses => "a:l".into(),
            Callback::AdminCourse(id) => format!("a:v:{id}"),
            Callback::AdminExport(id) => format!("a:x:{id}"),
            Callback::Attendance { course, page } => format!("a:t:{course}:{page}"),
            Callback::Attend { attendee, course, page } => format!("a:m:{attendee}:{course}:{page}"),
            Callback::AdminEdit(id) => format!("a:e:{id}"),
            Callback::AdminOpen(id) => format!("a:o:{id}"),
            Callback::AdminClose(id) => format!("a:s:{id}"),
            Callback::AdminCancelAsk(id) => format!("a:k:{id}"),
            Callback::AdminCancelYes(id) => format!("a:K:{id}"),
            Callback::Form(a) => match a {
                FormAction::Field(n) => format!("n:f:{n}"),
                FormAction::Confirm => "n:ok".into(),
                FormAction::Edit => "n:e".into(),
                FormAction::Cancel => "n:x".into(),
                FormAction::Skip => "n:skip".into(),
            },
            Callback::ProfileStart => "s:p".into(),
            Callback::ProfileLater => "s:no".into(),
            Callback::ProfileSector(i) => format!("s:s:{i}"),
            Callback::ProfileDistrict(i) => format!("s:d:{i}"),
            Callback::ProfileSkip => "s:skip".into(),
            Callback::ProfileArea(i) => format!("s:a:{i}"),
            Callback::ProfileAreaGroups => "s:g".into(),
            Callback::ProfileAreaGroup(i) => format!("s:g:{i}"),
            Callback::ProfilePlace => "s:pl".into(),
            Callback::Bc(a) => match a {
                BcAction::Everyone => "b:all".into(),
                BcAction::BySector => "b:sec".into(),
                BcAction::ByDistrict => "b:dis".into(),
                BcAction::ByCourse => "b:crs".into(),
                BcAction::Sector(i) => format!("b:s:{i}"),
                BcAction::District(i) => format!("b:d:{i}"),
                BcAction::Group(i) => format!("b:g:{i}"),
                BcAction::WholeGroup(i) => format!("b:G:{i}"),
                BcAction::Area(i) => format!("b:a:{i}"),
                BcAction::Course(c) => format!("b:c:{c}"),
                BcAction::Continue => "b:go".into(),
                BcAction::NoButton => "b:nb".into(),
                BcAction::Button(c) => format!("b:btn:{c}"),
                BcAction::Now => "b:now".into(),
                BcAction::Schedule => "b:at".into(),
                BcAction::Confirm => "b:ok".into(),
                BcAction::Cancel => "b:x".into(),
            },
            Callback::BroadcastStop(id) => format!("b:stop:{id}"),
            Callback::EraseConfirm => "d:ok".into(),
            Callback::EraseKeep => "d:no".into(),
            Callback::Panel(a) => format!("p:{}", a.code()),
            Callback::Pick(id) => format!("f:p:{id}"),
            Callback::Attach(q) => format!("q:g:{q}"),
            Callback::AttachTo { question, id } => format!("q:t:{question}:{id}"),
            Callback::NewEntry(q) => format!("q:n:{q}"),
            Callback::Learned => "q:l".into(),
            Callback::Unlearn(l) => format!("q:x:{l}"),
            Callback::Assess(a) => match a {
                AssessAction::Start => "e:go".into(),
                AssessAction::Sector(i) => format!("e:s:{i}"),
                AssessAction::Answer { n, choice } => format!("e:a:{n}:{choice}"),
                AssessAction::Back => "e:b".into(),
                AssessAction::Later => "e:l".into(),
                AssessAction::Consult => "e:c".into(),
                AssessAction::ConsentYes => "e:ok".into(),
                AssessAction::ConsentNo => "e:no".into(),
                AssessAction::Handled(id) => format!("e:h:{id}"),
                AssessAction::Export => "e:x".into(),
            },
        }
    }

    pub fn decode(data: &str) -> Option<Callback> {
        let parts: Vec<&str> = data.splitn(5, ':').collect();
        let num = |s: &str| s.parse::<usize>().ok();
        let id = |s: &str| s.parse::<i64>().ok();
        Some(match parts.as_slice() {
            ["m", "ask"] => Callback::Menu(MenuItem::Ask),
            ["m", "courses"] => Callback::Menu(MenuItem::Courses),
            ["m", "news"] => Callback::Menu(MenuItem::News),
            ["m", "contact"] => Callback::Menu(MenuItem::Contact),
            ["m", "lang"] => Callback::Menu(MenuItem::Lang),
            ["l", code] => Callback::SetLang(Lang::from_code(code)?),
            ["c", "send"] => Callback::ContactSend,
            ["c", "cancel"] => Callback::ContactCancel,
            ["f", "a", id] if !id.is_empty() => Callback::FaqShow((*id).to_owned()),
            ["f", "u", id] if !id.is_empty() => Callback::Feedback { id: (*id).to_owned(), helpful: true },
            ["f", "d", id] if !id.is_empty() => Callback::Feedback { id: (*id).to_owned(), helpful: false },
            ["q", "f", q] => Callback::Forward(q.parse().ok()?),
            ["q", "r", q] => Callback::Reply(q.parse().ok()?),
            ["f", "h"] => Callback::BrowseHome,
            ["f", "c", t, p] => Callback::BrowseTopic { topic: num(t)?, page: num(p)? },
            ["f", "s", t, p, id] if !id.is_empty() => {
                Callback::BrowseShow { topic: num(t)?, page: num(p)?, id: (*id).to_owned() }
            }
            ["k", "l"] => Callback::CourseList,
            ["k", "d", c] => Callback::CourseDetails(id(c)?),
            ["k", "r", c] => Callback::CourseRegister(id(c)?),
            ["r", "ok"] => Callback::Reg(RegAction::Agree),
            ["r", "no"] => Callback::Reg(RegAction::Disagree),
            ["r", "same"] => Callback::Reg(RegAction::Reuse),
            ["r", "new"] => Callback::Reg(RegAction::Fresh),
            ["r", "n", n] => Callback::Reg(RegAction::Count(n.parse().ok()?)),
            ["r", "me"] => Callback::Reg(RegAction::Myself),
            ["r", "skip"] => Callback::Reg(RegAction::Skip),
            ["r", "c"] => Callback::Reg(RegAction::Confirm),
            ["r", "x"] => Callback::Reg(RegAction::Cancel),
            ["u", "l"] => Callback::MyRegistrations,
            ["u", "c", r] => Callback::CancelAsk(id(r)?),
            ["u", "y", r] => Callback::CancelYes(id(r)?),
            ["u", "e", r] => Callback::EditRegistration(id(r)?),
            ["a", "l"] => Callback::AdminCourses,
            ["a", "v", c] => Callback::AdminCourse(id(c)?),
            ["a", "x", c] => Callback::AdminExport(id(c)?),
            ["a", "t", c, p] => Callback::Attendance { course: id(c)?, page: num(p)? },
            ["a", "m", a, c, p] => Callback::Attend { attendee: id(a)?, course: id(c)?, page: num(p)? },
            ["a", "e", c] => Callback::AdminEdit(id(c)?),
            ["a", "o", c] => Callback::AdminOpen(id(c)?),
            ["a", "s", c] => Callback::AdminClose(id(c)?),
            ["a", "k", c] => Callback::AdminCancelAsk(id(c)?),
            ["a", "K", c] => Callback::AdminCancelYes(id(c)?),
            ["n", "f", f] => Callback::Form(FormAction::Field(num(f)?)),
            ["n", "ok"] => Callback::Form(FormAction::Confirm),
            ["n", "e"] => Callback::Form(FormAction::Edit),
            ["n", "x"] => Callback::Form(FormAction::Cancel),
            ["n", "skip"] => Callback::Form(FormAction::Skip),
            ["s", "p"] => Callback::ProfileStart,
            ["s", "no"] => Callback::ProfileLater,
            ["s", "s", i] => Callback::ProfileSector(num(i)?),
            ["s", "d", i] => Callback::ProfileDistrict(num(i)?),
            ["s", "skip"] => Callback::ProfileSkip,
            ["s", "a", i] => Callback::ProfileArea(num(i)?),
            ["s", "g"] => Callback::ProfileAreaGroups,
            ["s", "g", i] => Callback::ProfileAreaGroup(num(i)?),
            ["s", "pl"] => Callback::ProfilePlace,
            ["b", "all"] => Callback::Bc(BcAction::Everyone),
            ["b", "sec"] => Callback::Bc(BcAction::BySector),
            ["b", "dis"] => Callback::Bc(BcAction::ByDistrict),
            ["b", "crs"] => Callback::Bc(BcAction::ByCourse),
            ["b", "s", i] => Callback::Bc(BcAction::Sector(num(i)?)),
            ["b", "d", i] => Callback::Bc(BcAction::District(num(i)?)),
            ["b", "g", i] => Callback::Bc(BcAction::Group(num(i)?)),
            ["b", "G", i] => Callback::Bc(BcAction::WholeGroup(num(i)?)),
            ["b", "a", i] => Callback::Bc(BcAction::Area(num(i)?)),
            ["b", "c", c] => Callback::Bc(BcAction::Course(id(c)?)),
            ["b", "go"] => Callback::Bc(BcAction::Continue),
            ["b", "nb"] => Callback::Bc(BcAction::NoButton),
            ["b", "btn", c] => Callback::Bc(BcAction::Button(id(c)?)),
            ["b", "now"] => Callback::Bc(BcAction::Now),
            ["b", "at"] => Callback::Bc(BcAction::Schedule),
            ["b", "ok"] => Callback::Bc(BcAction::Confirm),
            ["b", "x"] => Callback::Bc(BcAction::Cancel),
            ["b", "stop", b] => Callback::BroadcastStop(id(b)?),
            ["d", "ok"] => Callback::EraseConfirm,
            ["d", "no"] => Callback::EraseKeep,
            ["f", "p", id] if !id.is_empty() => Callback::Pick((*id).to_owned()),
            ["q", "g", q] => Callback::Attach(id(q)?),
            ["q", "t", q, e] if !e.is_empty() => Callback::AttachTo { question: id(q)?, id: (*e).to_owned() },
            ["q", "n", q] => Callback::NewEntry(id(q)?),
            ["q", "l"] => Callback::Learned,
            ["q", "x", l] => Callback::Unlearn(id(l)?),
            ["p", code] => Callback::Panel(PanelAction::ALL.into_iter().find(|a| a.code() == *code)?),
            ["e", "go"] => Callback::Assess(AssessAction::Start),
            ["e", "s", i] => Callback::Assess(AssessAction::Sector(num(i)?)),
            ["e", "a", n, c] => Callback::Assess(AssessAction::Answer { n: num(n)?, choice: c.parse().ok()? }),
            ["e", "b"] => Callback::Assess(AssessAction::Back),
            ["e", "l"] => Callback::Assess(AssessAction::Later),
            ["e", "c"] => Callback::Assess(AssessAction::Consult),
            ["e", "ok"] => Callback::Assess(AssessAction::ConsentYes),
            ["e", "no"] => Callback::Assess(AssessAction::ConsentNo),
            ["e", "h", r] => Callback::Assess(AssessAction::Handled(id(r)?)),
            ["e", "x"] => Callback::Assess(AssessAction::Export),
            _ => return None,
        })
    }

    /// Buttons only admins may use: a tap by anyone else changes nothing.
    pub fn is_admin_only(&self) -> bool {
        matches!(
            self,
            Callback::AdminCourses
                | Callback::AdminCourse(_)
                | Callback::AdminExport(_)
                | Callback::Attendance { .. }
                | Callback::Attend { .. }
                | Callback::AdminEdit(_)
                | Callback::AdminOpen(_)
                | Callback::AdminClose(_)
                | Callback::AdminCancelAsk(_)
                | Callback::AdminCancelYes(_)
                | Callback::Form(_)
                | Callback::Bc(_)
                | Callback::BroadcastStop(_)
                | Callback::Panel(_)
                | Callback::Attach(_)
                | Callback::AttachTo { .. }
                | Callback::NewEntry(_)
                | Callback::Learned
                | Callback::Unlearn(_)
                | Callback::Assess(AssessAction::Handled(_) | AssessAction::Export)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_callback_round_trips_within_64_bytes() {
        let long_id = "x".repeat(crate::domain::faq::MAX_ID);
        let all = [
            Callback::Menu(MenuItem::Ask),
            Callback::Menu(MenuItem::Courses),
            Callback::Menu(MenuItem::News),
            Callback::Menu(MenuItem::Contact),
            Callback::Menu(MenuItem::Lang),
            Callback::SetLang(Lang::Vi),
            Callback::SetLang(Lang::En),
            Callback::ContactSend,
            Callback::ContactCancel,
            Callback::FaqShow(long_id.clone()),
            Callback::Feedback { id: long_id.clone(), helpful: true },
            Callback::Feedback { id: long_id.clone(), helpful: false },
            Callback::Forward(i64::MAX),
            Callback::Reply(i64::MAX),
            Callback::BrowseHome,
            Callback::BrowseTopic { topic: 99, page: 99 },
            Callback::BrowseShow { topic: 99, page: 99, id: long_id.clone() },
            Callback::CourseList,
            Callback::CourseDetails(i64::MAX),
            Callback::CourseRegister(i64::MAX),
            Callback::Reg(RegAction::Agree),
            Callback::Reg(RegAction::Disagree),
            Callback::Reg(RegAction::Reuse),
            Callback::Reg(RegAction::Fresh),
            Callback::Reg(RegAction::Count(10)),
            Callback::Reg(RegAction::Myself),
            Callback::Reg(RegAction::Skip),
            Callback::Reg(RegAction::Confirm),
            Callback::Reg(RegAction::Cancel),
            Callback::MyRegistrations,
            Callback::CancelAsk(i64::MAX),
            Callback::CancelYes(i64::MAX),
            Callback::EditRegistration(i64::MAX),
            Callback::AdminCourses,
            Callback::AdminCourse(i64::MAX),
            Callback::AdminExport(i64::MAX),
            Callback::Attendance { course: i64::MAX, page: 999 },
            Callback::Attend { attendee: i64::MAX, course: i64::MAX, page: 999 },
            Callback::AdminEdit(i64::MAX),
            Callback::AdminOpen(i64::MAX),
            Callback::AdminClose(i64::MAX),
            Callback::AdminCancelAsk(i64::MAX),
            Callback::AdminCancelYes(i64::MAX),
            Callback::Form(FormAction::Field(6)),
            Callback::Form(FormAction::Confirm),
            Callback::Form(FormAction::Edit),
            Callback::Form(FormAction::Cancel),
            Callback::Form(FormAction::Skip),
            Callback::ProfileStart,
            Callback::ProfileLater,
            Callback::ProfileSector(6),
            Callback::ProfileDistrict(99),
            Callback::ProfileSkip,
            Callback::ProfileArea(1999),
            Callback::ProfileAreaGroups,
            Callback::ProfileAreaGroup(99),
            Callback::ProfilePlace,
            Callback::Bc(BcAction::Everyone),
            Callback::Bc(BcAction::BySector),
            Callback::Bc(BcAction::ByDistrict),
            Callback::Bc(BcAction::ByCourse),
            Callback::Bc(BcAction::Sector(6)),
            Callback::Bc(BcAction::District(99)),
            Callback::Bc(BcAction::Group(99)),
            Callback::Bc(BcAction::WholeGroup(99)),
            Callback::Bc(BcAction::Area(1999)),
            Callback::Bc(BcAction::Course(i64::MAX)),
            Callback::Bc(BcAction::Continue),
            Callback::Bc(BcAction::NoButton),
            Callback::Bc(BcAction::Button(i64::MAX)),
            Callback::Bc(BcAction::Now),
            Callback::Bc(BcAction::Schedule),
            Callback::Bc(BcAction::Confirm),
            Callback::Bc(BcAction::Cancel),
            Callback::BroadcastStop(i64::MAX),
            Callback::EraseConfirm,
            Callback::EraseKeep,
            Callback::Assess(AssessAction::Start),
            Callback::Assess(AssessAction::Sector(6)),
            Callback::Assess(AssessAction::Answer { n: 19, choice: 4 }),
            Callback::Assess(AssessAction::Back),
            Callback::Assess(AssessAction::Later),
            Callback::Assess(AssessAction::Consult),
            Callback::Assess(AssessAction::ConsentYes),
            Callback::Assess(AssessAction::ConsentNo),
            Callback::Assess(AssessAction::Handled(i64::MAX)),
            Callback::Assess(AssessAction::Export),
        ];
        let panel = PanelAction::ALL.map(Callback::Panel);
        let teaching = [
            Callback::Pick(long_id.clone()),
            Callback::Attach(i64::MAX),
            Callback::AttachTo { question: i64::MAX, id: long_id.clone() },
            Callback::NewEntry(i64::MAX),
            Callback::Learned,
            Callback::Unlearn(i64::MAX),
        ];
        for cb in all.into_iter().chain(panel).chain(teaching) {
            let data = cb.encode();
            assert!(data.len() <= 64, "{data}");
            assert_eq!(Callback::decode(&data), Some(cb));
        }
        assert_eq!(Callback::decode("old:thing"), None);
        assert_eq!(Callback::decode("q:f:abc"), None);
    }
}
