#!/usr/bin/env bash
# Message round trips (the latency scenario) with the archive piece off, on its embedded store and
# on PostgreSQL, each a fresh rosterd with the same warm-up, so the cost of keeping every chat
# before delivering it (issue 11) is read side by side. Results go to results/results.jsonl with
# "archive=off", "archive=embedded" or "archive=postgresql" in the label.
#
#   test-fixtures/bench/run-archive.sh [off] [embedded] [postgresql]
#
# PostgreSQL: a throw-away cluster under work/archive/pg made with the server binaries on the PATH
# (initdb, pg_ctl; Debian's postgresql package), with PostgreSQL's default durability (fsync on,
# synchronous commit), on 127.0.0.1:${PG_PORT:-25432}; run as root it runs the server as the
# postgres user. Environment: as run-rosterd.sh (RUNS, RATES, ...).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK=$BENCH/work/archive
PG_PORT=${PG_PORT:-25432}
mkdir -p "$WORK"
stores=("$@")
[ ${#stores[@]} -gt 0 ] || stores=(off embedded postgresql)

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local pg=$WORK/pg
  rm -rf "$pg"
  mkdir -p "$pg"
  echo "rosterd-bench" > "$pg/password"
  [ "$(id -u)" -ne 0 ] || chown -R postgres "$pg"
  as_postgres initdb -D "$pg/data" -U rosterd --pwfile="$pg/password" -E UTF8 --no-locale \
      --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  as_postgres pg_ctl -D "$pg/data" -l "$pg/server.log" -w -t 60 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg/data" start >/dev/null
  as_postgres createdb -w -h "$pg/data" -p "$PG_PORT" -U rosterd rosterd
  trap 'as_postgres pg_ctl -D "$WORK/pg/data" -m fast -w stop >/dev/null || true' EXIT
}

for store in "${stores[@]}"; do
  conf=$WORK/rosterd-archive-$store.json
  rm -rf "$WORK/archive-$store"
  [ "$store" != postgresql ] || start_postgres
  python3 - "$BENCH/rosterd-bench.json" "$conf" "$store" "$WORK/archive-$store" "$PG_PORT" <<'PY'
import json, sys
base, out, store, directory, pg_port = sys.argv[1:]
config = json.load(open(base))
if store == "embedded":
    config["archive"] = {"store": "embedded", "directory": directory}
elif store == "postgresql":
    config["archive"] = {"store": "postgresql", "postgresql": {
        "host": "127.0.0.1", "port": int(pg_port), "database": "rosterd", "user": "rosterd",
        "password": "rosterd-bench"}}
json.dump(config, open(out, "w"), indent=2)
PY
  ROSTERD_CONF=$conf LABEL_SUFFIX="archive=$store" "$BENCH/run-rosterd.sh" latency
  export SKIP_BUILD=1
done
