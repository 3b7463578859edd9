#!/bin/sh
# One HTTP connection of the ollama stand-in API. Models are manifest files kept where the real
# server keeps them, so they live in the /root/.ollama volume:
#   $MODELS/manifests/registry.ollama.ai/<namespace>/<model>/<tag>
. /usr/lib/ollama/http.sh
REGISTRY=$MODELS/manifests/registry.ollama.ai

gin_log() {
  printf '[GIN] %s | %3s | %13s | %15s | %-7s "%s"\n' "$(date -u '+%Y/%m/%d - %H:%M:%S')" "$1" "1.234ms" "127.0.0.1" "$METHOD" "$REQ_PATH" >&2
}

error_json() { # STATUS REASON MESSAGE
  gin_log "$1"
  http_json "$1" "$2" "{\"error\":\"$3\"}"
}

# Sets NAME (model:tag as the API reports it) and MANIFEST (its file) from a user's model name;
# fails for names the real server would reject.
resolve() {
  n=$1
  case "$n" in *:*) ;; *) n=$n:latest ;; esac
  echo "$n" | grep -Eq '^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)?:[a-zA-Z0-9._-]+$' || return 1
  model=${n%:*}
  tag=${n##*:}
  case "$model" in */*) path=$model ;; *) path=library/$model ;; esac
  NAME=$n
  MANIFEST=$REGISTRY/$path/$tag
}

digest_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }

# Deterministic sizes: a model's bytes grow with its name, so tests can predict them.
model_size() { echo $((${#1} * 7340033)); }

details_json() {
  base=${1%%:*}
  base=${base##*/}
  family=$(echo "$base" | sed 's/[0-9.]*$//')
  [ -n "$family" ] || family=$base
  tag=${1##*:}
  params=$(echo "$tag" | grep -Eo '^[0-9.]+[bm]' | tr 'bm' 'BM')
  [ -n "$params" ] || params=7B
  printf '{"parent_model":"","format":"gguf","family":"%s","families":["%s"],"parameter_size":"%s","quantization_level":"Q4_K_M"}' \
    "$family" "$family" "$params"
}

tags() {
  first=1
  out='{"models":['
  # Models of another registry are listed host/namespace/model:tag, as the real server lists them.
  for f in $(find "$MODELS/manifests" -type f 2>/dev/null | sort); do
    rel=${f#"$MODELS/manifests"/}
    tag=${rel##*/}
    repo=${rel%/*}
    case "$repo" in registry.ollama.ai/*) repo=${repo#registry.ollama.ai/}; repo=${repo#library/} ;; esac
    name=$repo:$tag
    size=$(grep -o '"size":[0-9]*' "$f" | cut -d: -f2 | awk '{s += $1} END {print s + 0}')
    digest=$(sha256sum "$f" | cut -d' ' -f1)
    modified=$(date -u -r "$f" +%Y-%m-%dT%H:%M:%SZ)
    [ $first = 1 ] || out=$out,
    first=0
    out=$out$(printf '{"name":"%s","model":"%s","modified_at":"%s","size":%s,"digest":"%s","details":%s}' \
      "$name" "$name" "$modified" "$size" "$digest" "$(details_json "$name")")
  done
  gin_log 200
  http_json 200 OK "$out]}"
}

pull() {
  requested=$(json_field model)
  [ -n "$requested" ] || requested=$(json_field name)
  stream=$(json_bool stream)
  if ! resolve "$requested"; then
    error_json 400 "Bad Request" "invalid model name"
    return
  fi
  gin_log 200
  if [ "$stream" = false ]; then
    case "$NAME" in *doesnotexist*)
      http_json 500 "Internal Server Error" '{"error":"pull model manifest: file does not exist"}'
      return ;;
    esac
    write_manifest
    http_json 200 OK '{"status":"success"}'
    return
  fi
  http_stream_start application/x-ndjson
  http_stream_line '{"status":"pulling manifest"}'
  sleep 0.05
  case "$NAME" in *doesnotexist*)
    # The real server answers 200 and reports the failure inside the stream.
    http_stream_line '{"error":"pull model manifest: file does not exist"}'
    http_stream_end
    return ;;
  esac
  size=$(model_size "$NAME")
  model_digest=$(digest_of "$NAME/model")
  params_digest=$(digest_of "$NAME/params")
  for layer in "$model_digest $size" "$params_digest $((${#NAME} + 90))"; do
    d=${layer% *}
    total=${layer#* }
    short=$(echo "$d" | cut -c1-12)
    http_stream_line "{\"status\":\"pulling $short\",\"digest\":\"sha256:$d\",\"total\":$total}"
    for part in 1 2 3; do
      sleep 0.05
      http_stream_line "{\"status\":\"pulling $short\",\"digest\":\"sha256:$d\",\"total\":$total,\"completed\":$((total * part / 3))}"
    done
  done
  http_stream_line '{"status":"verifying sha256 digest"}'
  http_stream_line '{"status":"writing manifest"}'
  write_manifest
  http_stream_line '{"status":"success"}'
  http_stream_end
}

write_manifest() {
  size=$(model_size "$NAME")
  model_digest=$(digest_of "$NAME/model")
  params_digest=$(digest_of "$NAME/params")
  config_digest=$(digest_of "$NAME/config")
  mkdir -p "$(dirname "$MANIFEST")" "$MODELS/blobs"
  for d in $model_digest $params_digest $config_digest; do
    echo "stand-in blob of $NAME" > "$MODELS/blobs/sha256-$d"
  done
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:%s","size":485},"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":%s},{"mediaType":"application/vnd.ollama.image.params","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$model_digest" "$size" "$params_digest" "$((${#NAME} + 90))" > "$MANIFEST.tmp"
  mv "$MANIFEST.tmp" "$MANIFEST"
}

delete() {
  requested=$(json_field model)
  [ -n "$requested" ] || requested=$(json_field name)
  if [ -z "$requested" ] || ! resolve "$requested"; then
    error_json 400 "Bad Request" "model is required"
    return
  fi
  if [ ! -f "$MANIFEST" ]; then
    error_json 404 "Not Found" "model '$requested' not found"
    return
  fi
  rm -f "$MANIFEST"
  gin_log 200
  http_respond 200 OK "text/plain; charset=utf-8" ""
}

# The keep_alive of a request as its JSON text: a number (seconds) or a quoted duration; empty
# when absent.
keep_alive_raw() {
  printf '%s' "$BODY" | sed -n 's/.*"keep_alive"[[:space:]]*:[[:space:]]*\("[^"]*"\|-\{0,1\}[0-9][0-9.]*\).*/\1/p' | head -n 1
}

# Seconds a keep_alive (number, or a Go duration like 24h, 1h30m, 90s) keeps a model; "forever"
# when negative. Ollama's own default is OLLAMA_KEEP_ALIVE, else 5m.
keep_alive_seconds() {
  k=$(printf '%s' "$1" | tr -d '"')
  [ -n "$k" ] || k=${OLLAMA_KEEP_ALIVE:-5m}
  case "$k" in
    -*) echo forever; return ;;
    *[!0-9]*) ;;
    *) echo "$k"; return ;;
  esac
  awk -v e="$(printf '%s' "$k" | sed 's/\([0-9.]*\)h/\1*3600+/g; s/\([0-9.]*\)ms/0*\1+/g; s/\([0-9.]*\)m/\1*60+/g; s/\([0-9.]*\)s/\1+/g; s/$/0/')" \
    'BEGIN { n = split(e, t, "+"); s = 0; for (i = 1; i <= n; i++) { split(t[i], f, "*"); s += (f[2] == "" ? f[1] : f[1] * f[2]) } printf "%d\n", s }'
}

# The loaded-model record of $NAME, in /api/ps's shape (size_vram 0: the stand-in has no GPU). The
# stand-in never unloads a model on its own when keep_alive runs out: tests do not wait for time.
loaded_file() { echo "$LOADED/$(printf '%s' "$NAME" | tr '/' '%')"; }

mark_loaded() { # KEEP_ALIVE_RAW
  secs=$(keep_alive_seconds "$1")
  if [ "$secs" = forever ]; then
    expires=2318-06-23T00:00:00Z
  else
    expires=$(date -u -d "@$(($(date +%s) + secs))" +%Y-%m-%dT%H:%M:%SZ)
  fi
  size=$(grep -o '"size":[0-9]*' "$MANIFEST" | cut -d: -f2 | awk '{s += $1} END {print s + 0}')
  digest=$(sha256sum "$MANIFEST" | cut -d' ' -f1)
  f=$(loaded_file)
  mkdir -p "$LOADED"
  printf '{"name":"%s","model":"%s","size":%s,"digest":"%s","details":%s,"expires_at":"%s","size_vram":0,"context_length":4096}' \
    "$NAME" "$NAME" "$size" "$digest" "$(details_json "$NAME")" "$expires" > "$LOADED/.tmp-$$"
  mv "$LOADED/.tmp-$$" "$f"
}

ps_models() {
  first=1
  out='{"models":['
  for f in "$LOADED"/*; do
    [ -f "$f" ] || continue
    [ $first = 1 ] || out=$out,
    first=0
    out=$out$(cat "$f")
  done
  gin_log 200
  http_json 200 OK "$out]}"
}

# generate without a prompt loads the model, with keep_alive 0 unloads it (as the real server:
# "done_reason":"load" / "unload"); with a prompt it answers, and the model stays loaded too.
generate() {
  requested=$(json_field model)
  if [ -z "$requested" ]; then
    error_json 400 "Bad Request" "model is required"
    return
  fi
  if ! resolve "$requested" || [ ! -f "$MANIFEST" ]; then
    error_json 404 "Not Found" "model '$requested' not found"
    return
  fi
  keep=$(keep_alive_raw)
  prompt=$(json_field prompt)
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if [ -z "$prompt" ] && [ -n "$keep" ] && [ "$(keep_alive_seconds "$keep")" = 0 ]; then
    rm -f "$(loaded_file)"
    reason=unload
    response=
  else
    mark_loaded "$keep"
    if [ -z "$prompt" ]; then reason=load; response=; else reason=stop; response=stand-in; fi
  fi
  gin_log 200
  http_json 200 OK "{\"model\":\"$requested\",\"created_at\":\"$now\",\"response\":\"$response\",\"done\":true,\"done_reason\":\"$reason\"}"
}

# show and chat answer for pulled models only, which is what callers check.
model_answer() {
  requested=$(json_field model)
  if [ -z "$requested" ]; then
    error_json 400 "Bad Request" "model is required"
  elif ! resolve "$requested" || [ ! -f "$MANIFEST" ]; then
    error_json 404 "Not Found" "model '$requested' not found"
  else
    gin_log 200
    http_json 200 OK "$1"
  fi
}

http_read_request
case "$METHOD $REQ_PATH" in
  "GET /" | "HEAD /")
    gin_log 200
    http_respond 200 OK "text/plain; charset=utf-8" "Ollama is running" ;;
  "GET /api/version" | "HEAD /api/version")
    gin_log 200
    http_json 200 OK "{\"version\":\"$VERSION\"}" ;;
  "GET /api/tags" | "HEAD /api/tags") tags ;;
  "GET /api/ps" | "HEAD /api/ps") ps_models ;;
  "POST /api/pull") pull ;;
  "DELETE /api/delete") delete ;;
  "POST /api/show")
    model_answer "{\"modelfile\":\"# stand-in\",\"parameters\":\"\",\"template\":\"{{ .Prompt }}\",\"details\":$(details_json "$(json_field model)"),\"model_info\":{},\"capabilities\":[\"completion\"]}" ;;
  "POST /api/generate") generate ;;
  "POST /api/chat")
    model_answer "{\"model\":\"$(json_field model)\",\"created_at\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"message\":{\"role\":\"assistant\",\"content\":\"stand-in\"},\"done\":true}" ;;
  *) error_json 404 "Not Found" "404 page not found: $METHOD $REQ_PATH" ;;
esac
