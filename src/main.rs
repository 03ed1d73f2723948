use std::process::ExitCode;

use clap::Parser;
use sxsh_bot::cli::{self, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    match cli::run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sxsh-bot: {e:#}");
            ExitCode::from(e.exit_code())
        }
    }
}
