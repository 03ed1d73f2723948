//! The catalogue of messages. A variant names a Fluent id and carries its arguments; a new
//! variant needs an id in `locales/vi` first, then `locales/en`. The `messages!` table below
//! generates the enum, its ids, its arguments and one example of every variant (rendered by
//! the locale tests), so nothing can be forgotten in one place and not another.

/// An argument value: text is HTML-escaped when rendered; numbers select plural forms.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

/// How a field of a message becomes a Fluent argument, and a sample value for the tests.
pub trait IntoArg {
    fn arg(&self) -> Arg;
    fn sample() -> Self;
}

impl IntoArg for String {
    fn arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
    fn sample() -> Self {
        "Lan <b>&</b>".to_owned()
    }
}

impl IntoArg for i64 {
    fn arg(&self) -> Arg {
        Arg::Number(*self)
    }
    fn sample() -> Self {
        2
    }
}

macro_rules! messages {
    ($( $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? = $id:literal, )*) => {
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Msg {
            $( $variant $({ $($field: $ty),* })?, )*
        }

        impl Msg {
            /// Every Fluent id the code can render, with the arguments it passes.
            pub const SIGNATURES: &'static [(&'static str, &'static [&'static str])] =
                &[$( ($id, &[$($(stringify!($field)),*)?]), )*];

            /// The Fluent message id.
            pub fn id(&self) -> &'static str {
                match self {
                    $( Msg::$variant { .. } => $id, )*
                }
            }

            /// The named arguments of this message.
            pub fn args(&self) -> Vec<(&'static str, Arg)> {
                match self {
                    $( Msg::$variant $({ $($field),* })? => vec![$($( (stringify!($field), IntoArg::arg($field)) ),*)?], )*
                }
            }

            /// One instance of every variant, with sample arguments, for the locale tests.
            pub fn examples() -> Vec<Msg> {
                vec![$( Msg::$variant $({ $($field: <$ty as IntoArg>::sample()),* })?, )*]
            }
        }
    };
}

messages! {
    StartGreeting { name: String } = "start-greeting",
    MainMenuPrompt = "main-menu-prompt",
    HelpText = "help-text",
    HelpAdmin = "help-admin",
    LangPrompt = "lang-prompt",
    LangChanged = "lang-changed",
    LangButtonVi = "lang-button-vi",
    LangButtonEn = "lang-button-en",
    MenuAsk = "menu-ask",
    MenuCourses = "menu-courses",
    MenuNews = "menu-news",
    MenuContact = "menu-contact",
    MenuLang = "menu-lang",
    AskHint = "ask-hint",
    FaqUnknown = "faq-unknown",
    ContactPrompt = "contact-prompt",
    ContactPreview { text: String } = "contact-preview",
    ContactSent = "contact-sent",
    ContactTooLong { max: i64, len: i64 } = "contact-too-long",
    ContactEmpty = "contact-empty",
    ButtonSend = "button-send",
    ButtonCancel = "button-cancel",
    AdminIncoming { name: String, user_id: i64, text: String } = "admin-incoming",
    Cancelled = "cancelled",
    NothingToCancel = "nothing-to-cancel",
    NotAdmin = "not-admin",
    AdminMenu = "admin-menu",
    AdminStats { total: i64, active: i64, english: i64, blocked: i64, messages: i64 } = "admin-stats",
    FeatureNotReady = "feature-not-ready",
    UnknownCommand = "unknown-command",
    NonText = "non-text",
    MenuExpired = "menu-expired",
    ErrorApology = "error-apology",
    StateLost = "state-lost",
    GroupUsePrivate { bot: String } = "group-use-private",
    CmdStart = "cmd-start",
    CmdHelp = "cmd-help",
    CmdLang = "cmd-lang",
    CmdCancel = "cmd-cancel",
    CmdAdmin = "cmd-admin",
    CmdStats = "cmd-stats",
    ChatIntro { user_id: i64, role: String } = "chat-intro",
    ChatRoleAdmin = "chat-role-admin",
    ChatRoleUser = "chat-role-user",
    ChatButtonsHint = "chat-buttons-hint",
    ChatEdited = "chat-edited",
    ChatDocument { name: String } = "chat-document",
    FaqAnswer { question: String, answer: String } = "faq-answer",
    FaqDidYouMean = "faq-did-you-mean",
    FaqForwarded = "faq-forwarded",
    AdminQuestion { name: String, user_id: i64, text: String } = "admin-question",
    ButtonForward = "button-forward",
    ButtonHelpful = "button-helpful",
    ButtonNotHelpful = "button-not-helpful",
    FeedbackThanks = "feedback-thanks",
    FaqBrowseTitle = "faq-browse-title",
    FaqCategoryTitle { category: String, page: i64, pages: i64 } = "faq-category-title",
    ButtonBack = "button-back",
    ButtonNext = "button-next",
    ButtonPrev = "button-prev",
    AdminFaqStats { answered: i64, ambiguous: i64, unanswered: i64, rate: i64 } = "admin-faq-stats",
    UnansweredTitle = "unanswered-title",
    UnansweredLine { count: i64, text: String } = "unanswered-line",
    UnansweredNone = "unanswered-none",
    CmdFaq = "cmd-faq",
    CmdUnanswered = "cmd-unanswered",
    ButtonReply = "button-reply",
    AdminReplyPrompt { text: String } = "admin-reply-prompt",
    CentreReply { question: String, answer: String } = "centre-reply",
    AdminReplySent = "admin-reply-sent",
    AdminReplyFailed = "admin-reply-failed",
    FaqLeastHelpful { question: String, up: i64, down: i64 } = "faq-least-helpful",
    ChatBye = "chat-bye",
    RosterColumn { n: i64 } = "roster-column",
    RosterConfirmed = "roster-confirmed",
    RosterWaitlisted = "roster-waitlisted",
    RosterYes = "roster-yes",
    RosterNo = "roster-no",
}
