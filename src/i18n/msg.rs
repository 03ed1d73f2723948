//! The catalogue of messages. A variant names a Fluent id and carries its arguments; a new
//! variant needs an id in `locales/vi` first, then `locales/en`, and an entry in
//! [`Msg::examples`] so the parity test renders it.

/// An argument value: text is HTML-escaped when rendered; numbers select plural forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    StartGreeting { name: String },
    MainMenuPrompt,
    HelpText,
    HelpAdmin,
    LangPrompt,
    LangChanged,
    LangButtonVi,
    LangButtonEn,
    MenuAsk,
    MenuCourses,
    MenuNews,
    MenuContact,
    MenuLang,
    AskHint,
    FaqNotReady,
    ContactPrompt,
    ContactPreview { text: String },
    ContactSent,
    ContactTooLong { max: i64, len: i64 },
    ContactEmpty,
    ButtonSend,
    ButtonCancel,
    AdminIncoming { name: String, user_id: i64, text: String },
    Cancelled,
    NothingToCancel,
    NotAdmin,
    AdminMenu,
    AdminStats { total: i64, active: i64, english: i64, blocked: i64, messages: i64 },
    FeatureNotReady,
    UnknownCommand,
    NonText,
    MenuExpired,
    ErrorApology,
    StateLost,
    GroupUsePrivate { bot: String },
    CmdStart,
    CmdHelp,
    CmdLang,
    CmdCancel,
    CmdAdmin,
    CmdStats,
    ChatIntro { user_id: i64, role: String },
    ChatRoleAdmin,
    ChatRoleUser,
    ChatButtonsHint,
    ChatEdited,
    ChatDocument { name: String },
    ChatBye,
}

impl Msg {
    /// The Fluent message id.
    pub fn id(&self) -> &'static str {
        match self {
            Msg::StartGreeting { .. } => "start-greeting",
            Msg::MainMenuPrompt => "main-menu-prompt",
            Msg::HelpText => "help-text",
            Msg::HelpAdmin => "help-admin",
            Msg::LangPrompt => "lang-prompt",
            Msg::LangChanged => "lang-changed",
            Msg::LangButtonVi => "lang-button-vi",
            Msg::LangButtonEn => "lang-button-en",
            Msg::MenuAsk => "menu-ask",
            Msg::MenuCourses => "menu-courses",
            Msg::MenuNews => "menu-news",
            Msg::MenuContact => "menu-contact",
            Msg::MenuLang => "menu-lang",
            Msg::AskHint => "ask-hint",
            Msg::FaqNotReady => "faq-not-ready",
            Msg::ContactPrompt => "contact-prompt",
            Msg::ContactPreview { .. } => "contact-preview",
            Msg::ContactSent => "contact-sent",
            Msg::ContactTooLong { .. } => "contact-too-long",
            Msg::ContactEmpty => "contact-empty",
            Msg::ButtonSend => "button-send",
            Msg::ButtonCancel => "button-cancel",
            Msg::AdminIncoming { .. } => "admin-incoming",
            Msg::Cancelled => "cancelled",
            Msg::NothingToCancel => "nothing-to-cancel",
            Msg::NotAdmin => "not-admin",
            Msg::AdminMenu => "admin-menu",
            Msg::AdminStats { .. } => "admin-stats",
            Msg::FeatureNotReady => "feature-not-ready",
            Msg::UnknownCommand => "unknown-command",
            Msg::NonText => "non-text",
            Msg::MenuExpired => "menu-expired",
            Msg::ErrorApology => "error-apology",
            Msg::StateLost => "state-lost",
            Msg::GroupUsePrivate { .. } => "group-use-private",
            Msg::CmdStart => "cmd-start",
            Msg::CmdHelp => "cmd-help",
            Msg::CmdLang => "cmd-lang",
            Msg::CmdCancel => "cmd-cancel",
            Msg::CmdAdmin => "cmd-admin",
            Msg::CmdStats => "cmd-stats",
            Msg::ChatIntro { .. } => "chat-intro",
            Msg::ChatRoleAdmin => "chat-role-admin",
            Msg::ChatRoleUser => "chat-role-user",
            Msg::ChatButtonsHint => "chat-buttons-hint",
            Msg::ChatEdited => "chat-edited",
            Msg::ChatDocument { .. } => "chat-document",
            Msg::ChatBye => "chat-bye",
        }
    }

    /// The named arguments of this message.
    pub fn args(&self) -> Vec<(&'static str, Arg)> {
        let text = |s: &String| Arg::Text(s.clone());
        match self {
            Msg::StartGreeting { name } => vec![("name", text(name))],
            Msg::ContactPreview { text: body } => vec![("text", text(body))],
            Msg::ContactTooLong { max, len } => vec![("max", Arg::Number(*max)), ("len", Arg::Number(*len))],
            Msg::AdminIncoming { name, user_id, text: body } => {
                vec![("name", text(name)), ("user_id", Arg::Text(user_id.to_string())), ("text", text(body))]
            }
            Msg::AdminStats { total, active, english, blocked, messages } => vec![
                ("total", Arg::Number(*total)),
                ("active", Arg::Number(*active)),
                ("english", Arg::Number(*english)),
                ("blocked", Arg::Number(*blocked)),
                ("messages", Arg::Number(*messages)),
            ],
            Msg::GroupUsePrivate { bot } => vec![("bot", text(bot))],
            Msg::ChatIntro { user_id, role } => {
                vec![("user_id", Arg::Text(user_id.to_string())), ("role", text(role))]
            }
            Msg::ChatDocument { name } => vec![("name", text(name))],
            _ => Vec::new(),
        }
    }

    /// One instance of every variant, for the locale tests. The `match` below fails to
    /// compile when a variant is added and forgotten here.
    pub fn examples() -> Vec<Msg> {
        let all = vec![
            Msg::StartGreeting { name: "Lan".into() },
            Msg::MainMenuPrompt,
            Msg::HelpText,
            Msg::HelpAdmin,
            Msg::LangPrompt,
            Msg::LangChanged,
            Msg::LangButtonVi,
            Msg::LangButtonEn,
            Msg::MenuAsk,
            Msg::MenuCourses,
            Msg::MenuNews,
            Msg::MenuContact,
            Msg::MenuLang,
            Msg::AskHint,
            Msg::FaqNotReady,
            Msg::ContactPrompt,
            Msg::ContactPreview { text: "Xin tư vấn".into() },
            Msg::ContactSent,
            Msg::ContactTooLong { max: 2000, len: 2500 },
            Msg::ContactEmpty,
            Msg::ButtonSend,
            Msg::ButtonCancel,
            Msg::AdminIncoming { name: "Lan @lan".into(), user_id: 1, text: "Xin chào".into() },
            Msg::Cancelled,
            Msg::NothingToCancel,
            Msg::NotAdmin,
            Msg::AdminMenu,
            Msg::AdminStats { total: 3, active: 2, english: 1, blocked: 0, messages: 1 },
            Msg::FeatureNotReady,
            Msg::UnknownCommand,
            Msg::NonText,
            Msg::MenuExpired,
            Msg::ErrorApology,
            Msg::StateLost,
            Msg::GroupUsePrivate { bot: "@sxsh_bot".into() },
            Msg::CmdStart,
            Msg::CmdHelp,
            Msg::CmdLang,
            Msg::CmdCancel,
            Msg::CmdAdmin,
            Msg::CmdStats,
            Msg::ChatIntro { user_id: 1, role: "admin".into() },
            Msg::ChatRoleAdmin,
            Msg::ChatRoleUser,
            Msg::ChatButtonsHint,
            Msg::ChatEdited,
            Msg::ChatDocument { name: "roster.xlsx".into() },
            Msg::ChatBye,
        ];
        for m in &all {
            match m {
                Msg::StartGreeting { .. }
                | Msg::MainMenuPrompt
                | Msg::HelpText
                | Msg::HelpAdmin
                | Msg::LangPrompt
                | Msg::LangChanged
                | Msg::LangButtonVi
                | Msg::LangButtonEn
                | Msg::MenuAsk
                | Msg::MenuCourses
                | Msg::MenuNews
                | Msg::MenuContact
                | Msg::MenuLang
                | Msg::AskHint
                | Msg::FaqNotReady
                | Msg::ContactPrompt
                | Msg::ContactPreview { .. }
                | Msg::ContactSent
                | Msg::ContactTooLong { .. }
                | Msg::ContactEmpty
                | Msg::ButtonSend
                | Msg::ButtonCancel
                | Msg::AdminIncoming { .. }
                | Msg::Cancelled
                | Msg::NothingToCancel
                | Msg::NotAdmin
                | Msg::AdminMenu
                | Msg::AdminStats { .. }
                | Msg::FeatureNotReady
                | Msg::UnknownCommand
                | Msg::NonText
                | Msg::MenuExpired
                | Msg::ErrorApology
                | Msg::StateLost
                | Msg::GroupUsePrivate { .. }
                | Msg::CmdStart
                | Msg::CmdHelp
                | Msg::CmdLang
                | Msg::CmdCancel
                | Msg::CmdAdmin
                | Msg::CmdStats
                | Msg::ChatIntro { .. }
                | Msg::ChatRoleAdmin
                | Msg::ChatRoleUser
                | Msg::ChatButtonsHint
                | Msg::ChatEdited
                | Msg::ChatDocument { .. }
                | Msg::ChatBye => {}
            }
        }
        all
    }
}
