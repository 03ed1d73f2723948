//! The dialogue state of a private chat, stored as JSON in the `dialogues` table so that a
//! half-finished dialogue continues after a restart. Only ever add variants (stored rows must
//! keep decoding); a row that no longer decodes becomes [`State::Lost`] and the user gets an
//! apology and a fresh start.

use serde::{Deserialize, Serialize};

use crate::domain::broadcast::Sector;
use crate::domain::course::{Capacity, VnDate};
use crate::domain::registration::{Email, PersonName, Phone, TaxCode};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// No dialogue: text is a question, buttons are menu choices.
    #[default]
    Idle,
    /// "Write to the centre": waiting for the text.
    ContactWriting,
    /// "Write to the centre": the draft is shown with Send / Cancel.
    ContactConfirm { draft: String },
    /// An admin is typing the answer to a question the bot could not answer.
    AdminReplying { question_id: i64 },
    /// Registering for a course: the step being asked and what is known so far.
    Registering { course_id: i64, step: RegStep, form: RegForm },
    /// An admin creates a course (`course_id` is `None`) or edits one.
    CourseForm { course_id: Option<i64>, step: CourseStep, form: CourseDraft },
    /// A subscriber fills in their profile: sector, then the place (a commune or ward), then
    /// enterprise name. `district` is the former district a profile made before 1 July 2025
    /// holds, kept unless a unit is chosen; `place_only` when only the place is asked (the
    /// invitation to replace a former district).
    Profile {
        step: ProfileStep,
        /// Stored by its code (`"agro"`), as profiles are.
        #[serde(with = "sector_code")]
        sector: Option<Sector>,
        district: Option<String>,
        #[serde(default)]
        area: Option<String>,
        #[serde(default)]
        place_only: bool,
    },
    /// An admin prepares a broadcast.
    Broadcasting { step: BroadcastStep, draft: BroadcastDraft },
    /// An admin looks for the entry a group of unanswered questions (named by one of them)
    /// should be attached to: typed words are searched.
    AttachingQuestion { question_id: i64 },
    /// An admin types the answer of a new entry made from a group of unanswered questions.
    WritingEntry { question_id: i64 },
    /// The SXSH self-assessment: the sector (asked first while `None`) and the answers so far.
    Assessing { sector: Option<crate::domain::assessment::Sector>, answers: Vec<crate::domain::assessment::Answer> },
    /// A consultation request after an assessment: the step asked and what is known so far.
    Consulting { step: ConsultStep, form: ConsultForm },
    /// A stored state that no longer decodes; never stored itself.
    #[serde(skip)]
    Lost,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProfileStep {
    Sector,
    /// The place: a commune or ward (the name is kept from when it was a district).
    District,
    Enterprise,
}

/// The questions of a consultation request, in order; known answers are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsultStep {
    Consent,
    Enterprise,
    Phone,
    Need,
}

/// What a consultation request knows so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultForm {
    pub assessment_id: Option<i64>,
    pub enterprise: Option<String>,
    pub phone: Option<Phone>,
}

/// The steps of /broadcast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BroadcastStep {
    /// Waiting for the text, photo or document.
    Content,
    /// Choosing the audience (with sub-pickers).
    Audience,
    /// Choosing whether to add a course's Register button.
    Button,
    /// The preview is shown: send now, schedule, or cancel.
    Confirm,
    /// Waiting for the send time.
    When,
    /// The scheduled time is set: confirm or cancel.
    ConfirmScheduled,
}

/// A broadcast being prepared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BroadcastDraft {
    pub content: Option<crate::domain::broadcast::Content>,
    pub audience: crate::domain::broadcast::Audience,
    pub course_button: Option<i64>,
    /// Unix seconds of a scheduled send.
    pub send_at: Option<i64>,
}

/// The questions of the registration dialogue, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegStep {
    Consent,
    Reuse,
    Enterprise,
    Contact,
    Position,
    Phone,
    Email,
    Count,
    Names,
    TaxCode,
    Confirm,
}

/// What a registrant has answered so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegForm {
    pub enterprise: Option<String>,
    pub contact: Option<PersonName>,
    pub position: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub count: Option<u32>,
    pub names: Vec<PersonName>,
    pub tax_code: Option<TaxCode>,
    /// The details were taken from the last registration: skip straight to the attendees.
    pub reused: bool,
    /// Editing this existing registration instead of making a new one.
    pub editing: Option<i64>,
}

/// The fields of a course, in the order /newcourse asks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CourseStep {
    Title,
    Description,
    Location,
    Starts,
    Ends,
    Capacity,
    Deadline,
    /// The summary with Confirm / Edit / Cancel.
    Confirm,
    /// Choosing which field to change.
    Pick,
}

impl CourseStep {
    pub const FIELDS: [CourseStep; 7] = [
        CourseStep::Title,
        CourseStep::Description,
        CourseStep::Location,
        CourseStep::Starts,
        CourseStep::Ends,
        CourseStep::Capacity,
        CourseStep::Deadline,
    ];

    pub fn code(&self) -> usize {
        CourseStep::FIELDS.iter().position(|f| f == self).unwrap_or(usize::MAX)
    }

    pub fn from_code(code: usize) -> Option<Self> {
        CourseStep::FIELDS.get(code).copied()
    }
}

/// A course being typed: each field once it was accepted (dates are stored as `YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CourseDraft {
    pub title: Option<String>,
    pub description: Option<String>,
    pub location: Option<String>,
    pub starts: Option<VnDate>,
    pub ends: Option<VnDate>,
    pub capacity: Option<Capacity>,
    pub deadline: Option<VnDate>,
    /// Filling the fields one after another (false once the summary was shown: then a field
    /// that is typed returns to the summary).
    pub first_pass: bool,
}

/// A profile's sector in dialogue state: its code, as a profile stores it, or null.
mod sector_code {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use super::Sector;

    pub fn serialize<S: Serializer>(sector: &Option<Sector>, s: S) -> Result<S::Ok, S::Error> {
        match sector {
            Some(sector) => s.serialize_some(sector.code()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sector>, D::Error> {
        match Option::<String>::deserialize(d)? {
            Some(code) => Sector::from_code(&code).map(Some).ok_or_else(|| D::Error::custom("unknown sector code")),
            None => Ok(None),
        }
    }
}

/// The dialogues of more than one variant, for routing (a dialogue of one variant is routed
/// by its shape with `dptree::case!`).
impl State {
    /// An admin teaching the FAQ a group of unanswered questions.
    pub fn is_faq_teaching(&self) -> bool {
        matches!(self, State::AttachingQuestion { .. } | State::WritingEntry { .. })
    }

    /// Inside the "write to the centre" dialogue, where text is the message's body.
    pub fn is_contact(&self) -> bool {
        matches!(self, State::ContactWriting | State::ContactConfirm { .. })
    }

    pub fn is_assessing(&self) -> bool {
        matches!(self, State::Assessing { .. } | State::Consulting { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_stored_before_the_communes_and_wards_still_decodes() {
        let stored = r#"{"Profile":{"step":"District","sector":"agro","district":null}}"#;
        let state: State = serde_json::from_str(stored).expect("decodes");
        let want = State::Profile {
            step: ProfileStep::District,
            sector: Some(Sector::AgroForestry),
            district: None,
            area: None,
            place_only: false,
        };
        assert_eq!(state, want);
        let back: State = serde_json::from_str(&serde_json::to_string(&want).expect("json")).expect("decodes");
        assert_eq!(back, want);
    }

    /// Rows stored while the forms held plain strings: they decode into the parsed types and
    /// are written back in exactly the same shape.
    #[test]
    fn forms_stored_as_plain_strings_still_decode_into_parsed_values() {
        let registering = r#"{"Registering":{"course_id":3,"step":"Confirm","form":{
            "enterprise":"HTX Cà phê Ea Kar","contact":"Nguyễn Thị Lan","position":"Giám đốc",
            "phone":"+84912345678","email":"lan@caphe-eakar.vn","count":2,
            "names":["Nguyễn Văn An","Trần Thị Bình"],"tax_code":"0100109106-001",
            "reused":false,"editing":null}}}"#;
        let course = r#"{"CourseForm":{"course_id":null,"step":"Confirm","form":{
            "title":"Tập huấn SXSH","description":"","location":"Ea Kar",
            "starts":"2027-03-10","ends":"2027-03-11","capacity":60,"deadline":"2027-03-08",
            "first_pass":false}}}"#;
        let consulting =
            r#"{"Consulting":{"step":"Need","form":{"assessment_id":4,"enterprise":"DN","phone":"+84905000111"}}}"#;
        let profile =
            r#"{"Profile":{"step":"Enterprise","sector":"food","district":"Ea Kar","area":null,"place_only":false}}"#;

        let date = |s: &str| VnDate::parse(s).expect("date");
        let want = [
            State::Registering {
                course_id: 3,
                step: RegStep::Confirm,
                form: RegForm {
                    enterprise: Some("HTX Cà phê Ea Kar".into()),
                    contact: Some(PersonName::parse("Nguyễn Thị Lan").expect("name")),
                    position: Some("Giám đốc".into()),
                    phone: Some(Phone::parse("0912 345 678").expect("phone")),
                    email: Some(Email::parse("lan@caphe-eakar.vn").expect("email")),
                    count: Some(2),
                    names: vec![
                        PersonName::parse("Nguyễn Văn An").expect("name"),
                        PersonName::parse("Trần Thị Bình").expect("name"),
                    ],
                    tax_code: Some(TaxCode::parse("0100109106001").expect("tax code")),
                    reused: false,
                    editing: None,
                },
            },
            State::CourseForm {
                course_id: None,
                step: CourseStep::Confirm,
                form: CourseDraft {
                    title: Some("Tập huấn SXSH".into()),
                    description: Some(String::new()),
                    location: Some("Ea Kar".into()),
                    starts: Some(date("10/03/2027")),
                    ends: Some(date("11/03/2027")),
                    capacity: Some(Capacity::new(60).expect("capacity")),
                    deadline: Some(date("08/03/2027")),
                    first_pass: false,
                },
            },
            State::Consulting {
                step: ConsultStep::Need,
                form: ConsultForm {
                    assessment_id: Some(4),
                    enterprise: Some("DN".into()),
                    phone: Some(Phone::parse("0905000111").expect("phone")),
                },
            },
            State::Profile {
                step: ProfileStep::Enterprise,
                sector: Some(Sector::FoodBeverages),
                district: Some("Ea Kar".into()),
                area: None,
                place_only: false,
            },
        ];
        for (stored, want) in [registering, course, consulting, profile].into_iter().zip(want) {
            let state: State = serde_json::from_str(stored).expect("an old row decodes");
            assert_eq!(state, want);
            let written = serde_json::to_value(&state).expect("json");
            let old: serde_json::Value = serde_json::from_str(stored).expect("json");
            assert_eq!(written, old, "written back in the shape it was stored in");
        }
    }

    #[test]
    fn a_stored_form_whose_value_no_longer_parses_does_not_decode() {
        for stored in [
            r#"{"Registering":{"course_id":3,"step":"Email","form":{"phone":"12"}}}"#,
            r#"{"Registering":{"course_id":3,"step":"Confirm","form":{"tax_code":"0100109107"}}}"#,
            r#"{"CourseForm":{"course_id":null,"step":"Ends","form":{"starts":"10/03/2027"}}}"#,
            r#"{"CourseForm":{"course_id":null,"step":"Deadline","form":{"capacity":0}}}"#,
            r#"{"Profile":{"step":"District","sector":"fishing","district":null}}"#,
        ] {
            assert!(serde_json::from_str::<State>(stored).is_err(), "{stored}");
        }
    }
}
