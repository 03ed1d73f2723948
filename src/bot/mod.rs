//! The Telegram adapter: the handler tree, dialogue state and keyboards. Handlers are thin:
//! they read the update, call one service, render a `Msg` and send it. This module (with
//! `worker` and `emulator`) is the only place that imports teloxide.
//!
//! `schema()` reads top to bottom: private messages (dialogue, admin commands behind one
//! gate, user commands, dialogue steps, unknown commands, free text, anything else), group
//! messages (commands addressed to the bot only), callback queries, membership changes, and
//! every other kind of update, ignored on purpose.

pub mod commands;
pub mod flood;
mod handlers;
pub mod menu;
mod reply;
pub mod state;
pub mod storage;
pub mod webhook;

pub use crate::telegram::{callback, keyboards};

use std::ops::ControlFlow;
use std::sync::Arc;

use sqlx::SqlitePool;
use teloxide::dispatching::dialogue::{Dialogue, ErasedStorage};
use teloxide::dispatching::{DpHandlerDescription, UpdateHandler};
use teloxide::dptree::di::DependencyMap;
use teloxide::dptree::{self, HandlerDescription};
use teloxide::error_handlers::ErrorHandler;
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, Update, UpdateKind, User};
use teloxide::RequestError;

use crate::config::{Config, Secret};
use crate::domain::lang::Lang;
use crate::domain::user::Sender;
use crate::services::faq::FaqService;
use crate::services::{self, ServiceError};
use crate::telegram::Outbound;
use commands::{AdminCommand, UserCommand};
use state::State;
use storage::DialogueStorageError;

pub type DialogueStore = ErasedStorage<State>;
pub type ChatDialogue = Dialogue<State, DialogueStore>;
pub type HandlerResult = Result<(), BotError>;

/// What a handler can fail with; logged once with its cause chain at the top of the tree,
/// and the user gets a polite apology.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    #[error("Telegram request failed")]
    Telegram(#[from] RequestError),
    #[error(transparent)]
    Service(#[from] ServiceError),
    #[error("dialogue storage failed")]
    Dialogue(#[source] Box<dyn std::error::Error + Send + Sync>),
    #[error("dialogue storage failed")]
    DialogueStore(#[from] DialogueStorageError),
    #[error(transparent)]
    Progress(#[from] crate::worker::outbox::ProgressError),
}

/// Everything a handler needs besides the update, injected through `dptree::deps!`.
#[derive(Clone)]
pub struct App {
    pub pool: SqlitePool,
    pub config: Arc<Config>,
    pub faq: Arc<FaqService>,
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Updates arrive by webhook (each is stored before it is acknowledged).
    pub webhook: bool,
    /// The updates already handled (the replay guard).
    pub handled: Arc<services::updates::Handled>,
    /// People recorded lately.
    pub seen: Arc<services::users::Seen>,
}

/// Who sent the update and the language to answer in, resolved once per update.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub sender: Sender,
    pub lang: Lang,
}

impl Ctx {
    pub fn chat(&self) -> ChatId {
        ChatId(self.sender.chat_id)
    }
}

/// The whole handler tree.
pub fn schema() -> UpdateHandler<BotError> {
    let private = Update::filter_message()
        .filter(|m: Message| m.chat.is_private())
        .filter_map_async(ctx_from_message)
        .enter_dialogue::<Message, DialogueStore, State>()
        .branch(dptree::case![State::Lost].endpoint(handlers::dialogue::state_lost))
        .branch(
            teloxide::filter_command::<AdminCommand, _>()
                .branch(dptree::filter(is_admin).endpoint(handlers::admin::command))
                .endpoint(handlers::admin::refuse),
        )
        .branch(teloxide::filter_command::<UserCommand, _>().endpoint(handlers::user_command))
        .branch(dptree::filter(|s: State| s.is_contact()).endpoint(handlers::contact::receive))
        .branch(
            dptree::filter(|s: State| matches!(s, State::AdminReplying { .. })).endpoint(handlers::faq::admin_reply),
        )
        .branch(
            dptree::filter(|s: State, ctx: Ctx, app: App| s.is_faq_teaching() && is_admin(ctx, app))
                .endpoint(handlers::faq::teaching),
        )
        .branch(dptree::filter(is_command_like).endpoint(handlers::fallback::unknown_command))
        .branch(dptree::case![State::Registering { course_id, step, form }].endpoint(handlers::register::receive))
        .branch(dptree::filter(|s: State| s.is_assessing()).endpoint(handlers::assessment::receive))
        .branch(
            dptree::case![State::CourseForm { course_id, step, form }]
                .filter(is_admin)
                .endpoint(handlers::course_form::receive),
        )
        .branch(
            dptree::case![State::Profile { step, sector, district, area, place_only }]
                .endpoint(handlers::subscribe::receive),
        )
        .branch(
            dptree::case![State::Broadcasting { step, draft }].filter(is_admin).endpoint(handlers::broadcast::receive),
        )
        .branch(Message::filter_text().endpoint(handlers::faq::question))
        .endpoint(handlers::fallback::non_text);

    let group = Update::filter_message()
        .filter(|m: Message| m.chat.is_group() || m.chat.is_supergroup())
        .branch(teloxide::filter_command::<UserCommand, _>().endpoint(handlers::group::command))
        .branch(teloxide::filter_command::<AdminCommand, _>().endpoint(handlers::group::command))
        .endpoint(handlers::ignore);

    let callbacks = Update::filter_callback_query()
        .branch(
            dptree::filter_map_async(ctx_from_callback)
                .enter_dialogue::<CallbackQuery, DialogueStore, State>()
                .endpoint(handlers::callbacks::handle),
        )
        .endpoint(handlers::callbacks::answer_only);

    let membership = Update::filter_my_chat_member().endpoint(handlers::membership);

    let tree = dptree::entry()
        .branch(private)
        .branch(group)
        .branch(callbacks)
        .branch(membership)
        // Edited messages, channel posts, other bots' chat member updates, polls, …: nothing
        // in the product reacts to them, and answering would be noise.
        .endpoint(handlers::ignore);

    guard().chain(tree)
}

/// The outermost layer, in order: an update over its sender's flood limit leaves at once
/// (nothing read or written); an update already handled leaves too (a replay); otherwise one
/// debug line, the tree, the handler-latency metric and the mark that the update was handled.
/// An unexpected error is logged once with its cause chain and answered with an apology in the
/// user's language.
fn guard() -> UpdateHandler<BotError> {
    dptree::from_fn_with_description(
        DpHandlerDescription::entry(),
        |deps: DependencyMap, cont| async move {
            let update = deps.try_get::<Update>();
            let app = deps.try_get::<App>();
            // Over-limit updates leave first, before anything reads or writes the database.
            if let (Some(u), Some(a), Some(gate), Some(bot)) =
                (&update, &app, deps.try_get::<Arc<flood::FloodLimit>>(), deps.try_get::<Outbound>())
            {
                if let Some(limited) = flood::over_limit(u, &gate, a) {
                    if let Err(e) = flood::slow_down(&bot, u, limited).await {
                        tracing::debug!(error = %chain(&e), "cannot tell a user to slow down");
                    }
                    if a.webhook {
                        // The webhook stored it before acknowledging; it must not wait forever.
                        if let Err(e) = services::updates::drop_waiting(&a.pool, i64::from(u.id.0)).await {
                            tracing::error!(error = %chain(&e), "cannot drop a limited update");
                        }
                    }
                    return ControlFlow::Break(Ok(()));
                }
            }
            // The replay guard needs both; tests and the real dispatcher always inject them.
            let replay_guard = update.as_ref().zip(app.as_ref()).map(|(u, a)| (i64::from(u.id.0), a));
            if let Some(u) = &update {
                tracing::debug!(update_id = u.id.0, kind = update_kind(&u.kind), "update");
            }
            if let Some((id, app)) = &replay_guard {
                if app.handled.contains(*id) {
                    tracing::info!(update_id = id, "update already handled; replay ignored");
                    app.metrics.replay();
                    return ControlFlow::Break(Ok(()));
                }
            }
            let started = std::time::Instant::now();
            let outcome = cont(deps.clone()).await;
            if let (Some(u), Some(app)) = (&update, &app) {
                app.metrics.update(update_kind(&u.kind), started.elapsed().as_secs_f64());
            }
            if let Some((id, app)) = &replay_guard {
                if let Err(e) = app.handled.mark(&app.pool, *id).await {
                    tracing::error!(update_id = id, error = %chain(&e), "cannot record the update as handled");
                }
            }
            match outcome {
                ControlFlow::Break(Err(error)) => {
                    let text = chain(&error);
                    let text = match app.as_ref().and_then(|a| a.config.token().ok()) {
                        Some(token) => token.redact(&text),
                        None => text,
                    };
                    tracing::error!(error = %text, "handler failed");
                    if let (Some(update), Some(bot), Some(app)) = (update, deps.try_get::<Outbound>(), app) {
                        handlers::apologize(&bot, &app, &update).await;
                    }
                    ControlFlow::Break(Ok(()))
                }
                other => other,
            }
        },
        dptree::HandlerSignature::Entry,
    )
}

/// Logs errors that reach teloxide itself (fetching updates), with the token masked.
pub struct RedactingErrorHandler {
    token: Option<Secret>,
    context: &'static str,
}

impl RedactingErrorHandler {
    pub fn new(token: Option<Secret>, context: &'static str) -> Arc<Self> {
        Arc::new(Self { token, context })
    }
}

type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'static>>;

impl<E: std::error::Error + Send + 'static> ErrorHandler<E> for RedactingErrorHandler {
    fn handle_error(self: Arc<Self>, error: E) -> BoxFuture<()> {
        let text = chain(&error);
        let text = match &self.token {
            Some(t) => t.redact(&text),
            None => text,
        };
        tracing::error!(error = %text, "{}", self.context);
        Box::pin(async {})
    }
}

pub use crate::telemetry::chain;

fn update_kind(kind: &UpdateKind) -> &'static str {
    match kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::EditedMessage(_) => "edited_message",
        UpdateKind::ChannelPost(_) => "channel_post",
        UpdateKind::EditedChannelPost(_) => "edited_channel_post",
        UpdateKind::CallbackQuery(_) => "callback_query",
        UpdateKind::MyChatMember(_) => "my_chat_member",
        UpdateKind::ChatMember(_) => "chat_member",
        UpdateKind::Error(_) => "unparsed",
        _ => "other",
    }
}

pub(crate) fn sender_of(user: &User, chat_id: ChatId) -> Sender {
    Sender {
        user_id: i64::try_from(user.id.0).unwrap_or(i64::MAX),
        chat_id: chat_id.0,
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        username: user.username.clone(),
        language_code: user.language_code.clone(),
    }
}

async fn resolve(app: &App, sender: Sender) -> Ctx {
    let lang = match app.seen.record(&app.pool, &sender).await {
        Ok(lang) => lang,
        Err(e) => {
            // Answer anyway, in the client's language; the failure is the next handler's to report.
            tracing::error!(error = %chain(&e), "cannot record the user");
            Lang::from_client(sender.language_code.as_deref())
        }
    };
    Ctx { sender, lang }
}

async fn ctx_from_message(msg: Message, app: App) -> Option<Ctx> {
    let user = msg.from.as_ref()?;
    let sender = sender_of(user, msg.chat.id);
    // Plain text (not a command) is answered before its sender is recorded: a stored person is
    // recorded beside the answer, and someone new only goes to the FAQ (they have no dialogue),
    // which records them before it stores their question.
    let plain = msg.text().is_some_and(|t| !t.starts_with('/'));
    if plain && app.seen.fresh(&sender).is_none() {
        let (lang, stored) = app.seen.language(&sender);
        if stored {
            let (seen, pool, who) = (app.seen.clone(), app.pool.clone(), sender.clone());
            tokio::spawn(async move {
                if let Err(e) = seen.record(&pool, &who).await {
                    tracing::error!(error = %chain(&e), "cannot record the user");
                }
            });
        }
        return Some(Ctx { sender, lang });
    }
    Some(resolve(&app, sender).await)
}

async fn ctx_from_callback(q: CallbackQuery, app: App) -> Option<Ctx> {
    let chat = q.message.as_ref()?.chat().id;
    if !chat.is_user() {
        return None;
    }
    Some(resolve(&app, sender_of(&q.from, chat)).await)
}

fn is_admin(ctx: Ctx, app: App) -> bool {
    app.config.is_admin(ctx.sender.user_id)
}

fn is_command_like(msg: Message) -> bool {
    msg.text().is_some_and(|t| t.starts_with('/'))
}

/// Renders and sends in one step; the only way handlers send text.
pub(crate) use reply::{drop_keyboard, edit, send, send_markup, send_rendered};
