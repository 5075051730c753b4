#!/bin/bash
# A plugin team's view: install the headers and library, build the example
# plugin out of tree with pkg-config, run it in a pipeline.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
DEST="$TMP/dest"
run make -C "$top_builddir/core" install DESTDIR="$DEST"
expect_rc "make install of the core into a staging dir" 0
pc=$(find "$DEST" -name docpipe.pc | head -1)
[ -n "$pc" ] && ok "docpipe.pc installed" || { fail "docpipe.pc installed"; finish; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$DEST"
[ -f "$(find "$DEST" -name plugin.h -path '*docpipe*' | head -1)" ] && ok "public headers installed" || fail "public headers installed"
mkdir plug
run ${CC:-cc} -std=c11 -Wall -Wextra -Werror -shared -fPIC $(pkg-config --cflags docpipe) \
  "$top_srcdir/plugins/recognizer_example/recognizer_example.c" $(pkg-config --libs docpipe) -o plug/recognizer_example.so
expect_rc "the example plugin builds out of tree with pkg-config" 0
cat > oot.cfg <<CFG
plugin_path = [ "plug" ];
source = { plugin = "text"; };
chain = ( { plugin = "example"; name = "mine"; words = [ "ASEAN" ]; }, { plugin = "jsonl"; path = "oot.jsonl"; } );
CFG
run "$DOCPIPE" plugins -c oot.cfg example
expect_out "the out-of-tree build is the one found first" "file: +.*plug/recognizer_example.so"
run "$DOCPIPE" run -c oot.cfg -q "$top_srcdir/tests/fixtures/good.txt"
expect_rc "the pipeline runs with it" 0
expect_file "its entities are in the output" oot.jsonl '"surface":"ASEAN".*"instance":"mine"'
finish
