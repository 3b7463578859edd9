#!/bin/sh
# One HTTP connection of the Open WebUI stand-in. /api/stand-in/* are test hooks: what the
# container ended up using, and whether it reaches its Ollama. /ollama/api/tags is Open WebUI's
# own Ollama proxy, behind its sign-in.
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

# A signed-in user, as Open WebUI's get_current_user (utils/auth.py): no bearer (and no cookie) is
# 403 "Not authenticated", a key it does not know 401. The stand-in knows one user, an admin, by
# the API key in $DATA_DIR/admin_api_key (written by a test); WEBUI_AUTH=False changes nothing
# here, as in Open WebUI, whose browser client then still signs in and sends a token.
signed_in() {
  key=$(cat "$DATA_DIR/admin_api_key" 2>/dev/null)
  case "$AUTHORIZATION" in
    "")
      access_log "403 Forbidden"
      http_json 403 Forbidden '{"detail":"Not authenticated"}'
      return 1 ;;
    "Bearer $key") [ -n "$key" ] && return 0 ;;
  esac
  access_log "401 Unauthorized"
  http_json 401 Unauthorized '{"detail":"Your session has expired or the token is invalid. Please sign in again."}'
  return 1
}

# Open WebUI's own proxy of Ollama's model list (routers/ollama.py get_ollama_tags, mounted at
# /ollama; a verified user). It asks the Ollama URL it stored at its first start and, like the
# real one, answers 200 with an empty list when that Ollama does not answer.
ollama_tags() {
  signed_in || return
  out=$(timeout 5 /usr/lib/standin/busybox wget -q -O - "$STANDIN_OLLAMA_BASE_URL/api/tags" 2>/dev/null)
  case "$out" in *'"models"'*) ;; *) out='{"models":[]}' ;; esac
  access_log "200 OK"
  http_json 200 OK "$out"
}

# Admin-only, as in Open WebUI: an admin's API key as bearer. POST replaces the whole list.
tool_servers() {
  signed_in || return
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
  "GET /ollama/api/tags") ollama_tags ;;
  *)
    access_log "404 Not Found"
    http_json 404 "Not Found" '{"detail":"Not Found"}' ;;
esac
