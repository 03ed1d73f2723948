//! A message a user writes to the centre's staff, and the day's figures staff see first.

/// The longest message accepted, in characters; a Telegram message holds 4096, and the
/// admin's copy adds a header, so the body is kept well below.
pub const MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CentreMessage(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CentreMessageError {
    #[error("the message is empty")]
    Empty,
    #[error("the message has {len} characters, over {max}")]
    TooLong { len: usize, max: usize },
}

impl CentreMessage {
    pub fn parse(raw: &str) -> Result<Self, CentreMessageError> {
        let text = raw.trim();
        let len = text.chars().count();
        if len == 0 {
            Err(CentreMessageError::Empty)
        } else if len > MAX_CHARS {
            Err(CentreMessageError::TooLong { len, max: MAX_CHARS })
        } else {
            Ok(Self(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_trimmed_and_bounded() {
        assert_eq!(CentreMessage::parse("  xin chào \n").map(|m| m.as_str().to_owned()), Ok("xin chào".into()));
        assert_eq!(CentreMessage::parse(" \n "), Err(CentreMessageError::Empty));
        let long = "đ".repeat(MAX_CHARS + 1);
        assert_eq!(
            CentreMessage::parse(&long),
            Err(CentreMessageError::TooLong { len: MAX_CHARS + 1, max: MAX_CHARS })
        );
        assert!(CentreMessage::parse(&"đ".repeat(MAX_CHARS)).is_ok());
    }
}

/// Today's figures at the top of the /admin panel ("today" is the day in Vietnam).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Headline {
    /// People who have ever written to the bot, and those who wrote first today.
    pub users: i64,
    pub new_today: i64,
    /// Questions asked today, and how many of them the bot answered at once.
    pub questions_today: i64,
    pub answered_today: i64,
    /// Questions passed to the centre that no one has replied to yet.
    pub waiting: i64,
    /// Registrations made today that still stand.
    pub registrations_today: i64,
    /// Active subscribers to announcements.
    pub subscribers: i64,
    /// Open courses that have not started.
    pub upcoming_courses: i64,
    /// Self-assessments taken today, and consultation requests not handled yet.
    pub assessments_today: i64,
    pub open_consultations: i64,
}
