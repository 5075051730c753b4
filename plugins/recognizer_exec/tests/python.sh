#!/bin/bash
# The Python helper's unit tests (python/tests), standard library only.
set -u
cd "$top_srcdir/python" && exec python3 -m unittest -v tests.test_docpipe_plugin
