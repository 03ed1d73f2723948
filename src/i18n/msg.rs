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
    FaqUnknown,
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
    FaqAnswer { question: String, answer: String },
    FaqDidYouMean,
    FaqForwarded,
    AdminQuestion { name: String, user_id: i64, text: String },
    ButtonForward,
    ButtonHelpful,
    ButtonNotHelpful,
    FeedbackThanks,
    FaqBrowseTitle,
    FaqCategoryTitle { category: String, page: i64, pages: i64 },
    ButtonBack,
    ButtonNext,
    ButtonPrev,
    AdminFaqStats { answered: i64, ambiguous: i64, unanswered: i64, rate: i64 },
    UnansweredTitle,
    UnansweredLine { count: i64, text: String },
    UnansweredNone,
    CmdFaq,
    CmdUnanswered,
    ButtonReply,
    AdminReplyPrompt { text: String },
    CentreReply { question: String, answer: String },
    AdminReplySent,
    AdminReplyFailed,
    FaqLeastHelpful { question: String, up: i64, down: i64 },
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
            Msg::FaqUnknown => "faq-unknown",
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
            Msg::FaqAnswer { .. } => "faq-answer",
            Msg::FaqDidYouMean => "faq-did-you-mean",
            Msg::FaqForwarded => "faq-forwarded",
            Msg::AdminQuestion { .. } => "admin-question",
            Msg::ButtonForward => "button-forward",
            Msg::ButtonHelpful => "button-helpful",
            Msg::ButtonNotHelpful => "button-not-helpful",
            Msg::FeedbackThanks => "feedback-thanks",
            Msg::FaqBrowseTitle => "faq-browse-title",
            Msg::FaqCategoryTitle { .. } => "faq-category-title",
            Msg::ButtonBack => "button-back",
            Msg::ButtonNext => "button-next",
            Msg::ButtonPrev => "button-prev",
            Msg::AdminFaqStats { .. } => "admin-faq-stats",
            Msg::UnansweredTitle => "unanswered-title",
            Msg::UnansweredLine { .. } => "unanswered-line",
            Msg::UnansweredNone => "unanswered-none",
            Msg::CmdFaq => "cmd-faq",
            Msg::CmdUnanswered => "cmd-unanswered",
            Msg::ButtonReply => "button-reply",
            Msg::AdminReplyPrompt { .. } => "admin-reply-prompt",
            Msg::CentreReply { .. } => "centre-reply",
            Msg::AdminReplySent => "admin-reply-sent",
            Msg::AdminReplyFailed => "admin-reply-failed",
            Msg::FaqLeastHelpful { .. } => "faq-least-helpful",
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
            Msg::FaqAnswer { question, answer } => vec![("question", text(question)), ("answer", text(answer))],
            Msg::AdminQuestion { name, user_id, text: body } => {
                vec![("name", text(name)), ("user_id", Arg::Text(user_id.to_string())), ("text", text(body))]
            }
            Msg::FaqCategoryTitle { category, page, pages } => {
                vec![("category", text(category)), ("page", Arg::Number(*page)), ("pages", Arg::Number(*pages))]
            }
            Msg::AdminFaqStats { answered, ambiguous, unanswered, rate } => vec![
                ("answered", Arg::Number(*answered)),
                ("ambiguous", Arg::Number(*ambiguous)),
                ("unanswered", Arg::Number(*unanswered)),
                ("rate", Arg::Number(*rate)),
            ],
            Msg::UnansweredLine { count, text: body } => vec![("count", Arg::Number(*count)), ("text", text(body))],
            Msg::AdminReplyPrompt { text: body } => vec![("text", text(body))],
            Msg::CentreReply { question, answer } => vec![("question", text(question)), ("answer", text(answer))],
            Msg::FaqLeastHelpful { question, up, down } => {
                vec![("question", text(question)), ("up", Arg::Number(*up)), ("down", Arg::Number(*down))]
            }
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
            Msg::FaqUnknown,
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
            Msg::FaqAnswer { question: "SXSH là gì?".into(), answer: "Là…".into() },
            Msg::FaqDidYouMean,
            Msg::FaqForwarded,
            Msg::AdminQuestion { name: "Lan".into(), user_id: 1, text: "giá điện?".into() },
            Msg::ButtonForward,
            Msg::ButtonHelpful,
            Msg::ButtonNotHelpful,
            Msg::FeedbackThanks,
            Msg::FaqBrowseTitle,
            Msg::FaqCategoryTitle { category: "Năng lượng".into(), page: 1, pages: 2 },
            Msg::ButtonBack,
            Msg::ButtonNext,
            Msg::ButtonPrev,
            Msg::AdminFaqStats { answered: 8, ambiguous: 1, unanswered: 1, rate: 80 },
            Msg::UnansweredTitle,
            Msg::UnansweredLine { count: 3, text: "giá điện".into() },
            Msg::UnansweredNone,
            Msg::CmdFaq,
            Msg::CmdUnanswered,
            Msg::ButtonReply,
            Msg::AdminReplyPrompt { text: "giá điện?".into() },
            Msg::CentreReply { question: "giá điện?".into(), answer: "Xem /faq".into() },
            Msg::AdminReplySent,
            Msg::AdminReplyFailed,
            Msg::FaqLeastHelpful { question: "SXSH là gì?".into(), up: 1, down: 3 },
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
                | Msg::FaqUnknown
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
                | Msg::FaqAnswer { .. }
                | Msg::FaqDidYouMean
                | Msg::FaqForwarded
                | Msg::AdminQuestion { .. }
                | Msg::ButtonForward
                | Msg::ButtonHelpful
                | Msg::ButtonNotHelpful
                | Msg::FeedbackThanks
                | Msg::FaqBrowseTitle
                | Msg::FaqCategoryTitle { .. }
                | Msg::ButtonBack
                | Msg::ButtonNext
                | Msg::ButtonPrev
                | Msg::AdminFaqStats { .. }
                | Msg::UnansweredTitle
                | Msg::UnansweredLine { .. }
                | Msg::UnansweredNone
                | Msg::CmdFaq
                | Msg::CmdUnanswered
                | Msg::ButtonReply
                | Msg::AdminReplyPrompt { .. }
                | Msg::CentreReply { .. }
                | Msg::AdminReplySent
                | Msg::AdminReplyFailed
                | Msg::FaqLeastHelpful { .. }
                | Msg::ChatBye => {}
            }
        }
        all
    }
}
