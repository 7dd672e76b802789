#!/usr/bin/env bash
# Benchmarks Prosody 0.12 + mod_http_roster_admin with the same harness, scenarios and sizes as
# run-rosterd.sh: sets Prosody up with setup-prosody.sh, starts it (as the prosody user when run as
# root), and appends one JSON line per run to results/results.jsonl.
#
#   test-fixtures/bench/run-prosody.sh [login_roster] [refresh] [memory] [latency] [tls_login] [tls_memory]
#
# tls_login and tls_memory use prosody-tls-plain.cfg.lua or prosody-tls-scram.cfg.lua (see
# setup-prosody.sh): encryption required, an RSA-2048 certificate, direct TLS on 25223.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONFIG=$("$BENCH/setup-prosody.sh")
WORK=$BENCH/work/prosody
C2S_PORT=$((25222 + PORT_OFFSET))
HTTP_PORT=$((25280 + PORT_OFFSET))
DIRECT_TLS_PORT=$((25223 + PORT_OFFSET))
build_harness

start_prosody() {
  local run=()
  if [ "$(id -u)" = 0 ]; then
    # setpriv executes Prosody in its own place (no fork), so SERVER_PID is Prosody's Lua process.
    run=(setpriv --reuid=prosody --regid=prosody --init-groups)
  fi
  local config=$CONFIG
  case $TLS_VARIANT in
    '') ;;
    starttls-scram) config=$WORK/prosody-tls-scram.cfg.lua ;;
    *) config=$WORK/prosody-tls-plain.cfg.lua ;;
  esac
  "${run[@]}" prosody -F --config "$config" >>"$WORK/prosody.out" 2>&1 &
  SERVER_PID=$!
  wait_for_port "$C2S_PORT"
  wait_for_port "$HTTP_PORT"
  [ -z "$TLS_VARIANT" ] || wait_for_port "$DIRECT_TLS_PORT"
}
trap stop_server EXIT

run_scenarios "prosody $(dpkg-query -W -f='${Version}' prosody 2>/dev/null || echo 0.12)" \
    "$C2S_PORT" "http://127.0.0.1:$HTTP_PORT" start_prosody "$@"
