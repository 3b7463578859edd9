#!/bin/sh
# One HTTP connection of the mcpo stand-in. Config mode mounts each server at /<name>; single
# mode (`mcpo -- cmd`) serves the tools at the root. Every server has the tools `echo`, `ping`.
. "$LIB/http.sh"

access_log() { echo "INFO:     127.0.0.1:0 - \"$METHOD $TARGET HTTP/1.1\" $1" >&2; }

reply() { # STATUS REASON TYPE BODY
  access_log "$1 $2"
  http_respond "$1" "$2" "$3" "$4"
}

# Bearer check as mcpo's verify_api_key: 401 without credentials, 403 with a wrong key.
authorized() {
  [ -z "$MCPO_API_KEY" ] && return 0
  case "$AUTHORIZATION" in
    "Bearer $MCPO_API_KEY") return 0 ;;
    Bearer\ *) reply 403 Forbidden application/json '{"detail":"Invalid API key"}' ;;
    *) reply 401 Unauthorized application/json '{"detail":"Not authenticated"}' ;;
  esac
  return 1
}

docs_authorized() {
  [ "$MCPO_STRICT_AUTH" = true ] || return 0
  authorized
}

servers() {
  if [ "$MCPO_HOT_RELOAD" = true ] && [ -f "$MCPO_CONFIG" ]; then
    awk -f "$LIB/servers.awk" "$MCPO_CONFIG"
  else
    cat "$STATE/servers"
  fi
}

openapi() { # TITLE
  printf '{"openapi":"3.1.0","info":{"title":"%s","description":"%s MCP server (stand-in)","version":"1.0"},"paths":{' "$1" "$1"
  printf '"/echo":{"post":{"summary":"Echo","operationId":"tool_echo_post","requestBody":{"content":{"application/json":{"schema":{"type":"object"}}},"required":true},"responses":{"200":{"description":"Successful Response"}}}},'
  printf '"/ping":{"post":{"summary":"Ping","operationId":"tool_ping_post","responses":{"200":{"description":"Successful Response"}}}}'
  printf '}}'
}

root_openapi() {
  links=$(servers | sed 's|.*|- [&](/&/docs)|' | tr '\n' ' ')
  printf '{"openapi":"3.1.0","info":{"title":"%s","description":"Automatically generated API from MCP Tool Schemas\\n\\n%s","version":"1.0"},"paths":{}}' "$MCPO_NAME" "$links"
}

docs_html() { # TITLE LINKS
  printf '<!DOCTYPE html><html><head><title>%s - Swagger UI</title></head><body><h1>%s</h1>%s</body></html>' "$1" "$1" "$2"
}

tool() { # SERVER TOOL
  authorized || return
  case "$2" in
    echo)
      body=$BODY
      [ -n "$body" ] || body='{}'
      reply 200 OK application/json "$body" ;;
    ping) reply 200 OK application/json "\"pong from $1\"" ;;
    *) reply 404 "Not Found" application/json '{"detail":"Not Found"}' ;;
  esac
}

http_read_request
if [ "$MCPO_MODE" = single ]; then
  case "$METHOD $REQ_PATH" in
    "GET /docs") docs_authorized && reply 200 OK text/html "$(docs_html "$MCPO_NAME" "")" ;;
    "GET /openapi.json") docs_authorized && reply 200 OK application/json "$(openapi "$MCPO_NAME")" ;;
    POST\ /*) tool "$MCPO_NAME" "${REQ_PATH#/}" ;;
    *) reply 404 "Not Found" application/json '{"detail":"Not Found"}' ;;
  esac
  exit 0
fi

case "$METHOD $REQ_PATH" in
  "GET /docs")
    links=$(servers | sed 's|.*|<li><a href="/&/docs">&</a></li>|' | tr -d '\n')
    docs_authorized && reply 200 OK text/html "$(docs_html "$MCPO_NAME" "<ul>$links</ul>")"
    exit 0 ;;
  "GET /openapi.json")
    docs_authorized && reply 200 OK application/json "$(root_openapi)"
    exit 0 ;;
esac
rest=${REQ_PATH#/}
server=${rest%%/*}
sub=${rest#"$server"}
if [ -z "$server" ] || ! servers | grep -Fqx -- "$server"; then
  reply 404 "Not Found" application/json '{"detail":"Not Found"}'
  exit 0
fi
case "$METHOD $sub" in
  "GET /docs") docs_authorized && reply 200 OK text/html "$(docs_html "$server" "")" ;;
  "GET /openapi.json") docs_authorized && reply 200 OK application/json "$(openapi "$server")" ;;
  POST\ /*) tool "$server" "${sub#/}" ;;
  *) reply 404 "Not Found" application/json '{"detail":"Not Found"}' ;;
esac
