#!/bin/sh
# First command of the README: install what is missing, build, and run the
# default pipeline over the sample corpus; outputs land in out/.
set -e
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./autogen.sh >/dev/null
mkdir -p build
cd build
[ -f Makefile ] || ../configure --quiet
make -j"$(nproc)" --quiet
cd ..
DOCPIPE_PLUGIN_PATH="$PWD/build/plugins" ./build/core/docpipe run -c config/default.cfg --stats out/stats.json
echo "outputs:"; ls -l out/
