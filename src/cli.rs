//! The command line (PRODUCT.md): parses arguments and runs the chosen command. Errors carry
//! context for the operator; `main` prints them and maps them to exit codes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use clap::{Parser, Subcommand};

use crate::config::{Config, ConfigError};
use crate::domain::course::{
    clean_text, Capacity, Course, CourseFields, ScheduleError, VnDate, MAX_CAPACITY, MAX_DESCRIPTION, MAX_LOCATION,
    MAX_TITLE,
};
use crate::domain::lang::Lang;
use crate::services::courses::{self, CourseError};
use crate::services::faq::{FaqService, ImportError};
use crate::services::{export, registrations};
use crate::{chat, i18n, startup, telemetry};

#[derive(Parser, Debug)]
#[command(name = "sxsh-bot", version, about = "Telegram bot for cleaner production (Sản xuất sạch hơn) outreach")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the bot (needs TELOXIDE_TOKEN): long polling, or a webhook with --webhook and --listen.
    Run {
        /// Receive updates by webhook at this public HTTPS URL (e.g. https://bot.example.vn/tg).
        /// Telegram sends WEBHOOK_SECRET (or a random secret chosen at start) with every request.
        #[arg(long, value_name = "URL", requires = "listen", value_parser = webhook_url_arg)]
        webhook: Option<url::Url>,
        /// The local address the webhook server listens on (e.g. 0.0.0.0:8443, or 127.0.0.1:8443
        /// behind a reverse proxy that ends HTTPS).
        #[arg(long, value_name = "ADDR", requires = "webhook")]
        listen: Option<std::net::SocketAddr>,
    },
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
    /// Training courses: create and list.
    #[command(subcommand)]
    Course(CourseCommand),
    /// Registrations for a course: export the roster.
    #[command(subcommand)]
    Registrations(RegistrationsCommand),
    /// The SXSH self-assessment: its questions (CSV export and import) and everyone's results.
    #[command(subcommand)]
    Assessment(AssessmentCommand),
    /// A consistent copy of the live database (safe while the bot runs), checked before it is
    /// kept. Restore: stop the bot, replace the database file with the copy, start the bot.
    Backup {
        /// The copy to write; must not exist yet.
        file: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum CourseCommand {
    /// Create an open course (it must not start in the past); prints its id.
    Add {
        #[arg(long, value_parser = title_arg)]
        title: String,
        #[arg(long, value_parser = location_arg)]
        location: String,
        /// First day of the course.
        #[arg(long, value_name = "DD/MM/YYYY", value_parser = date_arg)]
        starts: VnDate,
        /// Last day of the course (the start day or later).
        #[arg(long, value_name = "DD/MM/YYYY", value_parser = date_arg)]
        ends: VnDate,
        /// Seats, 1 to 1000.
        #[arg(long, value_name = "N", value_parser = capacity_arg)]
        capacity: Capacity,
        /// Last day to register (the start day or earlier).
        #[arg(long, value_name = "DD/MM/YYYY", value_parser = date_arg)]
        deadline: VnDate,
        /// What the course covers; line breaks are kept.
        #[arg(long, value_parser = description_arg)]
        description: Option<String>,
    },
    /// Every course, the soonest first, with seats taken / capacity and the waitlist.
    List,
}

#[derive(Subcommand, Debug)]
pub enum RegistrationsCommand {
    /// Write a course's roster (confirmed, then the waitlist; one row per attendee) to a
    /// .csv (UTF-8 with BOM) or .xlsx file.
    Export {
        /// The course id (see `sxsh-bot course list`).
        #[arg(long, value_name = "ID")]
        course: i64,
        /// The file to write; its extension chooses the format.
        #[arg(long, value_name = "FILE.csv|FILE.xlsx", value_parser = roster_file_arg)]
        out: RosterFile,
    },
}

// Each flag is parsed with its domain type; clap reports a bad value with the flag's name,
// the error and what is expected, and exits 2 before anything is opened or stored.

fn title_arg(raw: &str) -> Result<String, String> {
    clean_text(raw, MAX_TITLE, false).map_err(|e| format!("{e}; expected text of 1 to {MAX_TITLE} characters"))
}

fn location_arg(raw: &str) -> Result<String, String> {
    clean_text(raw, MAX_LOCATION, false).map_err(|e| format!("{e}; expected text of 1 to {MAX_LOCATION} characters"))
}

fn description_arg(raw: &str) -> Result<String, String> {
    clean_text(raw, MAX_DESCRIPTION, true)
        .map_err(|e| format!("{e}; expected text of 1 to {MAX_DESCRIPTION} characters (or leave the flag out)"))
}

/// Telegram delivers webhooks over HTTPS only; plain HTTP is accepted for a loopback address
/// (a local Bot API server or a test).
fn webhook_url_arg(raw: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(raw).map_err(|e| format!("{e}; expected a URL like https://bot.example.vn/tg"))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    };
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err("Telegram sends webhooks to https:// URLs only (http:// is accepted for localhost)".into()),
    }
}

fn date_arg(raw: &str) -> Result<VnDate, String> {
    VnDate::parse(raw).map_err(|e| format!("{e}; expected a day as DD/MM/YYYY, e.g. 05/03/2027"))
}

fn capacity_arg(raw: &str) -> Result<Capacity, String> {
    Capacity::parse(raw)
        .map_err(|e| format!("{e}; expected the number of seats, a whole number from 1 to {MAX_CAPACITY}"))
}

/// The two formats a roster is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterFormat {
    Csv,
    Xlsx,
}

/// Where a roster goes, and in which format (from the file's extension).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterFile {
    pub path: PathBuf,
    pub format: RosterFormat,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a file name ending in .csv or .xlsx")]
pub struct RosterExtensionError;

fn roster_file_arg(raw: &str) -> Result<RosterFile, RosterExtensionError> {
    let path = PathBuf::from(raw);
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let format = match ext.as_deref() {
        Some("csv") => RosterFormat::Csv,
        Some("xlsx") => RosterFormat::Xlsx,
        _ => return Err(RosterExtensionError),
    };
    Ok(RosterFile { path, format })
}

#[derive(Subcommand, Debug)]
pub enum AssessmentCommand {
    /// Write the question set in use (the shipped one until another is imported) to a CSV file.
    Export { file: PathBuf },
    /// Replace the question set with a CSV file's: all or nothing, problems reported by line.
    Import { file: PathBuf },
    /// Write every result (date, sector, commune, scores; no one's identity) to a .csv
    /// (UTF-8 with BOM) or .xlsx file.
    Results {
        /// The file to write; its extension chooses the format.
        #[arg(long, value_name = "FILE.csv|FILE.xlsx", value_parser = roster_file_arg)]
        out: RosterFile,
    },
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
    /// The search's synonyms: `export FILE.csv` writes the built-in ones and the centre's,
    /// `import FILE.csv` loads the centre's (all or nothing), searched at once.
    #[command(subcommand)]
    Synonyms(SynonymsCommand),
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

#[derive(Debug, Subcommand)]
pub enum SynonymsCommand {
    /// Write every synonym (built-in, then the centre's) to a CSV file `kind,name,phrases`.
    Export { file: PathBuf },
    /// Load synonyms from a CSV file: what they add to the built-in ones replaces the centre's
    /// earlier synonyms; bad rows are reported by line number and nothing is imported.
    Import { file: PathBuf },
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
        Command::Run { webhook, listen } => {
            let token = config.token()?.clone();
            telemetry::init_with("info,sxsh_bot=info", config.log_format);
            let listen = match (webhook, listen) {
                (Some(url), Some(listen)) => {
                    let secret = config.webhook_secret.clone().unwrap_or_else(crate::bot::webhook::random_secret);
                    startup::Listen::Webhook(crate::bot::webhook::WebhookOptions { url, listen, secret })
                }
                _ => startup::Listen::Polling,
            };
            run_bot(config, token.expose(), listen).await?;
        }
        Command::Chat { user_id, admin } => {
            telemetry::init("error");
            chat::run(config, user_id, admin).await?;
        }
        Command::Faq(cmd) => {
            telemetry::init("warn");
            faq(config, cmd).await?;
        }
        Command::Course(cmd) => {
            telemetry::init("warn");
            course(config, cmd).await?;
        }
        Command::Registrations(cmd) => {
            telemetry::init("warn");
            registrations(config, cmd).await?;
        }
        Command::Assessment(cmd) => {
            telemetry::init("warn");
            assessment(config, cmd).await?;
        }
        Command::Backup { file } => {
            telemetry::init("warn");
            let pool = startup::open_database(&config).await.map_err(anyhow::Error::from)?;
            let result = crate::services::backup::backup(&pool, &file).await;
            pool.close().await;
            let b = result.with_context(|| format!("backup to {} failed", file.display()))?;
            println!(
                "backed up {} to {} ({} bytes, {} users, {} registrations; integrity ok)",
                config.database_url,
                file.display(),
                b.bytes,
                b.users,
                b.registrations
            );
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

async fn run_bot(config: Config, token: &str, listen: startup::Listen) -> anyhow::Result<()> {
    let pool = startup::open_database(&config).await?;
    let bot = startup::build_bot(token, config.api_url.as_deref())?;
    let running = startup::start_with(bot, Arc::new(config), pool.clone(), listen).await?;
    tracing::info!("the bot is running; press Ctrl-C to stop");
    startup::stop_signal().await;
    tracing::info!("stopping: finishing the updates in progress");
    running.stop().await;
    // Connections still held by a part that did not stop in time are not waited for.
    if tokio::time::timeout(std::time::Duration::from_secs(3), pool.close()).await.is_err() {
        tracing::error!("the database did not close in time");
    }
    tracing::info!("stopped");
    Ok(())
}

async fn faq(config: Config, cmd: FaqCommand) -> anyhow::Result<()> {
    let pool = startup::open_database(&config).await?;
    let embedder = config.embeddings.clone().map(crate::services::faq::embeddings::Embedder::new);
    let service = FaqService::with_embeddings(pool.clone(), embedder, None);
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
                    if config.embeddings.is_some() {
                        match service.refresh_vectors().await {
                            Ok(v) => println!("vectors: {} embedded, {} already current", v.embedded, v.kept),
                            Err(e) => eprintln!(
                                "warning: the entries were imported but not embedded ({}); a running bot embeds them when it next rebuilds its index, or at its next start",
                                telemetry::chain(&e)
                            ),
                        }
                    }
                    Ok(())
                }
                Err(ImportError::Invalid(errors)) => Err(rejected(&file, &errors)),
                Err(e) => Err(e.into()),
            }
        }
        FaqCommand::Synonyms(SynonymsCommand::Export { file }) => {
            let bytes = service.export_synonyms().await?;
            std::fs::write(&file, bytes).with_context(|| format!("cannot write {}", file.display()))?;
            println!("exported the synonyms to {}", file.display());
            Ok(())
        }
        FaqCommand::Synonyms(SynonymsCommand::Import { file }) => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            match service.import_synonyms(&bytes).await {
                Ok(n) => {
                    println!("imported {}: {n} row(s) add to the built-in synonyms", file.display());
                    Ok(())
                }
                Err(ImportError::Invalid(errors)) => Err(rejected(&file, &errors)),
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

async fn course(config: Config, cmd: CourseCommand) -> anyhow::Result<()> {
    let pool = startup::open_database(&config).await?;
    let result = match cmd {
        CourseCommand::Add { title, location, starts, ends, capacity, deadline, description } => {
            let fields = CourseFields {
                title,
                description: description.unwrap_or_default(),
                location,
                starts,
                ends,
                capacity,
                deadline,
            };
            match courses::create(&pool, &fields, None, chrono::Utc::now()).await {
                Ok(id) => {
                    println!("{id}");
                    Ok(())
                }
                Err(CourseError::Schedule(e)) => Err(anyhow::anyhow!(schedule_problem(&fields, &e))),
                Err(e) => Err(anyhow::Error::new(e).context("cannot create the course")),
            }
        }
        CourseCommand::List => courses::all(&pool).await.context("cannot read the courses").map(|all| {
            print!("{}", course_table(&all));
        }),
    };
    pool.close().await;
    result
}

/// A schedule mistake in terms of the flags the operator typed; nothing was stored.
fn schedule_problem(fields: &CourseFields, e: &ScheduleError) -> String {
    let detail = match e {
        ScheduleError::EndsBeforeStart => {
            format!("--ends {} is before --starts {}", fields.ends, fields.starts)
        }
        ScheduleError::DeadlineAfterStart => {
            format!(
                "--deadline {} is after --starts {} (registration must close by the first day)",
                fields.deadline, fields.starts
            )
        }
        ScheduleError::StartsInPast => format!("--starts {} is in the past (dates are in Vietnam time)", fields.starts),
    };
    format!("{detail}; the course was not created")
}

/// Courses as an aligned table, or "no courses yet".
fn course_table(all: &[Course]) -> String {
    if all.is_empty() {
        return "no courses yet\n".to_owned();
    }
    let header = ["ID", "STARTS", "ENDS", "DEADLINE", "STATUS", "SEATS", "WAITLIST", "TITLE", "LOCATION"]
        .map(str::to_owned)
        .to_vec();
    let mut rows = vec![header];
    for c in all {
        let f = &c.fields;
        rows.push(vec![
            c.id.to_string(),
            f.starts.to_string(),
            f.ends.to_string(),
            f.deadline.to_string(),
            c.status.code().to_owned(),
            format!("{}/{}", c.taken, f.capacity.get()),
            c.waiting.to_string(),
            f.title.clone(),
            f.location.clone(),
        ]);
    }
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().map(|r| r.get(i).map_or(0, |c| c.chars().count())).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, w))| if i + 1 == columns { cell.clone() } else { format!("{cell:<w$}") })
            .collect();
        out.push_str(&cells.join("  "));
        out.push('\n');
    }
    out
}

async fn assessment(config: Config, cmd: AssessmentCommand) -> anyhow::Result<()> {
    use crate::services::assessment as service;
    let pool = startup::open_database(&config).await?;
    // FAQ links are checked against the FAQ, which a fresh database gets on first use.
    FaqService::new(pool.clone()).ensure_default().await?;
    let result = match cmd {
        AssessmentCommand::Export { file } => match service::export(&pool).await {
            Ok(bytes) => write_atomically(&file, &bytes)
                .with_context(|| format!("cannot write {}", file.display()))
                .map(|()| println!("exported the self-assessment questions to {}", file.display())),
            Err(e) => Err(anyhow::Error::from(e).context("cannot read the questions")),
        },
        AssessmentCommand::Import { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            match service::import(&pool, &bytes).await {
                Ok(n) => {
                    println!("imported {}: {n} questions now in use", file.display());
                    Ok(())
                }
                Err(service::ImportError::Invalid(errors)) => Err(rejected(&file, &errors)),
                Err(e) => Err(e.into()),
            }
        }
        AssessmentCommand::Results { out } => assessment_results(&pool, &out).await,
    };
    pool.close().await;
    result
}

async fn assessment_results(pool: &sqlx::SqlitePool, out: &RosterFile) -> anyhow::Result<()> {
    use crate::services::assessment as service;
    let lang = Lang::Vi;
    let header: Vec<String> = (1..=service::RESULT_COLUMNS)
        .map(|n| i18n::render_plain(lang, &i18n::Msg::AssessResultColumn { n: i64::try_from(n).unwrap_or(0) }))
        .collect();
    let name = |s: crate::domain::assessment::Sector| {
        i18n::render_plain(lang, &i18n::Msg::AssessSectorName { sector: s.code().to_owned() })
    };
    let rows = service::results_table(pool, header, name).await.context("cannot read the results")?;
    let bytes = match out.format {
        RosterFormat::Csv => export::csv(&rows),
        RosterFormat::Xlsx => service::results_xlsx(&i18n::render_plain(lang, &i18n::Msg::AssessExportSheet), &rows),
    }
    .context("cannot build the results file")?;
    write_atomically(&out.path, &bytes).with_context(|| format!("cannot write {}", out.path.display()))?;
    println!("wrote {} result(s) to {}", rows.len().saturating_sub(1), out.path.display());
    Ok(())
}

async fn registrations(config: Config, cmd: RegistrationsCommand) -> anyhow::Result<()> {
    let pool = startup::open_database(&config).await?;
    let result = match cmd {
        RegistrationsCommand::Export { course, out } => export_roster(&pool, course, &out).await,
    };
    pool.close().await;
    result
}

async fn export_roster(pool: &sqlx::SqlitePool, course_id: i64, out: &RosterFile) -> anyhow::Result<()> {
    let course = courses::get(pool, course_id)
        .await
        .context("cannot read the course")?
        .with_context(|| format!("no course {course_id} (see `sxsh-bot course list`)"))?;
    let roster = registrations::roster(pool, course_id).await.context("cannot read the registrations")?;
    let rows = export::table(&roster, &i18n::roster_labels(Lang::Vi));
    let bytes = match out.format {
        RosterFormat::Csv => export::csv(&rows),
        RosterFormat::Xlsx => export::xlsx(&course, &rows),
    }
    .context("cannot build the roster")?;
    write_atomically(&out.path, &bytes).with_context(|| format!("cannot write {}", out.path.display()))?;
    let attendees = rows.len().saturating_sub(1);
    println!("wrote {attendees} attendee(s) of course {course_id} to {}", out.path.display());
    Ok(())
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`: a reader
/// sees the old file or the whole new one, and a failure leaves no partial file behind.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A file refused whole: every problem on stderr with the file's name, and the error to exit with.
fn rejected(file: &std::path::Path, errors: &[impl std::fmt::Display]) -> anyhow::Error {
    for e in errors {
        eprintln!("{}: {e}", file.display());
    }
    anyhow::anyhow!("{} problem(s) in {}; nothing was imported", errors.len(), file.display())
}
