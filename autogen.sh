#!/bin/sh
# Generate configure and the Makefile.in files from configure.ac / Makefile.am.
set -e
cd "$(dirname "$0")"
mkdir -p m4 build-aux
autoreconf --install --force
