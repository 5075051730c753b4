#!/bin/bash
# The C and Python examples of the library API (examples/embed.c, embed.py):
# from this build tree, then from an installed prefix (library, headers,
# docpipe.pc, plugins and the Python package installed by `make install`).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/api/asan_preload.sh"
: "${top_builddir:?top_builddir is not set}"
cd "$TMP" || exit 1
CC=${CC:-cc}

entities_ok() { # NAME: the last run printed the person and the ISO date of the example text
  expect_out "$1: the person with its English rendering" $'^PER\t.*Nguyễn Văn An\tNguyen Van An'
  expect_out "$1: the date" $'^DATE\t.*2026-12-03'
}

# --- the build tree
run $CC -std=c11 -Wall -Wextra -Werror -I"$top_srcdir/core/include" "$top_srcdir/examples/embed.c" \
  -L"$top_builddir/core/.libs" -Wl,-rpath,"$top_builddir/core/.libs" -ldocpipe -o embed-build
expect_rc "the C example builds against the build tree" 0
run ./embed-build "$top_srcdir/config/default.cfg"
expect_rc "the C example runs the default pipeline" 0
entities_ok "C, build tree"
expect_out "C: the document as the jsonl writer's record" '^\{"id":"example".*"entities":\['
printf 'source = { plugin = "text"; };\nchain = (\n  { plugin = "jsonl"; pathh = "x"; }\n);\n' > bad.cfg
run ./embed-build bad.cfg
expect_rc "C: a config error is the exit code of check" 78
expect_err "C: the error names file:line" '^bad.cfg:3: unknown option .pathh.'

# --- an installed prefix: the library, headers, docpipe.pc and the Python package
# installed with prefix=; the plugins (libtool modules, bound to the configured
# folder) staged with DESTDIR= and named by the config.  Nothing of the build tree is used.
PREFIX="$TMP/prefix"
for dir in core python; do
  run make -C "$top_builddir/$dir" install prefix="$PREFIX"
  [ "$RC" -eq 0 ] || { fail "make install prefix=... in $dir" "$(printf %s "$ERR" | tail -5)"; finish; exit 1; }
done
for dir in core plugins; do  # plugins relink against the staged core
  run make -C "$top_builddir/$dir" install DESTDIR="$TMP/stage"
  [ "$RC" -eq 0 ] || { fail "make install DESTDIR=... in $dir" "$(printf %s "$ERR" | tail -5)"; finish; exit 1; }
done
PLUGINS=$(dirname "$(find "$TMP/stage" -name 'recognizer_names.so' | head -1)")
ok "make install into a prefix"
unset DOCPIPE_LIBRARY DOCPIPE_PLUGIN_PATH LD_LIBRARY_PATH PYTHONPATH
# the config names the project's data as config/default.cfg does (data_path ../data)
mkdir cfg && ln -s "$top_srcdir/data" data
cat > cfg/installed.cfg <<CFG
plugin_path = [ "$PLUGINS" ];
data_path = [ "../data" ];
source = { plugin = "news"; };
chain = (
  { plugin = "gazetteer"; lists = [ "vi/countries.tsv", "vi/provinces.tsv", "vi/places.tsv", "vi/orgs.tsv",
                                    "vi/misc.tsv" ]; },
  { plugin = "names"; },
  { plugin = "dates"; },
  { plugin = "glossary"; },
  { plugin = "jsonl"; path = "out.jsonl"; }
);
CFG
pc() { PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" pkg-config --define-variable=prefix="$PREFIX" "$@" docpipe; }
run $CC -std=c11 -Wall -Wextra -Werror $(pc --cflags) "$top_srcdir/examples/embed.c" \
  $(pc --libs) -Wl,-rpath,"$PREFIX/lib" -o embed-installed
expect_rc "the C example builds with pkg-config against the installed prefix" 0
run ldd ./embed-installed
expect_out "it links the installed library" "libdocpipe.so.2 => $PREFIX/lib/libdocpipe.so.2"
run ./embed-installed cfg/installed.cfg
expect_rc "the installed C example runs" 0
entities_ok "C, installed"
pkgdir=$(dirname "$(find "$PREFIX" -name _installed.py -path '*docpipe*' | head -1)")
if [ -f "$pkgdir/__init__.py" ]; then ok "the Python package is installed ($pkgdir)"; else fail "the Python package is installed"; fi
run env PYTHONPATH="$(dirname "$pkgdir")" python3 "$top_srcdir/examples/embed.py" cfg/installed.cfg
expect_rc "the installed Python example runs (the library found through _installed.py)" 0
entities_ok "Python, installed"
expect_out "Python: process_many" '^doc [0-9]+ entities'
run env PYTHONPATH="$(dirname "$pkgdir")" DOCPIPE_PLUGIN_PATH="$PLUGINS" python3 "$top_srcdir/examples/embed.py" bad.cfg
expect_rc "Python: a config error exits with a message" 1
expect_err "Python: ConfigError carries file:line" '^bad.cfg:3: unknown option'
finish
