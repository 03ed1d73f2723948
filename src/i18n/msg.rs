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
    CmdSubscribe = "cmd-subscribe",
    CmdProfile = "cmd-profile",
    CmdUnsubscribe = "cmd-unsubscribe",
    CmdBroadcast = "cmd-broadcast",
    CmdBroadcasts = "cmd-broadcasts",
    CmdCourses = "cmd-courses",
    CmdRegister = "cmd-register",
    CmdMyregistrations = "cmd-myregistrations",
    CmdNewcourse = "cmd-newcourse",
    CmdRegistrations = "cmd-registrations",
    CmdExport = "cmd-export",
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
    CoursesTitle = "courses-title",
    CoursesNone = "courses-none",
    CoursesRegisterTitle = "courses-register-title",
    CourseDetails { title: String, location: String, starts: String, ends: String, deadline: String, left: i64, capacity: i64 } = "course-details",
    CourseDescription { description: String } = "course-description",
    CourseFullNote = "course-full-note",
    ButtonRegister = "button-register",
    ButtonWaitlist = "button-waitlist",
    ButtonCourseList = "button-course-list",
    ButtonMyRegistrations = "button-my-registrations",
    RegConsent = "reg-consent",
    ButtonAgree = "button-agree",
    ButtonDisagree = "button-disagree",
    RegConsentDeclined = "reg-consent-declined",
    RegReuse { enterprise: String, contact: String, position: String, phone: String } = "reg-reuse",
    ButtonReuse = "button-reuse",
    ButtonFresh = "button-fresh",
    RegAskEnterprise { title: String } = "reg-ask-enterprise",
    RegAskContact = "reg-ask-contact",
    RegAskPosition = "reg-ask-position",
    RegAskPhone = "reg-ask-phone",
    ButtonSharePhone = "button-share-phone",
    RegPhoneSaved { phone: String } = "reg-phone-saved",
    RegAskEmail = "reg-ask-email",
    ButtonSkip = "button-skip",
    RegAskCount { max: i64 } = "reg-ask-count",
    RegAskNames { count: i64 } = "reg-ask-names",
    RegAskNameOne = "reg-ask-name-one",
    RegAskTax = "reg-ask-tax",
    RegNotGiven = "reg-not-given",
    RegSummary { title: String, starts: String, location: String, enterprise: String, tax: String, contact: String, position: String, phone: String, email: String, names: String, count: i64 } = "reg-summary",
    RegSummaryWaitlist = "reg-summary-waitlist",
    ButtonConfirm = "button-confirm",
    RegConfirmed { code: String, title: String, starts: String, ends: String, location: String, count: i64 } = "reg-confirmed",
    RegWaitlisted { code: String, title: String, place: i64 } = "reg-waitlisted",
    RegAlready { code: String, title: String } = "reg-already",
    RegBadTooLong { max: i64 } = "reg-bad-too-long",
    RegBadEmpty = "reg-bad-empty",
    RegBadName = "reg-bad-name",
    RegBadPhone = "reg-bad-phone",
    RegContactNotYours = "reg-contact-not-yours",
    RegBadEmail = "reg-bad-email",
    RegBadCount { max: i64 } = "reg-bad-count",
    RegBadNamesCount { expected: i64, got: i64 } = "reg-bad-names-count",
    RegBadNamesLine { line: i64 } = "reg-bad-names-line",
    RegBadTaxLength = "reg-bad-tax-length",
    RegBadTaxCheck = "reg-bad-tax-check",
    RegUseButtons = "reg-use-buttons",
    RegClosedDeadline { deadline: String } = "reg-closed-deadline",
    RegClosedCentre = "reg-closed-centre",
    RegClosedCancelled = "reg-closed-cancelled",
    RegNoCourse = "reg-no-course",
    MyregTitle = "myreg-title",
    MyregNone = "myreg-none",
    MyregItem { code: String, title: String, starts: String, location: String, status: String, count: i64 } = "myreg-item",
    MyregStatusConfirmed = "myreg-status-confirmed",
    MyregStatusWaitlist { place: i64 } = "myreg-status-waitlist",
    MyregStatusCourseCancelled = "myreg-status-course-cancelled",
    ButtonCancelRegistration { code: String } = "button-cancel-registration",
    CancelAsk { title: String, code: String } = "cancel-ask",
    ButtonEditRegistration = "button-edit-registration",
    ButtonEditRegistrationCode { code: String } = "button-edit-registration-code",
    RegUpdated { code: String, title: String } = "reg-updated",
    RegNoSeats { max: i64 } = "reg-no-seats",
    ButtonYesCancel = "button-yes-cancel",
    ButtonNo = "button-no",
    CancelDone { title: String } = "cancel-done",
    CancelNotFound = "cancel-not-found",
    RegPromoted { title: String, code: String, starts: String, location: String } = "reg-promoted",
    RegReminder { title: String, starts: String, location: String, code: String } = "reg-reminder",
    RegNudge { title: String, deadline: String } = "reg-nudge",
    CourseCancelledNotice { title: String, starts: String } = "course-cancelled-notice",
    NewcourseIntro = "newcourse-intro",
    NewcourseAskTitle = "newcourse-ask-title",
    NewcourseAskDescription = "newcourse-ask-description",
    NewcourseAskLocation = "newcourse-ask-location",
    NewcourseAskStarts = "newcourse-ask-starts",
    NewcourseAskEnds = "newcourse-ask-ends",
    NewcourseAskCapacity { max: i64 } = "newcourse-ask-capacity",
    NewcourseAskDeadline = "newcourse-ask-deadline",
    FormBadDate = "form-bad-date",
    FormNoSuchDay = "form-no-such-day",
    FormBadCapacity { max: i64 } = "form-bad-capacity",
    FormEndsBeforeStart = "form-ends-before-start",
    FormDeadlineAfterStart = "form-deadline-after-start",
    FormStartsInPast = "form-starts-in-past",
    CourseSummary { title: String, description: String, location: String, starts: String, ends: String, deadline: String, capacity: i64 } = "course-summary",
    ButtonEdit = "button-edit",
    FormPick = "form-pick",
    FormField { n: i64 } = "form-field",
    CourseCreated { title: String } = "course-created",
    CourseUpdated { title: String } = "course-updated",
    AdminCoursesTitle = "admin-courses-title",
    AdminExportTitle = "admin-export-title",
    AdminCoursesNone = "admin-courses-none",
    CourseStatus { status: String } = "course-status",
    AdminCourse { title: String, starts: String, ends: String, location: String, deadline: String, status: String, taken: i64, capacity: i64, waiting: i64 } = "admin-course",
    AdminCourseLine { code: String, enterprise: String, contact: String, phone: String, count: i64 } = "admin-course-line",
    AdminCourseWaitlist = "admin-course-waitlist",
    AdminCourseEmpty = "admin-course-empty",
    ButtonExport = "button-export",
    ButtonAttendance = "button-attendance",
    ButtonClose = "button-close",
    ButtonOpen = "button-open",
    ButtonCancelCourse = "button-cancel-course",
    ButtonYesCancelCourse = "button-yes-cancel-course",
    AdminCancelAsk { title: String, registrants: i64 } = "admin-cancel-ask",
    AdminCourseCancelled { title: String, notified: i64 } = "admin-course-cancelled",
    ExportCaption { title: String, count: i64 } = "export-caption",
    ExportEmpty = "export-empty",
    AttendanceTitle { title: String, present: i64, total: i64, page: i64, pages: i64 } = "attendance-title",
    AttendanceEmpty = "attendance-empty",
    SubscribeDone = "subscribe-done",
    SubscribeAlready = "subscribe-already",
    SubscribeProfileOffer = "subscribe-profile-offer",
    ButtonProfile = "button-profile",
    ButtonNotNow = "button-not-now",
    UnsubscribeDone = "unsubscribe-done",
    UnsubscribeNotSubscribed = "unsubscribe-not-subscribed",
    ProfileNotSubscribed = "profile-not-subscribed",
    ProfileAskSector = "profile-ask-sector",
    ProfileAskArea = "profile-ask-area",
    ProfileAskAreaFormer { former: String } = "profile-ask-area-former",
    ProfileAreaMatches = "profile-area-matches",
    ProfileAreaMatchesOld { query: String } = "profile-area-matches-old",
    ProfileAreaTooMany { shown: i64 } = "profile-area-too-many",
    ProfileAreaNone { query: String } = "profile-area-none",
    ProfileAreaGroups = "profile-area-groups",
    ProfileAreaGroup { group: String } = "profile-area-group",
    ButtonAreaBrowse = "button-area-browse",
    ButtonAreaGroups = "button-area-groups",
    AreaName { kind: String, name: String } = "area-name",
    ButtonArea { kind: String, name: String } = "button-area",
    AreaGroup { kind: String, name: String } = "area-group",
    AreaFormer { kind: String, name: String } = "area-former",
    AreaInvite { former: String } = "area-invite",
    ButtonAreaChoose = "button-area-choose",
    ProfileAskEnterprise = "profile-ask-enterprise",
    ProfileSaved { sector: String, area: String, enterprise: String } = "profile-saved",
    SectorName { sector: String } = "sector-name",
    BroadcastAskContent = "broadcast-ask-content",
    BroadcastBadContent = "broadcast-bad-content",
    BroadcastTooLong { max: i64, len: i64 } = "broadcast-too-long",
    BroadcastAudience { audience: String, count: i64 } = "broadcast-audience",
    AudienceEveryone = "audience-everyone",
    AudienceSector { sector: String } = "audience-sector",
    AudienceArea { area: String } = "audience-area",
    AudienceGroup { group: String } = "audience-group",
    AudienceCourse { title: String } = "audience-course",
    ButtonAudienceAll = "button-audience-all",
    ButtonAudienceSector = "button-audience-sector",
    ButtonAudienceDistrict = "button-audience-district",
    ButtonAudienceCourse = "button-audience-course",
    ButtonContinue = "button-continue",
    BroadcastPickSector = "broadcast-pick-sector",
    BroadcastPickGroup = "broadcast-pick-group",
    BroadcastPickInGroup { group: String } = "broadcast-pick-in-group",
    BroadcastPickArea = "broadcast-pick-area",
    ButtonWholeGroup { group: String } = "button-whole-group",
    BroadcastPickCourse = "broadcast-pick-course",
    BroadcastNoRecipients = "broadcast-no-recipients",
    BroadcastAskButton = "broadcast-ask-button",
    ButtonNoButton = "button-no-button",
    BroadcastPreviewTitle = "broadcast-preview-title",
    BroadcastConfirm { count: i64 } = "broadcast-confirm",
    ButtonSendNow = "button-send-now",
    ButtonSchedule = "button-schedule",
    BroadcastAskWhen = "broadcast-ask-when",
    BroadcastBadWhen = "broadcast-bad-when",
    BroadcastPastWhen = "broadcast-past-when",
    BroadcastConfirmScheduled { count: i64, when: String } = "broadcast-confirm-scheduled",
    BroadcastQueued { id: i64, count: i64 } = "broadcast-queued",
    BroadcastScheduled { id: i64, count: i64, when: String } = "broadcast-scheduled",
    BroadcastProgress { id: i64, sent: i64, failed: i64, blocked: i64, remaining: i64, eta: i64, yielding: String } = "broadcast-progress",
    BroadcastReport { id: i64, sent: i64, failed: i64, blocked: i64, cancelled: i64, status: String } = "broadcast-report",
    ButtonStop = "button-stop",
    BroadcastsTitle = "broadcasts-title",
    BroadcastsNone = "broadcasts-none",
    BroadcastsLine { id: i64, sent: i64, total: i64, status: String, when: String } = "broadcasts-line",
    BroadcastStatus { status: String } = "broadcast-status",
    CmdPrivacy = "cmd-privacy",
    CmdMydata = "cmd-mydata",
    CmdDeleteme = "cmd-deleteme",
    PrivacyText { days: i64 } = "privacy-text",
    MydataSummary { registrations: i64, attendees: i64, questions: i64, feedback: i64, messages: i64, consents: i64, subscribed: i64, announcements: i64 } = "mydata-summary",
    MydataCaption = "mydata-caption",
    MydataFileName = "mydata-file-name",
    DeletemeAsk = "deleteme-ask",
    ButtonEraseConfirm = "button-erase-confirm",
    ButtonEraseKeep = "button-erase-keep",
    DeletemeKept = "deleteme-kept",
    DeletemeDone { kept: i64 } = "deleteme-done",
    DeletemeNothing = "deleteme-nothing",
    AdminErasedTitle { count: i64 } = "admin-erased-title",
    AdminErasedLine { code: String, title: String, starts: String, seats: i64, status: String } = "admin-erased-line",
    // Abuse limits (locales/*/limits.ftl).
    FloodSlowDown = "flood-slow-down",
    FaqQuestionShortened { max: i64 } = "faq-question-shortened",
}
