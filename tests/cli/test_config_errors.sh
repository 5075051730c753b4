#!/bin/bash
# Config errors: `check` and `run` build the same run plan, so every case below
# runs both ways and must give the same exit code and the same messages, each
# naming file:line.
. "$top_srcdir/tests/lib.sh"
cd "$TMP" || exit 1

# both NAME CODE CONFIG [ARGS…]: `check` and then `run` with the same arguments
# exit CODE, and print the same error lines.
both() {
  local name=$1 code=$2; shift 2
  run "$DOCPIPE" check "$@"
  expect_rc "$name: check exits $code" "$code"
  local check_err=$ERR
  run "$DOCPIPE" run -q "$@"
  expect_rc "$name: run exits $code" "$code"
  if [ "$ERR" = "$check_err" ]; then ok "$name: run prints what check prints"
  else fail "$name: run prints what check prints" "check: $check_err | run: $ERR"; fi
}

cat > misspelled.cfg <<'CFG'
source = { plugin = "text"; };
chain = (
  { plugin = "jsonl";
    offset_unti = "utf16"; }
);
CFG
both "misspelled option" 78 -c misspelled.cfg
expect_err "file:line of the key" "misspelled.cfg:4: unknown option 'offset_unti'"
expect_err "nearest key suggested" "did you mean 'offset_unit'"
expect_err "allowed keys listed" "allowed: plugin, name, path, offset_unit, pretty, text, segments"

cat > badtype.cfg <<'CFG'
threads = 2;
source = { plugin = "text"; max_size = 10; };
chain = ( { plugin = "jsonl"; } );
CFG
both "wrong type" 78 -c badtype.cfg
expect_err "wrong type named" "badtype.cfg:2: option 'max_size' of plugin 'text' must be a string"

cat > unknown.cfg <<'CFG'
source = { plugin = "txt"; };
chain = ( { plugin = "jsonl"; } );
CFG
both "unknown plugin" 78 -c unknown.cfg
expect_err "unknown source named with line" "unknown.cfg:1: unknown source plugin 'txt'"

cat > slash.cfg <<'CFG'
source = { plugin = "news/.libs/source_news"; };
chain = ( { plugin = "jsonl"; } );
CFG
both "a plugin name with a path" 78 -c slash.cfg
expect_err "plugin names are plain names" "slash.cfg:1: plugin name 'news/.libs/source_news' may contain only"

cat > syntax.cfg <<'CFG'
source = { plugin = "text"; };
chain = ( { plugin = "jsonl"; } ) );
CFG
both "syntax error" 78 -c syntax.cfg
expect_err "syntax error with line" "syntax.cfg:2: syntax error"

cat > initfail.cfg <<'CFG'
source = { plugin = "text"; };
chain = ( { plugin = "example"; words = [ "" ]; }, { plugin = "jsonl"; } );
CFG
both "init failure" 78 -c initfail.cfg
expect_err "init failure names the instance and its line" "initfail.cfg:2: recognizer 'example' failed to start: words: empty word"

# The options every source takes are checked as a run would use them.
cat > size.cfg <<'CFG'
source = { plugin = "text";
  max_size = "64Q"; };
chain = ( { plugin = "jsonl"; path = "size.jsonl"; } );
CFG
both "a size that is not one" 78 -c size.cfg
expect_err "the size option named with its line" "size.cfg:2: option 'max_size' of plugin 'text': '64Q' is not a size"
cat > encoding.cfg <<'CFG'
source = { plugin = "text";
  encoding = "klingon"; };
chain = ( { plugin = "jsonl"; path = "encoding.jsonl"; } );
CFG
echo "nothing is read" > doc.txt
both "an encoding iconv cannot open" 78 -c encoding.cfg doc.txt
expect_err "the encoding option named with its line" "encoding.cfg:2: option 'encoding' of plugin 'text': unknown encoding 'klingon'"
[ ! -e encoding.jsonl ] && ok "nothing is written for a bad encoding" || fail "nothing is written for a bad encoding"

# A command-line override against the config: streaming needs a line-based source.
cat > stream.cfg <<'CFG'
source = { plugin = "text"; };
chain = ( { plugin = "jsonl"; path = "-"; } );
CFG
both "--stdin-jsonl with a whole-file source" 78 -c stream.cfg --stdin-jsonl
expect_err "the source's line is named" "stream.cfg:1: --stdin-jsonl needs a line-based source such as jsonl, but source 'text'"

# Every error is listed, not only the first.
cat > many.cfg <<'CFG'
source = { plugin = "text"; encoding = "klingon"; max_size = "big"; };
chain = ( { plugin = "jsonl"; pretty = "yes"; }, { plugin = "jsonl"; offset_unit = "utf8"; } );
CFG
both "several errors" 78 -c many.cfg
expect_err "the first" "many.cfg:2: option 'pretty' of plugin 'jsonl' must be a boolean"
expect_err "and the second" "many.cfg:2: option 'offset_unit' of plugin 'jsonl': 'utf8' is not one of the allowed values"
expect_err "and the source's size" "many.cfg:1: option 'max_size' of plugin 'text': 'big' is not a size"
expect_err "and its encoding" "many.cfg:1: option 'encoding' of plugin 'text': unknown encoding 'klingon'"

# The loader refuses a plugin built for another ABI, naming both versions.
cat > abi.cfg <<CFG
plugin_path = [ "$TEST_PLUGINS" ];
source = { plugin = "text"; };
chain = ( { plugin = "badabi"; }, { plugin = "jsonl"; } );
CFG
both "wrong ABI" 78 -c abi.cfg
expect_err "both ABI versions named" "recognizer_badabi.*built for docpipe ABI 3.0, but this docpipe has ABI 2.2"

# The harness must be able to fail: a config `run` accepts differs from one it refuses.
cat > good.cfg <<'CFG'
source = { plugin = "text"; };
chain = ( { plugin = "jsonl"; path = "good.jsonl"; } );
CFG
run "$DOCPIPE" check -c good.cfg
expect_rc "a good config: check exits 0" 0
run "$DOCPIPE" run -q -c good.cfg doc.txt
expect_rc "a good config: run exits 0" 0
finish
