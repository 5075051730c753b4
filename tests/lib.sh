# Shared helpers for the CLI tests (sourced by tests/cli/*.sh and plugins/*/tests/*.sh).
# Each test script calls `check NAME COMMAND...` / `expect_*` and ends with `finish`,
# which prints "N passed, N failed" and exits non-zero when anything failed.
#
# Environment (set by the Makefiles' AM_TESTS_ENVIRONMENT):
#   DOCPIPE              the docpipe binary of this build
#   DOCPIPE_PLUGIN_PATH  this build's plugins
#   top_srcdir           the source tree (samples/, config/, data/)
set -u
: "${DOCPIPE:?DOCPIPE is not set}"
: "${top_srcdir:?top_srcdir is not set}"
PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/docpipe-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok()   { PASS=$((PASS + 1)); printf 'ok   - %s\n' "$1"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL - %s\n' "$1"; [ $# -gt 1 ] && printf '       %s\n' "$2"; return 0; }

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
  "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  RC=$?
  OUT=$(cat "$TMP/stdout")
  ERR=$(cat "$TMP/stderr")
}

# expect_rc NAME CODE: the last `run` exited with CODE.
expect_rc() {
  if [ "$RC" -eq "$2" ]; then ok "$1"; else fail "$1" "exit $RC, expected $2; stderr: $(printf %s "$ERR" | head -5)"; fi
}
# expect_out NAME REGEX / expect_err NAME REGEX: stdout / stderr matches (grep -E).
expect_out() { if printf '%s\n' "$OUT" | grep -Eq -- "$2"; then ok "$1"; else fail "$1" "stdout lacks /$2/: $(printf %s "$OUT" | head -5)"; fi; }
expect_err() { if printf '%s\n' "$ERR" | grep -Eq -- "$2"; then ok "$1"; else fail "$1" "stderr lacks /$2/: $(printf %s "$ERR" | head -5)"; fi; }
expect_no_err() { if printf '%s\n' "$ERR" | grep -Eq -- "$2"; then fail "$1" "stderr has /$2/"; else ok "$1"; fi; }
# expect_file NAME PATH REGEX: the file exists and matches.
expect_file() {
  if [ -f "$2" ] && grep -Eq -- "$3" "$2"; then ok "$1"; else fail "$1" "$2 missing or lacks /$3/"; fi
}
expect_same() {  # NAME FILE1 FILE2: byte-identical
  if cmp -s "$2" "$3"; then ok "$1"; else fail "$1" "$2 and $3 differ"; fi
}

# wait_for PID SECONDS CMD...: wait until CMD succeeds (polled every 20 ms), for the state a test needs
# reached by the background run PID; 1 when PID ended without reaching it or SECONDS passed.  The bound is
# generous on purpose: a loaded machine or a sanitizer build is slow, and a test must wait, not guess.
wait_for() {
  local pid=$1 deadline=$(( $(date +%s) + $2 ))
  shift 2
  until "$@"; do
    kill -0 "$pid" 2>/dev/null || { "$@"; return; }
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.02
  done
}

finish() {
  echo "$PASS passed, $FAIL failed"
  [ "$FAIL" -eq 0 ]
}
