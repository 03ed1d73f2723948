//! Subscriptions and broadcasts: the sectors a subscriber's profile names, who a
//! broadcast goes to, what it carries, when it is sent, and how a failed delivery is retried.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::course::vn_zone;

/// The industries the centre works with, as a subscriber picks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sector {
    AgroForestry,
    ConstructionMaterials,
    Mining,
    FoodBeverages,
    Mechanical,
    Textiles,
    Other,
}

impl Sector {
    pub const ALL: [Sector; 7] = [
        Sector::AgroForestry,
        Sector::ConstructionMaterials,
        Sector::Mining,
        Sector::FoodBeverages,
        Sector::Mechanical,
        Sector::Textiles,
        Sector::Other,
    ];

    /// The stored code, also the Fluent selector of its name.
    pub fn code(&self) -> &'static str {
        match self {
            Sector::AgroForestry => "agro",
            Sector::ConstructionMaterials => "construction",
            Sector::Mining => "mining",
            Sector::FoodBeverages => "food",
            Sector::Mechanical => "mechanical",
            Sector::Textiles => "textiles",
            Sector::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Sector::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn index(&self) -> usize {
        Sector::ALL.iter().position(|s| s == self).unwrap_or(0)
    }
}

/// Who a broadcast goes to: active subscribers, narrowed by sector and place when given; or,
/// for a course, its registrants (confirmed and waitlisted), narrowed the same way. The place
/// is one commune or ward (`area`), or a former district (`former_district`): the units that
/// were in it, and profiles made before 1 July 2025 that still name it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Audience {
    pub sector: Option<Sector>,
    /// A former district as the area list writes it ("Huyện Ea Kar"); broadcasts stored
    /// before the areas held a district's name under `district`.
    #[serde(alias = "district")]
    pub former_district: Option<String>,
    /// A commune-level unit's name.
    pub area: Option<String>,
    pub course: Option<i64>,
}

impl Audience {
    pub fn is_everyone(&self) -> bool {
        self.sector.is_none() && self.former_district.is_none() && self.area.is_none() && self.course.is_none()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContentKind {
    Text,
    Photo,
    Document,
}

impl ContentKind {
    pub fn code(&self) -> &'static str {
        match self {
            ContentKind::Text => "text",
            ContentKind::Photo => "photo",
            ContentKind::Document => "document",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "text" => Some(ContentKind::Text),
            "photo" => Some(ContentKind::Photo),
            "document" => Some(ContentKind::Document),
            _ => None,
        }
    }
}

/// What recipients get: Telegram HTML text, or a photo or document (by Telegram file id)
/// with an HTML caption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub kind: ContentKind,
    pub body: String,
    pub file_id: Option<String>,
}

/// Telegram's limits, counted as it counts them: UTF-16 units of the visible text.
pub const MAX_TEXT: usize = 4096;
pub const MAX_CAPTION: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    #[error("the text is empty")]
    Empty,
    #[error("{len} characters, over {max}")]
    TooLong { len: usize, max: usize },
}

impl Content {
    /// Checks the visible length (`visible` is the text without markup) against the limit of
    /// the kind.
    pub fn check(&self, visible: &str) -> Result<(), ContentError> {
        let len = visible.encode_utf16().count();
        let max = if self.kind == ContentKind::Text { MAX_TEXT } else { MAX_CAPTION };
        if self.kind == ContentKind::Text && visible.trim().is_empty() {
            return Err(ContentError::Empty);
        }
        if len > max {
            return Err(ContentError::TooLong { len, max });
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BroadcastStatus {
    Scheduled,
    Sending,
    Done,
    Cancelled,
}

impl BroadcastStatus {
    pub fn code(&self) -> &'static str {
        match self {
            BroadcastStatus::Scheduled => "scheduled",
            BroadcastStatus::Sending => "sending",
            BroadcastStatus::Done => "done",
            BroadcastStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "scheduled" => Some(BroadcastStatus::Scheduled),
            "sending" => Some(BroadcastStatus::Sending),
            "done" => Some(BroadcastStatus::Done),
            "cancelled" => Some(BroadcastStatus::Cancelled),
            _ => None,
        }
    }
}

/// Delivery figures of one broadcast.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub sent: i64,
    pub failed: i64,
    pub blocked: i64,
    pub remaining: i64,
    pub cancelled: i64,
}

impl Progress {
    pub fn total(&self) -> i64 {
        self.sent + self.failed + self.blocked + self.remaining + self.cancelled
    }
}

/// Attempts for one delivery before it is given up (network errors and 5xx answers).
pub const MAX_ATTEMPTS: i64 = 5;

/// Seconds to wait before attempt `attempts + 1`: 2, 4, 8, 16… capped at 5 minutes.
pub fn backoff(attempts: i64) -> i64 {
    let exp = u32::try_from(attempts.clamp(1, 20)).unwrap_or(20);
    2i64.saturating_pow(exp).min(300)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WhenError {
    #[error("not a time in the DD/MM/YYYY HH:MM form")]
    Format,
    #[error("the time has passed")]
    Past,
}

/// A send time typed as `DD/MM/YYYY HH:MM` in Vietnam time; it must be in the future.
pub fn parse_when(raw: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, WhenError> {
    let mut parts = raw.split_whitespace();
    let (Some(day), Some(time), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(WhenError::Format);
    };
    let date: NaiveDate = super::course::VnDate::parse(day).map_err(|_| WhenError::Format)?.date();
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%Hh%M"))
        .or_else(|_| NaiveTime::parse_from_str(time, "%H.%M"))
        .map_err(|_| WhenError::Format)?;
    let local = date.and_time(time).and_local_timezone(vn_zone()).single().ok_or(WhenError::Format)?;
    let at = local.with_timezone(&Utc);
    if at <= now {
        return Err(WhenError::Past);
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sectors_round_trip_their_codes() {
        for s in Sector::ALL {
            assert_eq!(Sector::from_code(s.code()), Some(s));
            assert_eq!(Sector::ALL[s.index()], s);
        }
        assert_eq!(Sector::from_code("banking"), None);
    }

    #[test]
    fn content_is_checked_in_utf16_units_per_kind() {
        let text = Content { kind: ContentKind::Text, body: String::new(), file_id: None };
        assert_eq!(text.check(&"đ".repeat(4096)), Ok(()));
        assert_eq!(text.check(&"đ".repeat(4097)), Err(ContentError::TooLong { len: 4097, max: 4096 }));
        assert_eq!(text.check("  "), Err(ContentError::Empty));
        let photo = Content { kind: ContentKind::Photo, body: String::new(), file_id: Some("f".into()) };
        assert_eq!(photo.check(""), Ok(()), "a photo needs no caption");
        assert_eq!(photo.check(&"😀".repeat(513)), Err(ContentError::TooLong { len: 1026, max: 1024 }));
    }

    #[test]
    fn an_audience_stored_with_a_district_reads_as_a_former_district() {
        let old: Audience = serde_json::from_str(r#"{"sector":null,"district":"Ea Kar","course":null}"#).expect("old");
        assert_eq!(old.former_district.as_deref(), Some("Ea Kar"));
        assert_eq!(old.area, None);
        let new = Audience { area: Some("Xuân Đài".into()), ..Audience::default() };
        let back: Audience = serde_json::from_str(&serde_json::to_string(&new).expect("json")).expect("read");
        assert_eq!(back, new);
        assert!(!new.is_everyone() && Audience::default().is_everyone());
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!([1, 2, 3, 4].map(backoff), [2, 4, 8, 16]);
        assert_eq!(backoff(30), 300);
    }

    #[test]
    fn send_times_are_vietnam_time_and_in_the_future() {
        let now = DateTime::parse_from_rfc3339("2027-03-01T00:00:00Z").expect("time").with_timezone(&Utc);
        let at = parse_when("01/03/2027 08:30", now).expect("later that morning in Vietnam");
        assert_eq!(at.to_rfc3339(), "2027-03-01T01:30:00+00:00");
        assert_eq!(parse_when("1/3/2027 8h30", now), Ok(at));
        assert_eq!(parse_when("01/03/2027 06:00", now), Err(WhenError::Past), "06:00 in Vietnam is 23:00 UTC");
        assert_eq!(parse_when("01/03/2027", now), Err(WhenError::Format));
        assert_eq!(parse_when("01/03/2027 25:00", now), Err(WhenError::Format));
    }
}
