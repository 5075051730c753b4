#!/bin/bash
# Run every ready config in config/ over the project's samples and collect what
# it writes into OUTDIR/<config>/ (SQLite databases as `.dump` text), so that
# test_golden.sh can compare a build's outputs with the stored ones and
# update.sh can store them anew after an intended change.
#   run-configs.sh OUTDIR      (needs DOCPIPE, DOCPIPE_PLUGIN_PATH, top_srcdir)
set -u
out=${1:?usage: run-configs.sh OUTDIR}
: "${DOCPIPE:?}" "${top_srcdir:?}"
top_srcdir=$(cd "$top_srcdir" && pwd)
cfg=$top_srcdir/config
status=0
mkdir -p "$out"
out=$(cd "$out" && pwd)

# in_dir NAME CMD...: run CMD in a fresh working directory, then keep its out/.
in_dir() {
  local name=$1; shift
  local wd
  wd=$(mktemp -d "${TMPDIR:-/tmp}/docpipe-golden.XXXXXX")
  ( cd "$wd" && "$@" ) >"$wd.stdout" 2>"$wd.stderr"
  local rc=$?
  if [ $rc -ne 0 ]; then
    echo "run-configs: $name exited $rc:" >&2; head -5 "$wd.stderr" >&2; status=1
  fi
  mkdir -p "$out/$name"
  [ -d "$wd/out" ] && cp -R "$wd/out/." "$out/$name/"
  [ -s "$wd.stdout" ] && cp "$wd.stdout" "$out/$name/stdout"
  find "$out/$name" -name '*.sqlite' | while read -r db; do
    sqlite3 "$db" .dump >"$db.sql" && rm "$db"
  done
  # Inputs are named by absolute paths below the source tree: store them relative.
  grep -rlF "$top_srcdir/" "$out/$name" | while read -r f; do
    sed -i "s|$top_srcdir/|@top_srcdir@/|g" "$f"
  done
  rm -rf "$wd" "$wd.stdout" "$wd.stderr"
}

in_dir default "$DOCPIPE" run -q -c "$cfg/default.cfg"
in_dir all-formats "$DOCPIPE" run -q -c "$cfg/all-formats.cfg"
in_dir html "$DOCPIPE" run -q -c "$cfg/html.cfg"
in_dir minimal "$DOCPIPE" run -q -c "$cfg/minimal.cfg" "$top_srcdir/samples"
in_dir stream sh -c '"$0" run -q -c "$1" --stdin-jsonl < "$2"' "$DOCPIPE" "$cfg/stream.cfg" "$top_srcdir/samples/jsonl/articles.jsonl"
in_dir sharded sh -c '"$0" run -q -c "$1" --shard 0/2 && "$0" run -q -c "$1" --shard 1/2' "$DOCPIPE" "$cfg/sharded.cfg"
exit $status
