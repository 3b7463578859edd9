#!/usr/bin/env bash
# Benchmark: ollama-stack vs docker-compose on the same three-service stack (stand-in images).
# Measures the median wall time of: no-op plan, no-op apply, cold apply to ready, status;
# against compose's no-op `up -d`, cold `up -d` (+ the same readiness wait), and `ps`.
# Usage: bench/run.sh [RUNS]   (default 5). Needs Docker, docker-compose and a built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
export NO_COLOR=1
export OLLAMA_STACK_HOME=${OLLAMA_STACK_HOME:-$(mktemp -d)}
OS=(./ollama-stack)
COMPOSE=(docker-compose -p osbenchc -f bench/compose.yml)
WORK=$(mktemp -d)
mkdir -p bench/results

bench/build-standins.sh >/dev/null

ports=(21434 28080 28200 31434 38080 38200)
sed -e "s/@OLLAMA_PORT@/${ports[0]}/; s/@WEBUI_PORT@/${ports[1]}/; s/@MCPO_PORT@/${ports[2]}/" \
  bench/stack.yaml.in > "$WORK/ollama-stack.yaml"
export BENCH_OLLAMA_PORT=${ports[3]} BENCH_WEBUI_PORT=${ports[4]} BENCH_MCPO_PORT=${ports[5]}
mkdir -p "$WORK/mcpo" && echo '{"mcpServers":{"time":{"command":"uvx","args":["mcp-server-time"]}}}' > "$WORK/mcpo/config.json"
export BENCH_MCPO_DIR="$WORK/mcpo"

now_ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
time_cmd() { local t0 t1; t0=$(now_ms); "$@" >/dev/null 2>&1 || true; t1=$(now_ms); echo $((t1 - t0)); }
wait_ready() { # port path...
  local deadline=$(( $(now_ms) + 120000 ))
  while (( $(now_ms) < deadline )); do
    if curl -fsS "http://127.0.0.1:$1/api/version" >/dev/null 2>&1 \
      && curl -fsS "http://127.0.0.1:$2/health" >/dev/null 2>&1 \
      && curl -fsS "http://127.0.0.1:$3/docs" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  return 1
}
os() { (cd "$WORK" && "$OLDPWD/ollama-stack" "$@"); }
os_down() { os stop >/dev/null 2>&1 || true; docker rm -f osbench-ollama osbench-webui osbench-mcp-proxy >/dev/null 2>&1 || true; }
compose_down() { "${COMPOSE[@]}" down >/dev/null 2>&1 || true; }
compose_cold() { "${COMPOSE[@]}" up -d >/dev/null 2>&1 && wait_ready "${ports[3]}" "${ports[4]}" "${ports[5]}"; }

os --version >/dev/null # builds the jar once, outside the timings
declare -A R
for i in $(seq "$RUNS"); do
  os_down; R[os_cold]+="$(time_cmd os apply --yes) "
  R[os_plan]+="$(time_cmd os plan) "
  R[os_apply]+="$(time_cmd os apply --yes) "
  R[os_status]+="$(time_cmd os status) "
  compose_down; R[c_cold]+="$(time_cmd compose_cold) "
  R[c_up]+="$(time_cmd "${COMPOSE[@]}" up -d) "
  R[c_ps]+="$(time_cmd "${COMPOSE[@]}" ps) "
done
os_down; compose_down
docker volume rm osbench_ollama_data osbench_webui_data osbenchc_ollama_data osbenchc_webui_data >/dev/null 2>&1 || true
docker network rm osbench_network >/dev/null 2>&1 || true

m() { echo "${R[$1]}" | tr ' ' '\n' | grep -v '^$' | median; }
{
  echo "# ollama-stack vs docker-compose ($(date -u +%F), $RUNS runs, median ms, $(nproc) cores)"
  echo
  echo "| operation | ollama-stack | docker-compose | ratio |"
  echo "|---|---:|---:|---:|"
  printf "| no-op plan vs no-op \`up -d\` | %s | %s | %s |\n" "$(m os_plan)" "$(m c_up)" "$(awk "BEGIN{printf \"%.2f\", $(m os_plan)/$(m c_up)}")"
  printf "| no-op apply vs no-op \`up -d\` | %s | %s | %s |\n" "$(m os_apply)" "$(m c_up)" "$(awk "BEGIN{printf \"%.2f\", $(m os_apply)/$(m c_up)}")"
  printf "| cold apply to ready vs \`up -d\` + same readiness wait | %s | %s | %s |\n" "$(m os_cold)" "$(m c_cold)" "$(awk "BEGIN{printf \"%.2f\", $(m os_cold)/$(m c_cold)}")"
  printf "| status vs \`ps\` | %s | %s | %s |\n" "$(m os_status)" "$(m c_ps)" "$(awk "BEGIN{printf \"%.2f\", $(m os_status)/$(m c_ps)}")"
} | tee bench/results/latest.md
