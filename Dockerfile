# sxsh-bot in a container: one binary, one SQLite file in the /data volume.
#
#   docker build -t sxsh-bot .
#   docker run -d --name sxsh-bot --restart unless-stopped --stop-timeout 30 \
#       --env-file /etc/sxsh-bot/env -v sxsh-data:/data sxsh-bot
#
# Other commands run in the same container: `docker exec sxsh-bot sxsh-bot course list`.
# The bot runs as uid 10001: a named volume (as above) gets the right owner by itself; a
# host folder mounted on /data must be writable by uid 10001 (`chown 10001:10001 FOLDER`).

# ---- build -------------------------------------------------------------------------------
# Rust 1.85 or newer (Cargo.toml's rust-version); `rust:1-bookworm` is the latest 1.x.
FROM rust:1-bookworm AS builder
# teloxide's HTTPS client (native-tls) links OpenSSL.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build

# Dependencies first, against empty sources: this layer is reused until Cargo.toml or
# Cargo.lock change, so a code change does not rebuild every crate.
COPY Cargo.toml Cargo.lock build.rs ./
RUN mkdir -p src tests/benches \
 && echo 'fn main() {}' > src/main.rs \
 && touch src/lib.rs \
 && echo 'fn main() {}' > tests/benches/faq.rs \
 && echo 'fn main() {}' > tests/benches/broadcast.rs \
 && cargo build --release --locked \
 && rm -rf src tests

# The real sources. `touch` makes cargo rebuild the crate rather than keep the empty one
# (copied files keep their older modification times).
COPY . .
RUN touch build.rs src/main.rs src/lib.rs \
 && cargo build --release --locked \
 && strip target/release/sxsh-bot

# ---- run ---------------------------------------------------------------------------------
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 sxsh \
 && useradd --system --uid 10001 --gid sxsh --home-dir /data --no-create-home --shell /usr/sbin/nologin sxsh \
 && mkdir -p /data \
 && chown sxsh:sxsh /data
COPY --from=builder /build/target/release/sxsh-bot /usr/local/bin/sxsh-bot

# The database, and backups written under /data, live in the volume.
ENV DATABASE_URL=sqlite:/data/sxsh.db
VOLUME ["/data"]
WORKDIR /data
USER 10001:10001

# 8443 for webhook mode (`run --webhook URL --listen 0.0.0.0:8443`), 9090 for /healthz and
# /metrics (METRICS_ADDR=0.0.0.0:9090).
# Long polling (the default) needs no open port.
EXPOSE 8443 9090

# The bot stops taking updates on SIGTERM and finishes the ones in progress; give it time
# with `docker stop -t 30` or `docker run --stop-timeout 30` (Docker's default is 10 s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["sxsh-bot"]
CMD ["run"]
