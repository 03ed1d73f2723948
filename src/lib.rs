//! sxsh-bot: a Telegram bot that helps a provincial Industrial Promotion Centre spread
//! cleaner production (Sản xuất sạch hơn, SXSH) among industrial enterprises.
//!
//! Map of the crate (dependencies point one way, `main → cli → startup → {bot, worker, services}`):
//! - [`config`]: the environment contract, parsed once.
//! - [`domain`]: pure types and rules; imports nothing else from the crate.
//! - [`db`]: every SQL statement; migrations are embedded from `migrations/`.
//! - [`services`]: use cases shared by the bot and the CLI.
//! - [`i18n`]: the only Fluent caller; every user-visible text is an [`i18n::Msg`].
//! - [`telegram`]: the one owner of outgoing Telegram traffic (budget, priorities, 429s,
//!   retries), with the keyboards and the callback codec; imports neither `bot` nor `worker`.
//! - [`bot`]: the Telegram adapter: `bot::schema()`, dialogue state, keyboards, handlers.
//! - [`worker`]: background passes (reminders, deadline nudges) with an explicit stop.
//! - [`startup`]: wiring: database, bot client, dispatcher, workers, graceful stop.
//! - [`emulator`]: a loopback Bot API for tests, `sxsh-bot chat` and benchmarks.
//! - [`chat`]: the terminal chat over the emulator.
//! - [`metrics`]: `/healthz` and Prometheus `/metrics`.
//! - [`cli`], [`telemetry`]: the command line and logging.

pub mod bot;
pub mod chat;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod emulator;
pub mod i18n;
pub mod metrics;
pub mod services;
pub mod startup;
pub mod telegram;
pub mod telemetry;
pub mod worker;
