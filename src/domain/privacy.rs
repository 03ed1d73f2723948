//! Personal data rights (Law 91/2025/QH15 on Personal Data Protection, Decree 356/2025/NĐ-CP):
//! what a copy of "my data" holds, what erasing leaves behind, and when the registrations of a
//! finished course are purged. Pure types and rules; the statements live in `db::privacy`.

use chrono::{Days, NaiveDate};
use serde::Serialize;

/// The account anonymous registrations belong to once their person is gone (see the
/// `..._privacy.sql` migration). Telegram user ids are positive, so 0 is no one.
pub const ERASED_USER: i64 = 0;

/// What an erased text field of a kept registration holds: a sign, in no language, so that a
/// roster shows an anonymous row rather than an empty cell.
pub const ERASED_TEXT: &str = "—";

/// A stored Unix time as RFC 3339 in UTC, for the copy of a user's data.
pub fn timestamp(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| secs.to_string())
}

/// The last day a finished course may have ended on and still be purged: courses that ended
/// more than `days` days before `today`. `None` when purging is off (`days == 0`).
pub fn purge_cutoff(today: NaiveDate, days: u32) -> Option<NaiveDate> {
    if days == 0 {
        return None;
    }
    today.checked_sub_days(Days::new(u64::from(days) + 1))
}

/// Everything the bot stores about one user, as sent to them by `/mydata`. Times are RFC 3339
/// in UTC; the keys are stable, so the file can be read by a program as well as a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MyData {
    pub exported_at: String,
    pub user: Option<UserData>,
    pub consents: Vec<ConsentData>,
    pub registrations: Vec<RegistrationData>,
    pub subscription: Option<SubscriptionData>,
    pub questions: Vec<QuestionData>,
    pub faq_feedback: Vec<FeedbackData>,
    pub centre_messages: Vec<CentreMessageData>,
    pub course_views: Vec<CourseViewData>,
    pub dialogue: Option<DialogueData>,
    pub announcements_received: DeliveriesData,
    /// For centre staff: what they created in their role.
    pub courses_created: Vec<i64>,
    pub broadcasts_created: Vec<i64>,
    /// SXSH self-assessments and the consultation requests after them.
    pub assessments: Vec<super::assessment::TakenData>,
    pub consultation_requests: Vec<super::assessment::RequestData>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserData {
    pub telegram_id: i64,
    pub chat_id: i64,
    pub language: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub blocked_the_bot: bool,
    pub first_seen: String,
    pub last_seen: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentData {
    pub notice_version: String,
    pub given_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegistrationData {
    pub code: String,
    pub course_id: i64,
    pub course_title: String,
    pub course_starts: String,
    pub course_ends: String,
    pub status: String,
    pub enterprise: String,
    pub contact_name: String,
    pub position: String,
    pub phone: String,
    pub email: Option<String>,
    pub tax_code: Option<String>,
    pub attendees: Vec<AttendeeData>,
    pub created_at: String,
    pub updated_at: String,
    pub reminded_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttendeeData {
    pub name: String,
    pub attended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubscriptionData {
    pub active: bool,
    pub sector: Option<String>,
    /// The commune or ward (xã, phường) chosen.
    pub area: Option<String>,
    /// The district a profile made before 1 July 2025 names, until a unit is chosen.
    pub former_district: Option<String>,
    /// When the subscriber was invited to pick a unit in place of the former district.
    pub invited_to_choose_area_at: Option<String>,
    pub enterprise: Option<String>,
    pub subscribed_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionData {
    pub text: String,
    /// `answered`, `ambiguous` or `unanswered`.
    pub outcome: String,
    pub faq_entry: Option<String>,
    pub sent_to_centre_at: Option<String>,
    pub centre_replied_at: Option<String>,
    pub asked_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackData {
    pub faq_entry: String,
    pub helpful: bool,
    pub given_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CentreMessageData {
    pub text: String,
    pub sent_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CourseViewData {
    pub course_id: i64,
    pub course_title: String,
    pub viewed_at: String,
    pub reminded_of_deadline_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DialogueData {
    /// The step the user is in and what they have typed so far.
    pub state: serde_json::Value,
    pub updated_at: String,
}

/// Announcements addressed to the user: only figures, the texts are the centre's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DeliveriesData {
    pub total: i64,
    pub delivered: i64,
}

impl MyData {
    /// The figures of the short summary sent with the file.
    pub fn summary(&self) -> Summary {
        let n = |len: usize| i64::try_from(len).unwrap_or(i64::MAX);
        Summary {
            registrations: n(self.registrations.len()),
            attendees: n(self.registrations.iter().map(|r| r.attendees.len()).sum()),
            questions: n(self.questions.len()),
            feedback: n(self.faq_feedback.len()),
            messages: n(self.centre_messages.len()),
            consents: n(self.consents.len()),
            subscribed: self.subscription.as_ref().is_some_and(|s| s.active),
            announcements: self.announcements_received.total,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub registrations: i64,
    pub attendees: i64,
    pub questions: i64,
    pub feedback: i64,
    pub messages: i64,
    pub consents: i64,
    pub subscribed: bool,
    pub announcements: i64,
}

/// A registration for a course that is not over, kept as an anonymous seat when its user
/// erased their data: the centre's staff are told, since no one can be contacted about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptSeat {
    pub registration_id: i64,
    pub course_id: i64,
    pub course_title: String,
    pub course_starts: String,
    pub seats: i64,
    pub waitlisted: bool,
}

/// What one erasure did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    /// Registrations kept without personal data (seats and waitlist places stay).
    pub anonymised: u64,
    /// Cancelled registrations, deleted.
    pub deleted: u64,
    /// Among the anonymised: those for courses not over yet, still holding seats.
    pub kept_seats: Vec<KeptSeat>,
    /// Whether there was anything stored besides the Telegram account itself.
    pub anything: bool,
}

/// What one purge pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub anonymised: u64,
    pub deleted: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn times_are_rfc_3339_in_utc() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(timestamp(1_800_000_000), "2027-01-15T08:00:00Z");
    }

    #[test]
    fn purging_is_off_at_zero_days() {
        assert_eq!(purge_cutoff(d("2027-03-01"), 0), None);
    }

    #[test]
    fn a_course_is_purged_once_it_ended_more_than_the_period_ago() {
        // Ended 2026-01-01; 30 days later (2026-01-31) it is still kept, the day after it goes.
        let cutoff = purge_cutoff(d("2026-01-31"), 30).expect("on");
        assert!(d("2026-01-01") > cutoff, "exactly 30 days ago: kept");
        let cutoff = purge_cutoff(d("2026-02-01"), 30).expect("on");
        assert!(d("2026-01-01") <= cutoff, "31 days ago: purged");
    }

    #[test]
    fn the_summary_counts_what_the_file_holds() {
        let data = MyData {
            exported_at: "2026-11-29T00:00:00Z".into(),
            user: None,
            consents: vec![ConsentData { notice_version: "2026-11".into(), given_at: "x".into() }],
            registrations: vec![RegistrationData {
                code: "DK-1".into(),
                course_id: 1,
                course_title: "SXSH".into(),
                course_starts: "01/12/2026".into(),
                course_ends: "02/12/2026".into(),
                status: "confirmed".into(),
                enterprise: "DN".into(),
                contact_name: "Lan".into(),
                position: "KT".into(),
                phone: "+84912345678".into(),
                email: None,
                tax_code: None,
                attendees: vec![
                    AttendeeData { name: "A".into(), attended: false },
                    AttendeeData { name: "B".into(), attended: false },
                ],
                created_at: "x".into(),
                updated_at: "x".into(),
                reminded_at: None,
            }],
            subscription: None,
            questions: Vec::new(),
            faq_feedback: Vec::new(),
            centre_messages: Vec::new(),
            course_views: Vec::new(),
            dialogue: None,
            announcements_received: DeliveriesData { total: 3, delivered: 2 },
            courses_created: Vec::new(),
            broadcasts_created: Vec::new(),
            assessments: Vec::new(),
            consultation_requests: Vec::new(),
        };
        let s = data.summary();
        assert_eq!((s.registrations, s.attendees, s.consents, s.announcements), (1, 2, 1, 3));
        assert!(!s.subscribed);
    }
}
