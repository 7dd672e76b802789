#!/usr/bin/env bash
# Benchmarks rosterd with the load harness: builds rosterd.jar and the harness, starts rosterd on
# rosterd-bench.json (c2s 15222 without TLS, admin 15280, http auth and rosters from the harness's
# backend on 18080), and appends one JSON line per run to results/results.jsonl.
#
#   test-fixtures/bench/run-rosterd.sh [login_roster] [refresh] [memory] [latency] [attacked]
#       [idle_websocket] [idle_bosh]
#
# Environment: ROSTERD_JAR (a built rosterd.jar to use instead of building this tree),
# ROSTERD_JAVA_OPTS (default -Xms64m -Xmx256m; part of every line's label), RUNS,
# CLIENTS, REFRESH_USERS, LEVELS, WEB_LEVELS, BOSH_LEVELS, WEB_IDLE_SECONDS, RATES, USERS,
# BUILD_DIRNAME, MVN_FLAGS (see lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The heap docs/BENCHMARKS.md states: about 1.4 times the live set of 10,000 idle sessions (18 KB
# each, plus about 10 MB), so that G1 cannot let the heap grow into memory the sessions never use.
ROSTERD_JAVA_OPTS=${ROSTERD_JAVA_OPTS:-"-Xms64m -Xmx256m"}
WORK=$BENCH/work/rosterd
mkdir -p "$WORK"

build_harness
JAR=${ROSTERD_JAR:-$ROOT/launcher/$BUILD_DIRNAME/rosterd.jar}
if [ -n "${ROSTERD_JAR:-}" ] || { [ "${SKIP_BUILD:-}" = 1 ] && [ -f "$JAR" ]; }; then
  echo "using $JAR" >&2
else
  echo "building rosterd.jar ($BUILD_DIRNAME)" >&2
  (cd "$ROOT" && mvn -B -q $MVN_FLAGS -Dbuild.dirname="$BUILD_DIRNAME" -DskipTests -pl launcher -am package) >&2
fi

start_rosterd() {
  # The working directory holds the self-signed certificate rosterd generates at first start.
  # shellcheck disable=SC2086
  (cd "$WORK" && exec java $ROSTERD_JAVA_OPTS -jar "$JAR" -conf "$BENCH/rosterd-bench.json") \
      >>"$WORK/rosterd.log" 2>&1 &
  SERVER_PID=$!
  wait_for_port 15222
  wait_for_port 15280
}
trap stop_server EXIT

run_scenarios "rosterd $ROSTERD_JAVA_OPTS" 15222 http://127.0.0.1:15280 start_rosterd "$@"
