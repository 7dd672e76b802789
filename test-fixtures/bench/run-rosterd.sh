#!/usr/bin/env bash
# Benchmarks rosterd with the load harness: builds rosterd.jar and the harness, starts rosterd on
# rosterd-bench.json (c2s 15222 without TLS, admin 15280, http auth and rosters from the harness's
# backend on 18080), and appends one JSON line per run to results/results.jsonl.
#
#   test-fixtures/bench/run-rosterd.sh [login_roster] [refresh] [memory] [latency] [attacked] [tls_login] [tls_memory]
#       [idle_websocket] [idle_bosh] [startup] [train]
#
# tls_login and tls_memory run rosterd with requireEncryption and a direct-TLS port 15223 (its
# generated ECDSA P-256 certificate), on the TLS engine ROSTERD_TLS_ENGINE (openssl, the default,
# or jdk); the SCRAM variant with the static provider, whose keys rosterd derives at start.
#
# Environment: ROSTERD_JAR (a built rosterd.jar to use instead of building this tree), ROSTERD_JAVA
# (the java command, default java; named in the label when set), ROSTERD_JAVA_OPTS (default
# -Xms64m -Xmx256m; part of every line's label), ROSTERD_CONF (another config than
# rosterd-bench.json) with LABEL_SUFFIX (added to the label), RUNS,
# CLIENTS, REFRESH_USERS, LEVELS, WEB_LEVELS, BOSH_LEVELS, WEB_IDLE_SECONDS, RATES, USERS,
# BUILD_DIRNAME, MVN_FLAGS (see lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The heap cap of conf/jvm.options, without its other options (the JVM's defaults otherwise); the
# runs in docs/BENCHMARKS.md pass conf/jvm.options whole in ROSTERD_JAVA_OPTS.
ROSTERD_JAVA_OPTS=${ROSTERD_JAVA_OPTS:-"-Xms64m -Xmx256m"}
ROSTERD_TLS_ENGINE=${ROSTERD_TLS_ENGINE:-openssl}
ROSTERD_JAVA=${ROSTERD_JAVA:-java}
C2S_PORT=$((15222 + PORT_OFFSET))
ADMIN_PORT=$((15280 + PORT_OFFSET))
DIRECT_TLS_PORT=$((15223 + PORT_OFFSET))
WORK=$BENCH/work/rosterd
mkdir -p "$WORK"

# tls_config <variant>: a config for a TLS variant in WORK, its path on stdout. The PLAIN variants
# check passwords with the harness's backend as rosterd-bench.json does; the SCRAM one needs keys,
# which only the static provider holds (the http provider checks passwords, it has no keys).
tls_config() {
  local file=$WORK/rosterd-tls-$1-$ROSTERD_TLS_ENGINE.json auth
  if [ "$1" = starttls-scram ]; then
    auth=$(for ((i = 0; i < CLIENTS; i++)); do printf '"user%d": "pw-user%d",' "$i" "$i"; done)
    auth="{\"provider\": \"static\", \"iterations\": 4096, \"users\": {${auth%,}}}"
  else
    auth="{\"provider\": \"http\", \"url\": \"http://127.0.0.1:$BACKEND_PORT/auth\"}"
  fi
  cat > "$file" <<JSON
{
  "domain": "localhost",
  "auth": $auth,
  "rosterFetcher": {"http_roster_url": "http://127.0.0.1:$BACKEND_PORT/roster/%s"},
  "rosterCache": {},
  "subscriptionBlocking": {},
  "admin": {"host": "127.0.0.1", "port": $ADMIN_PORT},
  "c2s": {
    "host": "127.0.0.1", "port": $C2S_PORT, "directTlsPort": $DIRECT_TLS_PORT,
    "requireEncryption": true, "idleTimeoutSeconds": 3600,
    "tls": {"engine": "$ROSTERD_TLS_ENGINE"}
  }
}
JSON
  echo "$file"
}

build_harness
JAR=${ROSTERD_JAR:-$ROOT/launcher/$BUILD_DIRNAME/rosterd.jar}
if [ -n "${ROSTERD_JAR:-}" ] || { [ "${SKIP_BUILD:-}" = 1 ] && [ -f "$JAR" ]; }; then
  echo "using $JAR" >&2
else
  echo "building rosterd.jar ($BUILD_DIRNAME)" >&2
  (cd "$ROOT" && mvn -B -q $MVN_FLAGS -Dbuild.dirname="$BUILD_DIRNAME" -DskipTests -pl launcher -am package) >&2
fi

# rosterd-bench.json with its ports moved by PORT_OFFSET.
sed -e "s/15222/$C2S_PORT/; s/15280/$ADMIN_PORT/; s/18080/$BACKEND_PORT/g" "$BENCH/rosterd-bench.json" \
    > "$WORK/rosterd-bench.json"

start_rosterd() {
  local conf=${ROSTERD_CONF:-$WORK/rosterd-bench.json}
  [ -z "$TLS_VARIANT" ] || conf=$(tls_config "$TLS_VARIANT")
  # The working directory holds the self-signed certificate rosterd generates at first start.
  # shellcheck disable=SC2086
  (cd "$WORK" && exec "$ROSTERD_JAVA" $ROSTERD_JAVA_OPTS -jar "$JAR" -conf "$conf") \
      >>"$WORK/rosterd.log" 2>&1 &
  SERVER_PID=$!
  wait_for_port "$C2S_PORT"
  wait_for_port "$ADMIN_PORT"
  [ -z "$TLS_VARIANT" ] || wait_for_port "$DIRECT_TLS_PORT"
}
trap stop_server EXIT

JAVA_LABEL=""
[ "$ROSTERD_JAVA" = java ] || JAVA_LABEL="$ROSTERD_JAVA "
run_scenarios "rosterd $JAVA_LABEL$ROSTERD_JAVA_OPTS tls.engine=$ROSTERD_TLS_ENGINE${LABEL_SUFFIX:+ $LABEL_SUFFIX}" "$C2S_PORT" "http://127.0.0.1:$ADMIN_PORT" start_rosterd "$@"
