#!/bin/bash
# The command line documents itself from one set of tables: --help of docpipe
# and of every command, the manual pages made at build time (they render
# without a warning and name every option and plugin there is), and the bash
# completion, which asks the binary for its options and plugin names.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
MAN="$top_builddir/man"
commands="run check plugins try train help version"

run "$DOCPIPE" --help
expect_rc "docpipe --help exits 0" 0
for c in $commands; do expect_out "--help lists $c" "^  $c +[a-z]"; done
expect_out "--help lists the global options" "^  -h, --help "
expect_out "--help lists -V, --version" "^  -V, --version"
run "$DOCPIPE" help
expect_rc "docpipe help exits 0" 0
expect_out "docpipe help is --help" "^commands:"
for c in run check plugins try help; do
  run "$DOCPIPE" $c --help
  expect_rc "$c --help exits 0" 0
  expect_out "$c --help starts with its usage" "^usage: docpipe $c "
  run "$DOCPIPE" help $c
  expect_out "help $c is $c --help" "^usage: docpipe $c "
done
run "$DOCPIPE" run --help
expect_no_err "run --help writes nothing to stderr" "."
if printf '%s\n' "$OUT" | grep -q '%%'; then fail "run --help prints no %%"; else ok "run --help prints no %%"; fi
expect_out "run --help has the percent of --max-failures as written" "--max-failures N\|P% "
run "$DOCPIPE" -V
expect_out "-V prints the version" "^docpipe [0-9.]+ \(plugin ABI"
run "$DOCPIPE" help --man nosuch.9
expect_rc "an unknown page is a usage error" 64

# The manual pages: built, rendered without warnings, and not drifting from the program.
for page in docpipe.1 docpipe.cfg.5 docpipe-plugins.7; do
  if [ ! -s "$MAN/$page" ]; then fail "$page is built"; continue; fi
  ok "$page is built"
  if command -v man >/dev/null; then
    MANWIDTH=80 man -l --warnings=w "$MAN/$page" >"$page.txt" 2>"$page.err"
  else
    groff -man -Tutf8 -ww "$MAN/$page" >"$page.txt" 2>"$page.err"
  fi
  [ -s "$page.txt" ] && [ ! -s "$page.err" ] && ok "$page renders without warnings" ||
    fail "$page renders without warnings" "$(head -3 "$page.err")"
  LC_ALL=C grep -q '[^ -~]' "$MAN/$page" && fail "$page is plain ASCII (\\[uXXXX] escapes)" || ok "$page is plain ASCII (\\[uXXXX] escapes)"
done
for c in $commands; do grep -q "^docpipe $c" docpipe.1.txt 2>/dev/null || grep -q "docpipe $c" docpipe.1.txt || fail "docpipe(1) has $c"; done
ok "docpipe(1) lists every command"
missing=""
for o in $("$DOCPIPE" run --help | awk '/^  -/ { n = split(substr($0, 1, 26), w, /[ ,]+/); for (i = 1; i <= n; i++) if (w[i] ~ /^--/) print w[i] }'); do
  grep -q -- "$o" docpipe.1.txt || missing="$missing $o"
done
[ -z "$missing" ] && ok "docpipe(1) has every option of run --help" || fail "docpipe(1) has every option of run --help" "missing:$missing"
missing=""
for p in $("$DOCPIPE" plugins --names); do grep -q "^   [a-z]* $p$" docpipe-plugins.7.txt || missing="$missing $p"; done
[ -z "$missing" ] && ok "docpipe-plugins(7) has every plugin" || fail "docpipe-plugins(7) has every plugin" "missing:$missing"
for k in plugin_path data_path threads dead_letter chain max_size encoding; do
  grep -q "^       $k" docpipe.cfg.5.txt || fail "docpipe.cfg(5) documents $k"
done
ok "docpipe.cfg(5) documents the settings and the source options"
grep -q "min_surname_count" docpipe-plugins.7.txt && ok "a plugin's option is in docpipe-plugins(7)" || fail "a plugin's option is in docpipe-plugins(7)"

# plugins --names: names for completion.
run "$DOCPIPE" plugins --names
expect_out "plugins --names lists names" "^gazetteer$"
[ "$(printf '%s\n' "$OUT" | grep -c '^jsonl$')" -eq 1 ] && ok "a source's and a writer's name once" || fail "a source's and a writer's name once"
run "$DOCPIPE" plugins --names names
expect_out "plugins --names NAME lists its option names" "^min_surname_count$"

# Bash completion.
cat > complete.sh <<'SH'
. "$1"
comp() {  # comp WORD... : COMPREPLY for the last word, one per line
  COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
  _docpipe
  printf '%s\n' "${COMPREPLY[@]}"
}
D=$2
echo "== commands"; comp "$D" ""
echo "== run --sh"; comp "$D" run --sh
echo "== plugins gaz"; comp "$D" plugins gaz
echo "== try"; comp "$D" try ""
echo "== try -o"; comp "$D" try gazetteer -o li
echo "== run -o"; comp "$D" run -o names.min
echo "== run -o inst"; comp "$D" run -o nam
echo "== help --man"; comp "$D" help --man ""
echo "== check -"; comp "$D" check -
SH
run bash complete.sh "$top_srcdir/completion/docpipe" "$DOCPIPE"
expect_rc "the completion script loads and runs" 0
section() { printf '%s\n' "$OUT" | awk -v s="== $1" '$0 == s { on = 1; next } /^== / { on = 0 } on'; }
[ "$(section commands | tr '\n' ' ')" = "run check plugins try train help version --help --version " ] &&
  ok "completes the subcommands" || fail "completes the subcommands" "$(section commands | tr '\n' ' ')"
[ "$(section 'run --sh' | tr '\n' ' ')" = "--shard --shard-count " ] && ok "completes run's options" ||
  fail "completes run's options" "$(section 'run --sh' | tr '\n' ' ')"
[ "$(section 'plugins gaz')" = "gazetteer" ] && ok "completes plugin names" || fail "completes plugin names" "$(section 'plugins gaz')"
section try | grep -qx names && section try | grep -qx jsonl && ok "try completes a plugin first" || fail "try completes a plugin first"
[ "$(section 'try -o')" = "lists=" ] && ok "try -o completes the plugin's option names" || fail "try -o completes option names" "$(section 'try -o')"
[ "$(section 'run -o')" = "names.min_surname_count=" ] && ok "run -o completes INSTANCE.KEY=" || fail "run -o completes INSTANCE.KEY=" "$(section 'run -o')"
[ "$(section 'run -o inst')" = "names." ] && ok "run -o completes instance names" || fail "run -o completes instance names" "$(section 'run -o inst')"
[ "$(section 'help --man' | tr '\n' ' ')" = "docpipe.1 docpipe.cfg.5 " ] && ok "help --man completes the pages" || fail "help --man completes the pages"
section 'check -' | grep -qx -- --pipeline && section 'check -' | grep -qx -- -o && ok "check completes -p and -o" || fail "check completes -p and -o" "$(section 'check -' | tr '\n' ' ')"
finish
