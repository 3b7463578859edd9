#!/bin/sh
# One HTTP connection of the Open WebUI stand-in. /api/stand-in/* are test hooks: what the
# container ended up using, and whether it reaches its Ollama.
. /app/backend/standin/http.sh

access_log() { echo "INFO:     127.0.0.1:0 - \"$METHOD $TARGET HTTP/1.1\" $1" >&2; }

state_json() {
  from_env=false
  [ "$STANDIN_SECRET_SOURCE" = env ] && from_env=true
  printf '{"name":"Open WebUI","version":"0.11.0","status":true,"ollama_base_url":"%s","ollama_base_url_source":"%s","secret_key_sha256":"%s","secret_key_from_env":%s,"data_dir":"%s"}' \
    "$STANDIN_OLLAMA_BASE_URL" "$STANDIN_URL_SOURCE" "$STANDIN_SECRET_SHA256" "$from_env" "$DATA_DIR"
}

reach_ollama() {
  out=$(timeout 5 /usr/lib/standin/busybox wget -q -O - "$STANDIN_OLLAMA_BASE_URL/api/version" 2>/dev/null)
  if [ -n "$out" ]; then
    access_log "200 OK"
    http_json 200 OK "$out"
  else
    access_log "502 Bad Gateway"
    http_json 502 "Bad Gateway" "{\"error\":\"cannot reach $STANDIN_OLLAMA_BASE_URL\"}"
  fi
}

# Admin-only, as in Open WebUI: an admin's API key (the stand-in's is in $DATA_DIR/admin_api_key,
# written by a test) as bearer. POST replaces the whole list.
tool_servers() {
  key=$(cat "$DATA_DIR/admin_api_key" 2>/dev/null)
  case "$AUTHORIZATION" in
    "Bearer $key") [ -n "$key" ] || { access_log "401 Unauthorized"; http_json 401 Unauthorized '{"detail":"Not authenticated"}'; return; } ;;
    *) access_log "401 Unauthorized"; http_json 401 Unauthorized '{"detail":"Not authenticated"}'; return ;;
  esac
  if [ "$METHOD" = POST ]; then
    list=$(printf '%s' "$BODY" | sed -n 's/^ *{ *"TOOL_SERVER_CONNECTIONS" *: *\(.*\)} *$/\1/p')
    [ -n "$list" ] || { access_log "422 Unprocessable Entity"; http_json 422 "Unprocessable Entity" '{"detail":"TOOL_SERVER_CONNECTIONS required"}'; return; }
    printf '%s' "$list" > "$TOOLS.tmp" && mv "$TOOLS.tmp" "$TOOLS"
  fi
  access_log "200 OK"
  http_json 200 OK "{\"TOOL_SERVER_CONNECTIONS\":$(cat "$TOOLS")}"
}

http_read_request
case "$METHOD $REQ_PATH" in
  "GET /health" | "GET /health/db" | "HEAD /health")
    access_log "200 OK"
    http_json 200 OK '{"status":true}' ;;
  "GET /" | "HEAD /")
    access_log "200 OK"
    http_respond 200 OK "text/html; charset=utf-8" "<!doctype html><html><head><title>Open WebUI</title></head><body>Open WebUI stand-in</body></html>" ;;
  "GET /api/version")
    access_log "200 OK"
    http_json 200 OK '{"version":"0.11.0"}' ;;
  "GET /api/config" | "GET /api/stand-in/state")
    access_log "200 OK"
    http_json 200 OK "$(state_json)" ;;
  "GET /api/stand-in/ollama") reach_ollama ;;
  "GET /api/v1/configs/tool_servers" | "POST /api/v1/configs/tool_servers") tool_servers ;;
  *)
    access_log "404 Not Found"
    http_json 404 "Not Found" '{"detail":"Not Found"}' ;;
esac
