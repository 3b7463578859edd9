# HTTP/1.1 for stand-in handlers: sourced by a script that busybox `nc -ll -e` runs once per
# connection, with the socket as stdin/stdout (stderr stays the container's log).
# Requests: request line, headers, body by Content-Length (no chunked request bodies).
# Responses always close the connection.

CR=$(printf '\r')

# Sets METHOD, TARGET, REQ_PATH, QUERY, PROTO, CONTENT_LENGTH, AUTHORIZATION, BODY.
http_read_request() {
  IFS= read -r line || exit 0
  line=${line%"$CR"}
  METHOD=${line%% *}
  rest=${line#* }
  TARGET=${rest%% *}
  PROTO=${rest##* }
  REQ_PATH=${TARGET%%\?*}
  QUERY=
  case "$TARGET" in *\?*) QUERY=${TARGET#*\?} ;; esac
  CONTENT_LENGTH=0
  AUTHORIZATION=
  while IFS= read -r h; do
    h=${h%"$CR"}
    [ -z "$h" ] && break
    value=${h#*:}
    value=${value# }
    case "$h" in
      [Cc][Oo][Nn][Tt][Ee][Nn][Tt]-[Ll][Ee][Nn][Gg][Tt][Hh]:*) CONTENT_LENGTH=$value ;;
      [Aa][Uu][Tt][Hh][Oo][Rr][Ii][Zz][Aa][Tt][Ii][Oo][Nn]:*) AUTHORIZATION=$value ;;
    esac
  done
  BODY=
  case "$CONTENT_LENGTH" in '' | *[!0-9]*) CONTENT_LENGTH=0 ;; esac
  if [ "$CONTENT_LENGTH" -gt 0 ]; then
    BODY=$(head -c "$CONTENT_LENGTH")
  fi
}

# http_respond STATUS "REASON" CONTENT-TYPE BODY: a complete response with Content-Length.
http_respond() {
  len=$(printf '%s' "$4" | wc -c)
  printf 'HTTP/1.1 %s %s\r\nContent-Type: %s\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' \
    "$1" "$2" "$3" "$len"
  [ "$METHOD" = HEAD ] || printf '%s' "$4"
}

http_json() { http_respond "$1" "$2" "application/json" "$3"; }

# Streaming responses: chunked for HTTP/1.1 clients (as Go's net/http does), else until close.
http_stream_start() {
  if [ "$PROTO" = "HTTP/1.1" ]; then
    CHUNKED=1
    printf 'HTTP/1.1 200 OK\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' "$1"
  else
    CHUNKED=0
    printf 'HTTP/1.1 200 OK\r\nContent-Type: %s\r\nConnection: close\r\n\r\n' "$1"
  fi
}

# One line of a stream (a newline is added).
http_stream_line() {
  if [ "$CHUNKED" = 1 ]; then
    n=$(printf '%s\n' "$1" | wc -c)
    printf '%x\r\n%s\n\r\n' "$n" "$1"
  else
    printf '%s\n' "$1"
  fi
}

http_stream_end() {
  [ "$CHUNKED" = 1 ] && printf '0\r\n\r\n'
  return 0
}

# json_field NAME: the string value of "NAME" in $BODY (flat objects, no escaped quotes).
json_field() {
  printf '%s' "$BODY" | sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n 1
}

# json_bool NAME: true/false value of "NAME" in $BODY, empty when absent.
json_bool() {
  printf '%s' "$BODY" | sed -n 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*\(true\|false\).*/\1/p' | head -n 1
}
