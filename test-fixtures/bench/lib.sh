# Shared by run-rosterd.sh and run-prosody.sh: building the harness, waiting for ports, running
# the scenarios the same way against either server. Sourced, not run.

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/../.." && pwd)
# A build directory of its own, so a benchmark never clobbers target/ of a build in progress.
BUILD_DIRNAME=${BUILD_DIRNAME:-target-bench}
# Extra Maven flags, e.g. MVN_FLAGS=-o offline. SKIP_BUILD=1 reuses the harness built last time.
MVN_FLAGS=${MVN_FLAGS:-}
RESULTS=${RESULTS:-$BENCH/results/results.jsonl}
# Every port of a run moves by PORT_OFFSET (e.g. 1000), so that two benchmarks of two checkouts
# cannot meet on one machine (they would still share its cores: see docs/BENCHMARKS.md).
PORT_OFFSET=${PORT_OFFSET:-0}
# The harness's fake web application; rosterd-bench.json and the Prosody config point here.
BACKEND_PORT=$((18080 + PORT_OFFSET))
DOMAIN=localhost
# Scenario sizes (issue 6). USERS is the population: every user exists at the backend and, for
# Prosody, as an account.
USERS=${USERS:-10000}
CLIENTS=${CLIENTS:-1000}
REFRESH_USERS=${REFRESH_USERS:-"1000 5000"}
LEVELS=${LEVELS:-0,1000,5000,10000}
# The idle browser sessions of issue 10: idle_websocket and idle_bosh (rosterd's c2s.web on 15290).
WEB_LEVELS=${WEB_LEVELS:-0,1000,5000}
BOSH_LEVELS=${BOSH_LEVELS:-0,500,1000}
WEB_IDLE_SECONDS=${WEB_IDLE_SECONDS:-60}
WEB_URL=${WEB_URL:-http://127.0.0.1:15290}
RATES=${RATES:-500,2000}
RUNS=${RUNS:-3}
# Unrecorded runs before the recorded ones of login_roster, refresh and latency. One run of 1,000
# logins leaves rosterd's JIT compiling for another 10,000 (a JFR profile showed its compiler
# threads using more CPU than its event loops in the recorded runs), so 3; Prosody takes the same.
WARMUP_RUNS=${WARMUP_RUNS:-3}
# The harness shares the machine's two cores with the server under test and starts as a fresh
# JVM for every cold run. With C2, its own compiler threads took up to half a core during the
# counted batch, so the harness, not the server, bounded a 1,000-user refresh (docs/BENCHMARKS.md,
# "The harness's share of the machine"). C1 only leaves that core to the server, for both servers.
HARNESS_JAVA_OPTS=${HARNESS_JAVA_OPTS:-"-Xmx2g -XX:TieredStopAtLevel=1"}
# TLS logins (issue 16): which ones tls_login measures, and the idle TLS sessions tls_memory holds
# (after one uncounted batch of CLIENTS logins, so the reading at 0 is the server warmed up).
TLS_VARIANTS=${TLS_VARIANTS:-"starttls-plain starttls-scram direct-plain"}
TLS_LEVELS=${TLS_LEVELS:-0,2000}
# The variant the start function is to serve; set by run_scenarios before each start.
TLS_VARIANT=

mkdir -p "$(dirname "$RESULTS")"
# 10,000 sessions need 10,000 sockets in the server and as many in the harness.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

build_harness() {
  local cp="$ROOT/test-fixtures/$BUILD_DIRNAME/harness.classpath"
  if [ "${SKIP_BUILD:-}" = 1 ] && [ -f "$cp" ]; then
    HARNESS_CP="$(cat "$cp"):$(ls "$ROOT"/test-fixtures/"$BUILD_DIRNAME"/rosterd-test-fixtures-*.jar)"
    return
  fi
  echo "building the load harness ($BUILD_DIRNAME)" >&2
  (cd "$ROOT" && mvn -B -q $MVN_FLAGS -Dbuild.dirname="$BUILD_DIRNAME" -DskipTests \
      -pl test-fixtures -am package dependency:build-classpath \
      -Dmdep.outputFile="$ROOT/test-fixtures/$BUILD_DIRNAME/harness.classpath") >&2
  HARNESS_CP="$(cat "$ROOT/test-fixtures/$BUILD_DIRNAME/harness.classpath"):$(ls "$ROOT"/test-fixtures/"$BUILD_DIRNAME"/rosterd-test-fixtures-*.jar)"
}

# harness <flags...>: one harness process; its result lines go to stdout.
harness() {
  # shellcheck disable=SC2086
  java $HARNESS_JAVA_OPTS -cp "$HARNESS_CP" dev.rosterd.testing.load.LoadHarness \
      --domain "$DOMAIN" --users "$USERS" --password 'pw-%s' --backend-port "$BACKEND_PORT" "$@"
}

# wait_for_port <port>: until something listens on 127.0.0.1:<port>, at most 60 s.
wait_for_port() {
  for _ in $(seq 1 3000); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
      return 0
    fi
    sleep 0.02
  done
  echo "nothing listens on 127.0.0.1:$1 after 60 s" >&2
  return 1
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}

# tls_flags <variant> <starttls port> <direct-TLS port>: the harness flags of one TLS login variant.
tls_flags() {
  case $1 in
    starttls-plain) echo "--tls starttls --sasl plain --c2s-port $2" ;;
    starttls-scram) echo "--tls starttls --sasl scram-sha-256 --c2s-port $2" ;;
    direct-plain) echo "--tls direct --sasl plain --c2s-port $3" ;;
    *) echo "unknown TLS variant $1 (starttls-plain, starttls-scram, direct-plain)" >&2; return 2 ;;
  esac
}

# run_scenarios <label> <c2s port> <admin url> <start function> [scenario...]
# login_roster, refresh and tls_login run two series (cold_and_warm): RUNS fresh servers, each
# measured on its first batch, then one server with WARMUP_RUNS uncounted batches (so that a JIT
# has compiled and Lua has loaded its modules) and RUNS counted ones. latency runs warm only.
# memory gets a fresh server for each of its RUNS.
run_scenarios() {
  local label=$1 port=$2 admin=$3 start=$4
  shift 4
  local scenarios=("$@")
  [ ${#scenarios[@]} -gt 0 ] || scenarios=(login_roster refresh memory latency)
  local target=(--label "$label" --c2s-port "$port" --admin-url "$admin")
  for scenario in "${scenarios[@]}"; do
    case $scenario in
      login_roster)
        cold_and_warm "$start" "${target[@]}" --scenario login_roster --clients "$CLIENTS" \
            --server-pid SERVER_PID ;;
      refresh)
        for u in $REFRESH_USERS; do
          cold_and_warm "$start" "${target[@]}" --scenario refresh --clients "$u"
        done ;;
      latency)
        warm_and_measure "$start" "${target[@]}" --scenario latency --pairs 100 --rates "$RATES" ;;
      attacked)
        # A fresh server per run: the quiet phase first, then the same load beside the attackers.
        for _ in $(seq 1 "$RUNS"); do
          "$start"
          harness "${target[@]}" --scenario attacked --pairs 100 --rates "${ATTACK_RATES:-500}" \
              --clients "${ATTACK_LOGINS:-200}" --attackers "${ATTACKERS:-10}" >>"$RESULTS"
          stop_server
        done ;;
      tls_login)
        for variant in $TLS_VARIANTS; do
          local flags
          flags=$(tls_flags "$variant" "$port" "$DIRECT_TLS_PORT")
          TLS_VARIANT=$variant
          # shellcheck disable=SC2086
          cold_and_warm "$start" "${target[@]}" --scenario login_roster --clients "$CLIENTS" \
              --server-pid SERVER_PID $flags
        done
        TLS_VARIANT= ;;
      tls_memory)
        TLS_VARIANT=starttls-plain
        for _ in $(seq 1 "$RUNS"); do
          "$start"
          # shellcheck disable=SC2086
          harness "${target[@]}" --scenario login_roster --clients "$CLIENTS" $(tls_flags starttls-plain "$port" 0) >&2
          # shellcheck disable=SC2086
          harness "${target[@]}" --scenario memory --levels "$TLS_LEVELS" --server-pid "$SERVER_PID" \
              --series warm $(tls_flags starttls-plain "$port" 0) | tee -a "$RESULTS"
          stop_server
        done
        TLS_VARIANT= ;;
      startup)
        # A fresh server per run, timed from launch until its c2s and admin ports accept, with
        # the CPU it used to get there and its RSS then (what a restart costs before any client).
        for run in $(seq 1 "$RUNS"); do
          local t0 t1
          t0=$(date +%s%N)
          "$start"
          t1=$(date +%s%N)
          printf '{"scenario":"startup","label":"%s","run":%d,"at":"%s","ready_ms":%d,"cpu_ms":%d,"rss_kb":%d}\n' \
              "$label" "$run" "$(date -u +%FT%TZ)" $(((t1 - t0) / 1000000)) \
              "$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$SERVER_PID/stat")" \
              "$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")" | tee -a "$RESULTS"
          stop_server
        done ;;
      train)
        # Nothing recorded: one server serving what the others measure (STARTTLS logins with
        # roster, then a refresh with its pushes), for a JVM's training run, such as Java 25's
        # -XX:AOTCacheOutput in ROSTERD_JAVA_OPTS, which writes its cache when the server stops.
        TLS_VARIANT=starttls-plain
        "$start"
        # shellcheck disable=SC2086
        harness "${target[@]}" --scenario login_roster --clients "$CLIENTS" --runs 2 \
            $(tls_flags starttls-plain "$port" 0) >&2
        # shellcheck disable=SC2086
        harness "${target[@]}" --scenario refresh --clients "$CLIENTS" $(tls_flags starttls-plain "$port" 0) >&2
        stop_server
        TLS_VARIANT= ;;
      memory)
        for _ in $(seq 1 "$RUNS"); do
          "$start"
          harness "${target[@]}" --scenario memory --levels "$LEVELS" --server-pid "$SERVER_PID" \
              | tee -a "$RESULTS"
          stop_server
        done ;;
      idle_websocket|idle_bosh)
        # As memory, over the web listener; the sessions then stay idle longer than its pings
        # and BOSH wait, and are counted by a ping each.
        local levels=$WEB_LEVELS
        [ "$scenario" = idle_bosh ] && levels=$BOSH_LEVELS
        for _ in $(seq 1 "$RUNS"); do
          "$start"
          harness "${target[@]}" --scenario "$scenario" --levels "$levels" --server-pid "$SERVER_PID" \
              --idle-seconds "$WEB_IDLE_SECONDS" --websocket-url "${WEB_URL/#http/ws}/xmpp-websocket" \
              --bosh-url "$WEB_URL/http-bind" | tee -a "$RESULTS"
          stop_server
        done ;;
      *)
        echo "unknown scenario $scenario (login_roster, refresh, memory, latency, attacked, tls_login, tls_memory, idle_websocket, idle_bosh, startup, train)" >&2
        return 2 ;;
    esac
  done
}

# cold_and_warm <start function> <harness flags...>: the two series of a scenario, as operators
# meet them. Cold: a fresh server process for every counted run, its first work the counted one
# (as after a restart, when every client reconnects at once). Warm: warm_and_measure. Lines carry
# "series": "cold" or "warm". SERVER_PID as in warm_and_measure.
cold_and_warm() {
  local start=$1
  shift
  for _ in $(seq 1 "$RUNS"); do
    "$start"
    harness "${@/#SERVER_PID/${SERVER_PID:-}}" --series cold | tee -a "$RESULTS"
    stop_server
  done
  warm_and_measure "$start" "$@" --series warm
}

# warm_and_measure <start function> <harness flags...>: a flag value SERVER_PID becomes the pid of
# the server the start function started.
warm_and_measure() {
  local start=$1
  shift
  "$start"
  set -- "${@/#SERVER_PID/${SERVER_PID:-}}"
  echo "warm-up runs ($WARMUP_RUNS, not recorded): $*" >&2
  harness "$@" --runs "$WARMUP_RUNS" >&2
  harness "$@" --runs "$RUNS" | tee -a "$RESULTS"
  stop_server
}
