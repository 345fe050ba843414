#!/usr/bin/env bash
# Run the BullMQ peer benchmark.
#
#   bench/bullmq/run.sh [bench args...]          # starts its own throw-away redis-server
#   bench/bullmq/run.sh --port P [bench args...] # uses an existing Redis at --host/--port
#
# Bench args: --jobs N --concurrency N --batch N --warmup N --no-pure
#             --keep-completed --timeout S (see bullmq-bench.mjs / README.md).
# The JSON result line goes to stdout, everything else to stderr.
# REDIS_SERVER=/path/to/redis-server overrides the redis-server binary.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if [ ! -d node_modules ]; then
  echo "run.sh: installing dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi

for arg in "$@"; do
  case "$arg" in -h|--help) exec node bullmq-bench.mjs --help ;; esac
done

# An explicit --port means: use that Redis, don't start one.
for arg in "$@"; do
  if [ "$arg" = "--port" ]; then
    exec node bullmq-bench.mjs "$@"
  fi
done

redis_server="${REDIS_SERVER:-$(command -v redis-server || true)}"
if [ -z "$redis_server" ]; then
  echo "run.sh: redis-server not found (apt-get install redis-server, or set REDIS_SERVER)" >&2
  exit 2
fi

workdir="$(mktemp -d -t costq-bullmq-bench.XXXXXX)"
redis_pid=""
bench_pid=""
cleanup() {
  if [ -n "$bench_pid" ] && kill -0 "$bench_pid" 2>/dev/null; then
    kill "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  if [ -n "$redis_pid" ] && kill -0 "$redis_pid" 2>/dev/null; then
    kill "$redis_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

started=""
for attempt in 1 2 3; do
  port="$(free_port)"
  [ "$port" = "6379" ] && continue
  "$redis_server" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$workdir" --logfile "$workdir/redis.log" --daemonize no &
  redis_pid=$!
  for _ in $(seq 50); do
    if ! kill -0 "$redis_pid" 2>/dev/null; then break; fi
    if node -e '
      const s=require("net").connect(+process.argv[1],"127.0.0.1");
      s.on("connect",()=>s.write("PING\r\n"));
      s.on("data",d=>process.exit(String(d).startsWith("+PONG")?0:1));
      s.on("error",()=>process.exit(1));' "$port" 2>/dev/null; then
      started=1
      break
    fi
    sleep 0.1
  done
  [ -n "$started" ] && break
  echo "run.sh: redis-server on port $port did not come up (attempt $attempt):" >&2
  tail -5 "$workdir/redis.log" >&2 || true
  kill "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=""
done
if [ -z "$started" ]; then
  echo "run.sh: could not start redis-server" >&2
  exit 1
fi
echo "run.sh: $("$redis_server" --version | cut -d' ' -f1-3) started on 127.0.0.1:$port (pid $redis_pid)" >&2

# In the background + wait, so that INT/TERM reach the trap at once and
# cleanup stops both the bench and Redis.
node bullmq-bench.mjs --host 127.0.0.1 --port "$port" "$@" &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=""
exit "$status"
