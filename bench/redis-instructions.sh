#!/usr/bin/env bash
# Redis instructions per job, costq vs BullMQ, on one redis-server run under valgrind's callgrind.
#
#   bench/redis-instructions.sh [jobs]        # default 5000 jobs per phase (about 2 minutes)
#   COSTQ_BENCH_JAR=other.jar COSTQ_BENCH_ARGS="--rates 20 --latency-seconds 1" bench/redis-instructions.sh
#                                             # another build of the bench (e.g. an older commit's, which has no
#                                             # --only throughput: its other phases then run but are not counted)
#   KEEP_DUMPS=dir bench/redis-instructions.sh  # also copies the callgrind dumps to dir, for callgrind_annotate
#
# Redis CPU µs per job (./costq bench) moves with whatever else the machine does; the number of instructions
# redis-server executes for the same work does not. Both benches call $BENCH_SNAPSHOT_HOOK <label> right after
# each INFO reading that bounds a measured phase; here the hook dumps callgrind's count, so each dump holds what
# Redis executed since the previous one. Same phases as the main bench: concurrent (workers draining while the
# producer adds in batches of 1,000), pure enqueue, pure drain; the warm-ups are not counted.
# Needs valgrind (apt-get install -y valgrind), node/npm for the peer, and a built bench jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jobs="${1:-5000}"
jar="${COSTQ_BENCH_JAR:-$root/bench/target/costq-bench.jar}"
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q install -DskipTests -Pbench" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 2; }

dir="$(mktemp -d)"
port=""
for _ in $(seq 20); do
  candidate=$((20000 + RANDOM % 30000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free port" >&2; exit 2; }

valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" \
  "${REDIS_SERVER:-redis-server}" --port "$port" --bind 127.0.0.1 --save "" --appendonly no >"$dir/valgrind.log" 2>&1 &
vg=$!
cleanup() {
  kill "$vg" 2>/dev/null || true; wait "$vg" 2>/dev/null || true
  if [ -n "${KEEP_DUMPS:-}" ]; then mkdir -p "$KEEP_DUMPS" && cp "$dir"/cg.out* "$KEEP_DUMPS"/ 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 100); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.2
done

for side in bullmq costq; do
  cat >"$dir/hook-$side.sh" <<EOF
#!/usr/bin/env bash
callgrind_control --dump="$side:\$1" $vg >/dev/null 2>&1
EOF
  chmod +x "$dir/hook-$side.sh"
done

echo "[instructions] BullMQ, $jobs jobs (Redis under callgrind is ~50x slower)" >&2
BENCH_SNAPSHOT_HOOK="$dir/hook-bullmq.sh" "$root/bench/bullmq/run.sh" --host 127.0.0.1 --port "$port" \
  --jobs "$jobs" --warmup 500 --timeout 600 >/dev/null
echo "[instructions] costq, $jobs jobs" >&2
BENCH_SNAPSHOT_HOOK="$dir/hook-costq.sh" java -jar "$jar" --redis-url "redis://127.0.0.1:$port" --jobs "$jobs" \
  --no-http --no-peer ${COSTQ_BENCH_ARGS:---only throughput} >/dev/null

# every dump: its trigger (side:label) and its total instruction count
declare -A ir
for f in "$dir"/cg.out.*; do
  label="$(sed -n 's/^desc: Trigger: dump //p' "$f" | head -1)"
  total="$(sed -n 's/^totals: //p; s/^summary: //p' "$f" | head -1 | awk '{print $1}')"
  [ -n "$label" ] && ir["$label"]="$total"
done
per_job() { awk -v a="${ir[$1]:-0}" -v n="$jobs" 'BEGIN { printf "%.0f", a / n }'; }
echo "Redis instructions per no-op job (callgrind, Redis $(redis-cli -p "$port" info server | sed -n 's/^redis_version:\(.*\)\r$/\1/p'), $jobs jobs per phase)"
printf '%-16s %12s %12s %14s\n' phase costq BullMQ "costq÷BullMQ"
for phase in concurrent-end:concurrent pure-enqueued:"pure enqueue" pure-drained:"pure drain"; do
  label="${phase%%:*}"; name="${phase#*:}"
  c="$(per_job "costq:$label")"; b="$(per_job "bullmq:$label")"
  printf '%-16s %12s %12s %14s\n' "$name" "$c" "$b" "$(awk -v c="$c" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", c / b; else print "-" }')"
done
