#!/usr/bin/env bash
# Benchmark: backup of a multi-GB model volume. Full backup (empty blob store), incremental backup
# (models unchanged), against `tar` of the same volume as the floor; wall time, bytes written and
# the CLI's peak RSS (GNU time). Writes bench/results/backup-latest.md.
# Usage: bench/backup.sh [GB]   (default 3). Needs Docker, root (to read the volume's mountpoint
# for the tar floor), /usr/bin/time, the stand-in images (bench/build-standins.sh) and a built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
GB=${1:-3}
export NO_COLOR=1
NAME=osbench-backup-$$
WORK=$(mktemp -d)
export OLLAMA_STACK_HOME=$WORK/home
JAR=${JAR:-$PWD/target/ollama-stack.jar}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
mkdir -p bench/results
image() { docker image ls "ollama-stack-test/$1" --filter label=dev.ollamastack.test.standin-hash \
  --format '{{.Repository}}:{{.Tag}}' | grep -v ':latest$' | head -1; }
cleanup() {
  docker rm -f "$NAME-ollama" "$NAME-webui" >/dev/null 2>&1 || true
  docker ps -aq --filter "label=ollama-stack.helper=$NAME" | xargs -r docker rm -f >/dev/null
  docker volume rm "${NAME}_ollama_data" "${NAME}_webui_data" >/dev/null 2>&1 || true
  docker network rm "${NAME}_network" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cat > "$WORK/ollama-stack.yaml" <<EOF
apiVersion: ollama-stack/v1
kind: Stack
metadata:
  name: $NAME
spec:
  platform: cpu
  services:
    ollama:
      image: $(image ollama)
      port: 21535
    webui:
      image: $(image open-webui)
      port: 28181
    mcpProxy:
      enabled: false
  extensions:
    enabled: []
  backup:
    directory: ./backups
    keep: 5
EOF
os() { (cd "$WORK" && "$java" -jar "$JAR" "$@"); }
os apply --yes >/dev/null
# Model weights as Ollama keeps them: 1 GB blobs named by their SHA-256, random (incompressible).
docker exec "$NAME-ollama" sh -c "
  set -e; mkdir -p /root/.ollama/models/blobs /root/.ollama/models/manifests/registry.ollama.ai/library/big
  for i in \$(seq $GB); do
    head -c 1073741824 /dev/urandom > /root/.ollama/b
    h=\$(sha256sum /root/.ollama/b | cut -d' ' -f1); mv /root/.ollama/b /root/.ollama/models/blobs/sha256-\$h
  done
  echo '{}' > /root/.ollama/models/manifests/registry.ollama.ai/library/big/latest"
mp=$(docker volume inspect -f '{{.Mountpoint}}' "${NAME}_ollama_data")
vol_bytes=$(du -sb "$mp" | cut -f1)

ms() { date +%s%3N; }
t0=$(ms); tar -cf - -C "$mp" . | wc -c >/dev/null; t_tar=$(( $(ms) - t0 ))
t0=$(ms); tar -czf - -C "$mp" . | wc -c >/dev/null; t_targz=$(( $(ms) - t0 ))

measure() { # label -> "ms rss_kb bytes"
  local before after t0 t1
  before=$(du -sb "$WORK/backups" 2>/dev/null | cut -f1 || echo 0)
  t0=$(ms)
  /usr/bin/time -f '%M' -o "$WORK/rss" "$java" -jar "$JAR" -f "$WORK/ollama-stack.yaml" backup \
    >"$WORK/$1.out" 2>&1 || { cat "$WORK/$1.out"; exit 1; }
  t1=$(ms)
  after=$(du -sb "$WORK/backups" | cut -f1)
  echo "$((t1 - t0)) $(cat "$WORK/rss") $((after - ${before:-0}))"
}
cd "$WORK"
read -r t_full rss_full b_full < <(measure full)
read -r t_inc rss_inc b_inc < <(measure incremental)
cd "$OLDPWD"
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
{
  echo "# backup of a $GB GB model volume ($(date -u +%F), $(nproc) cores)"
  echo
  echo "Volume: $(mib "$vol_bytes") ($GB blobs of 1 GiB, random). Wall time, bytes written to the"
  echo "backup directory, peak RSS of the CLI process (GNU time)."
  echo
  echo "| run | time | bytes written | peak RSS |"
  echo "|---|---:|---:|---:|"
  echo "| \`tar -cf\` of the volume (floor, to a pipe) | $((t_tar)) ms | | |"
  echo "| \`tar -czf\` of the volume (to a pipe) | $((t_targz)) ms | | |"
  echo "| full \`backup\` (empty blob store) | $t_full ms | $(mib "$b_full") | $((rss_full / 1024)) MiB |"
  echo "| incremental \`backup\` (models unchanged) | $t_inc ms | $(mib "$b_inc") | $((rss_inc / 1024)) MiB |"
  echo
  echo '```'
  grep -E "model blobs|webui was stopped|Backup complete" "$WORK/full.out" "$WORK/incremental.out" || true
  echo '```'
} | tee bench/results/backup-latest.md
