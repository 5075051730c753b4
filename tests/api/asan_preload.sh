# Sourced by the API tests: programs that are not built with the sanitizers
# (python3, the examples) load a sanitized libdocpipe only when the ASan
# runtime is loaded first; leaks of the interpreter itself are not ours.
asan_lib=$(ldd "$top_builddir/core/.libs/libdocpipe.so.2" 2>/dev/null | awk '/libasan/ { print $3 }')
if [ -n "$asan_lib" ]; then
  export LD_PRELOAD="$asan_lib${LD_PRELOAD:+:$LD_PRELOAD}"
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"  # last: it wins over the suite's own
fi
