//! Training courses: dates in the province's time, capacities, the fields an admin types, and
//! when registration is open. Dates are typed and shown as DD/MM/YYYY and stored as ISO
//! `YYYY-MM-DD`; "today" is always the date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving
//! since 1975, so a fixed offset is exact), whatever the server's zone.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

/// Vietnam's offset from UTC, in seconds.
const VN_OFFSET: i32 = 7 * 3600;

/// Asia/Ho_Chi_Minh as a fixed offset.
pub const VN_ZONE: FixedOffset = match FixedOffset::east_opt(VN_OFFSET) {
    Some(zone) => zone,
    None => panic!("UTC+7 is a valid offset"),
};

pub fn vn_zone() -> FixedOffset {
    VN_ZONE
}

/// The date in Vietnam at the instant `now`.
pub fn vn_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&vn_zone()).date_naive()
}

/// The hour of the day in Vietnam at the instant `now`.
pub fn vn_hour(now: DateTime<Utc>) -> u32 {
    use chrono::Timelike;
    now.with_timezone(&vn_zone()).hour()
}

/// The day that day-before notices (reminders, "registration closes tomorrow") are about at
/// `now`: tomorrow in Vietnam, once the local hour has reached `hour`; none before.
pub fn notice_day(now: DateTime<Utc>, hour: u32) -> Option<NaiveDate> {
    if vn_hour(now) < hour {
        return None;
    }
    vn_today(now).succ_opt()
}

/// A calendar date typed or shown as DD/MM/YYYY; stored (and serialized) as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VnDate(NaiveDate);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date in the DD/MM/YYYY form")]
    Format,
    #[error("no such day in the calendar")]
    NoSuchDay,
}

impl VnDate {
    /// Accepts `DD/MM/YYYY` with `/`, `-` or `.` and one- or two-digit day and month
    /// (`5/3/2027`, `05-03-2027`), the forms people type on a phone.
    pub fn parse(raw: &str) -> Result<Self, DateError> {
        let parts: Vec<&str> = raw.trim().split(['/', '-', '.']).map(str::trim).collect();
        let [d, m, y] = parts.as_slice() else { return Err(DateError::Format) };
        let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 4..=4) {
            return Err(DateError::Format);
        }
        let (d, m, y) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<i32>());
        let (Ok(d), Ok(m), Ok(y)) = (d, m, y) else { return Err(DateError::Format) };
        NaiveDate::from_ymd_opt(y, m, d).map(VnDate).ok_or(DateError::NoSuchDay)
    }

    /// The stored form, `YYYY-MM-DD`.
    pub fn from_iso(raw: &str) -> Option<Self> {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().map(VnDate)
    }

    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    pub fn date(&self) -> NaiveDate {
        self.0
    }

    pub fn from_date(date: NaiveDate) -> Self {
        VnDate(date)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    pub fn days_until(&self, other: VnDate) -> i64 {
        (other.0 - self.0).num_days()
    }
}

impl TryFrom<String> for VnDate {
    type Error = DateError;

    fn try_from(iso: String) -> Result<Self, Self::Error> {
        VnDate::from_iso(&iso).ok_or(DateError::Format)
    }
}

impl From<VnDate> for String {
    fn from(date: VnDate) -> String {
        date.iso()
    }
}

impl fmt::Display for VnDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Four-digit years always, as parsed: "01/01/0999" must read back as the same day.
        write!(f, "{:02}/{:02}/{:04}", self.0.day(), self.0.month(), self.0.year())
    }
}

/// Text an admin or a user types into one field: trimmed, inner whitespace runs made single
/// spaces (except in descriptions, where line breaks are kept), never empty, bounded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the text is empty")]
    Empty,
    #[error("the text has {len} characters, over {max}")]
    TooLong { len: usize, max: usize },
}

/// Trims, collapses spaces (and line breaks unless `keep_lines`), and bounds `raw`.
pub fn clean_text(raw: &str, max: usize, keep_lines: bool) -> Result<String, TextError> {
    let text = if keep_lines {
        raw.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
    } else {
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let text = text.trim().to_owned();
    let len = text.chars().count();
    if len == 0 {
        Err(TextError::Empty)
    } else if len > max {
        Err(TextError::TooLong { len, max })
    } else {
        Ok(text)
    }
}

pub const MAX_TITLE: usize = 200;
pub const MAX_LOCATION: usize = 200;
pub const MAX_DESCRIPTION: usize = 1500;
/// Seats in one course; the province's largest rooms hold a few hundred.
pub const MAX_CAPACITY: u32 = 1000;

/// Seats in a course, 1 to [`MAX_CAPACITY`]; serialized as the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Capacity(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CapacityError {
    #[error("not a whole number")]
    NotANumber,
    #[error("out of range 1..={max}")]
    OutOfRange { max: u32 },
}

impl Capacity {
    pub fn parse(raw: &str) -> Result<Self, CapacityError> {
        let n: u32 = raw.trim().parse().map_err(|_| CapacityError::NotANumber)?;
        Self::new(n)
    }

    pub fn new(n: u32) -> Result<Self, CapacityError> {
        if (1..=MAX_CAPACITY).contains(&n) {
            Ok(Capacity(n))
        } else {
            Err(CapacityError::OutOfRange { max: MAX_CAPACITY })
        }
    }

    pub fn get(&self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for Capacity {
    type Error = CapacityError;

    fn try_from(n: u32) -> Result<Self, Self::Error> {
        Capacity::new(n)
    }
}

impl From<Capacity> for u32 {
    fn from(capacity: Capacity) -> u32 {
        capacity.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseStatus {
    Open,
    Closed,
    Cancelled,
}

impl CourseStatus {
    pub fn code(&self) -> &'static str {
        match self {
            CourseStatus::Open => "open",
            CourseStatus::Closed => "closed",
            CourseStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "open" => Some(CourseStatus::Open),
            "closed" => Some(CourseStatus::Closed),
            "cancelled" => Some(CourseStatus::Cancelled),
            _ => None,
        }
    }
}

/// What an admin fills in for a course, validated field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseFields {
    pub title: String,
    pub description: String,
    pub location: String,
    pub starts: VnDate,
    pub ends: VnDate,
    pub capacity: Capacity,
    pub deadline: VnDate,
}

/// Rules between fields, checked once all are known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the course ends before it starts")]
    EndsBeforeStart,
    #[error("the registration deadline is after the start")]
    DeadlineAfterStart,
    #[error("the course starts in the past")]
    StartsInPast,
}

impl CourseFields {
    /// The dates make sense together; a new course must also start today or later.
    pub fn check(&self, today: NaiveDate, new: bool) -> Result<(), ScheduleError> {
        check_dates(
            &Dates { starts: Some(self.starts), ends: Some(self.ends), deadline: Some(self.deadline) },
            today,
            new,
        )
    }
}

/// A course's dates, some perhaps not known yet (a course being typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dates {
    pub starts: Option<VnDate>,
    pub ends: Option<VnDate>,
    pub deadline: Option<VnDate>,
}

/// The rules between a course's dates, for those known: it ends on or after its start, the
/// registration deadline is not after the start, and a new course starts today or later.
pub fn check_dates(dates: &Dates, today: NaiveDate, new: bool) -> Result<(), ScheduleError> {
    let Some(starts) = dates.starts else { return Ok(()) };
    if dates.ends.is_some_and(|e| e < starts) {
        return Err(ScheduleError::EndsBeforeStart);
    }
    if dates.deadline.is_some_and(|d| d > starts) {
        return Err(ScheduleError::DeadlineAfterStart);
    }
    if new && starts.date() < today {
        return Err(ScheduleError::StartsInPast);
    }
    Ok(())
}

/// A course as stored, with its seat counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    pub id: i64,
    pub fields: CourseFields,
    pub status: CourseStatus,
    /// Attendees with a confirmed registration.
    pub taken: u32,
    /// Attendees on the waitlist.
    pub waiting: u32,
}

/// Why a course does not take registrations right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Cancelled,
    ClosedByCentre,
    DeadlinePassed,
}

impl Course {
    pub fn seats_left(&self) -> u32 {
        self.fields.capacity.get().saturating_sub(self.taken)
    }

    /// A new registration for `seats` people is confirmed when they all fit; otherwise the
    /// whole group goes on the waitlist (never split).
    pub fn confirms(&self, seats: u32) -> bool {
        seats <= self.seats_left()
    }

    /// Registration is open until the end of the deadline day (Vietnam time), while the
    /// centre has not closed or cancelled the course.
    pub fn registration(&self, today: NaiveDate) -> Result<(), Closed> {
        match self.status {
            CourseStatus::Cancelled => Err(Closed::Cancelled),
            CourseStatus::Closed => Err(Closed::ClosedByCentre),
            CourseStatus::Open if today > self.fields.deadline.date() => Err(Closed::DeadlinePassed),
            CourseStatus::Open => Ok(()),
        }
    }

    /// Not over yet: it ends today or later.
    pub fn is_upcoming(&self, today: NaiveDate) -> bool {
        self.fields.ends.date() >= today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> VnDate {
        VnDate::parse(s).expect("valid date")
    }

    #[test]
    fn dates_typed_one_by_one_are_checked_against_those_known() {
        let today = d("01/03/2027").date();
        let none = Dates::default();
        assert_eq!(check_dates(&none, today, true), Ok(()));
        let starts = Dates { starts: Some(d("10/03/2027")), ..none };
        assert_eq!(check_dates(&starts, today, true), Ok(()));
        let past = Dates { starts: Some(d("20/02/2027")), ..none };
        assert_eq!(check_dates(&past, today, true), Err(ScheduleError::StartsInPast));
        assert_eq!(check_dates(&past, today, false), Ok(()), "an existing course may have started");
        let ends = Dates { ends: Some(d("09/03/2027")), ..starts };
        assert_eq!(check_dates(&ends, today, true), Err(ScheduleError::EndsBeforeStart));
        let deadline = Dates { deadline: Some(d("11/03/2027")), ..starts };
        assert_eq!(check_dates(&deadline, today, true), Err(ScheduleError::DeadlineAfterStart));
        let only_ends = Dates { ends: Some(d("01/01/2020")), ..none };
        assert_eq!(check_dates(&only_ends, today, true), Ok(()), "nothing to compare with yet");
    }

    #[test]
    fn dates_parse_in_the_forms_people_type() {
        assert_eq!(d("05/03/2027").to_string(), "05/03/2027");
        assert_eq!(d("5/3/2027"), d("05/03/2027"));
        assert_eq!(d(" 05-03-2027 "), d("05.03.2027"));
        assert_eq!(d("29/02/2028").iso(), "2028-02-29");
        assert_eq!(VnDate::parse("31/02/2027"), Err(DateError::NoSuchDay));
        assert_eq!(VnDate::parse("29/02/2027"), Err(DateError::NoSuchDay));
        assert_eq!(VnDate::parse("2027-03-05"), Err(DateError::Format));
        assert_eq!(VnDate::parse("05/03/27"), Err(DateError::Format));
        assert_eq!(VnDate::parse("ngày mai"), Err(DateError::Format));
        assert_eq!(VnDate::parse(""), Err(DateError::Format));
        assert_eq!(VnDate::from_iso("2027-03-05"), Some(d("05/03/2027")));
    }

    #[test]
    fn dates_and_capacities_serialize_as_they_are_stored() {
        assert_eq!(serde_json::to_string(&d("05/03/2027")).expect("json"), r#""2027-03-05""#);
        assert_eq!(serde_json::from_str::<VnDate>(r#""2027-03-05""#).expect("date"), d("05/03/2027"));
        assert!(serde_json::from_str::<VnDate>(r#""05/03/2027""#).is_err());
        assert_eq!(serde_json::to_string(&Capacity(60)).expect("json"), "60");
        assert_eq!(serde_json::from_str::<Capacity>("60").expect("capacity"), Capacity(60));
        assert!(serde_json::from_str::<Capacity>("0").is_err());
    }

    #[test]
    fn today_is_the_date_in_vietnam() {
        let late_utc = DateTime::parse_from_rfc3339("2026-12-31T18:30:00Z").expect("time").with_timezone(&Utc);
        assert_eq!(vn_today(late_utc), NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"));
        assert_eq!(vn_hour(late_utc), 1);
    }

    #[test]
    fn day_before_notices_start_at_the_hour_in_vietnam() {
        let at = |utc: &str| DateTime::parse_from_rfc3339(utc).expect("time").with_timezone(&Utc);
        assert_eq!(notice_day(at("2027-03-09T00:59:59Z"), 8), None, "07:59 in Vietnam");
        assert_eq!(notice_day(at("2027-03-09T01:00:00Z"), 8), Some(d("10/03/2027").date()));
        assert_eq!(notice_day(at("2027-03-09T16:59:59Z"), 8), Some(d("10/03/2027").date()), "23:59");
        assert_eq!(notice_day(at("2027-03-09T17:00:00Z"), 0), Some(d("11/03/2027").date()), "midnight");
    }

    #[test]
    fn capacity_is_a_bounded_whole_number() {
        assert_eq!(Capacity::parse(" 60 ").map(|c| c.get()), Ok(60));
        assert_eq!(Capacity::parse("0"), Err(CapacityError::OutOfRange { max: MAX_CAPACITY }));
        assert_eq!(Capacity::parse("1001"), Err(CapacityError::OutOfRange { max: MAX_CAPACITY }));
        assert_eq!(Capacity::parse("sáu mươi"), Err(CapacityError::NotANumber));
        assert_eq!(Capacity::parse("-5"), Err(CapacityError::NotANumber));
    }

    #[test]
    fn text_fields_are_trimmed_and_bounded() {
        assert_eq!(clean_text("  Tập huấn   SXSH \n", 13, false), Ok("Tập huấn SXSH".into()));
        assert_eq!(clean_text("a  b\n\n c", 10, true), Ok("a b\n\nc".into()));
        assert_eq!(clean_text(" \n", 10, false), Err(TextError::Empty));
        assert_eq!(clean_text("đđđ", 2, false), Err(TextError::TooLong { len: 3, max: 2 }));
    }

    fn fields(starts: &str, ends: &str, deadline: &str) -> CourseFields {
        CourseFields {
            title: "Tập huấn SXSH".into(),
            description: String::new(),
            location: "Ea Kar".into(),
            starts: d(starts),
            ends: d(ends),
            capacity: Capacity(60),
            deadline: d(deadline),
        }
    }

    #[test]
    fn schedules_must_make_sense() {
        let today = d("01/03/2027").date();
        assert_eq!(fields("10/03/2027", "11/03/2027", "08/03/2027").check(today, true), Ok(()));
        assert_eq!(fields("10/03/2027", "10/03/2027", "10/03/2027").check(today, true), Ok(()));
        assert_eq!(
            fields("10/03/2027", "09/03/2027", "08/03/2027").check(today, true),
            Err(ScheduleError::EndsBeforeStart)
        );
        assert_eq!(
            fields("10/03/2027", "11/03/2027", "11/03/2027").check(today, true),
            Err(ScheduleError::DeadlineAfterStart)
        );
        assert_eq!(
            fields("10/02/2027", "11/02/2027", "08/02/2027").check(today, true),
            Err(ScheduleError::StartsInPast)
        );
        assert_eq!(fields("10/02/2027", "11/02/2027", "08/02/2027").check(today, false), Ok(()));
    }

    #[test]
    fn registration_closes_after_the_deadline_day() {
        let course = Course {
            id: 1,
            fields: fields("10/03/2027", "11/03/2027", "08/03/2027"),
            status: CourseStatus::Open,
            taken: 58,
            waiting: 0,
        };
        assert_eq!(course.seats_left(), 2);
        assert_eq!(course.registration(d("08/03/2027").date()), Ok(()));
        assert_eq!(course.registration(d("09/03/2027").date()), Err(Closed::DeadlinePassed));
        let closed = Course { status: CourseStatus::Closed, ..course.clone() };
        assert_eq!(closed.registration(d("01/03/2027").date()), Err(Closed::ClosedByCentre));
        let cancelled = Course { status: CourseStatus::Cancelled, ..course };
        assert_eq!(cancelled.registration(d("01/03/2027").date()), Err(Closed::Cancelled));
    }
}
