use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use sxsh_bot::cli::{self, Cli};

/// After the command ends, background tasks get this long to finish before the process exits
/// (a runtime dropped the usual way would wait for them without limit).
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    let args = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("sxsh-bot: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = runtime.block_on(async {
        match cli::run(args).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("sxsh-bot: {e:#}");
                ExitCode::from(e.exit_code())
            }
        }
    });
    runtime.shutdown_timeout(SHUTDOWN_GRACE);
    code
}
