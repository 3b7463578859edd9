#!/bin/sh
# Stand-in for open-webui's start.sh + uvicorn. Mirrors what the tool must cope with:
# - no WEBUI_SECRET_KEY: a key is generated into .webui_secret_key next to this script (the
#   image layer, not the data volume), so a re-created container gets a new key;
# - OLLAMA_BASE_URL(S) is stored in the data volume on first start and wins over the env later
#   (unless ENABLE_PERSISTENT_CONFIG=false), like the real config table in webui.db.
# Plus one test-only knob the real image does not have: a hold file that delays readiness (below).
SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
cd "$SCRIPT_DIR" || exit 1
PORT=${PORT:-8080}
HOST=${HOST:-0.0.0.0}
DATA_DIR=${DATA_DIR:-$SCRIPT_DIR/data}

KEY_FILE=.webui_secret_key
[ -n "$WEBUI_SECRET_KEY_FILE" ] && KEY_FILE=$WEBUI_SECRET_KEY_FILE
SECRET_SOURCE=env
if [ -z "$WEBUI_SECRET_KEY" ] && [ -z "$WEBUI_JWT_SECRET_KEY" ]; then
  echo "Loading WEBUI_SECRET_KEY from file, not provided as an environment variable."
  if [ ! -e "$KEY_FILE" ]; then
    echo "Generating WEBUI_SECRET_KEY"
    head -c 12 /dev/urandom | base64 > "$KEY_FILE"
  fi
  echo "Loading WEBUI_SECRET_KEY from $KEY_FILE"
  WEBUI_SECRET_KEY=$(cat "$KEY_FILE")
  SECRET_SOURCE=file
fi
[ -n "$WEBUI_SECRET_KEY" ] || WEBUI_SECRET_KEY=$WEBUI_JWT_SECRET_KEY

log() { printf '%s | %-8s | %s\n' "$(date -u '+%Y-%m-%d %H:%M:%S.000')" "$1" "$2" >&2; }

mkdir -p "$DATA_DIR"
[ -e "$DATA_DIR/webui.db" ] || : > "$DATA_DIR/webui.db"
CONFIG=$DATA_DIR/config.json

# The env value: OLLAMA_BASE_URLS (';'-separated) wins over OLLAMA_BASE_URL; the image's
# "/ollama" means host.docker.internal in prod.
env_url=${OLLAMA_BASE_URLS:-$OLLAMA_BASE_URL}
env_url=${env_url%%;*}
[ "$env_url" = "/ollama" ] && env_url=http://host.docker.internal:11434
env_url=${env_url%/}

stored_url=
if [ -f "$CONFIG" ]; then
  stored_url=$(sed -n 's/.*"base_urls": *\["\([^"]*\)".*/\1/p' "$CONFIG" | head -n 1)
fi
if [ -n "$stored_url" ] && [ "${ENABLE_PERSISTENT_CONFIG:-true}" != false ]; then
  URL=$stored_url
  URL_SOURCE=database
  log INFO "'OLLAMA_BASE_URLS' loaded from the latest database entry"
  [ "$env_url" != "$stored_url" ] && log WARNING "OLLAMA_BASE_URL=$env_url ignored: stored value $stored_url wins"
else
  URL=$env_url
  URL_SOURCE=env
  log INFO "'OLLAMA_BASE_URLS' from environment: $env_url"
  printf '{\n  "version": 0,\n  "ollama": {\n    "base_urls": ["%s"]\n  }\n}\n' "$env_url" > "$CONFIG.tmp"
  mv "$CONFIG.tmp" "$CONFIG"
fi
if [ "$RESET_CONFIG_ON_START" = true ]; then
  # Values were loaded before the reset: the env takes effect from the next start.
  log INFO "RESET_CONFIG_ON_START: configuration reset"
  rm -f "$CONFIG"
fi

STANDIN_OLLAMA_BASE_URL=$URL
STANDIN_URL_SOURCE=$URL_SOURCE
STANDIN_SECRET_SHA256=$(printf '%s' "$WEBUI_SECRET_KEY" | sha256sum | cut -d' ' -f1)
STANDIN_SECRET_SOURCE=$SECRET_SOURCE
export STANDIN_OLLAMA_BASE_URL STANDIN_URL_SOURCE STANDIN_SECRET_SHA256 STANDIN_SECRET_SOURCE DATA_DIR
unset WEBUI_SECRET_KEY

echo "INFO:     Started server process [$$]" >&2
echo "INFO:     Waiting for application startup." >&2
# TEST-ONLY KNOB, not in the real image: while $DATA_DIR/.standin-hold-ready exists, startup does
# not complete and nothing listens on $PORT yet, so readiness checks fail (the real uvicorn, too,
# binds only after the app's startup, e.g. migrations, has finished). The file lives in the data
# volume and changes no env, label or config, so a test can hold an apply in its readiness wait
# without changing the container's config hash, and release it with
# `docker exec <container> rm /app/backend/data/.standin-hold-ready`.
HOLD=$DATA_DIR/.standin-hold-ready
trap 'echo "INFO:     Shutting down" >&2; exit 0' TERM INT
[ -e "$HOLD" ] && echo "stand-in: startup held until $HOLD is removed" >&2
while [ -e "$HOLD" ]; do sleep 0.1; done
echo "INFO:     Application startup complete." >&2
echo "INFO:     Uvicorn running on http://$HOST:$PORT (Press CTRL+C to quit)" >&2
/usr/lib/standin/busybox nc -ll -p "$PORT" -e /app/backend/standin/handler.sh &
server=$!
trap 'echo "INFO:     Shutting down" >&2; kill $server 2>/dev/null; exit 0' TERM INT
wait $server
exit 1
