#!/usr/bin/env bash
# Real scrape: runs Debian's Prometheus against a running costq (./costq up: API :8080, worker :8081), lets it scrape
# while a few jobs run, then evaluates every query of every Grafana dashboard through Prometheus' HTTP API and prints
# each with whether it returned data. Exit status 1 when a query is rejected by Prometheus or a target is down.
#   bench/prometheus-check.sh [API_URL] [WORKER_URL]      (defaults http://127.0.0.1:8080 http://127.0.0.1:8081)
# Env: COSTQ_CHECK_SCRAPE_S (seconds of scraping before the queries, default 30), COSTQ_CHECK_LOAD=0 (submit no jobs),
#      COSTQ_API_KEY (sent as X-Api-Key when the API has keys on).
set -euo pipefail
cd "$(dirname "$0")/.."
API=${1:-http://127.0.0.1:8080}
WORKER=${2:-http://127.0.0.1:8081}
SCRAPE_S=${COSTQ_CHECK_SCRAPE_S:-30}

if ! command -v prometheus >/dev/null 2>&1; then
  echo "prometheus-check: installing Debian's prometheus package" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq prometheus) >/dev/null
fi
for url in "$API" "$WORKER"; do
  curl -fsS "$url/q/health" >/dev/null || { echo "prometheus-check: $url is not up; start ./costq up first" >&2; exit 1; }
done

free_port() { local p=$1; while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }
PORT=$(free_port 19090)
TMP=$(mktemp -d)
PROM_PID=""
cleanup() {
  if [ -n "$PROM_PID" ]; then kill "$PROM_PID" 2>/dev/null || true; wait "$PROM_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

hostport() { echo "$1" | sed -E 's#^https?://##; s#/.*$##'; }
cat >"$TMP/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  evaluation_interval: 2s
scrape_configs:
  - job_name: costq-api
    metrics_path: /q/metrics
    static_configs: [{targets: ["$(hostport "$API")"]}]
  - job_name: costq-worker
    metrics_path: /q/metrics
    static_configs: [{targets: ["$(hostport "$WORKER")"]}]
YAML
prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/data" --web.listen-address="127.0.0.1:$PORT" \
  >"$TMP/prometheus.log" 2>&1 &
PROM_PID=$!
PROM="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fsS "$PROM/-/ready" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "$PROM/-/ready" >/dev/null || { echo "prometheus-check: Prometheus did not start:" >&2; cat "$TMP/prometheus.log" >&2; exit 1; }
echo "prometheus-check: $(prometheus --version 2>&1 | head -1) on $PROM scraping $API and $WORKER every 2 s" >&2

KEY_HEADER=()
[ -n "${COSTQ_API_KEY:-}" ] && KEY_HEADER=(-H "X-Api-Key: $COSTQ_API_KEY")
submit() { # user type ms
  curl -fsS -o /dev/null -XPOST "$API/v1/jobs" "${KEY_HEADER[@]}" -H 'content-type: application/json' \
    -d "{\"user\":\"$1\",\"type\":\"$2\",\"payload\":{\"ms\":$3}}" || echo "prometheus-check: a submit failed" >&2
}
echo "prometheus-check: scraping for ${SCRAPE_S} s$([ "${COSTQ_CHECK_LOAD:-1}" = 0 ] || echo ' while submitting jobs')" >&2
end=$((SECONDS + SCRAPE_S))
i=0
while [ $SECONDS -lt $end ]; do
  if [ "${COSTQ_CHECK_LOAD:-1}" != 0 ]; then
    submit "check-fast-$((i % 3))" noop 0; submit "check-mid-$((i % 2))" sleep 300; submit check-slow cpu 900
    [ $((i % 4)) = 0 ] && submit check-long sleep 3000
    i=$((i + 1))
  fi
  sleep 1
done

python3 - "$PROM" grafana/dashboards/*.json <<'PY'
import json, sys, urllib.parse, urllib.request
prom, files = sys.argv[1], sys.argv[2:]
def query(q):
    url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": q})
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return json.load(e)
up = query("up")["data"]["result"]
down = [r["metric"]["job"] for r in up if r["value"][1] != "1"]
print("targets: " + ", ".join(f'{r["metric"]["job"]}={"up" if r["value"][1] == "1" else "DOWN"}' for r in up))
def panels(ps):
    for p in ps:
        yield p
        yield from panels(p.get("panels", []))
total = with_data = errors = 0
for f in files:
    d = json.load(open(f))
    print(f"\n== {d['title']} ({f.split('/')[-1]})")
    for p in panels(d["panels"]):
        for t in p.get("targets", []):
            total += 1
            res = query(t["expr"])
            if res.get("status") != "success":
                errors += 1
                print(f"  ERROR  {p['title']} [{t['refId']}]: {t['expr']}\n         {res.get('error')}")
                continue
            series = res["data"]["result"]
            values = [s["value"][1] for s in series]
            real = [v for v in values if v not in ("NaN", "+Inf", "-Inf")]
            if real:
                with_data += 1
                shown = ", ".join(sorted(set(f"{float(v):.3g}" for v in real))[:4])
                print(f"  DATA   {p['title']} [{t['refId']}] {len(series)} series ({shown}): {t['expr']}")
            else:
                print(f"  EMPTY  {p['title']} [{t['refId']}] {len(series)} series{' (NaN)' if series else ''}: {t['expr']}")
print(f"\n{with_data} of {total} queries returned data, {total - with_data - errors} empty, {errors} rejected by Prometheus")
sys.exit(1 if errors or down else 0)
PY
