#!/bin/bash
. "$top_srcdir/tests/lib.sh"
finish
