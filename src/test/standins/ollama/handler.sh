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

# show, generate and chat answer for pulled models only, which is what callers check.
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
  "GET /api/ps")
    gin_log 200
    http_json 200 OK '{"models":[]}' ;;
  "POST /api/pull") pull ;;
  "DELETE /api/delete") delete ;;
  "POST /api/show")
    model_answer "{\"modelfile\":\"# stand-in\",\"parameters\":\"\",\"template\":\"{{ .Prompt }}\",\"details\":$(details_json "$(json_field model)"),\"model_info\":{},\"capabilities\":[\"completion\"]}" ;;
  "POST /api/generate")
    model_answer "{\"model\":\"$(json_field model)\",\"created_at\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"response\":\"\",\"done\":true,\"done_reason\":\"load\"}" ;;
  "POST /api/chat")
    model_answer "{\"model\":\"$(json_field model)\",\"created_at\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"message\":{\"role\":\"assistant\",\"content\":\"stand-in\"},\"done\":true}" ;;
  *) error_json 404 "Not Found" "404 page not found: $METHOD $REQ_PATH" ;;
esac
