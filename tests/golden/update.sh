#!/bin/bash
# Store the outputs of every ready config anew, after a change that is meant to
# change them; review `git diff tests/golden/expected` before committing.
#   tests/golden/update.sh [BUILD_DIR]   (default: build)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/build}" && pwd)
export DOCPIPE=$build/core/docpipe DOCPIPE_PLUGIN_PATH=$build/plugins top_srcdir=$top
rm -rf "$top/tests/golden/expected"
"$top/tests/golden/run-configs.sh" "$top/tests/golden/expected"
