#!/usr/bin/env bash
# Chaos check with real processes: "nothing lost, nothing run twice at once" while workers die by kill -9.
#
#   bench/chaos.sh            # 5,000 sleep jobs of 20-200 ms, 3 worker-node JVMs, one killed every ~4 s
#
# Starts its own redis-server on a free port (never 6379), three worker-node JVMs (short leases, one execution
# log per process), submits the jobs through the Java client, and until every job is terminal kills a random
# worker with kill -9 every few seconds and starts a replacement. Then prints accepted, succeeded, lost (must be
# 0), duplicate executions (allowed: at-least-once), overlapping executions of one job (must be 0). Exits 1 if a
# job was lost or two runs of one job overlapped. Build first: mvn -q -B install -DskipTests.
#
# Environment: CHAOS_JOBS (5000), CHAOS_MIN_MS (20), CHAOS_MAX_MS (200), CHAOS_KILL_EVERY_S (4), CHAOS_SEED
# (random), CHAOS_LEASE_MS (3000), CHAOS_RENEW_MS (1000), CHAOS_MAX_TASKS (8 per worker), CHAOS_KEEP=1 keeps the
# work directory (logs) even when the check passes.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jobs=${CHAOS_JOBS:-5000}
min_ms=${CHAOS_MIN_MS:-20}
max_ms=${CHAOS_MAX_MS:-200}
kill_every=${CHAOS_KILL_EVERY_S:-4}
seed=${CHAOS_SEED:-$((RANDOM * 32768 + RANDOM))}
lease_ms=${CHAOS_LEASE_MS:-3000}
renew_ms=${CHAOS_RENEW_MS:-1000}
max_tasks=${CHAOS_MAX_TASKS:-8}
RANDOM=$seed # the choice of victims is replayable too

bench_jar=$root/bench/target/costq-bench.jar
app=$root/worker-node/target/quarkus-app
for f in "$bench_jar" "$app/quarkus-run.jar"; do
  [[ -f $f ]] || { echo "chaos: $f missing; build first: mvn -q -B install -DskipTests" >&2; exit 2; }
done
command -v redis-server >/dev/null || { echo "chaos: redis-server not on PATH" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/costq-chaos.XXXXXX")
mkdir -p "$work/logs" "$work/out"
# private copies: a rebuild of target/ during the run must not change the processes we restart
cp -r "$app" "$work/worker-app"
cp "$bench_jar" "$work/bench.jar"
log() { echo "chaos: $*" >&2; }

port=
for _ in $(seq 50); do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[[ -n $port ]] || { log "no free port"; exit 2; }
redis_url=redis://127.0.0.1:$port
prefix=chaos$seed

redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
redis_pid=$!

declare -a pid node incarnation
drive_pid=
cleanup() {
  for i in 1 2 3; do [[ -n ${pid[$i]:-} ]] && kill -9 "${pid[$i]}" 2>/dev/null; done
  [[ -n $drive_pid ]] && kill "$drive_pid" 2>/dev/null
  kill "$redis_pid" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.05
done

start_worker() { # $1 = slot 1..3; every process gets a node id and an execution log of its own
  local i=$1
  incarnation[$i]=$((${incarnation[$i]:-0} + 1))
  node[$i]=w$i-${incarnation[$i]}
  COSTQ_REDIS_URL=$redis_url COSTQ_KEY_PREFIX=$prefix COSTQ_WORKER_NODE_ID=${node[$i]} \
  COSTQ_WORKER_EXECUTION_LOG=$work/logs/${node[$i]}.jsonl \
  COSTQ_LEASE_LEASE_MS=$lease_ms COSTQ_LEASE_RENEW_EVERY_MS=$renew_ms COSTQ_LEASE_REAP_EVERY_MS=500 \
  COSTQ_WORKER_MAX_TASKS=$max_tasks COSTQ_POLICY_MAX_TASKS=$max_tasks COSTQ_WORKER_CPU_SOURCE=SIMULATED \
  COSTQ_WORKER_CORES=$max_tasks COSTQ_WORKER_GRACE_MS=5000 QUARKUS_HTTP_PORT=0 \
    java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$work/worker-app/quarkus-run.jar" \
    >"$work/out/${node[$i]}.log" 2>&1 &
  pid[$i]=$!
}

log "redis on port $port, prefix $prefix, seed $seed, work dir $work"
log "$jobs sleep jobs of $min_ms-$max_ms ms; 3 workers x $max_tasks tasks; lease $lease_ms ms renewed every $renew_ms ms; kill -9 every ~$kill_every s"
for i in 1 2 3; do start_worker "$i"; done

t0=$(date +%s)
java -cp "$work/bench.jar" io.costq.bench.chaos.ChaosMain drive --redis "$redis_url" --prefix "$prefix" \
  --ids "$work/ids.txt" --jobs "$jobs" --min-ms "$min_ms" --max-ms "$max_ms" --seed "$seed" &
drive_pid=$!

kills=0
while kill -0 "$drive_pid" 2>/dev/null; do
  # sleep kill_every/2 .. kill_every*3/2 seconds, in 100 ms steps so the loop ends with the driver
  for _ in $(seq $((kill_every * 5 + RANDOM % (kill_every * 10 + 1)))); do
    kill -0 "$drive_pid" 2>/dev/null || break 2
    sleep 0.1
  done
  i=$((RANDOM % 3 + 1))
  kill -9 "${pid[$i]}" 2>/dev/null
  wait "${pid[$i]}" 2>/dev/null
  # taken after the process is gone: no run of it can have lasted longer
  echo "${node[$i]}.jsonl $(date +%s%3N)" >>"$work/kills.txt"
  kills=$((kills + 1))
  log "kill -9 ${node[$i]} (pid ${pid[$i]}) at +$(($(date +%s) - t0)) s; starting its replacement"
  start_worker "$i"
done
wait "$drive_pid"
drive_rc=$?
drive_pid=
log "driver finished (rc $drive_rc) after $(($(date +%s) - t0)) s and $kills kills; stopping workers"
for i in 1 2 3; do kill -TERM "${pid[$i]}" 2>/dev/null; done
for i in 1 2 3; do wait "${pid[$i]}" 2>/dev/null; pid[$i]=; done

java -cp "$work/bench.jar" io.costq.bench.chaos.ChaosMain analyze --redis "$redis_url" --prefix "$prefix" \
  --ids "$work/ids.txt" --logs "$work/logs" --kills "$work/kills.txt" --outs "$work/out"
rc=$?
if [[ $rc -eq 0 && $drive_rc -eq 0 && ${CHAOS_KEEP:-0} != 1 ]]; then
  rm -rf "$work"
  echo "seed $seed (CHAOS_SEED=$seed replays the job sizes and the choice of victims)"
else
  echo "seed $seed; logs kept in $work"
fi
[[ $drive_rc -eq 0 ]] || rc=1
exit $rc
