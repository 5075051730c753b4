#!/bin/bash
# Second command of the README (and CI's): build with -Werror and run every
# test; then once more under AddressSanitizer + UndefinedBehaviorSanitizer;
# then the fuzz targets for a bounded time.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test || exit 1
./autogen.sh >/dev/null 2>&1 || { echo "autogen failed"; exit 1; }
JOBS=$(nproc)
status=0

build_and_check() {  # $1: build dir, rest: configure flags
  local dir=$1; shift
  rm -rf "$dir"; mkdir -p "$dir"
  ( cd "$dir" && ../configure --quiet "$@" >configure.log 2>&1 ) || { echo "configure failed in $dir"; cat "$dir/configure.log"; return 1; }
  make -C "$dir" -j"$JOBS" --quiet >"$dir/build.log" 2>&1 || { echo "build failed in $dir"; tail -40 "$dir/build.log"; return 1; }
  make -C "$dir" -k -j"$JOBS" check >"$dir/check.log" 2>&1
  local rc=$?
  # Show every test's own summary (Check's lines, the CLI tests' counts).
  find "$dir" -name '*.log' -path '*test*' ! -name 'test-suite.log' | sort | while read -r log; do
    grep -hE '^[0-9]+%: Checks:|^[0-9]+ passed, [0-9]+ failed|^FAIL|^SKIP' "$log" | sed "s|^|${log#$dir/}: |"
  done
  grep -hE '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' "$dir/check.log" | sed "s|^|$dir: |"
  [ $rc -eq 0 ] || { echo "make check failed in $dir:"; find "$dir" -name test-suite.log -exec cat {} \; | head -200; }
  return $rc
}

echo "== build with -Werror, run the test suite"
build_and_check build --enable-werror || status=1
echo "== again under ASan + UBSan"
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" ASAN_OPTIONS=detect_leaks=1 build_and_check build-asan --enable-werror --enable-sanitizers || status=1
echo "== make distcheck (the release tarball builds and passes its tests in a clean tree)"
if make -C build distcheck >build/distcheck.log 2>&1; then
  echo "distcheck: ok"
else
  echo "distcheck: FAILED"; grep -E "^(FAIL|ERROR)|Error [0-9]|files left" build/distcheck.log | head -20; status=1
fi
if [ -x tests/fuzz/run.sh ] && command -v clang >/dev/null; then
  echo "== fuzz targets (bounded)"
  FUZZ_PLUGIN_PATH="$PWD/build/plugins" tests/fuzz/run.sh build-fuzz 20 || status=1
fi

# One closing line over all suites.
passed=0; failed=0
for d in build build-asan; do
  while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
    find "$d" -name '*.log' -path '*test*' ! -name test-suite.log -exec grep -hE '^[0-9]+ passed, [0-9]+ failed' {} + |
      awk '{print $1, $3}')
  while read -r c f e; do passed=$((passed + c - f - e)); failed=$((failed + f + e)); done < <(
    find "$d" -name '*.log' -path '*test*' ! -name test-suite.log -exec grep -hE '^[0-9]+%: Checks:' {} + |
      sed -E 's/.*Checks: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+).*/\1 \2 \3/')
done
[ $status -ne 0 ] && [ $failed -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit $status
