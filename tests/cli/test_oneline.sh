#!/bin/bash
# One-line pipelines (-p), option overrides (-o INSTANCE.KEY=VALUE) and config
# discovery: a pipeline goes through the same plan, validation and exit codes
# as a config file, and its errors point at the word.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
export DOCPIPE_DATA_PATH="$top_srcdir/data"
S="$top_srcdir/samples"
CHAIN='news include=*.txt recursive=false ! gazetteer ! names ! dates ! glossary'

# The default pipeline written on one line gives the default config's output, byte for byte.
mkdir a b
(cd a && "$DOCPIPE" run -q -c "$top_srcdir/config/default.cfg" "$S") >/dev/null 2>&1
(cd b && "$DOCPIPE" run -q -p "$CHAIN ! jsonl path=out/docs.jsonl" "$S") >b.err 2>&1
[ -s a/out/docs.jsonl ] && ok "the config's run wrote its output" || fail "the config's run wrote its output"
expect_same "run -p gives the config's output byte for byte" a/out/docs.jsonl b/out/docs.jsonl
run "$DOCPIPE" run -q -p "$CHAIN ! jsonl path=-" "$S/01_tham-van-viet-han.txt"
expect_rc "a pipeline to stdout exits 0" 0
expect_out "its records are on stdout" '"id":"01_tham-van-viet-han"'
run "$DOCPIPE" check -p "text ! jsonl name='my out' path=\"a b.jsonl\""
expect_rc "quotes keep blanks in a word" 0
expect_out "and the instance is named" "chain my out"

# Errors point at the word, exit 78, nothing starts.
run "$DOCPIPE" run -p 'news ! gazeteer ! jsonl path=out.jsonl' "$S"
expect_rc "an unknown plugin: exit 78" 78
expect_err "the message names the word's place" "^docpipe: error: -p:3: unknown plugin 'gazeteer'"
expect_err "the pipeline is shown" "^docpipe:   news ! gazeteer ! jsonl path=out.jsonl$"
expect_err "with a caret under the word" "^docpipe:          \^~~~~~~~$"
[ ! -e out.jsonl ] && ok "nothing written" || fail "nothing written"
run "$DOCPIPE" check -p 'news ! gazetteer typs=LOC ! jsonl pretty=maybe'
expect_rc "bad options: exit 78" 78
expect_err "an unknown key as in a config, with the nearest" "-p:4: unknown option 'typs' for plugin 'gazetteer' \(did you mean 'types'\?\)"
expect_err "a bad value, typed by the table" "-p:7: option 'pretty' of plugin 'jsonl': 'maybe' is not a boolean"
run "$DOCPIPE" check -p 'news ! jsonl path=x !'
expect_rc "a trailing '!': exit 78" 78
expect_err "names the word" "-p:5: the pipeline ends with '!'"
run "$DOCPIPE" check -p 'news ! ! jsonl'
expect_err "an empty element" "-p:3: '!' where a plugin name belongs"
run "$DOCPIPE" check -p 'news recursive ! jsonl'
expect_err "a word that is not KEY=VALUE" "-p:2: 'recursive' is not KEY=VALUE"
run "$DOCPIPE" check -p "news include='*.txt ! jsonl"
expect_err "an open quote" "-p:2: the quote ' is not closed"
run "$DOCPIPE" check -p 'news'
expect_rc "a source alone: exit 78" 78
expect_err "the chain is empty" "empty chain"
run "$DOCPIPE" check -p 'names ! jsonl'
expect_err "the first element is the source" "-p:1: unknown source plugin 'names'"
run "$DOCPIPE" check -p 'news ! names ranks=vi/none.tsv ! jsonl'
expect_err "a data file found nowhere points at the word too" "-p:4: option 'ranks' of plugin 'names': no data file 'vi/none.tsv'; searched "
run "$DOCPIPE" run -c "$top_srcdir/config/default.cfg" -p 'news ! jsonl'
expect_rc "-c and -p together: a usage error" 64

# -o INSTANCE.KEY=VALUE overrides one option of the config.
run "$DOCPIPE" run -q -c "$top_srcdir/config/default.cfg" -o out.path=over.jsonl -o source.include='01_*' "$S"
expect_rc "a run with -o exits 0" 0
[ "$(wc -l < over.jsonl)" -eq 1 ] && ok "-o set the writer's path and the source's include" || fail "-o overrides" "$(ls)"
run "$DOCPIPE" check -c "$top_srcdir/config/default.cfg" -o names.rank=vi/ranks.tsv
expect_rc "-o with a bad key: exit 78" 78
expect_err "names the -o and the nearest key" "-o names.rank=vi/ranks.tsv: unknown option 'rank' for plugin 'names' \(did you mean 'ranks'\?\)"
run "$DOCPIPE" check -c "$top_srcdir/config/default.cfg" -o nosuch.path=x
expect_rc "-o naming no instance: exit 78" 78
expect_err "lists the instances" "-o nosuch.path=x: no instance named 'nosuch' in .*default.cfg \(its instances: news, gazetteer, names, dates, glossary, out"
run "$DOCPIPE" check -c "$top_srcdir/config/default.cfg" -o threads=2
expect_err "-o needs INSTANCE.KEY=VALUE" "-o threads=2: expected INSTANCE.KEY=VALUE"
run "$DOCPIPE" check -p 'text ! jsonl' -o jsonl.offset_unit=utf8
expect_err "-o on a pipeline, typed by the table" "-o jsonl.offset_unit=utf8: option 'offset_unit' of plugin 'jsonl': 'utf8' is not one of the allowed values"

# Config discovery: ./docpipe.cfg, $XDG_CONFIG_HOME/docpipe/docpipe.cfg, then the system's.
mkdir -p home/.config/docpipe xdg/docpipe empty
cat > home/.config/docpipe/docpipe.cfg <<CFG
source = { plugin = "text"; };
chain = ( { plugin = "jsonl"; path = "home.jsonl"; } );
CFG
sed 's/home.jsonl/xdg.jsonl/' home/.config/docpipe/docpipe.cfg > xdg/docpipe/docpipe.cfg
sed 's/home.jsonl/here.jsonl/' home/.config/docpipe/docpipe.cfg > docpipe.cfg
unset DOCPIPE_CONFIG XDG_CONFIG_HOME
(cd empty && HOME=$TMP/nohome "$DOCPIPE" check -v) >/dev/null 2>disc.err
grep -q "no config: none of ./docpipe.cfg, $TMP/nohome/.config/docpipe/docpipe.cfg, .*/docpipe/docpipe.cfg exists" disc.err &&
  ok "no config anywhere: every place is named" || fail "no config anywhere: every place is named" "$(cat disc.err)"
(cd empty && HOME=$TMP/nohome "$DOCPIPE" check) >/dev/null 2>&1; [ $? -eq 78 ] && ok "and it exits 78" || fail "and it exits 78"
run env HOME="$TMP/home" sh -c 'cd empty && "$0" check -v' "$DOCPIPE"
expect_rc "the user's config is found" 0
expect_err "check -v says which file and why" "config: $TMP/home/.config/docpipe/docpipe.cfg \(the user's \(~/.config\); not found before it: ./docpipe.cfg\)"
run env HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/xdg" sh -c 'cd empty && "$0" check -v' "$DOCPIPE"
expect_err "\$XDG_CONFIG_HOME replaces ~/.config" "config: $TMP/xdg/docpipe/docpipe.cfg"
run env HOME="$TMP/home" "$DOCPIPE" check -v
expect_err "./docpipe.cfg comes first" "config: ./docpipe.cfg \(the current directory's\)"
expect_err "-v names the data path" "data path: \(next to the config\), $top_srcdir/data"
run env HOME="$TMP/home" DOCPIPE_CONFIG="$TMP/xdg/docpipe/docpipe.cfg" "$DOCPIPE" check -v
expect_err "\$DOCPIPE_CONFIG before them" "config: $TMP/xdg/docpipe/docpipe.cfg \(named by \\\$DOCPIPE_CONFIG\)"
mkdir -p bad/docpipe/docpipe.cfg
run env XDG_CONFIG_HOME="$TMP/bad" sh -c 'cd empty && "$0" run' "$DOCPIPE"
expect_rc "a config that cannot be read: exit 78" 78
expect_err "says what and where" "$TMP/bad/docpipe/docpipe.cfg: cannot read the config file: it is a directory"
finish
