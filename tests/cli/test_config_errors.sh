#!/bin/bash
# `docpipe check` names file:line, lists what is allowed and exits 78.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1
cat > misspelled.cfg <<'CFG'
source = { plugin = "text"; };
chain = (
  { plugin = "jsonl";
    offset_unti = "utf16"; }
);
CFG
run "$DOCPIPE" check -c misspelled.cfg
expect_rc "misspelled option: exit 78" 78
expect_err "file:line of the key" "misspelled.cfg:4: unknown option 'offset_unti'"
expect_err "nearest key suggested" "did you mean 'offset_unit'"
expect_err "allowed keys listed" "allowed: plugin, name, path, offset_unit, pretty, text, segments"

cat > badtype.cfg <<'CFG'
threads = 2;
source = { plugin = "text"; max_size = 10; };
chain = ( { plugin = "jsonl"; } );
CFG
run "$DOCPIPE" check -c badtype.cfg
expect_rc "wrong type: exit 78" 78
expect_err "wrong type named" "badtype.cfg:2: option 'max_size' of plugin 'text' must be a string"

cat > unknown.cfg <<'CFG'
source = { plugin = "txt"; };
chain = ( { plugin = "jsonl"; } );
CFG
run "$DOCPIPE" check -c unknown.cfg
expect_rc "unknown plugin: exit 78" 78
expect_err "unknown source named with line" "unknown.cfg:1: unknown source plugin 'txt'"

cat > slash.cfg <<'CFG'
source = { plugin = "news/.libs/source_news"; };
chain = ( { plugin = "jsonl"; } );
CFG
run "$DOCPIPE" check -c slash.cfg
expect_rc "a plugin name with a path: exit 78" 78
expect_err "plugin names are plain names" "slash.cfg:1: plugin name 'news/.libs/source_news' may contain only"

cat > syntax.cfg <<'CFG'
source = { plugin = "text"; };
chain = ( { plugin = "jsonl"; } ) );
CFG
run "$DOCPIPE" check -c syntax.cfg
expect_rc "syntax error: exit 78" 78
expect_err "syntax error with line" "syntax.cfg:2: syntax error"

cat > initfail.cfg <<'CFG'
source = { plugin = "text"; };
chain = ( { plugin = "example"; words = [ "" ]; }, { plugin = "jsonl"; } );
CFG
run "$DOCPIPE" check -c initfail.cfg
expect_rc "init failure: exit 78" 78
expect_err "init failure names the instance and its line" "initfail.cfg:2: recognizer 'example' failed to start: words: empty word"

# The loader refuses a plugin built for another ABI, naming both versions.
cat > abi.cfg <<CFG
plugin_path = [ "$TEST_PLUGINS" ];
source = { plugin = "text"; };
chain = ( { plugin = "badabi"; }, { plugin = "jsonl"; } );
CFG
run "$DOCPIPE" check -c abi.cfg
expect_rc "wrong ABI: exit 78" 78
expect_err "both ABI versions named" "recognizer_badabi.*built for docpipe ABI 3.0, but this docpipe has ABI 2.0"
finish
