#!/bin/sh
# For the Windows trees' tests: with-asterisk.sh WITH_ASTERISK RUN_DIR COMMAND...
# runs the native with_asterisk (built by the native tree, which scripts/test builds
# first); when it is not there, says so and exits 77 (skipped).
if [ ! -x "$1" ]; then
    echo "asterisk: SKIPPED: $1 is not built (build the native tree first: scripts/test does)"
    exit 77
fi
exec "$@"
