#!/bin/bash
# CLI tests of the exec plugin: the Python examples in a chain with C plugins,
# their option tables in `docpipe plugins`/`check`, 1 and N threads, and
# workers that crash, hang, print garbage, return offsets beyond the text,
# speak another protocol, are killed with SIGKILL mid-run, or meet SIGINT.
. "$top_srcdir/tests/lib.sh"
EX="$top_srcdir/examples/python"
BAD="$top_srcdir/plugins/recognizer_exec/tests/misbehave.py"
mkdir -p "$TMP/c" && ln -s "$top_srcdir/data" "$TMP/data"

# ---- the Python examples with C plugins ----------------------------------
chain_cfg() { # NAME THREADS EXTRA-REGEX-OPTIONS
  cat >"$TMP/c/$1.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ]; data_path = [ "$top_srcdir/data" ];
threads = $2;
source = { plugin = "news"; paths = [ "$top_srcdir/samples" ]; include = [ "*.txt" ]; };
chain = (
  { plugin = "gazetteer"; lists = [ "../data/vi/countries.tsv", "../data/vi/provinces.tsv" ]; },
  { plugin = "exec"; command = [ "python3", "$EX/regex_recognizer.py" ];
    pattern = "\\\\b[A-Z]{2,}\\\\b"; type = "ORG"; value = "match"; $3 },
  { plugin = "dates"; },
  { plugin = "glossary"; },
  { plugin = "exec"; name = "folded"; command = [ "python3", "$EX/fold_translator.py" ]; lang = "vi-Latn"; },
  { plugin = "jsonl"; name = "out"; path = "$TMP/$1.jsonl"; }
);
CFG
}
chain_cfg one 1 ""
run "$DOCPIPE" run -c "$TMP/c/one.cfg"
expect_rc "C and Python plugins in one chain exit 0" 0
expect_file "the Python recognizer's entities, named by its announced name" "$TMP/one.jsonl" '"type":"ORG","surface":"UNCLOS","value":"UNCLOS","confidence":1,"instance":"regex","attrs":\{"pattern.group":"0"'
expect_file "the C recognizers' entities are there too" "$TMP/one.jsonl" '"instance":"gazetteer"'
expect_file "the Python translator adds its rendering to the C translator's" "$TMP/one.jsonl" '"translations":\{"en":"[^"]*","vi-Latn":"Ha Noi"\}'
expect_file "and records its source as an attribute" "$TMP/one.jsonl" '"vi-Latn.source":"fold"'
expect_err "the summary times the workers by instance" "regex +[0-9.]+ ms"
chain_cfg two 2 ""
run "$DOCPIPE" run -c "$TMP/c/two.cfg"
expect_rc "the same chain with 2 threads exits 0" 0
expect_same "1 and 2 threads write the same bytes" "$TMP/one.jsonl" "$TMP/two.jsonl"
chain_cfg pool 2 "workers = 1;"
run "$DOCPIPE" run -c "$TMP/c/pool.cfg"
expect_same "2 threads sharing 1 worker write the same bytes" "$TMP/one.jsonl" "$TMP/pool.jsonl"

# ---- the worker's option table is the instance's --------------------------
chain_cfg typo 1 "patern = \"x\";"
run "$DOCPIPE" check -c "$TMP/c/typo.cfg"
expect_rc "a misspelled option of a Python plugin is a config error" 78
expect_err "with file:line and the suggestion, as for a C plugin" "typo.cfg:7: unknown option 'patern' for plugin 'regex' \(did you mean 'pattern'\?\)"
expect_err "listing the worker's options" "allowed: .*command.*pattern, type, group"
chain_cfg type 1 "group = \"first\";"
run "$DOCPIPE" check -c "$TMP/c/type.cfg"
expect_rc "a wrongly typed option is a config error" 78
expect_err "named with file:line" "type.cfg:7: .*group"
chain_cfg choice 1 ""
sed -i 's/value = "match"/value = "lower"/' "$TMP/c/choice.cfg"
run "$DOCPIPE" check -c "$TMP/c/choice.cfg"
expect_err "an enum value outside the choices is refused" "choice.cfg:7: .*lower"
chain_cfg badrx 1 "ignore_case = true; group = 0; confidence = 0.5; pattern = \"([A-Z]\";"
sed -i 's/pattern = "\\\\b\[A-Z\]{2,}\\\\b"; //' "$TMP/c/badrx.cfg"
run "$DOCPIPE" check -c "$TMP/c/badrx.cfg"
expect_rc "a pattern the worker cannot compile stops check" 78
expect_err "with the worker's own message" "recognizer 'regex' failed to start: error: missing \), unterminated subpattern"
run "$DOCPIPE" check -c "$TMP/c/one.cfg"
expect_rc "check accepts the Python chain" 0

# ---- docpipe plugins and docpipe try ---------------------------------------
export DOCPIPE_EXEC_PATH="$EX"
run "$DOCPIPE" plugins
expect_rc "docpipe plugins with the examples on the exec path exits 0" 0
expect_out "lists the Python recognizer under its announced name" "^recognizer +regex +1\.0 +tags every match"
expect_out "and the Python translator" "^translator +fold +1\.0"
run "$DOCPIPE" plugins regex
expect_out "docpipe plugins regex shows the worker's options" "pattern +string +\(required\)"
expect_out "after the exec plugin's own" "command +list +\(required\)"
run "$DOCPIPE" plugins --json
expect_out "--json names the worker's file" '"module":"exec:regex_recognizer.py"'
unset DOCPIPE_EXEC_PATH
printf 'Hà Nội và ASEAN họp tại Đà Nẵng.\n' >"$TMP/try.txt"
run "$DOCPIPE" try exec -o "command=python3,$EX/regex_recognizer.py" -o "pattern=[A-Z]{3,}" -o type=ORG "$TMP/try.txt"
expect_rc "docpipe try runs a worker" 0
expect_out "with its options" '"start":10,"end":15,"type":"ORG","surface":"ASEAN"'
run "$DOCPIPE" try exec -o "command=python3,$EX/regex_recognizer.py" -o patern=x "$TMP/try.txt"
expect_err "and refuses an option its table lacks" "-o patern=x: plugin 'regex' has no such option"

# ---- misbehaving workers ---------------------------------------------------
mkdir -p "$TMP/in"
printf '%s\n' '{"id":"d1","text":"Một hai ba"}' '{"id":"d2","text":"Hai TRIGGER ba"}' \
  '{"id":"d3","text":"Ba bốn năm"}' '{"id":"d4","text":"Bốn năm sáu"}' >"$TMP/in/docs.jsonl"
bad_cfg() { # NAME MODE THREADS EXTRA
  cat >"$TMP/c/$1.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ]; data_path = [ "$top_srcdir/data" ];
threads = $3;
source = { plugin = "jsonl"; paths = [ "$TMP/in" ]; };
chain = (
  { plugin = "exec"; command = [ "python3", "$BAD", "$2", "$TMP/$1.pid" ]; $4 },
  { plugin = "jsonl"; name = "out"; path = "$TMP/$1.jsonl"; }
);
CFG
}
count() { grep -c . "$1" 2>/dev/null || echo 0; }

bad_cfg crash crash 1 "tries = 2;"
run "$DOCPIPE" run -c "$TMP/c/crash.cfg" --dead-letter "$TMP/crash.dead"
expect_rc "a worker that crashes on one document: the run exits 65" 65
expect_err "the crash is named and the worker restarted" "worker 1 on document d2 \(try 1 of 2\): the worker exited with status 3; restarting it"
expect_err "the document fails after the tries" "gave up after 2 tries: the worker exited with status 3"
if [ "$(count "$TMP/crash.jsonl")" -eq 3 ]; then ok "the other three documents are written"; else fail "the other three documents are written"; fi
expect_file "the failed one is dead-lettered" "$TMP/crash.dead" '"line":2.*gave up after 2 tries'

bad_cfg once crash_once 1 ""
run "$DOCPIPE" run -c "$TMP/c/once.cfg"
expect_rc "a worker that crashes once: the retry succeeds, exit 0" 0
if [ "$(count "$TMP/once.jsonl")" -eq 4 ]; then ok "all four documents written"; else fail "all four documents written"; fi

bad_cfg hang hang 1 "timeout = 1; tries = 1;"
run "$DOCPIPE" run -c "$TMP/c/hang.cfg" --dead-letter "$TMP/hang.dead"
expect_rc "a worker that hangs: exit 65" 65
expect_err "the timeout is named" "d2.*the worker took more than 1s"
if [ "$(count "$TMP/hang.jsonl")" -eq 3 ]; then ok "the others are written by the restarted worker"; else fail "the others are written by the restarted worker"; fi

bad_cfg garbage garbage 1 "tries = 1;"
run "$DOCPIPE" run -c "$TMP/c/garbage.cfg" --dead-letter "$TMP/garbage.dead"
expect_rc "a worker that prints garbage: exit 65" 65
expect_err "the garbage is quoted" "answered garbage, invalid JSON.*this is not JSON"
expect_file "the document is dead-lettered" "$TMP/garbage.dead" '"line":2.*answered garbage'

bad_cfg range range 1 ""
run "$DOCPIPE" run -c "$TMP/c/range.cfg" --dead-letter "$TMP/range.dead"
expect_rc "an entity beyond the text fails its document: exit 65" 65
expect_err "checked as a C plugin's entity would be, with a clear message" "docs.jsonl:2: .*entity 0: \[0, 19\) is beyond the text \(14 codepoints\)"
expect_no_err "no restart for a well-formed answer" "restarting"

bad_cfg error error 1 ""
run "$DOCPIPE" run -c "$TMP/c/error.cfg" --dead-letter "$TMP/error.dead"
expect_rc "a worker's error for a document fails it: exit 65" 65
expect_err "with the worker's message" "the worker failed the document: cannot handle TRIGGER"

bad_cfg noisy noisy 1 ""
run "$DOCPIPE" run -c "$TMP/c/noisy.cfg"
expect_rc "a worker writing to stderr: exit 0" 0
expect_err "its stderr is forwarded with the instance's name" "\[recognizer:misbehave\] worker 1: noise about d3"

bad_cfg proto protocol2 1 ""
run "$DOCPIPE" check -c "$TMP/c/proto.cfg"
expect_rc "a worker of another protocol is refused" 78
expect_err "with a message naming both protocols" "the worker speaks protocol 2, this docpipe speaks protocol 1"

bad_cfg silent silent 1 "start_timeout = 1;"
run "$DOCPIPE" check -c "$TMP/c/silent.cfg"
expect_rc "a worker that never announces itself is refused" 78
expect_err "after start_timeout" "announced nothing within 1s"

cat >"$TMP/c/nocmd.cfg" <<CFG
plugin_path = [ "$top_builddir/plugins" ]; data_path = [ "$top_srcdir/data" ];
source = { plugin = "jsonl"; paths = [ "$TMP/in" ]; };
chain = ( { plugin = "exec"; command = [ "no-such-program-here" ]; }, { plugin = "jsonl"; path = "-"; } );
CFG
run "$DOCPIPE" check -c "$TMP/c/nocmd.cfg"
expect_rc "a command that does not exist is a config error" 78
expect_err "named with file:line" "nocmd.cfg:3: recognizer 'exec' failed to start: cannot run 'no-such-program-here'"

# ---- SIGKILL and SIGINT mid-run --------------------------------------------
for i in $(seq 1 20); do printf '{"id":"k%02d","text":"Văn bản số %d"}\n' "$i" "$i"; done >"$TMP/in/docs.jsonl"
# The pid of the worker that serves documents: the pidfile's, once it stays the same and alive
# (the plan's handshake worker writes it first and leaves at once).
serving_worker() {
  local a b
  for _ in $(seq 1 300); do
    a=$(cat "$1" 2>/dev/null); sleep 1; b=$(cat "$1" 2>/dev/null)
    if [ -n "$b" ] && [ "$a" = "$b" ] && kill -0 "$b" 2>/dev/null; then echo "$b"; return 0; fi
  done
  return 1
}
bad_cfg killed slow 1 ""
"$DOCPIPE" run -c "$TMP/c/killed.cfg" 2>"$TMP/killed.err" &
RUN=$!
kill -KILL "$(serving_worker "$TMP/killed.pid")"
wait "$RUN"
RC=$?
if [ "$RC" -eq 0 ]; then ok "a worker killed with SIGKILL mid-run: the run still exits 0"; else fail "a worker killed with SIGKILL mid-run: the run still exits 0" "exit $RC: $(head -3 "$TMP/killed.err")"; fi
if [ "$(count "$TMP/killed.jsonl")" -eq 20 ]; then ok "no document lost"; else fail "no document lost" "$(count "$TMP/killed.jsonl") of 20"; fi
if grep -q "was killed by signal 9; restarting it" "$TMP/killed.err"; then ok "the document it held was retried"; else fail "the document it held was retried" "$(head -3 "$TMP/killed.err")"; fi

bad_cfg int slow 1 ""
"$DOCPIPE" run -c "$TMP/c/int.cfg" --checkpoint "$TMP/int.checkpoint" 2>"$TMP/int.err" &
RUN=$!
WORKER=$(serving_worker "$TMP/int.pid")
kill -INT "$RUN"
wait "$RUN"
RC=$?
if [ "$RC" -eq 130 ]; then ok "SIGINT: exit 130"; else fail "SIGINT: exit 130" "exit $RC"; fi
if [ -n "$WORKER" ] && ! kill -0 "$WORKER" 2>/dev/null; then ok "SIGINT: the worker is gone"; else fail "SIGINT: the worker is gone"; fi
if grep -q "restarting" "$TMP/int.err"; then fail "SIGINT: the worker was not hit by the signal"; else ok "SIGINT: the worker was not hit by the signal"; fi

finish
