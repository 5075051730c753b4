#!/bin/sh
# Install the Debian 12 packages docpipe needs to build, test and run.
# Idempotent: installs only what is missing (apt-get update only then).
set -e
PKGS="build-essential autoconf automake libtool pkg-config libltdl-dev libconfig-dev
libutf8proc-dev check libjansson-dev libxml2-dev libcurl4-openssl-dev libsqlite3-dev
libpcre2-dev python3 parallel sqlite3 clang valgrind"
# Headless Chromium renders the HTML report in its test: only for the test suite.
[ "${1:-}" = "--test" ] && PKGS="$PKGS chromium"
# Hyperscan is the dictionary-lookup ceiling bench/run measures: only for the benchmarks.
[ "${1:-}" = "--bench" ] && PKGS="$PKGS libhyperscan-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
