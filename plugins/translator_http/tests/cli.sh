#!/bin/bash
# Loopback tests of the http translator against tests/mt_server.py on 127.0.0.1.
. "$top_srcdir/tests/lib.sh"
here="${srcdir:-$top_srcdir/plugins/translator_http}"

if ! command -v python3 >/dev/null; then
  echo "python3 not found: skipping the loopback tests"
  exit 77
fi

python3 "$here/tests/mt_server.py" --lifetime 90 --max-requests 400 --log "$TMP/requests.log" >"$TMP/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(head -1 "$TMP/port")
[ -n "$PORT" ] || { echo "the test server did not start"; exit 1; }
BASE="http://127.0.0.1:$PORT"

# config NAME URL EXTRA-OPTIONS: a pipeline over two samples into $TMP/NAME.jsonl
config() {
  cat >"$TMP/$1.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ];
threads = 2;
source = { plugin = "text"; paths = [ "$top_srcdir/samples/01_tham-van-viet-han.txt",
                                      "$top_srcdir/samples/02_adsom-vieng-chan.txt" ]; };
chain = (
  { plugin = "http"; url = "$2"; timeout_ms = 1000; backoff_ms = 50; $3 },
  { plugin = "jsonl"; name = "out"; path = "$TMP/$1.jsonl"; }
);
CFG
}

count() { grep -c -- "$2" "$1" 2>/dev/null || true; }

# --- LibreTranslate, title
config libre "$BASE/ok" 'what = "title";'
run "$DOCPIPE" run -c "$TMP/libre.cfg"
expect_rc "libretranslate title: exit 0" 0
expect_file "libretranslate title translated" "$TMP/libre.jsonl" "EN:Qu"
[ "$(count "$TMP/libre.jsonl" 'EN:')" -eq 2 ] && ok "one title translation per document" || fail "one title translation per document"

# --- LibreTranslate, segments in batches of 2
: >"$TMP/requests.log"
config seg "$BASE/ok" 'what = "segments"; segments = [ "paragraph" ]; batch = 2;'
run "$DOCPIPE" run -c "$TMP/seg.cfg"
expect_rc "segments: exit 0" 0
expect_file "segment translations stored" "$TMP/seg.jsonl" 'EN:'
if awk -F'\t' '$1=="ok" && $3>2 {bad=1} END {exit bad}' "$TMP/requests.log" &&
   awk -F'\t' '$1=="ok" && $3==2 {two=1} END {exit !two}' "$TMP/requests.log"; then
  ok "batches hold at most 2 texts"
else
  fail "batches hold at most 2 texts" "$(cat "$TMP/requests.log")"
fi

# --- OpenAI-compatible, whole text, API key from the environment, never logged
: >"$TMP/requests.log"
config oai "$BASE/ok" 'api = "openai"; model = "test-model"; what = "text"; api_key_env = "DP_TEST_KEY";'
DP_TEST_KEY=sekrit-123 run "$DOCPIPE" run -c "$TMP/oai.cfg"
expect_rc "openai: exit 0" 0
expect_file "openai translation stored" "$TMP/oai.jsonl" 'EN:'
expect_file "the key reached the server as a bearer token" "$TMP/requests.log" 'Bearer sekrit-123'
expect_no_err "the key is not logged" 'sekrit'
if grep -q sekrit "$TMP/oai.jsonl"; then fail "the key is not in the output"; else ok "the key is not in the output"; fi

config oai_nokey "$BASE/ok" 'api = "openai"; model = "m"; api_key_env = "DP_TEST_UNSET_KEY";'
run env -u DP_TEST_UNSET_KEY "$DOCPIPE" run -c "$TMP/oai_nokey.cfg"
[ "$RC" -ne 0 ] && ok "unset api_key_env stops the run" || fail "unset api_key_env stops the run"
expect_err "unset api_key_env is named" 'DP_TEST_UNSET_KEY'

config oai_nomodel "$BASE/ok" 'api = "openai";'
run "$DOCPIPE" run -c "$TMP/oai_nomodel.cfg"
[ "$RC" -ne 0 ] && ok "openai without model is refused" || fail "openai without model is refused"
expect_err "openai without model: message" 'needs a model'

# --- 500 then OK: the retry succeeds
: >"$TMP/requests.log"
config flaky "$BASE/flaky" 'retries = 2;'
sed -i 's/threads = 2;/threads = 1;/' "$TMP/flaky.cfg"
run "$DOCPIPE" run -c "$TMP/flaky.cfg"
expect_rc "500 then OK: exit 0" 0
[ "$(count "$TMP/flaky.jsonl" 'EN:')" -eq 2 ] && ok "500 then OK: both titles translated" || fail "500 then OK: both titles translated"
[ "$(count "$TMP/requests.log" '^flaky')" -eq 3 ] && ok "500 then OK: one retry" || fail "500 then OK: one retry" "$(cat "$TMP/requests.log")"

# --- 429 with Retry-After: 1 is honoured
config busy "$BASE/busy" 'retries = 2;'
sed -i 's/threads = 2;/threads = 1;/' "$TMP/busy.cfg"
t0=$(date +%s%N)
run "$DOCPIPE" run -c "$TMP/busy.cfg"
t1=$(date +%s%N)
expect_rc "429: exit 0" 0
[ $(( (t1 - t0) / 1000000 )) -ge 900 ] && ok "429: waited for Retry-After" || fail "429: waited for Retry-After" "$(( (t1 - t0) / 1000000 )) ms"

# --- Retry-After: 2^63 - 1 seconds is capped by max_wait_ms (it overflowed a signed multiplication: UBSan abort)
config hugewait "$BASE/hugewait" 'retries = 2; max_wait_ms = 300;'
sed -i 's/threads = 2;/threads = 1;/' "$TMP/hugewait.cfg"
t0=$(date +%s%N)
run "$DOCPIPE" run -c "$TMP/hugewait.cfg"
t1=$(date +%s%N)
expect_rc "Retry-After 2^63-1: exit 0" 0
[ "$(count "$TMP/hugewait.jsonl" 'EN:')" -eq 2 ] && ok "Retry-After 2^63-1: both titles translated after the wait" \
  || fail "Retry-After 2^63-1: both titles translated after the wait"
[ $(( (t1 - t0) / 1000000 )) -lt 30000 ] && ok "Retry-After 2^63-1: the wait capped by max_wait_ms" \
  || fail "Retry-After 2^63-1: the wait capped by max_wait_ms" "$(( (t1 - t0) / 1000000 )) ms"

# --- failures: the document is dead-lettered, the batch goes on
config slow "$BASE/slow" 'retries = 0; timeout_ms = 300;'
sed -i 's/timeout_ms = 1000; //' "$TMP/slow.cfg"
run "$DOCPIPE" run --dead-letter "$TMP/slow.dead" -c "$TMP/slow.cfg"
expect_rc "timeout: documents failed (65)" 65
expect_file "timeout: dead letter names the reason" "$TMP/slow.dead" '[Tt]imeout|timed out'

config garbage "$BASE/garbage" 'retries = 0;'
run "$DOCPIPE" run --dead-letter "$TMP/garbage.dead" -c "$TMP/garbage.cfg"
expect_rc "malformed JSON: documents failed (65)" 65
expect_file "malformed JSON: dead letter says so" "$TMP/garbage.dead" 'not a LibreTranslate answer'

config shape "$BASE/wrongshape" 'api = "openai"; model = "m"; retries = 0;'
run "$DOCPIPE" run --dead-letter "$TMP/shape.dead" -c "$TMP/shape.cfg"
expect_rc "wrong JSON shape: documents failed (65)" 65
expect_file "wrong JSON shape: dead letter says so" "$TMP/shape.dead" 'choices\[0\]'

config down "$BASE/down" 'retries = 2;'
run "$DOCPIPE" run --dead-letter "$TMP/down.dead" -c "$TMP/down.cfg"
expect_rc "503 every time: documents failed (65)" 65
expect_file "503: attempts counted" "$TMP/down.dead" 'HTTP 503 \(after 3 attempts\)'

# --- cache: a second run needs no server at all
config cache "$BASE/ok" "cache = \"$TMP/cache\";"
run "$DOCPIPE" run -c "$TMP/cache.cfg"
expect_rc "cache fill: exit 0" 0
n_entries=$(find "$TMP/cache" -type f | wc -l)
[ "$n_entries" -eq 2 ] && ok "cache holds one entry per title" || fail "cache holds one entry per title" "$n_entries"
[ -z "$(find "$TMP/cache" -name '*.tmp.*')" ] && ok "no temporary cache files left" || fail "no temporary cache files left"

kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null
sed "s|$TMP/cache.jsonl|$TMP/cache2.jsonl|" "$TMP/cache.cfg" >"$TMP/cache2.cfg"
run "$DOCPIPE" run -c "$TMP/cache2.cfg"
expect_rc "cached run with the server stopped: exit 0" 0
[ "$(count "$TMP/cache2.jsonl" 'EN:')" -eq 2 ] && ok "cached translations used" || fail "cached translations used"

# --- connection refused (server stopped)
config refused "$BASE/ok" 'retries = 1;'
run "$DOCPIPE" run --dead-letter "$TMP/refused.dead" -c "$TMP/refused.cfg"
expect_rc "connection refused: documents failed (65)" 65
expect_file "connection refused: dead letter names it" "$TMP/refused.dead" '[Cc]onnect|refused'
[ "$(wc -l <"$TMP/refused.dead")" -ge 2 ] && ok "connection refused: every document dead-lettered" || fail "connection refused: every document dead-lettered"

finish
