#!/bin/bash
# The data search path: plugins name their data files (vi/ranks.tsv) and the
# core finds them next to the config, on its data_path, on $DOCPIPE_DATA_PATH
# or in the installed data folder; a file found nowhere stops check and run
# with exit 78 and every place searched; `docpipe plugins NAME` shows each
# default as written and where it is found.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
S="$top_srcdir/samples/01_tham-van-viet-han.txt"
unset DOCPIPE_DATA_PATH

# Outside the source tree, with nothing on the data path: the defaults are found nowhere.
run "$DOCPIPE" try names "$S"
expect_rc "try names without data: a config error" 78
expect_err "the missing default names the file and every place searched" \
  "option 'ranks' of plugin 'names' \(its default\): no data file 'vi/ranks.tsv'; searched \./vi/ranks.tsv, .*/vi/ranks.tsv"
expect_no_err "nothing is started" "failed to start"
run "$DOCPIPE" plugins names
expect_out "plugins shows the default as written" "ranks +data +vi/ranks.tsv"
expect_out "and that it is found nowhere" "not found: searched \./vi/ranks.tsv"

# DOCPIPE_DATA_PATH: the same command works anywhere.
export DOCPIPE_DATA_PATH="$TMP/empty:$top_srcdir/data"
mkdir empty
run "$DOCPIPE" try names "$S"
expect_rc "try names with DOCPIPE_DATA_PATH exits 0" 0
expect_out "and finds persons" '"type":"PER"'
run "$DOCPIPE" plugins names
expect_out "plugins shows where a default is found" "found: $top_srcdir/data/vi/ranks.tsv"
run "$DOCPIPE" plugins --json glossary
expect_out "--json has where every default is found" "\"found\":\"$top_srcdir/data/vi-en/[a-z-]+\.tsv, "

# The config's data_path comes first; a file next to the config before it; ./ is a path.
mkdir -p mine/vi
printf 'Hàn Quốc\tLOC\tloc:test:kr\tTest Korea\n' > mine/vi/countries.tsv
cat > d.cfg <<CFG
data_path = [ "mine" ];
source = { plugin = "text"; };
chain = ( { plugin = "gazetteer"; lists = [ "vi/countries.tsv" ]; }, { plugin = "jsonl"; path = "d.jsonl"; } );
CFG
run "$DOCPIPE" run -q -c d.cfg "$S"
expect_rc "a run with data_path exits 0" 0
expect_file "the config's data_path wins over DOCPIPE_DATA_PATH" d.jsonl '"value":"loc:test:kr"'
sed 's|"vi/countries.tsv"|"./vi/none.tsv"|' d.cfg > p.cfg
run "$DOCPIPE" check -c p.cfg
expect_rc "a ./ path that does not exist: check exits 78" 78
expect_err "a path is looked up where it is written only" "p.cfg:3: option 'lists' of plugin 'gazetteer': no data file '\./vi/none.tsv'; searched \./\./vi/none.tsv \("
sed 's|"vi/countries.tsv"|"vi/nothing.tsv", "vi/none.tsv"|' d.cfg > m.cfg
run "$DOCPIPE" run -c m.cfg "$S"
expect_rc "a missing data file: run exits 78" 78
expect_err "each missing file is named, with every place" "no data file 'vi/nothing.tsv'; searched \./vi/nothing.tsv, \./mine/vi/nothing.tsv, $TMP/empty/vi/nothing.tsv, $top_srcdir/data/vi/nothing.tsv, "
expect_err "both are reported at once" "no data file 'vi/none.tsv'"
[ ! -e d2.jsonl ] && [ -z "$(ls out 2>/dev/null)" ] && ok "nothing was written" || fail "nothing was written"

# The ready configs name their data the same way: they check from any directory.
run "$DOCPIPE" check -c "$top_srcdir/config/default.cfg"
expect_rc "config/default.cfg checks from another directory" 0
if grep -rn '"\.\./data' "$top_srcdir"/plugins/*/*.c "$top_srcdir"/config/*.inc "$top_srcdir"/config/*.cfg | grep -v data_path; then
  fail "no plugin and no config names ../data"
else
  ok "no plugin and no config names ../data"
fi
finish
