#!/usr/bin/env bash
# Issue 8 item 4, the live replay: a trace replayed time-scaled through costq, side by side with the simulator.
#
#   bench/replay.sh                          # 3,000-job trace at load 0.7 (seed 1), 20x faster: ~2-3 min
#   bench/replay.sh --trace FILE --scale 20 --nodes 5 --cores 8 [--speeds ..] [--io-frac F] [--thrash K] [--json]
#
# Without --trace it first draws one: TraceGenerator --jobs $REPLAY_JOBS (3000) --load $REPLAY_LOAD (0.7)
# --nodes 5 --cores 8 --seed $REPLAY_SEED (1) (nodes/cores/speeds follow the options given). Starts its own
# redis-server on a free loopback port (never 6379) and one in-JVM worker engine per node, each emulating the
# simulator's node model (processor sharing over C virtual cores at speed s; CPU meter min(1, CPU tasks / C)).
# Prints the simulator's (policy costq) and the replay's response times in trace time and the ratios.
# Build first: ./mvnw -q -B install -DskipTests -Pbench -pl bench -am
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/bench/target/costq-bench.jar
[[ -f $jar ]] || { echo "replay: $jar missing; build first: ./mvnw -q -B install -DskipTests -Pbench -pl bench -am" >&2; exit 2; }
command -v "${REDIS_SERVER:-redis-server}" >/dev/null || { echo "replay: redis-server not on PATH" >&2; exit 2; }
args=("$@")
have_trace=0; nodes=5; cores=8; speeds=""
for ((i = 0; i < ${#args[@]}; i++)); do
  case ${args[i]} in
    --trace) have_trace=1 ;;
    --nodes) nodes=${args[i+1]} ;;
    --cores) cores=${args[i+1]} ;;
    --speeds) speeds=${args[i+1]} ;;
    --help|-h) exec java -cp "$jar" io.costq.bench.replay.ReplayMain --help ;;
  esac
done
if [[ $have_trace == 0 ]]; then
  trace=$(mktemp "${TMPDIR:-/tmp}/costq-replay-trace.XXXXXX.csv")
  trap 'rm -f "$trace"' EXIT
  java -cp "$jar" io.costq.model.sim.TraceGenerator --jobs "${REPLAY_JOBS:-3000}" --load "${REPLAY_LOAD:-0.7}" \
    --nodes "$nodes" --cores "$cores" ${speeds:+--speeds "$speeds"} --seed "${REPLAY_SEED:-1}" --out "$trace"
  args+=(--trace "$trace")
fi
java ${JAVA_OPTS:-} -cp "$jar" io.costq.bench.replay.ReplayMain "${args[@]}"
