#!/usr/bin/env bash
# Benchmark: ollama-stack vs docker-compose on the same three-service stack (stand-in images).
# Measures the median wall time of: no-op plan, no-op apply, cold apply to ready, status;
# against compose's no-op `up -d`, cold `up -d` (+ the same readiness wait), and `ps`.
# Also `--version` against a bare `java -version` of the same JDK, and `docker ps` as the floor of
# any command that asks Docker anything. Each round runs every command once, so the ratios come
# from one run on one machine in one state.
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

# The JDK the launcher runs (JAVA_HOME, else java on PATH, else /usr/lib/jvm/*), for java -version.
bench_java() {
  local c
  for c in ${JAVA_HOME:+$JAVA_HOME/bin/java} $(command -v java) /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$(readlink -f "$c")")")/release" 2>/dev/null)
    [ "${v:-0}" -ge 21 ] && { echo "$c"; return; }
  done
  echo java
}
JAVA_BIN=$(bench_java)

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
  R[d_ps]+="$(time_cmd docker ps) "
  R[os_ver]+="$(time_cmd "${OS[@]}" --version) "
  R[j_ver]+="$(time_cmd "$JAVA_BIN" -version) "
done
os_down; compose_down
docker volume rm osbench_ollama_data osbench_webui_data osbenchc_ollama_data osbenchc_webui_data >/dev/null 2>&1 || true
docker network rm osbench_network >/dev/null 2>&1 || true

m() { echo "${R[$1]}" | tr ' ' '\n' | grep -v '^$' | median; }
ratio() { awk "BEGIN{printf \"%.2f\", $(m "$1")/$(m "$2")}"; }
row() { # label, ours, theirs, goal
  printf "| %s | %s | %s | %s× | %s |\n" "$1" "$(m "$2")" "$(m "$3")" "$(ratio "$2" "$3")" "$4"
}
{
  echo "# ollama-stack vs docker-compose ($(date -u +%F), $RUNS runs, median ms, $(nproc) cores, $(docker-compose version --short 2>/dev/null || echo compose), $("$JAVA_BIN" -version 2>&1 | head -1))"
  echo
  echo "| operation | ollama-stack | other | ratio | goal |"
  echo "|---|---:|---:|---:|---:|"
  row "no-op \`plan\` vs compose no-op \`up -d\`" os_plan c_up "≤ 1.0×"
  row "no-op \`apply\` vs compose no-op \`up -d\`" os_apply c_up ""
  row "cold \`apply\` to all ready vs \`up -d\` + the same wait" os_cold c_cold "≤ 1.0×"
  row "\`status\` vs \`docker-compose ps\`" os_status c_ps "≤ 1.0×"
  row "\`--version\` vs \`java -version\` (same JDK)" os_ver j_ver "≤ 2.5×"
  row "\`status\` vs \`docker ps\` (the floor)" os_status d_ps ""
} | tee bench/results/latest.md
