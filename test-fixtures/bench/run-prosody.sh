#!/usr/bin/env bash
# Benchmarks Prosody 0.12 + mod_http_roster_admin with the same harness, scenarios and sizes as
# run-rosterd.sh: sets Prosody up with setup-prosody.sh, starts it (as the prosody user when run as
# root), and appends one JSON line per run to results/results.jsonl.
#
#   test-fixtures/bench/run-prosody.sh [login_roster] [refresh] [memory] [latency]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONFIG=$("$BENCH/setup-prosody.sh")
WORK=$BENCH/work/prosody
build_harness

start_prosody() {
  local run=()
  if [ "$(id -u)" = 0 ]; then
    # setpriv executes Prosody in its own place (no fork), so SERVER_PID is Prosody's Lua process.
    run=(setpriv --reuid=prosody --regid=prosody --init-groups)
  fi
  "${run[@]}" prosody -F --config "$CONFIG" >>"$WORK/prosody.out" 2>&1 &
  SERVER_PID=$!
  wait_for_port 25222
  wait_for_port 25280
}
trap stop_server EXIT

run_scenarios "prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null || echo 0.12)" \
    25222 http://127.0.0.1:25280 start_prosody "$@"
