//! The commands of the public contract (PRODUCT.md). Admin commands are a separate enum so
//! that one filter in `schema()` gates all of them.

use teloxide::utils::command::BotCommands;

/// Commands anyone may use. Arguments are accepted and ignored where a command takes none,
/// so `/start payload` (deep links) still works.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum UserCommand {
    Start(String),
    Help(String),
    Faq(String),
    Courses(String),
    Register(String),
    Myregistrations(String),
    Subscribe(String),
    Unsubscribe(String),
    Profile(String),
    Lang(String),
    Mydata(String),
    Deleteme(String),
    Cancel(String),
    Privacy(String),
    Assessment(String),
}

/// Commands for the ids in `ADMIN_IDS` only.
#[derive(BotCommands, Clone, Debug, PartialEq, Eq)]
#[command(rename_rule = "lowercase")]
pub enum AdminCommand {
    Admin(String),
    Newcourse(String),
    Registrations(String),
    Broadcast(String),
    Broadcasts(String),
    Stats(String),
    Unanswered(String),
    Export(String),
    Assessments(String),
}
