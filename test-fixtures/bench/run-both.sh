#!/usr/bin/env bash
# The side-by-side run of docs/BENCHMARKS.md: for each scenario, rosterd then Prosody, so that
# both meet the same machine conditions; the harness is built once.
#
#   test-fixtures/bench/run-both.sh [login_roster] [refresh] [memory] [latency]
set -euo pipefail
BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(login_roster refresh memory latency)
"$BENCH/run-rosterd.sh" "${scenarios[0]}"
export SKIP_BUILD=1
"$BENCH/run-prosody.sh" "${scenarios[0]}"
for scenario in "${scenarios[@]:1}"; do
  "$BENCH/run-rosterd.sh" "$scenario"
  "$BENCH/run-prosody.sh" "$scenario"
done
