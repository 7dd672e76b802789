#!/usr/bin/env bash
# Message round trips (the latency scenario) with the archive piece off and on its embedded store,
# each a fresh rosterd with the same warm-up, so the cost of keeping every chat before delivering
# it (issue 11) is read side by side. Results go to results/results.jsonl with "archive=off" or
# "archive=embedded" in the label.
#
#   test-fixtures/bench/run-archive.sh
#
# Environment: as run-rosterd.sh (RUNS, RATES, ...).
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK=$BENCH/work/archive
mkdir -p "$WORK"

for store in off embedded; do
  conf=$WORK/rosterd-archive-$store.json
  rm -rf "$WORK/archive-$store"
  python3 - "$BENCH/rosterd-bench.json" "$conf" "$store" "$WORK/archive-$store" <<'PY'
import json, sys
base, out, store, directory = sys.argv[1:]
config = json.load(open(base))
if store != "off":
    config["archive"] = {"store": store, "directory": directory}
json.dump(config, open(out, "w"), indent=2)
PY
  ROSTERD_CONF=$conf LABEL_SUFFIX="archive=$store" "$BENCH/run-rosterd.sh" latency
  export SKIP_BUILD=1
done
