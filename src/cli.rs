//! The command line (PRODUCT.md): parses arguments and runs the chosen command. Errors carry
//! context for the operator; `main` prints them and maps them to exit codes.

use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::config::{Config, ConfigError};
use crate::{chat, startup, telemetry};

#[derive(Parser, Debug)]
#[command(name = "sxsh-bot", version, about = "Telegram bot for cleaner production (Sản xuất sạch hơn) outreach")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the bot with long polling (needs TELOXIDE_TOKEN).
    Run,
    /// Talk to the bot in this terminal, without Telegram or a token.
    Chat {
        /// The Telegram user id to act as.
        #[arg(long, default_value_t = 1001)]
        user_id: i64,
        /// Act as a centre admin (adds the user id to ADMIN_IDS for this session).
        #[arg(long)]
        admin: bool,
    },
    /// Create the database if needed and apply migrations, then exit.
    Migrate,
}

/// A failure with its exit code: 2 for configuration mistakes, 1 for everything else.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Config(_) => 2,
            CliError::Other(_) => 1,
        }
    }
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let config = Config::from_env()?;
    match cli.command {
        Command::Run => {
            let token = config.token()?.clone();
            telemetry::init("info,sxsh_bot=info");
            run_bot(config, token.expose()).await?;
        }
        Command::Chat { user_id, admin } => {
            telemetry::init("error");
            chat::run(config, user_id, admin).await?;
        }
        Command::Migrate => {
            telemetry::init("info");
            let pool = startup::open_database(&config).await.map_err(anyhow::Error::from)?;
            pool.close().await;
            println!("database ready: {}", config.database_url);
        }
    }
    Ok(())
}

async fn run_bot(config: Config, token: &str) -> anyhow::Result<()> {
    let pool = startup::open_database(&config).await?;
    let bot = startup::build_bot(token, config.api_url.as_deref())?;
    let running = startup::start(bot, Arc::new(config), pool.clone()).await?;
    tracing::info!("the bot is running; press Ctrl-C to stop");
    startup::stop_signal().await;
    tracing::info!("stopping: finishing the updates in progress");
    running.stop().await;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}
