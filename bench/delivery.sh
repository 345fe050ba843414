#!/usr/bin/env bash
# Issue-4 benchmark: ordered delivery (ordering keys + ack-or-timeout) and delivery channels (width, rate).
#
#   bench/delivery.sh            # full: 25,000 keys x 4 messages, 20,000 jobs per channel variant (a few minutes)
#   bench/delivery.sh --quick    # smoke run: 2,500 keys x 4, 2,000 jobs per channel variant
#   bench/delivery.sh --json     # one JSON line on stdout (progress on stderr)
#
# Starts its own redis-server on a free loopback port (never 6379) and three in-JVM worker engines. Options:
# bench/delivery.sh --help. Exits 1 on an order violation, a channel width exceeded or a part that did not finish.
# Build first: mvn -q -B install -DskipTests -pl bench -am
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/bench/target/costq-bench.jar
[[ -f $jar ]] || { echo "delivery: $jar missing; build first: mvn -q -B install -DskipTests -pl bench -am" >&2; exit 2; }
command -v "${REDIS_SERVER:-redis-server}" >/dev/null || { echo "delivery: redis-server not on PATH" >&2; exit 2; }
exec java ${JAVA_OPTS:-} -cp "$jar" io.costq.bench.delivery.DeliveryBench "$@"
