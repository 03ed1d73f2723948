//! The command line (PRODUCT.md): parses arguments and runs the chosen command. Errors carry
//! context for the operator; `main` prints them and maps them to exit codes.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

use clap::{Parser, Subcommand};

use crate::config::{Config, ConfigError};
use crate::domain::lang::Lang;
use crate::services::faq::{FaqService, ImportError};
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
    /// The FAQ: import, export, and ask as the bot would.
    #[command(subcommand)]
    Faq(FaqCommand),
}

#[derive(Subcommand, Debug)]
pub enum FaqCommand {
    /// Load entries from a CSV file (all or nothing); a running bot serves them at once.
    Import {
        file: PathBuf,
        /// Remove the entries that are not in the file.
        #[arg(long)]
        replace: bool,
    },
    /// Write the FAQ to a CSV file in the same format.
    Export { file: PathBuf },
    /// What the bot would answer: the entries it would offer, best first.
    Ask {
        /// Print `[{"id":…,"score":…,"question":…}]` (`[]` when it would say it does not know).
        #[arg(long)]
        json: bool,
        /// The language of the questions printed.
        #[arg(long, default_value = "vi", value_parser = ["vi", "en"])]
        lang: String,
        question: String,
    },
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
        Command::Faq(cmd) => {
            telemetry::init("warn");
            faq(config, cmd).await?;
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

async fn faq(config: Config, cmd: FaqCommand) -> anyhow::Result<()> {
    let pool = startup::open_database(&config).await?;
    let service = FaqService::new(pool.clone());
    service.ensure_default().await?;
    let result = match cmd {
        FaqCommand::Import { file, replace } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            match service.import(&bytes, replace).await {
                Ok(r) => {
                    println!(
                        "imported {}: {} added, {} updated, {} removed",
                        file.display(),
                        r.added,
                        r.updated,
                        r.removed
                    );
                    Ok(())
                }
                Err(ImportError::Invalid(errors)) => {
                    for e in &errors {
                        eprintln!("{}: {e}", file.display());
                    }
                    Err(anyhow::anyhow!("{} problem(s) in {}; nothing was imported", errors.len(), file.display()))
                }
                Err(e) => Err(e.into()),
            }
        }
        FaqCommand::Export { file } => {
            let bytes = service.export().await?;
            std::fs::write(&file, bytes).with_context(|| format!("cannot write {}", file.display()))?;
            println!("exported the FAQ to {}", file.display());
            Ok(())
        }
        FaqCommand::Ask { json, lang, question } => {
            let english = Lang::from_code(&lang) == Some(Lang::En);
            let reply = service.ask(&question).await?;
            let offered: Vec<serde_json::Value> = reply
                .offered()
                .into_iter()
                .map(|(e, score)| {
                    let score = (f64::from(score) * 1000.0).round() / 1000.0;
                    serde_json::json!({"id": e.id.as_str(), "score": score, "question": e.text(english).0})
                })
                .collect();
            if json {
                println!("{}", serde_json::Value::Array(offered));
            } else if offered.is_empty() {
                println!("(no answer: the bot would offer to pass the question to the centre)");
            } else {
                for o in &offered {
                    println!(
                        "{}\t{}\t{}",
                        o["id"].as_str().unwrap_or_default(),
                        o["score"],
                        o["question"].as_str().unwrap_or_default()
                    );
                }
            }
            Ok(())
        }
    };
    pool.close().await;
    result
}
