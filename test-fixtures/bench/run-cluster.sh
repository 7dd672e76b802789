#!/usr/bin/env bash
# The cluster scenario: two rosterd nodes on this machine, clustered over Hazelcast on loopback
# (rosterd-bench-node1.json: c2s 15222, admin 15280, member 15701; node2: 15223, 15281, 15702),
# clients spread over both c2s ports, the refresh POSTed to node 1. On a 2-core machine it shows
# the shape of clustering's cost, not a speed-up. Appends to results/results.jsonl like the others.
#
#   test-fixtures/bench/run-cluster.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROSTERD_JAVA_OPTS=${ROSTERD_JAVA_OPTS:-"-Xms64m -Xmx1g"}
build_harness
JAR=${ROSTERD_JAR:-$ROOT/launcher/$BUILD_DIRNAME/rosterd.jar}
if [ -z "${ROSTERD_JAR:-}" ] && ! { [ "${SKIP_BUILD:-}" = 1 ] && [ -f "$JAR" ]; }; then
  echo "building rosterd.jar ($BUILD_DIRNAME)" >&2
  (cd "$ROOT" && mvn -B -q $MVN_FLAGS -Dbuild.dirname="$BUILD_DIRNAME" -DskipTests -pl launcher -am package) >&2
fi

NODE_PIDS=()
start_nodes() {
  NODE_PIDS=()
  for n in 1 2; do
    mkdir -p "$BENCH/work/rosterd-node$n"
    # shellcheck disable=SC2086
    (cd "$BENCH/work/rosterd-node$n" && exec java $ROSTERD_JAVA_OPTS -jar "$JAR" \
        -conf "$BENCH/rosterd-bench-node$n.json") >>"$BENCH/work/rosterd-node$n/rosterd.log" 2>&1 &
    NODE_PIDS+=($!)
  done
  wait_for_port 15222
  wait_for_port 15223
  wait_for_port 15280
}
# Replaces lib.sh's single-server stop: both nodes go.
stop_server() {
  for pid in "${NODE_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${NODE_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  NODE_PIDS=()
}
trap stop_server EXIT

warm_and_measure start_nodes --label "rosterd 2 nodes $ROSTERD_JAVA_OPTS" --c2s-port 15222,15223 \
    --admin-url http://127.0.0.1:15280 --scenario cluster --clients "$CLIENTS"
